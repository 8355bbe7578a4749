//! The pool pallet on a running dev node: two members join the genesis critical-illness plan,
//! a claim is paid from the plan's keyless pool (through `force_payout`, enacted by a
//! treasury-and-custody referendum of the founding members Alice and Charlie: the path the
//! claims pallet takes through `PoolPayout`), the cost is shared in O(1), and a member
//! settles; balances and the solvency API agree to the planck.

use crate::{report, BLOCKS_TIMEOUT};
use huzhu_integration_tests::{
	governance,
	tx::{self, ChainContext},
	Client, Node, NodeConfig,
};
use huzhu_runtime::{AccountId, Balance, Pool, RuntimeCall, RuntimeEvent, UNITS};
use pallet_huzhu_pool::{runtime_api::PlanSolvency, Event, PayoutReceipt};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Charlie, Dave, Eve, Ferdie};
use std::time::Duration;

use huzhu_runtime::genesis_config_presets::CRITICAL_ILLNESS_PLAN as PLAN;

async fn solvency(client: &Client, at: H256) -> PlanSolvency<Balance> {
	let solvency: Option<PlanSolvency<Balance>> =
		client.runtime_call("PoolApi_plan_solvency", PLAN, Some(at)).await;
	solvency.expect("plan 0's pool has books from genesis")
}

async fn member_balance(client: &Client, who: &AccountId, at: H256) -> (Balance, Balance) {
	let position: Option<(Balance, Balance)> =
		client.runtime_call("PoolApi_member_balance", (PLAN, who.clone()), Some(at)).await;
	position.expect("the member has a position")
}

/// Sends `call` signed by `signer` and returns the block and the extrinsic's events.
async fn send(
	client: &Client,
	context: ChainContext,
	signer: Sr25519Keyring,
	call: RuntimeCall,
) -> (H256, Vec<RuntimeEvent>) {
	tx::send(client, context, &signer.pair(), call, BLOCKS_TIMEOUT).await
}

#[tokio::test(flavor = "multi_thread")]
async fn members_deposit_a_claim_is_paid_and_shared() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let pool = Pool::pool_account(PLAN);
	let genesis = client.genesis_hash().await;
	let at_genesis = solvency(&client, genesis).await;
	assert_eq!(at_genesis.reserve, huzhu_runtime::genesis_config_presets::GENESIS_RESERVE);
	assert_eq!(
		at_genesis.pool_balance,
		at_genesis.reserve + at_genesis.endowment,
		"the genesis pool holds its reserve and its existential deposit"
	);
	assert_eq!(at_genesis.endowment, huzhu_runtime::EXISTENTIAL_DEPOSIT);

	// Dave and Eve (KYC holders at genesis) join with 20 HUZ each.
	let deposit = 20 * UNITS;
	let join = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::join_plan {
		plan: PLAN,
		deposit,
		region: None,
	});
	let (_, dave_events) = send(&client, context, Dave, join.clone()).await;
	assert!(dave_events.iter().any(|event| matches!(event,
		RuntimeEvent::Pool(Event::Deposited { plan: PLAN, who, amount })
			if *who == Dave.to_account_id() && *amount == deposit)));
	let (eve_block, _) = send(&client, context, Eve, join).await;
	assert_eq!(solvency(&client, eve_block).await.total_deposits, 2 * deposit);

	// Cover starts after the one-minute waiting period: both members are then covered.
	client
		.wait_until(
			"both members to be covered",
			BLOCKS_TIMEOUT + Duration::from_secs(60),
			async |client| {
				let best = client.block_hash(client.best_number().await).await.expect("best");
				solvency(client, best).await.covered_members == 2
			},
		)
		.await;

	// The members pass a treasury-and-custody referendum paying a 100 HUZ claim to Ferdie.
	let before_block = client.block_hash(client.best_number().await).await.expect("best");
	let before = solvency(&client, before_block).await;
	let ferdie = Ferdie.to_account_id();
	let ferdie_before = client.account(&ferdie, None).await.data.free;
	let amount = 100 * UNITS;
	let payout = RuntimeCall::Pool(pallet_huzhu_pool::Call::force_payout {
		plan: PLAN,
		beneficiary: ferdie.clone(),
		amount,
	});
	let (_, block) = governance::pass(
		&client,
		context,
		governance::track(pallet_huzhu_governance::Origin::TreasuryCustody),
		payout.clone(),
		&[Alice.pair(), Charlie.pair()],
		BLOCKS_TIMEOUT,
	)
	.await;
	let events: Vec<RuntimeEvent> =
		client.events(block).await.into_iter().map(|record| record.event).collect();
	let receipt: PayoutReceipt<Balance> = events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::Pool(Event::ClaimPaid { plan: PLAN, beneficiary, receipt })
				if *beneficiary == ferdie =>
			{
				Some(*receipt)
			}
			_ => None,
		})
		.expect("Pool::ClaimPaid");
	// Cost 100 + 8% fee = 108 HUZ over 2 members = 54 each, capped at 5 HUZ per claim with
	// the fee's 8 % on top (the default `CappedFee::Members`): 5.4 HUZ each. The members are
	// charged 10.8 HUZ, the reserve pays the other 97.2, and the fee (8 HUZ) is charged in full:
	// the reserve is above its target, so all of it goes to the fee account.
	let share = 54 * UNITS / 10;
	assert_eq!(
		receipt,
		PayoutReceipt {
			paid: amount,
			share_per_member: share,
			members: 2,
			from_reserve: 108 * UNITS - 2 * share,
			fee: 8 * UNITS
		}
	);
	let fee_account = huzhu_runtime::configs::FeeAccount::get();
	assert_eq!(
		client.account(&fee_account, Some(block)).await.data.free,
		client.account(&fee_account, Some(before_block)).await.data.free + 8 * UNITS
	);
	assert_eq!(client.account(&ferdie, Some(block)).await.data.free, ferdie_before + amount);
	let after = solvency(&client, block).await;
	// The pool paid the claim and sent the fee on (the reserve is above its target).
	assert_eq!(after.pool_balance, before.pool_balance - amount - 8 * UNITS);
	assert_eq!(after.reserve, before.reserve - (108 * UNITS - 2 * share));
	assert_eq!(after.unsettled, 2 * share);
	assert_eq!(after.share_index, share);
	assert_eq!(after.total_fees, 8 * UNITS);
	assert_eq!(after.total_paid_out, amount);
	assert_eq!(client.account(&pool, Some(block)).await.data.free, after.pool_balance);
	// The books balance to the planck.
	assert_eq!(
		after.pool_balance + after.unsettled,
		after.endowment + after.total_deposits + after.reserve
	);
	let dave = Dave.to_account_id();
	assert_eq!(member_balance(&client, &dave, block).await, (deposit, share));

	// Anyone settles Dave: his deposit pays his share.
	let settle =
		RuntimeCall::Pool(pallet_huzhu_pool::Call::settle { plan: PLAN, member: dave.clone() });
	let (block, events) = send(&client, context, Ferdie, settle).await;
	assert!(events.iter().any(|event| matches!(event,
		RuntimeEvent::Pool(Event::Settled { plan: PLAN, who, owed })
			if *who == dave && *owed == share)));
	assert_eq!(member_balance(&client, &dave, block).await, (deposit - share, 0));
	let settled = solvency(&client, block).await;
	assert_eq!(settled.unsettled, share);
	assert_eq!(settled.pool_balance, after.pool_balance, "settling moves no tokens");
	report("pool_claim_paid_members", receipt.members);
	report("pool_claim_share_per_member_plancks", receipt.share_per_member);

	// Two more claims in one referendum, with a two-block notice period. Dave (14.6 left) and
	// Eve (20, owing 5.4) share both: their deposits fall below the 10 HUZ minimum with the
	// first, and they go on sharing until their deposits run out or they leave.
	let mut params = huzhu_runtime::configs::DefaultPoolParams::get();
	params.notice_period = 2;
	let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
		calls: vec![
			RuntimeCall::Pool(pallet_huzhu_pool::Call::set_pool_params { plan: PLAN, params }),
			payout.clone(),
			payout,
		],
	});
	let (_, block) = governance::pass(
		&client,
		context,
		governance::track(pallet_huzhu_governance::Origin::TreasuryCustody),
		batch,
		&[Alice.pair(), Charlie.pair()],
		BLOCKS_TIMEOUT,
	)
	.await;
	// Before anyone is settled the books show it: nobody is covered any more (the membership
	// API says so), both still share claims, and what each owes is within its deposit (there is
	// no deficit to hide).
	let lapsed = solvency(&client, block).await;
	assert_eq!(lapsed.covered_members, 2);
	assert_eq!(lapsed.share_index, 3 * share);
	assert_eq!(
		lapsed.pool_balance + lapsed.unsettled,
		lapsed.endowment + lapsed.total_deposits + lapsed.reserve
	);
	let eve = Eve.to_account_id();
	assert_eq!(member_balance(&client, &dave, block).await, (deposit - share, 2 * share));
	assert_eq!(member_balance(&client, &eve, block).await, (deposit, 3 * share));
	for member in [&dave, &eve] {
		let did: Option<u64> =
			client.runtime_call("MembershipApi_did_of", member.clone(), Some(block)).await;
		let membership: Option<(pallet_huzhu_membership::MemberRecord<u32>, bool)> = client
			.runtime_call("MembershipApi_membership", (PLAN, did.expect("a DID")), Some(block))
			.await;
		let (record, covered) = membership.expect("still a member");
		// Active until a refresh — or the voters' sweep, which lapses voters no longer covered
		// in its block's spare weight (both are voters: the plan requires KYC).
		assert!(
			matches!(
				record.status,
				pallet_huzhu_membership::MemberStatus::Active
					| pallet_huzhu_membership::MemberStatus::Lapsed(
						pallet_huzhu_membership::LapseReason::DepositExhausted
					)
			),
			"{:?}",
			record.status
		);
		assert!(!covered, "a member whose deposit is below the minimum is not covered");
	}

	// Both leave and take what they have, one after the other: each receives its whole deposit
	// less its shares, whoever goes first.
	let mut requested = Vec::new();
	for (signer, owner) in [(Dave, &dave), (Eve, &eve)] {
		let exit =
			RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan { plan: PLAN });
		let (block, _) = send(&client, context, signer, exit).await;
		let (left, owed) = member_balance(&client, owner, block).await;
		assert_eq!(owed, 0, "exiting settles");
		let request = RuntimeCall::Pool(pallet_huzhu_pool::Call::request_withdrawal {
			plan: PLAN,
			amount: left,
		});
		send(&client, context, signer, request).await;
		requested.push((signer, owner, left));
	}
	client.wait_for_best(client.best_number().await + 2, BLOCKS_TIMEOUT).await;
	for (signer, owner, left) in requested {
		let before = client.account(owner, None).await.data.free;
		let (block, events) = send(
			&client,
			context,
			signer,
			RuntimeCall::Pool(pallet_huzhu_pool::Call::withdraw { plan: PLAN }),
		)
		.await;
		assert!(events.iter().any(|event| matches!(event,
			RuntimeEvent::Pool(Event::Withdrawn { plan: PLAN, who, amount })
				if who == owner && *amount == left)));
		let after = client.account(owner, Some(block)).await.data.free;
		assert!(after + UNITS / 10 > before + left, "{owner:?} received {left} less the fee");
		report("pool_leaver_received_plancks", left);
	}
	let best = client.block_hash(client.best_number().await).await.expect("best");
	let emptied = solvency(&client, best).await;
	assert_eq!(emptied.total_deposits, 0);
	assert_eq!(emptied.pool_balance, emptied.endowment + emptied.reserve);
}
