//! A test runtime: System and this pallet, with stand-ins for the staking system (bonds,
//! validator declarations, nominations as the data provider's voters) and for session keys.

use crate::{self as pallet_huzhu_elections, *};
use core::cell::RefCell;
use frame_election_provider_support::{
	bounds::DataProviderBounds, data_provider, ElectionDataProvider, PageIndex, VoterOf,
};
use frame_support::{derive_impl, parameter_types, traits::Contains};
use frame_system::EnsureRoot;
use sp_core::ConstU32;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Elections: pallet_huzhu_elections,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
}

/// The minimum self-bond of the tests.
pub const MIN_SELF_BOND: Balance = 100;
/// The most nominations a voter has in the stand-in staking system.
pub const MAX_NOMINATIONS: u32 = 16;

thread_local! {
	static BONDS: RefCell<BTreeMap<AccountId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static VALIDATORS: RefCell<BTreeMap<AccountId, Perbill>> = const { RefCell::new(BTreeMap::new()) };
	static NOMINATIONS: RefCell<BTreeMap<AccountId, Vec<AccountId>>> = const { RefCell::new(BTreeMap::new()) };
	static UNBONDING: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
	static KEYS: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
	static VOTER_READS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
	static WITHDRAWALS: RefCell<u32> = const { RefCell::new(0) };
	static ACTIVE: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// Bonds `amount` for `who` (as its own stash).
pub fn bond(who: AccountId, amount: Balance) {
	BONDS.with(|b| b.borrow_mut().insert(who, amount));
}

/// Slashes `who`'s bond down to `amount`.
pub fn slash_to(who: AccountId, amount: Balance) {
	bond(who, amount);
}

/// Sets session keys for `who`.
pub fn set_keys(who: AccountId) {
	KEYS.with(|k| k.borrow_mut().insert(who));
}

/// `who` nominates `targets` (a bonded voter).
pub fn nominate(who: AccountId, stake: Balance, targets: Vec<AccountId>) {
	bond(who, stake);
	NOMINATIONS.with(|n| n.borrow_mut().insert(who, targets));
}

/// The commission `who` declared to the staking system, if it is a validator there.
pub fn declared_commission(who: AccountId) -> Option<Perbill> {
	VALIDATORS.with(|v| v.borrow().get(&who).copied())
}

/// Whether `who` is unbonding.
pub fn is_unbonding(who: AccountId) -> bool {
	UNBONDING.with(|u| u.borrow().contains(&who))
}

/// `who` chills in the staking system directly (its bond stays).
pub fn chill(who: AccountId) {
	VALIDATORS.with(|v| v.borrow_mut().remove(&who));
}

/// `who` chills and unbonds everything in the staking system directly.
pub fn chill_and_unbond_directly(who: AccountId) {
	chill(who);
	UNBONDING.with(|u| u.borrow_mut().insert(who));
}

/// `who` purges its session keys.
pub fn purge_keys(who: AccountId) {
	KEYS.with(|k| k.borrow_mut().remove(&who));
}

/// How many times the pallet asked the staking system to chill and unbond, refusals included.
pub fn withdrawal_attempts() -> u32 {
	WITHDRAWALS.with(|w| *w.borrow())
}

/// The voter bounds elections asked the data provider for.
pub fn voter_reads() -> Vec<u32> {
	VOTER_READS.with(|r| r.borrow().clone())
}

pub struct MockStaking;
impl ValidatorStaking<AccountId, Balance> for MockStaking {
	fn self_bond(who: &AccountId) -> Balance {
		if is_unbonding(*who) {
			return 0;
		}
		BONDS.with(|b| b.borrow().get(who).copied().unwrap_or_default())
	}
	fn validate(who: &AccountId, commission: Perbill) -> DispatchResult {
		VALIDATORS.with(|v| v.borrow_mut().insert(*who, commission));
		Ok(())
	}
	/// Refuses, like `pallet-staking`, a stash that is not bonded or has nothing left to
	/// unbond; then changes nothing.
	fn chill_and_unbond(who: &AccountId) -> DispatchResult {
		WITHDRAWALS.with(|w| *w.borrow_mut() += 1);
		if Self::self_bond(who) == 0 {
			return Err(DispatchError::Other("not bonded"));
		}
		VALIDATORS.with(|v| v.borrow_mut().remove(who));
		UNBONDING.with(|u| u.borrow_mut().insert(*who));
		Ok(())
	}
	fn is_validating(who: &AccountId) -> bool {
		VALIDATORS.with(|v| v.borrow().contains_key(who))
	}
	fn active_validators() -> Vec<AccountId> {
		ACTIVE.with(|a| a.borrow().clone())
	}
}

/// Sets the validators of the current session (the set the staking system seated).
pub fn set_active_validators(validators: Vec<AccountId>) {
	ACTIVE.with(|a| *a.borrow_mut() = validators);
}

/// Voters as `pallet-staking` gives them: each validator backs itself with its bond, each
/// nominator its nominations; vote weight = bond; at most `bounds.count` voters, in account
/// order.
pub struct MockDataProvider;
impl ElectionDataProvider for MockDataProvider {
	type AccountId = AccountId;
	type BlockNumber = u64;
	type MaxVotesPerVoter = ConstU32<MAX_NOMINATIONS>;

	fn electable_targets(
		_bounds: DataProviderBounds,
		_page: PageIndex,
	) -> data_provider::Result<Vec<AccountId>> {
		Ok(VALIDATORS.with(|v| v.borrow().keys().copied().collect()))
	}

	fn electing_voters(
		bounds: DataProviderBounds,
		_page: PageIndex,
	) -> data_provider::Result<Vec<VoterOf<Self>>> {
		let limit = bounds.count.map_or(u32::MAX, |count| count.0);
		VOTER_READS.with(|r| r.borrow_mut().push(limit));
		let weight = |who: &AccountId| {
			u64::try_from(<MockStaking as ValidatorStaking<_, _>>::self_bond(who))
				.unwrap_or(u64::MAX)
		};
		let mut voters: Vec<VoterOf<Self>> = VALIDATORS
			.with(|v| v.borrow().keys().copied().collect::<Vec<_>>())
			.into_iter()
			.map(|validator| (validator, weight(&validator), vec![validator].try_into().unwrap()))
			.collect();
		NOMINATIONS.with(|n| {
			for (nominator, targets) in n.borrow().iter() {
				let targets = targets.clone().try_into().expect("within the nomination bound");
				voters.push((*nominator, weight(nominator), targets));
			}
		});
		voters.sort_by_key(|(who, _, _)| *who);
		voters.truncate(limit as usize);
		Ok(voters)
	}

	fn desired_targets() -> data_provider::Result<u32> {
		Ok(21)
	}

	fn next_election_prediction(_now: u64) -> u64 {
		0
	}
}

pub struct MockSessionKeys;
impl Contains<AccountId> for MockSessionKeys {
	fn contains(who: &AccountId) -> bool {
		KEYS.with(|k| k.borrow().contains(who))
	}
}

parameter_types! {
	pub const DefaultParams: ElectionParams<Balance> =
		ElectionParams { seats: 21, min_seats: 4, min_self_bond: MIN_SELF_BOND, max_votes: 16 };
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
}

impl Config for Test {
	type Balance = Balance;
	type Staking = MockStaking;
	type DataProvider = MockDataProvider;
	type SessionKeys = MockSessionKeys;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type DefaultParams = DefaultParams;
	type MaxCandidates = ConstU32<40>;
	type MaxWinners = ConstU32<21>;
	type MaxBackersPerWinner = ConstU32<512>;
	type MaxElectingVoters = ConstU32<1_000>;
	type MaxCommission = MaxCommission;
	type MaxNameLen = ConstU32<32>;
	type MaxUrlLen = ConstU32<64>;
	type BlockNumberProvider = System;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Benchmark set-up against the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId, Balance> for MockHelper {
	fn bond_with_keys(who: &AccountId, stake: Balance) {
		bond(*who, stake);
		set_keys(*who);
	}
	fn nominate(who: &AccountId, stake: Balance, targets: Vec<AccountId>) {
		nominate(*who, stake, targets);
	}
}

/// A description named `name`.
pub fn described(name: &str) -> DescriptionOf<Test> {
	CandidateDescription {
		name: name.as_bytes().to_vec().try_into().expect("short"),
		url: b"https://example.org".to_vec().try_into().expect("short"),
		did: None,
	}
}

/// Makes `who` a registered candidate with `self_bond` (session keys set, 10 % commission).
pub fn candidate(who: AccountId, self_bond: Balance) {
	bond(who, self_bond);
	set_keys(who);
	Elections::register_candidate(
		RuntimeOrigin::signed(who),
		Perbill::from_percent(10),
		described("v"),
	)
	.expect("a bonded account with keys registers");
}

/// Builds an empty test state at block 1.
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> sp_io::TestExternalities {
		BONDS.with(|b| b.borrow_mut().clear());
		VALIDATORS.with(|v| v.borrow_mut().clear());
		NOMINATIONS.with(|n| n.borrow_mut().clear());
		UNBONDING.with(|u| u.borrow_mut().clear());
		KEYS.with(|k| k.borrow_mut().clear());
		VOTER_READS.with(|r| r.borrow_mut().clear());
		WITHDRAWALS.with(|w| *w.borrow_mut() = 0);
		let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test` and then checks the pallet's invariants.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			Elections::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// The events this pallet emitted so far.
pub fn election_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Elections(event) => Some(event),
			_ => None,
		})
		.collect()
}
