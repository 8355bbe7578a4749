//! Governance on a running dev node, without sudo: the founding members (Alice and Charlie,
//! active members from genesis) pass a plan-terms referendum and a runtime upgrade (a new wasm
//! with a higher `spec_version`, through a preimage); after each enactment delay the plan's
//! terms changed and the running chain reports the new `spec_version` and keeps producing
//! blocks. A non-member cannot submit. The polkadot-js governance script finds everything
//! polkadot-js apps' *Ranked collective* page needs, lists an ongoing referendum and its
//! recorded votes, casts a member's vote through `rankedCollective.vote` and prints the new
//! tally; a non-voter's vote is refused. The emergency council puts the
//! chain in safe mode (mutual-aid calls refused) and the members end it by referendum.

use crate::{report, BLOCKS_TIMEOUT};
use codec::Encode;
use huzhu_integration_tests::{
	governance::{self, number_of},
	polkadot_js,
	tx::{self, ChainContext},
	Client, Node, NodeConfig,
};
use huzhu_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, UNITS};
use pallet_huzhu_governance::{Origin as TrackOrigin, Tally};
use pallet_huzhu_membership::{Plan, PlanTerms};
use pallet_referenda::ReferendumInfo;
use sp_core::{sr25519, H256};
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Ferdie};
use sp_runtime::Permill;
use std::time::Duration;

use huzhu_runtime::genesis_config_presets::{CRITICAL_ILLNESS_PLAN as PLAN, DROUGHT_PLAN};

/// Enough for a runtime upgrade on a loaded machine: its track waits 2 + 2 + 4 blocks.
const UPGRADE_TIMEOUT: Duration = Duration::from_secs(240);

type PlanOf = Plan<Balance, BlockNumber>;
type ReferendumInfoOf = ReferendumInfo<
	u16,
	huzhu_runtime::OriginCaller,
	BlockNumber,
	frame_support::traits::Bounded<RuntimeCall, sp_runtime::traits::BlakeTwo256>,
	Balance,
	Tally<Runtime>,
	AccountId,
	(BlockNumber, u32),
>;

async fn plan(client: &Client, at: H256) -> PlanOf {
	client
		.storage(&pallet_huzhu_membership::Plans::<Runtime>::hashed_key_for(PLAN), Some(at))
		.await
		.expect("the genesis plan exists")
}

/// Referendum `index`'s (ayes, nays, electorate), if it is ongoing.
async fn tally(client: &Client, index: u32, at: Option<H256>) -> Option<(u32, u32, u32)> {
	let info: Option<ReferendumInfoOf> = client
		.storage(&pallet_referenda::ReferendumInfoFor::<Runtime>::hashed_key_for(index), at)
		.await;
	match info? {
		ReferendumInfo::Ongoing(status) => {
			Some((status.tally.ayes, status.tally.nays, status.tally.electorate))
		}
		_ => None,
	}
}

fn members() -> [sr25519::Pair; 2] {
	[Alice.pair(), Charlie.pair()]
}

#[tokio::test(flavor = "multi_thread")]
async fn members_change_plan_terms_and_upgrade_the_runtime() {
	let code = governance::upgrade_wasm();
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let (spec_before, _) = client.runtime_versions().await;
	assert_eq!(spec_before, 100);

	// Only active members submit referenda: Ferdie (no DID) cannot.
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
	let ferdie = Ferdie.to_account_id();
	let by_outsider = tx::signed(
		RuntimeCall::RankedPolls(pallet_referenda::Call::submit {
			proposal_origin: Box::new(governance::track(TrackOrigin::PlanTerms)),
			proposal: frame_support::traits::Bounded::Inline(
				remark.encode().try_into().expect("short"),
			),
			enactment_moment: frame_support::traits::schedule::DispatchTime::After(0),
		}),
		&Ferdie.pair(),
		client.next_nonce(&ferdie).await,
		context,
	);
	let (_, _, events) = client.submit_and_include(&by_outsider.encode(), BLOCKS_TIMEOUT).await;
	assert!(tx::failed(&events), "a non-member's submission fails: {events:?}");

	// A plan-terms referendum: the critical-illness plan's fee from 8 % to 6 % and its maximum
	// payout from 10 000 to 12 000 HUZ.
	let genesis = client.genesis_hash().await;
	let old_terms = plan(&client, genesis).await.terms;
	assert_eq!(old_terms.management_fee, Permill::from_percent(8));
	let new_terms = PlanTerms {
		management_fee: Permill::from_percent(6),
		max_payout_per_claim: 12_000 * UNITS,
		..old_terms.clone()
	};
	let change = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::update_plan_terms {
		plan: PLAN,
		terms: new_terms.clone(),
	});
	let [alice, charlie] = members();
	let (terms_index, terms_submitted) = governance::submit(
		&client,
		context,
		&alice,
		governance::track(TrackOrigin::PlanTerms),
		change,
		BLOCKS_TIMEOUT,
	)
	.await;
	// The runtime upgrade, proposed by Charlie through a preimage of `system.set_code`.
	let upgrade = RuntimeCall::System(frame_system::Call::set_code { code });
	let (upgrade_index, upgrade_submitted) =
		governance::submit(&client, context, &charlie, governance::root(), upgrade, BLOCKS_TIMEOUT)
			.await;
	assert_ne!(terms_index, upgrade_index);

	// Decision deposits, and both members vote aye on both.
	let voted =
		governance::decide_aye(&client, context, terms_index, &alice, &members(), BLOCKS_TIMEOUT)
			.await;
	assert_eq!(tally(&client, terms_index, Some(voted)).await, Some((2, 0, 2)));
	let voted = governance::decide_aye(
		&client,
		context,
		upgrade_index,
		&charlie,
		&members(),
		BLOCKS_TIMEOUT,
	)
	.await;
	assert_eq!(tally(&client, upgrade_index, Some(voted)).await, Some((2, 0, 2)));

	// The plan terms change at the enactment, not before.
	let terms_submitted_at = number_of(&client, terms_submitted).await;
	let enacted =
		governance::wait_enacted(&client, terms_index, terms_submitted_at, BLOCKS_TIMEOUT).await;
	let enacted_at = number_of(&client, enacted).await;
	let before_enactment = client.block_hash(enacted_at - 1).await.expect("a parent");
	assert_eq!(plan(&client, before_enactment).await.terms, old_terms);
	assert_eq!(plan(&client, enacted).await.terms, new_terms);
	let events = client.events(enacted).await;
	assert!(events.iter().any(|record| matches!(
		&record.event,
		RuntimeEvent::HuzhuMembership(pallet_huzhu_membership::Event::PlanTermsUpdated {
			plan: PLAN
		})
	)));
	report("governance_blocks_plan_terms_submission_to_enactment", enacted_at - terms_submitted_at);

	// The runtime upgrade: enacted after the longest delay, the chain runs the new version.
	let upgrade_submitted_at = number_of(&client, upgrade_submitted).await;
	let upgraded =
		governance::wait_enacted(&client, upgrade_index, upgrade_submitted_at, UPGRADE_TIMEOUT)
			.await;
	let upgraded_at = number_of(&client, upgraded).await;
	assert!(client.events(upgraded).await.iter().any(|record| matches!(
		record.event,
		RuntimeEvent::System(frame_system::Event::CodeUpdated { .. })
	)));
	assert!(
		upgraded_at - upgrade_submitted_at > enacted_at - terms_submitted_at,
		"the runtime upgrade waits longer than the plan-terms change"
	);
	report("governance_blocks_upgrade_submission_to_enactment", upgraded_at - upgrade_submitted_at);
	client.wait_for_best(upgraded_at + 2, BLOCKS_TIMEOUT).await;
	let (spec_after, _) = client.runtime_versions().await;
	assert_eq!(spec_after, 101, "the running chain reports the new spec_version");
	let last_upgrade: Option<frame_system::LastRuntimeUpgradeInfo> =
		client.storage(&frame_system::LastRuntimeUpgrade::<Runtime>::hashed_key(), None).await;
	assert_eq!(last_upgrade.map(|info| info.spec_version.0), Some(101));
	// The upgraded chain keeps producing (and finalizing) blocks.
	client.wait_for_finalized(upgraded_at + 2, BLOCKS_TIMEOUT).await;
	// The plan terms survived the upgrade.
	assert_eq!(plan(&client, client.finalized_hash().await).await.terms, new_terms);
}

/// `vote(poll, aye)` of the ranked collective.
fn vote(poll: u32, aye: bool) -> RuntimeCall {
	RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote { poll, aye })
}

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_votes_through_the_apps_ranked_collective_page_calls() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;

	// Alice proposes an accreditation-track referendum (a remark, to keep it harmless) and
	// votes nay; Charlie votes with the script, through what apps' ranked page uses.
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: b"huzhu".to_vec() });
	let [alice, _] = members();
	let (index, _) = governance::submit(
		&client,
		context,
		&alice,
		governance::track(TrackOrigin::Accreditation),
		remark,
		BLOCKS_TIMEOUT,
	)
	.await;
	tx::send(&client, context, &alice, vote(index, false), BLOCKS_TIMEOUT).await;

	let script = |account: &str| {
		let args = ["--url", &node.ws_url(), "--account", account, "--vote", "aye"];
		polkadot_js::run("governance.mjs", args.iter().map(|arg| arg.to_string()).collect())
	};
	let output = script("//Charlie").await;
	let (stdout, stderr) = (&output.stdout, &output.stderr);
	assert!(output.success, "governance.mjs failed:\n{stdout}\n{stderr}");
	assert!(stdout.contains("apps ranked page: tx.rankedCollective.vote tx.rankedPolls.submit"));
	// The genesis voters, Alice and Charlie, are the collective's members, at rank 0.
	assert!(stdout.contains("2 collective members, ranks 0"), "{stdout}");
	assert!(stdout.contains("1 ongoing referenda, 2 voter DIDs"), "{stdout}");
	assert!(
		stdout.contains(&format!(
			"referendum {index} track 2 (accreditation) ayes 0 nays 1 electorate 2 support 50.0% approval 0.0%"
		)),
		"{stdout}"
	);
	assert!(
		stdout.contains(&format!("recorded Nay(1) of {} on {index}", Alice.to_account_id())),
		"{stdout}"
	);
	assert!(
		stdout.contains(&format!("voted aye on {index} as {}", Charlie.to_account_id())),
		"{stdout}"
	);
	assert!(
		stdout.contains(&format!(
			"referendum {index} track 2 (accreditation) ayes 1 nays 1 electorate 2 support 100.0% approval 50.0%"
		)),
		"{stdout}"
	);
	assert!(
		stdout.contains(&format!("recorded Aye(1) of {} on {index}", Charlie.to_account_id())),
		"{stdout}"
	);
	// The vote is on chain, counted once.
	assert_eq!(tally(&client, index, None).await, Some((1, 1, 2)));

	// Ferdie controls no DID: the electorate check refuses his vote before any block.
	let output = script("//Ferdie").await;
	assert!(!output.success && output.stdout.contains("refused: "), "{}", output.stdout);
	assert!(output.stdout.contains("Custom error: 1"), "NoDid: {}", output.stdout);
	assert_eq!(tally(&client, index, None).await, Some((1, 1, 2)));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_council_brakes_and_the_members_release() {
	use sp_keyring::Sr25519Keyring::{Bob, Dave};
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let entered_until = async |client: &Client| -> Option<BlockNumber> {
		client.storage(&pallet_safe_mode::EnteredUntil::<Runtime>::hashed_key(), None).await
	};

	// Two thirds of the emergency council (Alice and Bob of Alice, Bob, Charlie) pull the brake.
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
	let (block, events) = motion.close(&client, context, &Alice.pair(), BLOCKS_TIMEOUT).await;
	assert!(
		events.iter().any(|event| matches!(
			event,
			RuntimeEvent::SafeMode(pallet_safe_mode::Event::Entered { .. })
		)),
		"{events:?}"
	);
	let entered_at = number_of(&client, block).await;
	assert_eq!(
		entered_until(&client).await,
		Some(entered_at + huzhu_runtime::governance::EmergencyDuration::get())
	);

	// Mutual-aid calls are refused meanwhile; governance is not.
	let join = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::join_plan {
		plan: PLAN,
		deposit: 20 * UNITS,
		region: None,
	});
	let dave = Dave.to_account_id();
	let refused = tx::signed(join.clone(), &Dave.pair(), client.next_nonce(&dave).await, context);
	let (_, _, events) = client.submit_and_include(&refused.encode(), BLOCKS_TIMEOUT).await;
	assert!(
		events.iter().any(|event| matches!(
			event,
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error: sp_runtime::DispatchError::Module(sp_runtime::ModuleError {
					index: 0,
					..
				}),
				..
			})
		)),
		"a mutual-aid call fails with System::CallFiltered in safe mode: {events:?}"
	);

	// A plan-terms referendum passed during the brake takes effect (route 5): it closes the
	// drought plan.
	let close = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::set_plan_open {
		plan: DROUGHT_PLAN,
		open: false,
	});
	let (_, enacted) = governance::pass(
		&client,
		context,
		governance::track(TrackOrigin::PlanTerms),
		close,
		&members(),
		BLOCKS_TIMEOUT,
	)
	.await;
	assert!(entered_until(&client).await.is_some(), "still in safe mode");
	let drought: PlanOf = client
		.storage(
			&pallet_huzhu_membership::Plans::<Runtime>::hashed_key_for(DROUGHT_PLAN),
			Some(enacted),
		)
		.await
		.expect("the drought plan");
	assert!(!drought.open, "the referendum enacted in safe mode closed the plan");

	// The members end it early by an emergency-track referendum.
	let release = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_exit {});
	let (_, released) = governance::pass(
		&client,
		context,
		governance::track(TrackOrigin::Emergency),
		release,
		&members(),
		BLOCKS_TIMEOUT,
	)
	.await;
	assert!(client.events(released).await.iter().any(|record| matches!(
		record.event,
		RuntimeEvent::SafeMode(pallet_safe_mode::Event::Exited { .. })
	)));
	assert_eq!(entered_until(&client).await, None);
	report("governance_blocks_in_safe_mode", number_of(&client, released).await - entered_at);
	// Dave joins now.
	tx::send(&client, context, &Dave.pair(), join, BLOCKS_TIMEOUT).await;
}

/// Sends `call` signed by `signer` and returns the error it failed with.
async fn refused(
	client: &Client,
	context: ChainContext,
	signer: &sr25519::Pair,
	call: RuntimeCall,
) -> sp_runtime::DispatchError {
	let who = AccountId::from(sp_core::Pair::public(signer));
	let extrinsic = tx::signed(call, signer, client.next_nonce(&who).await, context);
	let (_, _, events) = client.submit_and_include(&extrinsic.encode(), BLOCKS_TIMEOUT).await;
	events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error, ..
			}) => Some(*dispatch_error),
			_ => None,
		})
		.unwrap_or_else(|| panic!("the call fails: {events:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_member_can_neither_vote_nor_submit_in_the_next_block() {
	use sp_keyring::Sr25519Keyring::Bob;
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let remark = || RuntimeCall::System(frame_system::Call::remark { remark: b"r1".to_vec() });
	let (index, _) = governance::submit(
		&client,
		context,
		&Alice.pair(),
		governance::track(TrackOrigin::Accreditation),
		remark(),
		BLOCKS_TIMEOUT,
	)
	.await;

	// Bob, the KYC issuer, revokes Charlie's credential. Nobody refreshes Charlie's membership.
	let charlie_did: u64 = client
		.storage(
			&pallet_huzhu_membership::DidOf::<Runtime>::hashed_key_for(Charlie.to_account_id()),
			None,
		)
		.await
		.expect("Charlie's DID");
	let revoke = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::revoke_credential {
		subject: charlie_did,
		credential_type: pallet_huzhu_membership::credential_types::KYC,
	});
	tx::send(&client, context, &Bob.pair(), revoke, BLOCKS_TIMEOUT).await;

	// Route 1: in the next block Charlie's vote is refused (an invalid transaction: the
	// electorate check, `NotVoter`), and so is his submission.
	let charlie = Charlie.to_account_id();
	let extrinsic =
		tx::signed(vote(index, true), &Charlie.pair(), client.next_nonce(&charlie).await, context);
	let error = client.submit(&extrinsic.encode()).await.expect_err("the vote is refused");
	assert!(error.contains("Custom error: 2"), "refused as not a voter: {error}");
	assert_eq!(tally(&client, index, None).await, Some((0, 0, 2)));
	let submit = RuntimeCall::RankedPolls(pallet_referenda::Call::submit {
		proposal_origin: Box::new(governance::track(TrackOrigin::Accreditation)),
		proposal: frame_support::traits::Bounded::Inline(
			remark().encode().try_into().expect("a short call"),
		),
		enactment_moment: frame_support::traits::schedule::DispatchTime::After(0),
	});
	let error = refused(&client, context, &Charlie.pair(), submit).await;
	assert_eq!(error, sp_runtime::DispatchError::BadOrigin);
}
