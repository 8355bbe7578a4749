//! The configurations' constants: voter bags, sessions, fees.

use crate::{configs::*, *};
use frame_support::traits::Contains;

#[test]
fn voter_bags_are_strictly_increasing_up_to_the_largest_weight() {
	let thresholds = VoterBagThresholds::get();
	assert_eq!(thresholds.len(), VOTER_BAGS);
	assert!(thresholds.windows(2).all(|pair| pair[0] < pair[1]));
	assert_eq!(thresholds.first(), Some(&(10 * UNITS as u64)));
	assert_eq!(thresholds.last(), Some(&u64::MAX));
	// The last computed bag is not far below the top: no bag is a catch-all.
	assert!(thresholds[VOTER_BAGS - 2] > u64::MAX / 2);
}

#[test]
fn an_election_reads_the_largest_stakes_first() {
	use frame_election_provider_support::{
		bounds::{CountBound, DataProviderBounds},
		ElectionDataProvider,
	};
	use frame_support::{assert_ok, traits::fungible::Mutate};
	let storage =
		crate::genesis_config_presets::preset_storage(crate::genesis_config_presets::DEVELOPMENT);
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		let validator =
			pallet_staking::Validators::<Runtime>::iter_keys().next().expect("a genesis validator");
		// Route 10: nominators whose account ids sort in the opposite order of their stakes.
		let stakes = [50u128, 10, 40, 20, 30, 60];
		let mut nominators = Vec::new();
		for (index, stake) in stakes.iter().enumerate() {
			let who: AccountId = sp_core::crypto::AccountId32::new([index as u8 + 1; 32]);
			let _ = Balances::set_balance(&who, 1_000 * UNITS);
			assert_ok!(Staking::bond(
				RuntimeOrigin::signed(who.clone()),
				stake * UNITS,
				pallet_staking::RewardDestination::Staked
			));
			assert_ok!(Staking::nominate(
				RuntimeOrigin::signed(who.clone()),
				vec![sp_runtime::MultiAddress::Id(validator.clone())]
			));
			nominators.push((who, *stake));
		}
		// An election that reads four voters: the validator and the three largest nominators.
		let bounds = DataProviderBounds { count: Some(CountBound(4)), size: None };
		let voters = <Staking as ElectionDataProvider>::electing_voters(bounds, 0).expect("voters");
		let read: Vec<AccountId> = voters.into_iter().map(|(who, _, _)| who).collect();
		nominators.sort_by_key(|(_, stake)| core::cmp::Reverse(*stake));
		let mut expected: Vec<AccountId> =
			nominators.iter().take(3).map(|(who, _)| who.clone()).collect();
		expected.push(validator);
		let mut read_sorted = read.clone();
		read_sorted.sort();
		expected.sort();
		assert_eq!(read_sorted, expected, "the bound cut the smallest stakes: {read:?}");
	});
}

#[test]
fn the_upgrade_fills_an_empty_voter_list_from_staking() {
	use frame_election_provider_support::SortedListProvider;
	use frame_support::traits::OnRuntimeUpgrade;
	let storage =
		crate::genesis_config_presets::preset_storage(crate::genesis_config_presets::DEVELOPMENT);
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let stakers = pallet_staking::Validators::<Runtime>::count()
			+ pallet_staking::Nominators::<Runtime>::count();
		assert!(stakers > 0);
		assert_eq!(<VoterList as SortedListProvider<AccountId>>::count(), stakers);
		// A chain from before the voter list: staking's stakers, an empty list.
		<VoterList as SortedListProvider<AccountId>>::unsafe_clear();
		assert_eq!(<VoterList as SortedListProvider<AccountId>>::count(), 0);
		PopulateVoterList::on_runtime_upgrade();
		assert_eq!(<VoterList as SortedListProvider<AccountId>>::count(), stakers);
		// A second run changes nothing.
		PopulateVoterList::on_runtime_upgrade();
		assert_eq!(<VoterList as SortedListProvider<AccountId>>::count(), stakers);
		assert!(<VoterList as SortedListProvider<AccountId>>::iter()
			.all(|who| pallet_staking::Ledger::<Runtime>::contains_key(&who)));
	});
}

#[test]
fn validators_declare_themselves_only_through_a_candidacy() {
	let allowed = <Runtime as frame_system::Config>::BaseCallFilter::contains;
	let validate = RuntimeCall::Staking(pallet_staking::Call::validate {
		prefs: pallet_staking::ValidatorPrefs::default(),
	});
	let chill = RuntimeCall::Staking(pallet_staking::Call::chill {});
	sp_io::TestExternalities::default().execute_with(|| {
		assert!(!allowed(&validate), "staking.validate goes around a candidacy");
		assert!(allowed(&chill));
	});
}

/// Every clock a period of mutual aid is measured on is one source: the Huzhu pallets' and
/// `pallet-referenda`'s (a voter's standing, from the membership pallet, is compared with a
/// poll's submission, from referenda). A fork that wires the relay chain's block number into
/// some of them and not the others fails here, not on its chain.
#[test]
fn the_mutual_aid_pallets_and_referenda_share_one_clock() {
	use core::any::TypeId;
	let source = TypeId::of::<<Runtime as pallet_huzhu_membership::Config>::BlockNumberProvider>();
	for (pallet, clock) in [
		("pool", TypeId::of::<<Runtime as pallet_huzhu_pool::Config>::BlockNumberProvider>()),
		("claims", TypeId::of::<<Runtime as pallet_huzhu_claims::Config>::BlockNumberProvider>()),
		(
			"elections",
			TypeId::of::<<Runtime as pallet_huzhu_elections::Config>::BlockNumberProvider>(),
		),
		("referenda", TypeId::of::<<Runtime as pallet_referenda::Config>::BlockNumberProvider>()),
	] {
		assert_eq!(clock, source, "{pallet} measures time on another clock than membership");
	}
	// The brake is counted where safe mode counts its duration: the system's blocks.
	assert_eq!(
		TypeId::of::<<Runtime as pallet_huzhu_governance::Config>::BlockNumberProvider>(),
		TypeId::of::<System>(),
	);
}
