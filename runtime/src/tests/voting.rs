//! Members' votes through the ranked collective, and its migration.

use crate::{voting::*, *};
use codec::{Decode, Encode};
use frame_support::traits::{Contains, Polling};

#[test]
fn a_wrapped_vote_is_refused_and_a_plain_one_passes_the_filter() {
	let vote =
		RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote { poll: 0, aye: true });
	assert!(NoWrappedVotes::contains(&vote));
	let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch { calls });
	assert!(!NoWrappedVotes::contains(&batch(vec![vote.clone()])));
	let derivative = RuntimeCall::Utility(pallet_utility::Call::as_derivative {
		index: 0,
		call: Box::new(vote.clone()),
	});
	assert!(!NoWrappedVotes::contains(&derivative));
	// Hidden deeper, and beside harmless calls.
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	let deep = batch(vec![remark.clone(), batch(vec![derivative])]);
	assert!(!NoWrappedVotes::contains(&deep));
	assert!(NoWrappedVotes::contains(&batch(vec![remark.clone(), remark])));
	// The runtime's filter is the one that refuses it.
	sp_io::TestExternalities::default().execute_with(|| {
		assert!(!<Runtime as frame_system::Config>::BaseCallFilter::contains(&deep));
		assert!(<Runtime as frame_system::Config>::BaseCallFilter::contains(&vote));
	});
}

#[test]
fn the_collective_counts_into_the_tally_and_leaves_the_electorate() {
	let mut tally = HuzhuTally::from_counts(2, 1, 10);
	let mut counted = to_collective(&tally);
	assert_eq!(<(u32, u32, u32)>::decode(&mut &counted.encode()[..]).ok(), Some((2, 2, 1)));
	counted = CollectiveTally::from_parts(3, 3, 1);
	from_collective(&counted, &mut tally);
	assert_eq!((tally.bare_ayes, tally.ayes, tally.nays, tally.electorate), (3, 3, 1, 10));
}

/// The stack on the development genesis: membership, the collective, the extension, the
/// referenda.
mod on_the_development_genesis {
	use super::*;
	use frame_support::{
		assert_ok,
		traits::{schedule::DispatchTime, Bounded},
	};
	use huzhu_primitives::membership::MembershipInspect;
	use pallet_huzhu_governance::VoteRefusal;
	use sp_keyring::Sr25519Keyring::{self as Keyring, Alice, Charlie, Dave, Ferdie};
	use sp_runtime::traits::Dispatchable;

	use crate::tests::support::{development, refused, run_to, signed, vote};

	fn on_roll(who: Keyring) -> bool {
		pallet_ranked_collective::Members::<Runtime>::contains_key(who.to_account_id())
	}

	/// The collective's members are exactly the voters' controllers.
	fn roll_is_the_voters() {
		let voters = pallet_huzhu_membership::VoterDids::<Runtime>::get();
		assert_eq!(pallet_ranked_collective::MemberCount::<Runtime>::get(0), voters);
		for did in pallet_huzhu_membership::VoterMembershipsOf::<Runtime>::iter_keys() {
			let controller =
				pallet_huzhu_membership::Dids::<Runtime>::get(did).expect("a DID").controller;
			assert!(pallet_ranked_collective::Members::<Runtime>::contains_key(controller));
		}
	}

	/// Alice submits a remark on the runtime-upgrade track; its index.
	fn submit() -> u32 {
		let index = pallet_referenda::ReferendumCount::<Runtime>::get();
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1; 4] });
		assert_ok!(RankedPolls::submit(
			signed(Alice),
			Box::new(frame_system::RawOrigin::Root.into()),
			Bounded::Inline(remark.encode().try_into().expect("short")),
			DispatchTime::After(1),
		));
		index
	}

	fn tally(poll: u32) -> (u32, u32, u32) {
		let (tally, _) = <RankedPolls as Polling<HuzhuTally>>::as_ongoing(poll).expect("ongoing");
		(tally.ayes, tally.nays, tally.electorate)
	}

	#[test]
	fn the_founding_voters_are_the_collective_from_genesis() {
		development().execute_with(|| {
			assert!(on_roll(Alice) && on_roll(Charlie));
			assert!(!on_roll(Dave), "Dave holds KYC but no cover");
			roll_is_the_voters();
			assert_eq!(pallet_ranked_collective::MemberCount::<Runtime>::get(0), 2);
		});
	}

	#[test]
	fn a_vote_counts_once_and_an_exit_does_not_move_the_quorum() {
		development().execute_with(|| {
			run_to(2);
			let poll = submit();
			assert_eq!(tally(poll), (0, 0, 2));
			assert_eq!(vote(Alice, poll, true), Ok(()));
			// Changed, not added.
			assert_eq!(vote(Alice, poll, false), Ok(()));
			assert_eq!(vote(Alice, poll, true), Ok(()));
			assert_eq!(tally(poll), (1, 0, 2));
			// Charlie leaves the plan: off the roll at once, and the poll's quorum stays 2.
			assert_ok!(HuzhuMembership::exit_plan(signed(Charlie), 1));
			assert!(!on_roll(Charlie));
			roll_is_the_voters();
			assert_eq!(tally(poll), (1, 0, 2));
			assert_eq!(vote(Charlie, poll, true), refused(VoteRefusal::NotVoter));
			// Ferdie has no DID; root could put him on the roll, and he still cannot vote.
			assert_eq!(vote(Ferdie, poll, true), refused(VoteRefusal::NoDid));
			assert_ok!(RankedCollective::add_member(
				RuntimeOrigin::root(),
				Ferdie.to_account_id().into()
			));
			assert_eq!(vote(Ferdie, poll, true), refused(VoteRefusal::NoDid));
			assert_eq!(tally(poll), (1, 0, 2));
		});
	}

	#[test]
	fn a_joiner_is_on_the_roll_but_votes_only_on_later_polls() {
		development().execute_with(|| {
			run_to(2);
			let before = submit();
			assert_ok!(HuzhuMembership::join_plan(signed(Dave), 0, 20 * UNITS, None));
			assert!(!on_roll(Dave), "waiting is not cover");
			run_to(3 + crate::genesis_config_presets::GENESIS_WAITING_PERIOD);
			assert!(on_roll(Dave));
			roll_is_the_voters();
			let did = HuzhuMembership::did_of(&Dave.to_account_id()).expect("a DID");
			assert!(<HuzhuMembership as MembershipInspect<_, _>>::is_voter(did));
			// The poll submitted before he became a voter keeps its electorate of two.
			assert_eq!(vote(Dave, before, true), refused(VoteRefusal::NotInElectorate));
			assert_eq!(tally(before), (0, 0, 2));
			// A later poll counts him.
			System::set_block_number(System::block_number() + 1);
			let after = submit();
			assert_eq!(tally(after), (0, 0, 3));
			assert_eq!(vote(Dave, after, true), Ok(()));
			assert_eq!(tally(after), (1, 0, 3));
		});
	}

	/// ATTACK (traced): DIDs minted into a plan that asks for no personhood credential were
	/// covered, so they filled the chain-wide jury slots and could decide who is paid.
	/// Defended: the claims pallet's juries draw from the voters' roll only.
	#[test]
	fn sybils_in_a_credential_free_plan_sit_on_no_jury() {
		use frame_support::traits::fungible::Mutate;
		use huzhu_primitives::membership::{PlanTerms, TriggerKind};
		development().execute_with(|| {
			let terms = PlanTerms {
				name: b"No questions asked".to_vec().try_into().expect("short"),
				required_credentials: Default::default(),
				waiting_period: 0,
				min_deposit: 2 * UNITS,
				max_payout_per_claim: 10 * UNITS,
				member_share_cap_per_claim: UNITS,
				member_share_cap_per_year: UNITS,
				management_fee: sp_runtime::Permill::zero(),
				challenge_period: 10,
				trigger: TriggerKind::Attestation { attestations_required: 1 },
				regions: Default::default(),
			};
			assert_ok!(HuzhuMembership::create_plan(RuntimeOrigin::root(), terms));
			let plan = pallet_huzhu_membership::NextPlanId::<Runtime>::get() - 1;
			for seed in 0..20u8 {
				let sybil = sp_core::sr25519::Public::from_raw([seed + 100; 32]);
				let who = AccountId::from(sybil);
				let _ = Balances::set_balance(&who, 100 * UNITS);
				let origin = RuntimeOrigin::signed(who);
				assert_ok!(HuzhuMembership::create_did(
					origin.clone(),
					pallet_huzhu_membership::DidPublicKey::Sr25519(sybil)
				));
				assert_ok!(HuzhuMembership::join_plan(origin, plan, 3 * UNITS, None));
			}
			run_to(3);
			// Twenty-two DIDs are covered; two are voters, and they are the jury pool.
			type Members = HuzhuMembership;
			assert_eq!(
				<Members as MembershipInspect<AccountId, BlockNumber>>::active_member_dids(),
				22
			);
			let pool = <configs::JurorPool as MembershipInspect<AccountId, BlockNumber>>::active_member_dids();
			assert_eq!(pool, 2);
			let jurors: Vec<AccountId> = (0..pool)
				.filter_map(<configs::JurorPool as MembershipInspect<AccountId, BlockNumber>>::active_did_controller_at)
				.collect();
			assert!(jurors.contains(&Alice.to_account_id()));
			assert!(jurors.contains(&Charlie.to_account_id()));
			// A small plan's outside seats are counted against the voters too.
			assert_eq!(pallet_huzhu_claims::Pallet::<Runtime>::outside_seats(plan, 5), 0);
		});
	}

	#[test]
	fn a_vote_hidden_in_a_batch_is_refused() {
		development().execute_with(|| {
			run_to(2);
			let poll = submit();
			let vote = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
				poll,
				aye: true,
			});
			let batch = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![vote] });
			// Dave is no voter; inside a batch the extension would not see the vote.
			assert!(batch.dispatch(signed(Dave)).is_err());
			assert_eq!(tally(poll), (0, 0, 2));
		});
	}
}

/// Governance version 0 → 1 on a development chain with a referendum in flight.
#[test]
fn the_migration_moves_the_referenda_and_resets_ongoing_tallies() {
	use frame_support::{
		storage::{storage_prefix, unhashed},
		traits::{
			schedule::DispatchTime, Bounded, GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
		},
		Blake2_128Concat, StorageHasher,
	};
	use migrations::*;
	use pallet_referenda::{Deposit, ReferendumInfo, ReferendumInfoFor, ReferendumStatus};
	let storage =
		crate::genesis_config_presets::preset_storage(crate::genesis_config_presets::DEVELOPMENT);
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
		let ongoing: ReferendumInfoV0 = ReferendumInfo::Ongoing(ReferendumStatus {
			track: 0,
			origin: frame_system::RawOrigin::Root.into(),
			proposal: Bounded::Inline(vec![0, 0].try_into().expect("short")),
			enactment: DispatchTime::After(1),
			submitted: 1,
			submission_deposit: Deposit { who: alice.clone(), amount: 10 },
			decision_deposit: None,
			deciding: None,
			tally: TallyV0 { ayes: 2, nays: 0, abstains: 1 },
			in_queue: false,
			alarm: None,
		});
		let ended: ReferendumInfoV0 =
			ReferendumInfo::Approved(1, Some(Deposit { who: alice.clone(), amount: 10 }), None);
		let key = |item: &[u8], index: u32| {
			let mut key = storage_prefix(OLD_REFERENDA, item).to_vec();
			key.extend(Blake2_128Concat::hash(&index.encode()));
			key
		};
		unhashed::put(&key(b"ReferendumInfoFor", 0), &ongoing);
		unhashed::put(&key(b"ReferendumInfoFor", 1), &ended);
		unhashed::put(&storage_prefix(OLD_REFERENDA, b"ReferendumCount"), &2u32);
		let mut vote_record =
			pallet_huzhu_governance::migrations::v1::voting_for_prefix::<Runtime>().to_vec();
		vote_record.push(0);
		unhashed::put_raw(&vote_record, &[1]);
		StorageVersion::new(0).put::<Governance>();

		ToRankedCollective::on_runtime_upgrade();

		assert_eq!(Governance::on_chain_storage_version(), StorageVersion::new(1));
		assert!(!unhashed::contains_prefixed_key(&frame_support::Twox128::hash(OLD_REFERENDA)));
		assert!(!unhashed::contains_prefixed_key(
			&pallet_huzhu_governance::migrations::v1::voting_for_prefix::<Runtime>()
		));
		assert_eq!(pallet_referenda::ReferendumCount::<Runtime>::get(), 2);
		match ReferendumInfoFor::<Runtime>::get(0) {
			Some(ReferendumInfo::Ongoing(status)) => {
				// Three counted at submission, two voters now: the quorum keeps three.
				assert_eq!(status.tally, HuzhuTally::from_counts(0, 0, 3));
				assert_eq!(status.submission_deposit.who, alice);
			}
			other => panic!("not ongoing: {other:?}"),
		}
		assert!(matches!(
			ReferendumInfoFor::<Runtime>::get(1),
			Some(ReferendumInfo::Approved(1, Some(_), None))
		));
	});
}

/// The membership pallet's storage moves from `Membership` to `HuzhuMembership`, with its
/// storage version, before its own migrations read it; a second run does nothing.
#[test]
fn the_membership_prefix_moves_once() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	let storage =
		crate::genesis_config_presets::preset_storage(crate::genesis_config_presets::DEVELOPMENT);
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let plan = pallet_huzhu_membership::Plans::<Runtime>::get(0).expect("plan 0");
		let version = HuzhuMembership::on_chain_storage_version();
		assert!(version > StorageVersion::new(0));
		// The state as the old name stored it.
		frame_support::storage::migration::move_pallet(b"HuzhuMembership", configs::OLD_MEMBERSHIP);
		assert!(pallet_huzhu_membership::Plans::<Runtime>::get(0).is_none());
		assert_eq!(HuzhuMembership::on_chain_storage_version(), StorageVersion::new(0));

		configs::MoveMembershipPrefix::on_runtime_upgrade();
		assert_eq!(pallet_huzhu_membership::Plans::<Runtime>::get(0), Some(plan.clone()));
		assert_eq!(HuzhuMembership::on_chain_storage_version(), version);
		assert!(!frame_support::storage::unhashed::contains_prefixed_key(
			&<frame_support::Twox128 as frame_support::StorageHasher>::hash(
				configs::OLD_MEMBERSHIP
			)
		));
		// Again: nothing to move, nothing lost.
		configs::MoveMembershipPrefix::on_runtime_upgrade();
		assert_eq!(pallet_huzhu_membership::Plans::<Runtime>::get(0), Some(plan));
		assert_eq!(pallet_huzhu_membership::VoterDids::<Runtime>::get(), 2);
	});
}
