//! A test runtime: System, Balances and this pallet, with a membership stand-in that holds plan
//! terms in a map and lapses/cures members the way the membership pallet does (calling the
//! pool's `cover_stopped`/`cover_started` back).

use crate::{self as pallet_huzhu_pool, *};
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, PalletId};
use frame_system::EnsureRoot;
use huzhu_primitives::membership::TriggerKind;
use sp_core::{ConstU32, ConstU64};
use sp_runtime::{BuildStorage, DispatchResult, Permill};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
/// Wide enough for the pallet's sub-accounts (`modl` + pallet id + plan id) to be distinct.
pub type AccountId = u128;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Pool: pallet_huzhu_pool,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

parameter_types! {
	/// Above one planck, so that dust could exist if the pool let it.
	pub static ExistentialDeposit: Balance = 5;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

/// The account that receives management fees.
pub const FEE_ACCOUNT: AccountId = 900;
/// Every test account starts with this much.
pub const STARTING_BALANCE: Balance = 1_000_000;
/// The plan of most tests.
pub const PLAN: PlanId = 0;

thread_local! {
	static TERMS: RefCell<BTreeMap<PlanId, PlanTerms<Balance, u64>>> = const { RefCell::new(BTreeMap::new()) };
	static LAPSED: RefCell<BTreeSet<(PlanId, AccountId)>> = const { RefCell::new(BTreeSet::new()) };
}

/// Terms of plan 0: minimum deposit 120 (at least 17/16 of the share cap per claim, so that no
/// lapse step ever holds a share back), maximum payout 10 000, shares capped at 100 per claim
/// and 300 per year, a 10% fee.
pub fn terms() -> PlanTerms<Balance, u64> {
	PlanTerms {
		name: b"Critical illness".to_vec().try_into().expect("short"),
		required_credentials: Default::default(),
		waiting_period: 0,
		min_deposit: 120,
		max_payout_per_claim: 10_000,
		member_share_cap_per_claim: 100,
		member_share_cap_per_year: 300,
		management_fee: Permill::from_percent(10),
		challenge_period: 10,
		trigger: TriggerKind::Attestation { attestations_required: 1 },
		regions: Default::default(),
	}
}

/// Replaces the terms of `plan` (governance changing them).
pub fn set_terms(plan: PlanId, terms: PlanTerms<Balance, u64>) {
	TERMS.with(|t| t.borrow_mut().insert(plan, terms));
}

/// Whether the stand-in lapsed `who` for an exhausted deposit.
pub fn is_lapsed(plan: PlanId, who: AccountId) -> bool {
	LAPSED.with(|l| l.borrow().contains(&(plan, who)))
}

pub struct MockPlans;
impl PlanInspect<Balance, u64> for MockPlans {
	fn plan_terms(plan: PlanId) -> Option<PlanTerms<Balance, u64>> {
		TERMS.with(|t| t.borrow().get(&plan).cloned())
	}
}

/// Lapses and cures as the membership pallet does, calling the pool back.
pub struct MockStanding;
impl MemberStanding<AccountId> for MockStanding {
	fn deposit_exhausted(plan: PlanId, who: &AccountId) -> DispatchResult {
		// Like the membership pallet: a lapse ends cover, not the member's sharing.
		LAPSED.with(|l| l.borrow_mut().insert((plan, *who)));
		Ok(())
	}
	fn deposit_restored(plan: PlanId, who: &AccountId) -> DispatchResult {
		let minimum = MockPlans::plan_terms(plan).map_or(0, |t| t.min_deposit);
		if is_lapsed(plan, *who)
			&& <Pool as MemberDeposits<_, _>>::is_sufficient(plan, who, minimum)
		{
			LAPSED.with(|l| l.borrow_mut().remove(&(plan, *who)));
			<Pool as MemberDeposits<_, _>>::cover_started(plan, who);
		}
		Ok(())
	}
}

parameter_types! {
	pub const PoolPalletId: PalletId = PalletId(*b"huzhu/pl");
	pub const FeeAccount: AccountId = FEE_ACCOUNT;
	pub const StandingWeight: frame_support::weights::Weight =
		frame_support::weights::Weight::from_parts(1_000, 0);
	pub const DefaultParams: PoolParams<Balance, u64> = PoolParams {
		notice_period: 5,
		reserve_fee_share: Permill::from_percent(50),
		reserve_target: Permill::from_percent(10),
		share_guard: ShareGuard::Off,
		capped_fee: CappedFee::Members,
	};
}

impl Config for Test {
	type Currency = Balances;
	type PalletId = PoolPalletId;
	type Plans = MockPlans;
	type Standing = MockStanding;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type VetoOrigin = EnsureRoot<AccountId>;
	type FeeAccount = FeeAccount;
	type YearLength = ConstU64<100>;
	type DefaultPoolParams = DefaultParams;
	type MaxCustodians = ConstU32<5>;
	type SpendTimeLock = ConstU64<10>;
	type SpendLifetime = ConstU64<50>;
	type WithdrawalWindow = ConstU64<20>;
	type StandingWeight = StandingWeight;
	type BlockNumberProvider = System;
	type WeightInfo = ();
}

/// Builds the test state: accounts 1..=50 and the fee account funded; plan 0 exists (no books
/// until money enters it).
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> sp_io::TestExternalities {
		TERMS.with(|t| {
			let mut terms_by_plan = t.borrow_mut();
			terms_by_plan.clear();
			terms_by_plan.insert(PLAN, terms());
		});
		LAPSED.with(|l| l.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=50)
				.map(|who| (who, STARTING_BALANCE))
				.chain([(FEE_ACCOUNT, ExistentialDeposit::get())])
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test` and then checks the pallet's invariants, including that the pool account
	/// holds exactly what the books say (nobody sends tokens to it directly in the tests).
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			Pool::do_try_state().expect("invariants hold after the test");
			assert_books_exact();
		});
	}
}

/// Asserts `pool balance + unsettled == endowment + total_deposits + reserve` for every plan,
/// and that the pool account never falls below the existential deposit.
pub fn assert_books_exact() {
	for (plan, books) in Books::<Test>::iter() {
		let balance = Balances::free_balance(Pool::pool_account(plan));
		assert_eq!(
			balance + books.unsettled,
			books.endowment + books.total_deposits + books.reserve,
			"plan {plan}'s pool holds exactly what its books say"
		);
		assert!(balance >= ExistentialDeposit::get(), "plan {plan}'s pool is no dust");
	}
}

/// A member joins plan `plan` with `deposit` and is covered at once (what the membership pallet
/// does for a plan without waiting period).
pub fn join(plan: PlanId, who: AccountId, deposit: Balance) {
	<Pool as MemberDeposits<_, _>>::deposit(plan, &who, deposit).expect("member can pay");
	<Pool as MemberDeposits<_, _>>::cover_started(plan, &who);
}

/// The events this pallet emitted so far.
pub fn pool_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Pool(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// Advances to block `n`.
pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}
