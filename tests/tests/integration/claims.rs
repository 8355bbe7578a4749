//! The claims pallet on a running dev node, end to end for each trigger and for a jury:
//!
//! - *attestation*: Dave files under "Critical illness", Bob (the development hospital) attests a
//!   smaller amount; the claim is paid, with no transaction, in the block its one-minute public
//!   window ends;
//! - *alliance*: Eve files under "Supply-chain alliance", Dave (the other enterprise) approves;
//!   paid when its window ends; Dave gives notice to leave the plan during the window, stays
//!   liable for the claim, and leaves after it is paid, paying his share;
//! - *parametric*: the three genesis weather oracles report 300 mm of rainfall for Dave's
//!   region; anyone opens the index event (half-way from 500 mm to 100 mm: half the plan's
//!   maximum); Dave pulls his payout; paid when its window ends;
//! - *jury*: Eve files again, Bob attests, Ferdie challenges; two blocks later five members are
//!   drawn chain-wide (plan 0 is too small to judge itself), commit and reveal; the majority
//!   rejects; unappealed, the verdict becomes final: Eve's bond goes to the jurors, Ferdie and
//!   the reserve, and Bob loses what he vouched for.
//!
//! Each payout is checked against the member's and the pool's balances in the payout block. The
//! paid illness claim's record is pruned once its retention is over, and its record deposit
//! goes back to Dave.

use crate::{report, BLOCKS_TIMEOUT};
use huzhu_integration_tests::{
	claims::{claim, claims_events, filed_id},
	tx::{self, ChainContext},
	Client, Node, NodeConfig,
};
use huzhu_runtime::{
	genesis_config_presets::ORACLE_ACCOUNTS, AccountId, Balance, BlockNumber, Pool, Runtime,
	RuntimeCall, RuntimeEvent, UNITS,
};
use pallet_huzhu_claims::{
	Call as ClaimsCall, ClaimId, ClaimStatus, Decision, Event, JuryOutcome, JuryPhase, JuryRound,
	ReadingKey, RejectionReason, Verdict,
};
use pallet_huzhu_membership::{credential_types, Call as MembershipCall, DidPublicKey};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use std::time::Duration;

use huzhu_runtime::genesis_config_presets::{
	ALLIANCE_PLAN as ALLIANCE, CRITICAL_ILLNESS_PLAN as CRITICAL_ILLNESS, DROUGHT_PLAN as DROUGHT,
};
const REGION: u32 = 110101;
/// Blocks of a rainfall period (`rainfall_metric`) and of a genesis plan's waiting period.
const PERIOD_LENGTH: BlockNumber = 10;

/// The events of block `at` emitted outside extrinsics (`on_initialize`).
async fn hook_events(client: &Client, at: H256) -> Vec<Event<Runtime>> {
	let events: Vec<RuntimeEvent> = client
		.events(at)
		.await
		.into_iter()
		.filter(|record| !matches!(record.phase, frame_system::Phase::ApplyExtrinsic(_)))
		.map(|record| record.event)
		.collect();
	claims_events(&events)
}

/// Free plus held balance of `who` at `at`.
async fn total(client: &Client, who: &AccountId, at: H256) -> Balance {
	let data = client.account(who, Some(at)).await.data;
	data.free + data.reserved
}

fn juror_pair(index: u32) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//Juror{index}"), None).expect("a valid derivation")
}

fn oracle_pair(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{name}"), None).expect("a valid derivation")
}

/// The id a `ClaimFiled` event among `events` gives the claim.
/// The window end a `ClaimDecided` event among `events` announces.
fn decided_window(events: &[RuntimeEvent], expected: Decision) -> BlockNumber {
	claims_events(events)
		.into_iter()
		.find_map(|event| match event {
			Event::ClaimDecided { decision, window_ends, .. } if decision == expected => {
				Some(window_ends)
			}
			_ => None,
		})
		.expect("Claims::ClaimDecided")
}

async fn number_of(client: &Client, block: H256) -> BlockNumber {
	let header: serde_json::Value = client.call("chain_getHeader", [block]).await;
	let number = header["number"].as_str().expect("a hex number");
	BlockNumber::from_str_radix(number.trim_start_matches("0x"), 16).expect("hex")
}

/// Waits for block `number` and checks that its `on_initialize` paid `claim` to `member` from
/// `plan`'s pool: the event, the member's total balance (+amount, the bond returned to free) and
/// the pool's balance (−amount, and the fee sent on). Returns the payout block's hash.
async fn expect_paid_in(
	client: &Client,
	number: BlockNumber,
	claim_id: ClaimId,
	member: &AccountId,
	plan: u32,
	amount: Balance,
) -> H256 {
	client.wait_for_best(number, BLOCKS_TIMEOUT).await;
	let block = client.block_hash(number).await.expect("the payout block");
	let parent = client.block_hash(number - 1).await.expect("its parent");
	assert!(
		hook_events(client, block).await.contains(&Event::ClaimPaid {
			claim: claim_id,
			member: member.clone(),
			amount,
			block: number
		}),
		"claim {claim_id} is paid in block {number}"
	);
	assert_eq!(total(client, member, block).await, total(client, member, parent).await + amount);
	// The pool pays the amount and sends on at most the management fee it charged (the fee is
	// charged on every paid case; part of it may stay in the reserve), and its books balance.
	let pool = Pool::pool_account(plan);
	let receipt = client
		.events(block)
		.await
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::Pool(pallet_huzhu_pool::Event::ClaimPaid {
				plan: paid, receipt, ..
			}) if paid == plan => Some(receipt),
			_ => None,
		})
		.expect("the pool's ClaimPaid");
	assert_eq!(receipt.paid, amount);
	let outflow = client.account(&pool, Some(parent)).await.data.free
		- client.account(&pool, Some(block)).await.data.free;
	assert!(
		outflow >= amount && outflow - amount <= receipt.fee,
		"the pool paid {outflow} for {amount} with a fee of {}",
		receipt.fee
	);
	let solvency: Option<pallet_huzhu_pool::runtime_api::PlanSolvency<Balance>> =
		client.runtime_call("PoolApi_plan_solvency", plan, Some(block)).await;
	let solvency = solvency.expect("the plan's books");
	assert_eq!(
		solvency.pool_balance + solvency.unsettled,
		solvency.endowment + solvency.total_deposits + solvency.reserve
	);
	assert_eq!(
		claim(client, claim_id, Some(block)).await.status,
		ClaimStatus::Paid { at: number, amount }
	);
	block
}

fn join(plan: u32, region: Option<u32>) -> RuntimeCall {
	RuntimeCall::HuzhuMembership(MembershipCall::join_plan { plan, deposit: 20 * UNITS, region })
}

#[tokio::test(flavor = "multi_thread")]
async fn three_triggers_pay_automatically_and_a_jury_rejects_a_challenged_claim() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let send_all = |calls| tx::send_all(&client, context, calls, BLOCKS_TIMEOUT);

	// Ferdie and four jurors become KYC'd members of the critical-illness plan (Dave and Eve
	// are KYC'd at genesis); Dave also joins the drought plan in region 110101, Dave and Eve
	// the alliance plan.
	let jurors: Vec<sr25519::Pair> = (1..=4).map(juror_pair).collect();
	let mut setup: Vec<(sr25519::Pair, RuntimeCall)> = jurors
		.iter()
		.map(|juror| (Alice.pair(), tx::transfer_call(&juror.public().into(), 1_000 * UNITS)))
		.collect();
	setup.push((
		Ferdie.pair(),
		RuntimeCall::HuzhuMembership(MembershipCall::create_did {
			authentication: DidPublicKey::Sr25519(Ferdie.public()),
		}),
	));
	send_all(setup).await;
	let created = send_all(
		jurors
			.iter()
			.map(|juror| {
				let call = RuntimeCall::HuzhuMembership(MembershipCall::create_did {
					authentication: DidPublicKey::Sr25519(juror.public()),
				});
				(juror.clone(), call)
			})
			.collect(),
	)
	.await;
	assert_eq!(created.len(), 4);
	let did_of = async |who: AccountId| -> u64 {
		let key = pallet_huzhu_membership::DidOf::<Runtime>::hashed_key_for(&who);
		client.storage(&key, None).await.expect("a DID")
	};
	let mut kyc = Vec::new();
	for who in std::iter::once(Ferdie.to_account_id())
		.chain(jurors.iter().map(|juror| juror.public().into()))
	{
		let subject = did_of(who).await;
		kyc.push((
			Bob.pair(),
			RuntimeCall::HuzhuMembership(MembershipCall::attest_credential {
				subject,
				credential_type: credential_types::KYC,
				commitment: H256::repeat_byte(subject as u8),
				expires_at: None,
			}),
		));
	}
	send_all(kyc).await;
	let mut joins: Vec<(sr25519::Pair, RuntimeCall)> = [Dave.pair(), Eve.pair(), Ferdie.pair()]
		.into_iter()
		.chain(jurors.iter().cloned())
		.map(|member| (member, join(CRITICAL_ILLNESS, None)))
		.collect();
	joins.push((Dave.pair(), join(DROUGHT, Some(REGION))));
	joins.push((Dave.pair(), join(ALLIANCE, None)));
	joins.push((Eve.pair(), join(ALLIANCE, None)));
	let joined = send_all(joins).await;
	let last_join = number_of(&client, joined.last().expect("joins").0).await;
	// Cover starts after the waiting period; the first whole rainfall period after it is the
	// one Dave is covered for.
	let covered_from = last_join + PERIOD_LENGTH;
	let period = covered_from.div_ceil(PERIOD_LENGTH);
	client.wait_for_best(covered_from + 1, BLOCKS_TIMEOUT + Duration::from_secs(60)).await;

	// --- Attestation and alliance, side by side. ---
	let filed = send_all(vec![
		(
			Dave.pair(),
			RuntimeCall::Claims(ClaimsCall::file_claim {
				plan: CRITICAL_ILLNESS,
				amount: 300 * UNITS,
				evidence: H256::repeat_byte(0xd1),
			}),
		),
		(
			Eve.pair(),
			RuntimeCall::Claims(ClaimsCall::file_claim {
				plan: ALLIANCE,
				amount: 200 * UNITS,
				evidence: H256::repeat_byte(0xe1),
			}),
		),
	])
	.await;
	let (illness_claim, alliance_claim) = (filed_id(&filed[0].1), filed_id(&filed[1].1));
	let decided = send_all(vec![
		(
			Bob.pair(),
			RuntimeCall::Claims(ClaimsCall::attest_claim {
				claim: illness_claim,
				diagnosis: H256::repeat_byte(0xb1),
				confirmed_amount: Some(250 * UNITS),
			}),
		),
		(
			Dave.pair(),
			RuntimeCall::Claims(ClaimsCall::vote_alliance { claim: alliance_claim, approve: true }),
		),
	])
	.await;
	let illness_window = decided_window(&decided[0].1, Decision::Attested);
	let alliance_window = decided_window(&decided[1].1, Decision::Voted);
	let decided_at = number_of(&client, decided[0].0).await;
	// Dave gives notice to leave the alliance plan while Eve's claim is in its public window:
	// he stays covered, and liable for it.
	let notice = RuntimeCall::HuzhuMembership(MembershipCall::exit_plan { plan: ALLIANCE });
	let given = send_all(vec![(Dave.pair(), notice.clone())]).await;
	let membership_events: Vec<pallet_huzhu_membership::Event<Runtime>> = given[0]
		.1
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::HuzhuMembership(event) => Some(event.clone()),
			_ => None,
		})
		.collect();
	assert!(
		matches!(membership_events.as_slice(),
			[pallet_huzhu_membership::Event::ExitNoticeGiven { plan: ALLIANCE, liable_below, .. }]
				if *liable_below > alliance_claim),
		"a notice, not an exit: {membership_events:?}"
	);
	expect_paid_in(
		&client,
		illness_window,
		illness_claim,
		&Dave.to_account_id(),
		CRITICAL_ILLNESS,
		250 * UNITS,
	)
	.await;
	expect_paid_in(
		&client,
		alliance_window,
		alliance_claim,
		&Eve.to_account_id(),
		ALLIANCE,
		200 * UNITS,
	)
	.await;
	report("claims_blocks_from_decision_to_payout", illness_window - decided_at);
	// Eve's claim was shared by both alliance members, Dave included: 210 HUZ over two, capped
	// at 5 HUZ each with the 5 % fee on top: 5.25 HUZ. Now Dave leaves, paying his share.
	let share = 525 * UNITS / 100;
	let paid_at = client.block_hash(alliance_window).await.expect("the payout block");
	let dave_position: Option<(Balance, Balance)> = client
		.runtime_call("PoolApi_member_balance", (ALLIANCE, Dave.to_account_id()), Some(paid_at))
		.await;
	assert_eq!(dave_position, Some((20 * UNITS, share)));
	let left = send_all(vec![(Dave.pair(), notice)]).await;
	assert!(left[0].1.iter().any(|event| matches!(
		event,
		RuntimeEvent::HuzhuMembership(pallet_huzhu_membership::Event::MemberExited {
			plan: ALLIANCE,
			..
		})
	)));
	assert!(left[0].1.iter().any(|event| matches!(event,
		RuntimeEvent::Pool(pallet_huzhu_pool::Event::Settled { plan: ALLIANCE, who, owed })
			if *who == Dave.to_account_id() && *owed == share)));

	// --- Parametric: readings, an index event, Dave's payout. ---
	client.wait_for_best((period + 1) * PERIOD_LENGTH, BLOCKS_TIMEOUT).await;
	let key = ReadingKey { region: REGION, period, metric: 0 };
	// Three stations with no stake in the drought plan (Charlie, a founder, has one).
	let oracles: Vec<sr25519::Pair> =
		ORACLE_ACCOUNTS.iter().map(|name| oracle_pair(name)).collect();
	send_all(
		oracles
			.iter()
			.zip([280, 300, 320])
			.map(|(oracle, value)| {
				(oracle.clone(), RuntimeCall::Claims(ClaimsCall::submit_reading { key, value }))
			})
			.collect(),
	)
	.await;
	// An index event opens only once the period's submission window (a minute) has closed.
	client.wait_for_best((period + 2) * PERIOD_LENGTH, BLOCKS_TIMEOUT).await;
	let (_, opened) = tx::send(
		&client,
		context,
		&Ferdie.pair(),
		RuntimeCall::Claims(ClaimsCall::open_index_event { plan: DROUGHT, region: REGION, period }),
		BLOCKS_TIMEOUT,
	)
	.await;
	// The median, 300 mm, is half-way from 500 to 100 mm: half of the 2 000 HUZ maximum.
	let index_payout = 1_000 * UNITS;
	assert!(claims_events(&opened).iter().any(|event| matches!(event,
		Event::IndexEventOpened { plan: DROUGHT, region: REGION, reading: 300, payout, .. }
			if *payout == index_payout)));
	let (_, pulled) = tx::send(
		&client,
		context,
		&Dave.pair(),
		RuntimeCall::Claims(ClaimsCall::claim_index_payout { plan: DROUGHT, period }),
		BLOCKS_TIMEOUT,
	)
	.await;
	let index_claim = filed_id(&pulled);
	let index_window = decided_window(&pulled, Decision::Triggered);
	expect_paid_in(
		&client,
		index_window,
		index_claim,
		&Dave.to_account_id(),
		DROUGHT,
		index_payout,
	)
	.await;

	// --- The public record: Dave's paid illness claim held a record deposit; its retention (a
	// minute on the dev chain) is over, so anyone (Ferdie) prunes it and the deposit goes back.
	let deposit_key = pallet_huzhu_claims::RecordDeposits::<Runtime>::hashed_key_for(illness_claim);
	let record_deposit = async |at| client.storage::<Balance>(&deposit_key, Some(at)).await;
	assert_eq!(record_deposit(decided[0].0).await, Some(UNITS));
	client.wait_for_best(illness_window + PERIOD_LENGTH, BLOCKS_TIMEOUT).await;
	let (pruned_in, pruned) = tx::send(
		&client,
		context,
		&Ferdie.pair(),
		RuntimeCall::Claims(ClaimsCall::prune_claim { claim: illness_claim }),
		BLOCKS_TIMEOUT,
	)
	.await;
	assert!(claims_events(&pruned)
		.contains(&Event::ClaimPruned { claim: illness_claim, deposit: UNITS }));
	let before_prune =
		client.block_hash(number_of(&client, pruned_in).await - 1).await.expect("the block before");
	let dave = Dave.to_account_id();
	let (held_before, held_after) = (
		client.account(&dave, Some(before_prune)).await.data.reserved,
		client.account(&dave, Some(pruned_in)).await.data.reserved,
	);
	assert_eq!(held_before - held_after, UNITS, "Dave's record deposit is released");
	let claim_key = pallet_huzhu_claims::Claims::<Runtime>::hashed_key_for(illness_claim);
	assert_eq!(client.storage_raw(&claim_key, Some(pruned_in)).await, None);
	assert_eq!(record_deposit(pruned_in).await, None);

	// --- A challenged claim decided by a jury. ---
	let (_, filed) = tx::send(
		&client,
		context,
		&Eve.pair(),
		RuntimeCall::Claims(ClaimsCall::file_claim {
			plan: CRITICAL_ILLNESS,
			amount: 100 * UNITS,
			evidence: H256::repeat_byte(0xe2),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let disputed = filed_id(&filed);
	tx::send(
		&client,
		context,
		&Bob.pair(),
		RuntimeCall::Claims(ClaimsCall::attest_claim {
			claim: disputed,
			diagnosis: H256::repeat_byte(0xb2),
			confirmed_amount: Some(100 * UNITS),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let (challenge_block, challenged) = tx::send(
		&client,
		context,
		&Ferdie.pair(),
		RuntimeCall::Claims(ClaimsCall::challenge {
			claim: disputed,
			reason: H256::repeat_byte(0xf1),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	// Nobody can know the jury when challenging: it is drawn in a later block's hook.
	assert!(!claims_events(&challenged)
		.iter()
		.any(|event| matches!(event, Event::JuryDrawn { .. })));
	let draw_at = claims_events(&challenged)
		.into_iter()
		.find_map(|event| match event {
			Event::JuryScheduled { claim, draw_at, .. } if claim == disputed => Some(draw_at),
			_ => None,
		})
		.expect("Claims::JuryScheduled");
	// Without the brake the adjudication clock ticks with the blocks.
	client.wait_for_best(draw_at, BLOCKS_TIMEOUT).await;
	let draw_block = client.block_hash(draw_at).await.expect("the draw block");
	let (drawn, commit_ends, reveal_ends) = hook_events(&client, draw_block)
		.await
		.into_iter()
		.find_map(|event| match event {
			Event::JuryDrawn { jurors, commit_ends, reveal_ends, .. } => {
				Some((jurors, commit_ends, reveal_ends))
			}
			_ => None,
		})
		.expect("Claims::JuryDrawn");
	// Plan 0 has too few members to judge itself beside the parties: the jury comes from every
	// active member DID of the chain (the founders Alice and Charlie too), never the parties (Eve,
	// Ferdie) nor the attesting hospital (Bob).
	let mut pool_members: Vec<(AccountId, sr25519::Pair)> = vec![
		(Alice.to_account_id(), Alice.pair()),
		(Charlie.to_account_id(), Charlie.pair()),
		(Dave.to_account_id(), Dave.pair()),
	];
	pool_members
		.extend(jurors.iter().map(|juror| (AccountId::from(juror.public()), juror.clone())));
	assert_eq!(drawn.len(), 5);
	for juror in &drawn {
		assert!(pool_members.iter().any(|(who, _)| who == juror), "{juror} is an eligible juror");
	}
	let pair_of = |who: &AccountId| -> sr25519::Pair {
		pool_members.iter().find(|(member, _)| member == who).expect("a juror").1.clone()
	};
	// Four vote to reject, one to uphold; everyone reveals.
	let votes: Vec<(sr25519::Pair, Verdict, [u8; 32])> = drawn
		.iter()
		.enumerate()
		.map(|(index, who)| {
			let verdict = if index == 0 { Verdict::Uphold } else { Verdict::Reject };
			(pair_of(who), verdict, [index as u8 + 1; 32])
		})
		.collect();
	send_all(
		votes
			.iter()
			.map(|(pair, verdict, salt)| {
				let commitment = pallet_huzhu_claims::Pallet::<Runtime>::vote_commitment(
					disputed, *verdict, *salt,
				);
				(
					pair.clone(),
					RuntimeCall::Claims(ClaimsCall::commit_vote { claim: disputed, commitment }),
				)
			})
			.collect(),
	)
	.await;
	client.wait_for_best(commit_ends, BLOCKS_TIMEOUT).await;
	send_all(
		votes
			.iter()
			.map(|(pair, verdict, salt)| {
				let call = RuntimeCall::Claims(ClaimsCall::reveal_vote {
					claim: disputed,
					verdict: *verdict,
					salt: *salt,
					rationale: H256::repeat_byte(0x99),
				});
				(pair.clone(), call)
			})
			.collect(),
	)
	.await;
	client.wait_for_best(reveal_ends, BLOCKS_TIMEOUT).await;
	let verdict_block = client.block_hash(reveal_ends).await.expect("the verdict block");
	assert!(hook_events(&client, verdict_block).await.contains(&Event::JuryVerdict {
		claim: disputed,
		round: JuryRound::First,
		outcome: JuryOutcome::Rejected,
		upholds: 1,
		rejects: 4,
		absent: 0
	}));
	let ClaimStatus::Disputed {
		phase: JuryPhase::Appealable { upheld: false, appeal_ends }, ..
	} = claim(&client, disputed, Some(verdict_block)).await.status
	else {
		panic!("the first verdict is open to appeal")
	};
	// Nobody appeals: the rejection is final when the appeal period ends.
	client.wait_for_best(appeal_ends, BLOCKS_TIMEOUT).await;
	let final_block = client.block_hash(appeal_ends).await.expect("the final block");
	let parent = client.block_hash(appeal_ends - 1).await.expect("its parent");
	let final_events = hook_events(&client, final_block).await;
	assert_eq!(
		claim(&client, disputed, Some(final_block)).await.status,
		ClaimStatus::Rejected { at: appeal_ends, reason: RejectionReason::Jury }
	);
	let bob_did = did_of(Bob.to_account_id()).await;
	assert!(final_events.contains(&Event::AttesterSlashed {
		claim: disputed,
		attester: bob_did,
		amount: 100 * UNITS
	}));
	// Eve's 1 HUZ bond: a fifth to the five jurors who revealed, half the rest to Ferdie and
	// half to the plan's reserve; Ferdie's bond returns. Bob vouched for 100 HUZ the jury found
	// false: it loses as much to the plan's reserve and is suspended.
	assert!(final_events.contains(&Event::SlashDistributed {
		claim: disputed,
		to_winners: UNITS * 3 / 5,
		to_reserve: UNITS * 2 / 5
	}));
	let eve = Eve.to_account_id();
	let ferdie = Ferdie.to_account_id();
	assert_eq!(total(&client, &eve, final_block).await, total(&client, &eve, parent).await - UNITS);
	assert_eq!(
		total(&client, &ferdie, final_block).await,
		total(&client, &ferdie, parent).await + UNITS * 2 / 5
	);
	let challenge_at = number_of(&client, challenge_block).await;
	report("claims_blocks_from_challenge_to_final_verdict", appeal_ends - challenge_at);
}
