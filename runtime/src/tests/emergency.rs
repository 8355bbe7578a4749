//! The emergency brake on the development genesis (council of Alice, Bob and Charlie).

use crate::{governance::*, *};
use frame_support::traits::Contains;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use huzhu_primitives::membership::{credential_types, CredentialInspect, MembershipInspect};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave, Eve};
use sp_runtime::traits::{BlakeTwo256, Hash};
use sp_runtime::Perbill;

use crate::tests::support::{development, signed};

fn allowed(call: &RuntimeCall) -> bool {
	<Runtime as frame_system::Config>::BaseCallFilter::contains(call)
}

/// Schedules `call` with `origin` at block `at`, as `pallet-referenda` enacts a referendum,
/// runs the scheduler there and checks that the call succeeded.
fn enact(origin: OriginCaller, call: RuntimeCall, at: BlockNumber) {
	use frame_support::traits::{schedule::v3::Anon, Bounded, Hooks};
	assert_ok!(<Scheduler as Anon<BlockNumber, RuntimeCall, OriginCaller>>::schedule(
		frame_support::traits::schedule::DispatchTime::At(at),
		None,
		63,
		origin,
		Bounded::Inline(call.encode().try_into().expect("a short call")),
	));
	System::set_block_number(at);
	System::reset_events();
	Scheduler::on_initialize(at);
	let results: Vec<_> = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { result, .. }) => {
				Some(result)
			}
			_ => None,
		})
		.collect();
	assert_eq!(results, vec![Ok(())], "the enactment ran and succeeded");
}

/// Alice moves `call` in the council with threshold `threshold`; above one, she and Bob vote
/// aye and she closes the motion.
fn council_motion(call: RuntimeCall, threshold: u32) -> Vec<RuntimeEvent> {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = BlakeTwo256::hash_of(&call);
	System::reset_events();
	assert_ok!(EmergencyCouncil::propose(signed(Alice), threshold, Box::new(call), length));
	if threshold > 1 {
		// A motion counts only explicit votes, the proposer's included.
		assert_ok!(EmergencyCouncil::vote(signed(Alice), hash, 0, true));
		assert_ok!(EmergencyCouncil::vote(signed(Bob), hash, 0, true));
		assert_ok!(EmergencyCouncil::close(signed(Alice), hash, 0, weight, length));
	}
	System::events().into_iter().map(|record| record.event).collect()
}

use codec::Encode;

#[test]
fn two_thirds_of_the_council_enter_safe_mode_and_the_members_end_it() {
	development().execute_with(|| {
		let join =
			RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan { plan: 1 });
		let vote = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
			poll: 0,
			aye: true,
		});
		assert!(allowed(&join));

		let brake = || RuntimeCall::Governance(pallet_huzhu_governance::Call::pull_brake {});
		// Nobody enters safe mode directly but root.
		assert!(SafeMode::force_enter(signed(Alice)).is_err());
		// One council member alone cannot pull the brake.
		let events = council_motion(brake(), 1);
		assert!(events.iter().any(|event| matches!(
			event,
			RuntimeEvent::EmergencyCouncil(pallet_collective::Event::Executed {
				result: Err(_),
				..
			})
		)));
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), None);

		// Two of three can: for one day, mutual-aid calls stop, governance goes on.
		council_motion(brake(), 2);
		assert_eq!(
			pallet_safe_mode::EnteredUntil::<Runtime>::get(),
			Some(1 + EmergencyDuration::get())
		);
		assert!(!allowed(&join));
		assert!(allowed(&vote));
		// The council cannot extend or end it: only the members (or root) can.
		assert!(SafeMode::force_extend(signed(Alice)).is_err());
		assert!(SafeMode::force_exit(signed(Alice)).is_err());
		assert_ok!(SafeMode::force_extend(pallet_huzhu_governance::Origin::Emergency.into()));
		assert_eq!(
			pallet_safe_mode::EnteredUntil::<Runtime>::get(),
			Some(1 + EmergencyDuration::get() + EmergencyExtension::get())
		);
		assert_ok!(SafeMode::force_exit(pallet_huzhu_governance::Origin::Emergency.into()));
		assert!(allowed(&join));
		// No track but the emergency one (and root) controls the brake.
		assert!(SafeMode::force_exit(pallet_huzhu_governance::Origin::PlanTerms.into()).is_err());
	});
}

#[test]
fn a_regulator_observer_enters_safe_mode() {
	development().execute_with(|| {
		assert_noop!(Governance::pull_brake(signed(Dave)), sp_runtime::DispatchError::BadOrigin);
		// The accreditation track accredits Bob to issue `RegulatorObserver`; he attests Dave.
		let regulator = credential_types::REGULATOR_OBSERVER;
		assert_ok!(HuzhuMembership::request_accreditation(signed(Bob), regulator));
		let bob_did = <HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(
			&Bob.to_account_id(),
		)
		.expect("Bob has a DID");
		let dave_did = <HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(
			&Dave.to_account_id(),
		)
		.expect("Dave has a DID");
		assert_ok!(HuzhuMembership::accredit_issuer(
			pallet_huzhu_governance::Origin::Accreditation.into(),
			regulator,
			bob_did
		));
		assert_ok!(HuzhuMembership::attest_credential(
			signed(Bob),
			dave_did,
			regulator,
			Default::default(),
			None
		));
		assert_noop!(Governance::pull_brake(signed(Eve)), sp_runtime::DispatchError::BadOrigin);
		// A regulator cannot enter safe mode but through the brake.
		assert!(SafeMode::force_enter(signed(Dave)).is_err());
		assert_ok!(Governance::pull_brake(signed(Dave)));
		let until = 1 + EmergencyDuration::get();
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), Some(until));
		// Route 6: it cannot pull again the block after its brake ends, nor for a week.
		System::set_block_number(until + 1);
		<SafeMode as frame_support::traits::Hooks<BlockNumber>>::on_initialize(until + 1);
		assert!(!SafeMode::is_entered());
		assert_noop!(
			Governance::pull_brake(signed(Dave)),
			pallet_huzhu_governance::Error::<Runtime>::BrakeCoolingDown
		);
		System::set_block_number(until + BrakeCooldown::get() - 1);
		assert_noop!(
			Governance::pull_brake(signed(Dave)),
			pallet_huzhu_governance::Error::<Runtime>::BrakeCoolingDown
		);
		System::set_block_number(until + BrakeCooldown::get());
		assert_ok!(Governance::pull_brake(signed(Dave)));
		// The accreditation track suspends the issuer of its credential during the brake
		// (a referendum's enactment, dispatched by the scheduler), and Dave brakes no more.
		let suspend = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::suspend_issuer {
			credential_type: regulator,
			issuer: bob_did,
		});
		let now = System::block_number();
		enact(pallet_huzhu_governance::Origin::Accreditation.into(), suspend, now + 1);
		assert!(!<HuzhuMembership as CredentialInspect>::has_valid_credential(dave_did, regulator));
		assert_ok!(SafeMode::force_exit(pallet_huzhu_governance::Origin::Emergency.into()));
		System::set_block_number(now + 2 * BrakeCooldown::get());
		assert_noop!(Governance::pull_brake(signed(Dave)), sp_runtime::DispatchError::BadOrigin);
	});
}

#[test]
fn emergency_referenda_pause_single_calls_and_elect_the_council() {
	development().execute_with(|| {
		let emergency: RuntimeOrigin = pallet_huzhu_governance::Origin::Emergency.into();
		let name = |text: &str| text.as_bytes().to_vec().try_into().expect("short");
		assert_ok!(TxPause::pause(emergency.clone(), (name("Claims"), name("file_claim"))));
		let file = RuntimeCall::Claims(pallet_huzhu_claims::Call::withdraw_claim { claim: 0 });
		let withdraw_allowed = allowed(&file);
		let filed = RuntimeCall::Claims(pallet_huzhu_claims::Call::file_claim {
			plan: 0,
			amount: 1,
			evidence: Default::default(),
		});
		assert!(!allowed(&filed));
		assert!(withdraw_allowed);
		// A paused claims call stops the adjudication clock; pausing only `prune_claim`
		// (which moves no deadline) does not.
		use huzhu_primitives::AdjudicationBrake;
		assert!(crate::configs::MutualAidBrake::engaged());
		assert_ok!(TxPause::unpause(emergency.clone(), (name("Claims"), name("file_claim"))));
		assert_ok!(TxPause::pause(emergency.clone(), (name("Claims"), name("prune_claim"))));
		assert!(!crate::configs::MutualAidBrake::engaged());
		assert_ok!(TxPause::unpause(emergency.clone(), (name("Claims"), name("prune_claim"))));
		assert_ok!(TxPause::pause(emergency.clone(), (name("Claims"), name("file_claim"))));
		// Governance cannot be paused.
		assert!(TxPause::pause(emergency.clone(), (name("Governance"), name("vote"))).is_err());
		// The plan-terms track cannot pause anything.
		assert!(TxPause::pause(
			pallet_huzhu_governance::Origin::PlanTerms.into(),
			(name("Pool"), name("deposit"))
		)
		.is_err());
		assert_ok!(TxPause::unpause(emergency.clone(), (name("Claims"), name("file_claim"))));
		assert!(allowed(&filed));
		// The members elect a new council.
		assert_ok!(EmergencyCouncil::set_members(
			emergency,
			vec![Dave.to_account_id(), Eve.to_account_id()],
			None,
			3
		));
		assert_eq!(
			pallet_collective::Members::<Runtime, EmergencyCouncilInstance>::get(),
			vec![Dave.to_account_id(), Eve.to_account_id()]
		);
	});
}
/// Every call of the mutual-aid pallets (each call index, decoded with zeroed arguments).
fn mutual_aid_calls() -> Vec<RuntimeCall> {
	use codec::Decode;
	let zeros = [0u8; 4096];
	let mut calls = Vec::new();
	for pallet in [20u8, 21, 22] {
		for index in 0..=u8::MAX {
			let mut bytes = vec![pallet, index];
			bytes.extend_from_slice(&zeros);
			if let Ok(call) = RuntimeCall::decode(&mut &bytes[..]) {
				calls.push(call);
			}
		}
	}
	calls
}

#[test]
fn exactly_the_governance_only_calls_refuse_an_account() {
	development().execute_with(|| {
		use frame_support::traits::UnfilteredDispatchable;
		let calls = mutual_aid_calls();
		assert!(calls.len() > 40, "every call decodes: {}", calls.len());
		let mut governance_only = 0;
		for call in calls {
			let refused = call
				.clone()
				.dispatch_bypass_filter(signed(Alice))
				.is_err_and(|error| error.error == sp_runtime::DispatchError::BadOrigin);
			// A call whitelisted during safe mode never takes an account's signature, and a
			// new track-only call cannot be forgotten here.
			assert_eq!(
				GovernanceOnlyCalls::contains(&call),
				refused,
				"{:?}",
				frame_support::traits::GetCallMetadata::get_call_metadata(&call)
			);
			governance_only += usize::from(refused);
		}
		assert_eq!(governance_only, 13);
	});
}

#[test]
fn referenda_enacted_during_safe_mode_take_effect() {
	development().execute_with(|| {
		// Route 5: the brake is on; members' referenda on three tracks are enacted.
		assert_ok!(SafeMode::force_enter(RuntimeOrigin::root()));
		let join =
			RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan { plan: 1 });
		assert!(!allowed(&join));
		let close = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::set_plan_open {
			plan: 0,
			open: false,
		});
		enact(pallet_huzhu_governance::Origin::PlanTerms.into(), close, 2);
		let plan = pallet_huzhu_membership::Plans::<Runtime>::get(0).expect("plan 0");
		assert!(!plan.open, "the passed referendum closed plan 0 during the brake");
		let pause = RuntimeCall::Pool(pallet_huzhu_pool::Call::set_custodians {
			plan: 0,
			custodians: Default::default(),
			threshold: 0,
		});
		// The call ran (and failed on its own terms, not on the filter).
		let outcome = frame_support::traits::UnfilteredDispatchable::dispatch_bypass_filter(
			pause.clone(),
			pallet_huzhu_governance::Origin::TreasuryCustody.into(),
		);
		assert!(allowed(&pause));
		assert_ne!(
			outcome.map_err(|error| error.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
	});
}

#[test]
fn a_spend_is_vetoed_on_the_emergency_track_within_its_time_lock() {
	// Route 7: the fastest emergency-track decision (prepare, confirm, enactment) ends well
	// before an approved spend unlocks, on both track tables.
	for table in [&TRACKS, &DEVELOPMENT_TRACKS] {
		let info = &table[EMERGENCY_TRACK as usize].info;
		let fastest = info.prepare_period + info.confirm_period + info.min_enactment_period;
		assert!(fastest * 4 < configs::SpendTimeLock::get(), "{fastest}");
	}
	let emergency: RuntimeOrigin = pallet_huzhu_governance::Origin::Emergency.into();
	assert!(
		<SpendVetoOrigin as frame_support::traits::EnsureOrigin<_>>::try_origin(emergency).is_ok()
	);
	let plan_terms: RuntimeOrigin = pallet_huzhu_governance::Origin::PlanTerms.into();
	assert!(<SpendVetoOrigin as frame_support::traits::EnsureOrigin<_>>::try_origin(plan_terms)
		.is_err());
}

#[test]
fn a_junk_upgrade_referendum_neither_holds_the_track_nor_stays() {
	development().execute_with(|| {
		// Route 8: more than one deciding slot, and root (another referendum) cancels.
		for table in [&TRACKS, &DEVELOPMENT_TRACKS] {
			assert!(table[RUNTIME_UPGRADE_TRACK as usize].info.max_deciding > 1);
		}
		let junk = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 8] });
		let submit = |remark: RuntimeCall| {
			RankedPolls::submit(
				signed(Alice),
				Box::new(frame_system::RawOrigin::Root.into()),
				frame_support::traits::Bounded::Inline(remark.encode().try_into().expect("short")),
				frame_support::traits::schedule::DispatchTime::After(1),
			)
		};
		assert_ok!(submit(junk));
		assert_ok!(RankedPolls::place_decision_deposit(signed(Alice), 0));
		// A second upgrade decides beside it.
		let upgrade = RuntimeCall::System(frame_system::Call::remark { remark: vec![1; 8] });
		assert_ok!(submit(upgrade));
		assert_ok!(RankedPolls::place_decision_deposit(signed(Alice), 1));
		for block in 2..=10 {
			System::set_block_number(block);
			<Scheduler as frame_support::traits::Hooks<BlockNumber>>::on_initialize(block);
		}
		let deciding = |index| {
			matches!(
				pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
				Some(pallet_referenda::ReferendumInfo::Ongoing(status)) if status.deciding.is_some()
			)
		};
		assert!(deciding(0) && deciding(1), "both upgrades are decided at once");
		// No faster track cancels an upgrade referendum; root does.
		for origin in
			[pallet_huzhu_governance::Origin::Emergency, pallet_huzhu_governance::Origin::PlanTerms]
		{
			assert_noop!(
				RankedPolls::cancel(origin.into(), 0),
				sp_runtime::DispatchError::BadOrigin
			);
		}
		assert_noop!(RankedPolls::cancel(signed(Alice), 0), sp_runtime::DispatchError::BadOrigin);
		assert_ok!(RankedPolls::cancel(RuntimeOrigin::root(), 0));
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(0),
			Some(pallet_referenda::ReferendumInfo::Cancelled(..))
		));
	});
}

/// Attacks by the reviewer (branch `attack`): the real pallets wired together.
mod attacks {
	use super::*;
	use frame_support::traits::{fungible::Mutate, UnfilteredDispatchable};
	use sp_keyring::Sr25519Keyring::{Charlie, Ferdie};
	use sp_runtime::traits::Dispatchable;

	use crate::tests::support::{refused, run_to, vote};

	fn did(who: sp_keyring::Sr25519Keyring) -> huzhu_primitives::membership::DidId {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(&who.to_account_id())
			.expect("has a DID")
	}

	fn is_voter(who: sp_keyring::Sr25519Keyring) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_voter(did(who))
	}

	fn tally(poll: u32) -> (u32, u32) {
		match pallet_referenda::ReferendumInfoFor::<Runtime>::get(poll) {
			Some(pallet_referenda::ReferendumInfo::Ongoing(status)) => {
				(status.tally.ayes, status.tally.nays)
			}
			other => panic!("poll {poll} not ongoing: {other:?}"),
		}
	}

	/// Alice submits a root-track referendum (a remark) and places its decision deposit.
	fn submit_root_referendum() -> u32 {
		let index = pallet_referenda::ReferendumCount::<Runtime>::get();
		let junk = RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 8] });
		assert_ok!(RankedPolls::submit(
			signed(Alice),
			Box::new(frame_system::RawOrigin::Root.into()),
			frame_support::traits::Bounded::Inline(junk.encode().try_into().expect("short")),
			frame_support::traits::schedule::DispatchTime::After(1),
		));
		assert_ok!(RankedPolls::place_decision_deposit(signed(Alice), index));
		index
	}

	/// ATTACK (works on 2a4e450): one person, two votes on the same referendum, with
	/// truthful attestations only (so nothing to slash the KYC issuer for).
	///
	/// Dave (one person, KYC commitment `dev:Dave:Kyc` from Bob) keeps two DIDs as members
	/// of the KYC plan 0: his own and Ferdie's account's. The issuer attests his commitment to
	/// one DID at a time, as documented ("once that one is revoked ... the person may move
	/// to the new DID"). On a poll, the DID holding the credential votes; Dave asks Bob to
	/// move the credential back; the other DID is a voter again *at once* (its membership
	/// still says `Active`, or a `refresh_membership` cures it without any waiting period),
	/// and votes too. The first DID's vote stays counted until someone removes it
	/// (`remove_other_vote`): nobody has to. With n DIDs, n votes per poll.
	///
	/// Fix: when a personhood credential leaves a DID (revoke, replacement, DID deactivation),
	/// remove that DID's votes on ongoing polls and its delegations (a hook from membership
	/// to governance; bounded by tracks x MaxVotes), or key votes by the person (issuer,
	/// commitment) instead of the DID; and/or refuse to move a commitment to a new DID while
	/// the old one has votes on ongoing polls.
	///
	/// Fixed: a poll's electorate is the voters since before its submission, and a moved or
	/// re-attested personhood credential starts a DID's standing over (`voter_since`).
	#[test]
	fn attack_one_person_votes_twice_by_moving_its_kyc_between_dids() {
		development().execute_with(|| {
			let kyc = credential_types::KYC;
			let person = BlakeTwo256::hash(b"dev:Dave:Kyc");
			let _ = Balances::set_balance(&Ferdie.to_account_id(), 1_000 * UNITS);
			assert_ok!(HuzhuMembership::create_did(
				signed(Ferdie),
				pallet_huzhu_membership::DidPublicKey::Sr25519(Ferdie.public())
			));
			// Set-up, once: Dave's DID joins plan 0 (KYC required) and waits.
			assert_ok!(HuzhuMembership::join_plan(signed(Dave), 0, 20 * UNITS, None));
			run_to(System::block_number() + crate::genesis_config_presets::GENESIS_WAITING_PERIOD);
			assert!(is_voter(Dave));
			// Dave "moves" to his second DID: Bob revokes and attests the same person there.
			assert_ok!(HuzhuMembership::revoke_credential(signed(Bob), did(Dave), kyc));
			assert_ok!(HuzhuMembership::attest_credential(
				signed(Bob),
				did(Ferdie),
				kyc,
				person,
				None
			));
			assert_ok!(HuzhuMembership::join_plan(signed(Ferdie), 0, 20 * UNITS, None));
			run_to(System::block_number() + crate::genesis_config_presets::GENESIS_WAITING_PERIOD);
			assert!(is_voter(Ferdie));
			assert!(!is_voter(Dave));
			// Someone notices and lapses Dave's old membership: it changes nothing below.
			assert_ok!(HuzhuMembership::refresh_membership(signed(Charlie), 0, did(Dave)));
			run_to(System::block_number() + 1);

			// The attack, on every poll: vote with the DID holding the credential...
			let poll = submit_root_referendum();
			assert_eq!(vote(Ferdie, poll, true), Ok(()));
			// ...move the credential back (two issuer transactions)...
			assert_ok!(HuzhuMembership::revoke_credential(signed(Bob), did(Ferdie), kyc));
			assert_ok!(HuzhuMembership::attest_credential(
				signed(Bob),
				did(Dave),
				kyc,
				person,
				None
			));
			// ...the old DID is cured at once (no waiting period on a cure) and votes.
			assert_ok!(HuzhuMembership::refresh_membership(signed(Dave), 0, did(Dave)));
			assert!(is_voter(Dave));
			// Defended: Dave is a voter again, but since after the poll's submission.
			assert_eq!(
				vote(Dave, poll, true),
				refused(pallet_huzhu_governance::VoteRefusal::NotInElectorate)
			);
			// Never more than one vote per person.
			assert_eq!(tally(poll), (1, 0), "one person counted twice");
		});
	}

	/// ATTACK (design, works on 2a4e450): the weakest and fastest track overrides the
	/// strongest. `RankedPolls::cancel` is open to the emergency track (majority approval,
	/// flat 20% support, about 20 minutes from submission to enactment on a real chain), and
	/// reaches runtime-upgrade referenda (two thirds approval, support falling from 50%),
	/// even one that every voter approves. A faction holding 20% turnout with a majority of
	/// it cancels every runtime upgrade (and the referenda meant to fix it), repeatedly, its
	/// deposits refunded when its cancel passes.
	///
	/// Fix: cancel runtime-upgrade referenda by root only (a track-aware wrapper call with
	/// the emergency origin that refuses the root track, or refuses referenda whose tally is
	/// passing), or give the cancel the thresholds of the track it cancels.
	#[test]
	fn attack_emergency_track_cancels_an_approved_runtime_upgrade() {
		development().execute_with(|| {
			let poll = submit_root_referendum();
			assert_eq!(vote(Alice, poll, true), Ok(()));
			assert_eq!(vote(Charlie, poll, true), Ok(()));
			assert_eq!(tally(poll), (2, 0));
			// The emergency track passes with what the root track refuses.
			let emergency = &DEVELOPMENT_TRACKS[EMERGENCY_TRACK as usize].info;
			let upgrade = &DEVELOPMENT_TRACKS[RUNTIME_UPGRADE_TRACK as usize].info;
			let (approval, support) = (Perbill::from_percent(51), Perbill::from_percent(20));
			assert!(emergency.min_approval.passing(Perbill::zero(), approval));
			assert!(emergency.min_support.passing(Perbill::zero(), support));
			assert!(!upgrade.min_approval.passing(Perbill::zero(), approval));
			// An emergency referendum cancels it anyway.
			let cancelled =
				RankedPolls::cancel(pallet_huzhu_governance::Origin::Emergency.into(), poll);
			assert!(cancelled.is_err(), "a 51%/20% track cancelled a 100% approved upgrade");
		});
	}

	/// Defended: during safe mode a signed account reaches no mutual-aid call through
	/// `utility` (inner calls get the base filter), and the whitelisted governance-only calls
	/// refuse it.
	#[test]
	fn safe_mode_is_not_bypassed_through_utility() {
		development().execute_with(|| {
			assert_ok!(SafeMode::force_enter(RuntimeOrigin::root()));
			let exit =
				RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan { plan: 1 });
			let open = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::set_plan_open {
				plan: 0,
				open: false,
			});
			for inner in [exit, open] {
				for call in [
					RuntimeCall::Utility(pallet_utility::Call::batch_all {
						calls: vec![inner.clone()],
					}),
					RuntimeCall::Utility(pallet_utility::Call::force_batch {
						calls: vec![inner.clone()],
					}),
					RuntimeCall::Utility(pallet_utility::Call::as_derivative {
						index: 0,
						call: Box::new(inner.clone()),
					}),
					RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
						as_origin: Box::new(pallet_huzhu_governance::Origin::PlanTerms.into()),
						call: Box::new(inner.clone()),
					}),
				] {
					System::reset_events();
					let result = call.clone().dispatch(signed(Alice));
					let inner_ok = System::events().iter().any(|record| {
						matches!(
							record.event,
							RuntimeEvent::Utility(pallet_utility::Event::ItemCompleted)
								| RuntimeEvent::Utility(pallet_utility::Event::DispatchedAs {
									result: Ok(())
								})
						)
					});
					assert!(result.is_err() || !inner_ok, "{call:?} went through");
				}
			}
			assert!(pallet_huzhu_membership::Plans::<Runtime>::get(0).expect("plan").open);
		});
	}

	/// Defended: the council (any threshold) makes none of the governance-only calls
	/// whitelisted during safe mode, and cannot enter safe mode but by the brake.
	#[test]
	fn the_council_makes_no_governance_only_call() {
		development().execute_with(|| {
			let council: RuntimeOrigin =
				pallet_collective::RawOrigin::<AccountId, EmergencyCouncilInstance>::Members(3, 3)
					.into();
			for call in mutual_aid_calls().into_iter().filter(GovernanceOnlyCalls::contains) {
				let result = call.clone().dispatch_bypass_filter(council.clone());
				assert_eq!(
					result.map_err(|e| e.error),
					Err(sp_runtime::DispatchError::BadOrigin),
					"{call:?}"
				);
			}
			assert!(SafeMode::force_enter(council.clone()).is_err());
			assert!(SafeMode::force_extend(council.clone()).is_err());
			assert!(RankedPolls::cancel(council, 0).is_err());
		});
	}
}
