//! The adversary against adjudication, on a real dev node:
//! - *the brake*: a claim whose public window spans safe mode is not paid while the brake is on,
//!   and is paid only after it, with its whole window (every deadline moves by the time held);
//! - *the oracle*: three readings with an outlier — opening the event before the submission
//!   window closes fails, the median ignores the outlier and flags it, and an oracle that is a
//!   member in the region cannot report on it;
//! - *silence*: a basis-risk audit whose jurors do nothing is not paid (a fresh jury, then
//!   `Unproven`);
//! - *two members*: in a two-member alliance plan, one files the plan maximum and the other
//!   approves; an outsider challenges, and the reserve pays nothing.

use crate::{report, BLOCKS_TIMEOUT};
use codec::Encode;
use huzhu_integration_tests::{
	claims::{claim, claims_events, filed_id},
	governance,
	tx::{self, ChainContext},
	Client, Node, NodeConfig,
};
use huzhu_runtime::{
	genesis_config_presets::ORACLE_ACCOUNTS, AccountId, Balance, BlockNumber, Pool, Runtime,
	RuntimeCall, RuntimeEvent, UNITS,
};
use pallet_huzhu_claims::{
	Call as ClaimsCall, ClaimId, ClaimOf, ClaimStatus, Error as ClaimsError, Event, ReadingKey,
	RejectionReason,
};
use pallet_huzhu_governance::Origin as TrackOrigin;
use pallet_huzhu_membership::Call as MembershipCall;
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
use sp_runtime::DispatchError;
use std::time::Duration;

use huzhu_runtime::genesis_config_presets::{
	ALLIANCE_PLAN as ALLIANCE, CRITICAL_ILLNESS_PLAN as CRITICAL_ILLNESS, DROUGHT_PLAN as DROUGHT,
};
const REGION: u32 = 110101;
const FOUNDERS_REGION: u32 = 110102;
const PERIOD_LENGTH: BlockNumber = 10;

/// Sends `call` signed by `signer` and returns the error it failed with.
async fn refused(
	client: &Client,
	context: ChainContext,
	signer: &sr25519::Pair,
	call: RuntimeCall,
) -> DispatchError {
	let who = AccountId::from(signer.public());
	let extrinsic = tx::signed(call, signer, client.next_nonce(&who).await, context);
	let (_, _, events) = client.submit_and_include(&extrinsic.encode(), BLOCKS_TIMEOUT).await;
	events
		.into_iter()
		.find_map(|event| match event {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error, ..
			}) => Some(dispatch_error),
			_ => None,
		})
		.expect("the extrinsic fails")
}

fn claims_error(error: ClaimsError<Runtime>) -> DispatchError {
	error.into()
}

async fn reserve(client: &Client, plan: u32) -> Balance {
	let key = pallet_huzhu_pool::Books::<Runtime>::hashed_key_for(plan);
	let books: pallet_huzhu_pool::PlanBooksOf<Runtime> =
		client.storage(&key, None).await.expect("the plan has books");
	books.reserve
}

fn join(plan: u32, region: Option<u32>) -> RuntimeCall {
	RuntimeCall::HuzhuMembership(MembershipCall::join_plan { plan, deposit: 20 * UNITS, region })
}

/// Waits until `claim` is final; returns its state.
async fn wait_final(client: &Client, id: ClaimId, timeout: Duration) -> ClaimOf<Runtime> {
	let deadline = std::time::Instant::now() + timeout;
	loop {
		let current = claim(client, id, None).await;
		if current.status.is_final() {
			return current;
		}
		assert!(std::time::Instant::now() < deadline, "claim {id} is final in time: {current:?}");
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn adjudication_holds_against_the_brake_oracles_silence_and_two_member_plans() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let send_all = |calls| tx::send_all(&client, context, calls, BLOCKS_TIMEOUT);

	// Dave joins the illness and drought plans; Dave and Eve are the alliance plan's only members.
	let joined = send_all(vec![
		(Dave.pair(), join(CRITICAL_ILLNESS, None)),
		(Dave.pair(), join(DROUGHT, Some(REGION))),
		(Dave.pair(), join(ALLIANCE, None)),
		(Eve.pair(), join(ALLIANCE, None)),
	])
	.await;
	let last_join = governance::number_of(&client, joined.last().expect("joins").0).await;
	// Cover starts after the one-minute waiting period.
	let covered_from = last_join + PERIOD_LENGTH;
	client.wait_for_best(covered_from + 1, BLOCKS_TIMEOUT + Duration::from_secs(60)).await;

	// --- The brake: a decided claim, then safe mode before its window ends. ---
	// Two thirds of the emergency council are ready to brake (proposal and votes first, so that
	// closing the motion lands inside the claim's window).
	let brake = RuntimeCall::Governance(pallet_huzhu_governance::Call::pull_brake {});
	let motion = governance::CouncilMotion::propose(
		&client,
		context,
		&Alice.pair(),
		brake,
		2,
		0,
		BLOCKS_TIMEOUT,
	)
	.await;
	motion.vote_aye(&client, context, &[Alice.pair(), Bob.pair()], BLOCKS_TIMEOUT).await;
	let (_, filed) = tx::send(
		&client,
		context,
		&Dave.pair(),
		RuntimeCall::Claims(ClaimsCall::file_claim {
			plan: CRITICAL_ILLNESS,
			amount: 300 * UNITS,
			evidence: H256::repeat_byte(0xa1),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let braked_claim = filed_id(&filed);
	let (attested_block, attested) = tx::send(
		&client,
		context,
		&Bob.pair(),
		RuntimeCall::Claims(ClaimsCall::attest_claim {
			claim: braked_claim,
			diagnosis: H256::repeat_byte(0xb1),
			confirmed_amount: Some(250 * UNITS),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let window_ends = claims_events(&attested)
		.into_iter()
		.find_map(|event| match event {
			Event::ClaimDecided { window_ends, .. } => Some(window_ends),
			_ => None,
		})
		.expect("Claims::ClaimDecided");
	let decided_at = governance::number_of(&client, attested_block).await;
	let window = window_ends - decided_at;
	// Bob, the hospital, answers for the 250 HUZ it confirmed until the claim is decided for
	// good: that much of its bond is exposed, and it cannot withdraw the bond meanwhile.
	let bob_did: u64 = client
		.storage(
			&pallet_huzhu_membership::DidOf::<Runtime>::hashed_key_for(Bob.to_account_id()),
			None,
		)
		.await
		.expect("Bob has a DID");
	let exposure_key = pallet_huzhu_claims::AttesterExposure::<Runtime>::hashed_key_for(bob_did);
	assert_eq!(
		client.storage::<Balance>(&exposure_key, Some(attested_block)).await,
		Some(250 * UNITS)
	);

	let (entered, _) = motion.close(&client, context, &Alice.pair(), BLOCKS_TIMEOUT).await;
	let entered_at = governance::number_of(&client, entered).await;
	assert!(entered_at < window_ends, "safe mode starts inside the claim's window");

	// Past the block the window would have ended in: nothing is paid while the brake holds.
	client.wait_for_best(window_ends + 2, BLOCKS_TIMEOUT).await;
	assert!(
		matches!(
			claim(&client, braked_claim, None).await.status,
			ClaimStatus::Challengeable { .. }
		),
		"no window closes under the brake"
	);
	let release = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_exit {});
	let (_, released) = governance::pass(
		&client,
		context,
		governance::track(TrackOrigin::Emergency),
		release,
		&[Alice.pair(), Charlie.pair()],
		BLOCKS_TIMEOUT,
	)
	.await;
	let released_at = governance::number_of(&client, released).await;
	let (resumed_block, blocks_held) = governance::wait_for_event(
		&client,
		released_at - 1,
		BLOCKS_TIMEOUT,
		"Claims::ClockResumed",
		|event| match event {
			RuntimeEvent::Claims(Event::ClockResumed { blocks_held, .. }) => Some(*blocks_held),
			_ => None,
		},
	)
	.await;
	let (paid_block, paid) = governance::wait_for_event(
		&client,
		governance::number_of(&client, resumed_block).await - 1,
		BLOCKS_TIMEOUT,
		"Claims::ClaimPaid",
		|event| match event {
			RuntimeEvent::Claims(Event::ClaimPaid { claim, amount, .. })
				if *claim == braked_claim =>
			{
				Some(*amount)
			}
			_ => None,
		},
	)
	.await;
	assert_eq!(paid, 250 * UNITS);
	assert_eq!(client.storage::<Balance>(&exposure_key, Some(paid_block)).await, None);
	let paid_at = governance::number_of(&client, paid_block).await;
	// The whole window ran, plus every block the brake held the clock.
	assert_eq!(paid_at, decided_at + window + blocks_held);
	report("adjudication_blocks_held_by_the_brake", blocks_held);
	report("adjudication_claim_paid_blocks_after_window_without_brake", paid_at - window_ends);

	// --- The oracle: three readings of the next whole period, one an outlier. ---
	let period = client.best_number().await / PERIOD_LENGTH + 1;
	client.wait_for_best((period + 1) * PERIOD_LENGTH, BLOCKS_TIMEOUT).await;
	let key = ReadingKey { region: REGION, period, metric: 0 };
	assert_eq!(
		refused(
			&client,
			context,
			&Charlie.pair(),
			RuntimeCall::Claims(ClaimsCall::submit_reading {
				key: ReadingKey { region: REGION, period, metric: 0 },
				value: 0,
			}),
		)
		.await,
		claims_error(ClaimsError::OracleHasStake),
		"Charlie, a founding member in region {FOUNDERS_REGION}, shares the cost of {REGION}"
	);
	let oracle = |name: &str| sr25519::Pair::from_string(&format!("//{name}"), None).expect("key");
	let outlier = oracle(ORACLE_ACCOUNTS[1]);
	send_all(vec![
		(
			oracle(ORACLE_ACCOUNTS[2]),
			RuntimeCall::Claims(ClaimsCall::submit_reading { key, value: 300 }),
		),
		(
			oracle(ORACLE_ACCOUNTS[0]),
			RuntimeCall::Claims(ClaimsCall::submit_reading { key, value: 320 }),
		),
		(outlier.clone(), RuntimeCall::Claims(ClaimsCall::submit_reading { key, value: 0 })),
	])
	.await;
	let open =
		RuntimeCall::Claims(ClaimsCall::open_index_event { plan: DROUGHT, region: REGION, period });
	assert_eq!(
		refused(&client, context, &Eve.pair(), open.clone()).await,
		claims_error(ClaimsError::SubmissionWindowOpen)
	);
	client.wait_for_best((period + 2) * PERIOD_LENGTH, BLOCKS_TIMEOUT).await;
	let (_, opened) = tx::send(&client, context, &Eve.pair(), open, BLOCKS_TIMEOUT).await;
	let opened = claims_events(&opened);
	// The period before closed its opening window when this one's submissions closed: nobody
	// opens an old period once accreditations or terms may have changed.
	assert_eq!(
		refused(
			&client,
			context,
			&Eve.pair(),
			RuntimeCall::Claims(ClaimsCall::open_index_event {
				plan: DROUGHT,
				region: REGION,
				period: period - 1,
			}),
		)
		.await,
		claims_error(ClaimsError::EventOpeningOver)
	);
	assert!(opened.iter().any(|event| matches!(event,
		Event::IndexEventOpened { reading: 300, payout, .. } if *payout == 1_000 * UNITS)));
	assert!(opened.contains(&Event::OutlierReading {
		oracle: outlier.public().into(),
		key,
		value: 0,
		median: 300
	}));

	// --- Silence: an audit whose jurors never vote. ---
	let drought_reserve = reserve(&client, DROUGHT).await;
	let (_, audited) = tx::send(
		&client,
		context,
		&Dave.pair(),
		RuntimeCall::Claims(ClaimsCall::request_audit {
			plan: DROUGHT,
			period,
			amount: 1_000 * UNITS,
			evidence: H256::repeat_byte(0xa2),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let audit = filed_id(&audited);

	// --- Two members: Eve files the plan maximum, Dave approves, Alice (not a member of the
	// plan) challenges. ---
	let alliance_reserve = reserve(&client, ALLIANCE).await;
	let (_, filed) = tx::send(
		&client,
		context,
		&Eve.pair(),
		RuntimeCall::Claims(ClaimsCall::file_claim {
			plan: ALLIANCE,
			amount: 5_000 * UNITS,
			evidence: H256::repeat_byte(0xe1),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let drain = filed_id(&filed);
	tx::send(
		&client,
		context,
		&Dave.pair(),
		RuntimeCall::Claims(ClaimsCall::vote_alliance { claim: drain, approve: true }),
		BLOCKS_TIMEOUT,
	)
	.await;
	tx::send(
		&client,
		context,
		&Alice.pair(),
		RuntimeCall::Claims(ClaimsCall::challenge {
			claim: drain,
			reason: H256::repeat_byte(0xa3),
		}),
		BLOCKS_TIMEOUT,
	)
	.await;

	let timeout = BLOCKS_TIMEOUT * 3;
	let audited = wait_final(&client, audit, timeout).await;
	assert!(
		matches!(audited.status, ClaimStatus::Rejected { reason: RejectionReason::Unproven, .. }),
		"a silent jury pays nothing: {audited:?}"
	);
	let drained = wait_final(&client, drain, timeout).await;
	assert!(
		matches!(drained.status, ClaimStatus::Rejected { reason: RejectionReason::Unproven, .. }),
		"the two members cannot judge their own claim: {drained:?}"
	);
	// Neither reserve paid anything (absent jurors' bonds may only have added to them).
	assert!(reserve(&client, DROUGHT).await >= drought_reserve);
	assert!(reserve(&client, ALLIANCE).await >= alliance_reserve);
	let pool = Pool::pool_account(ALLIANCE);
	assert!(client.account(&pool, None).await.data.free >= alliance_reserve);
}
