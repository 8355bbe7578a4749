//! A test runtime: System, Balances and this pallet, with stand-ins for the membership pallet
//! (plans, members in slots, accreditations, credentials, issuer slashing), the pool (pays from
//! a funded account per plan, books reserve credits) and `pallet-oracle` (median of at least
//! [`MIN_READINGS`] readings).

use crate::{self as pallet_huzhu_claims, *};
use codec::Encode;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		Hooks, Randomness,
	},
};
use frame_system::EnsureRoot;
use huzhu_primitives::{
	membership::credential_types::{ALLIANCE_ENTERPRISE, MEDICAL_INSTITUTION, WEATHER_ORACLE},
	pool::PayoutReceipt,
	CredentialTypeId,
};
use sp_core::{ConstU32, ConstU64, H256};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill, Permill};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ClaimsPallet: pallet_huzhu_claims,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The attestation plan (two attestations decide).
pub const ATTEST_PLAN: PlanId = 0;
/// The parametric plan: metric 0 (rainfall), trigger 500, exit 100, regions 7 and 8.
pub const INDEX_PLAN: PlanId = 1;
/// The alliance plan (60 % approve).
pub const ALLIANCE_PLAN: PlanId = 2;
/// A parametric plan whose metric is not registered.
pub const UNMETERED_PLAN: PlanId = 3;
/// The most a claim pays in every plan.
pub const MAX_PAYOUT: Balance = 1_000;
/// Every account starts with this much.
pub const STARTING_BALANCE: Balance = 10_000;
/// Each plan's pool starts with this much.
pub const POOL_BALANCE: Balance = 100_000;
/// The readings an aggregate needs.
pub const MIN_READINGS: usize = 3;
/// Accredited medical institutions.
pub const HOSPITALS: [AccountId; 3] = [90, 91, 92];
/// Accredited weather oracles.
pub const ORACLES: [AccountId; 4] = [80, 81, 82, 83];
/// An account without a DID.
pub const NO_DID: AccountId = 500;

/// A member of the stand-in membership.
#[derive(Clone, Copy)]
pub struct MockMember {
	pub who: AccountId,
	pub since: u64,
	pub region: Option<RegionId>,
}

thread_local! {
	static PLANS: RefCell<BTreeMap<PlanId, PlanTerms<Balance, u64>>> = const { RefCell::new(BTreeMap::new()) };
	static MEMBERS: RefCell<BTreeMap<PlanId, Vec<MockMember>>> = const { RefCell::new(BTreeMap::new()) };
	static ISSUERS: RefCell<BTreeSet<(AccountId, CredentialTypeId)>> = const { RefCell::new(BTreeSet::new()) };
	static CREDENTIALS: RefCell<BTreeSet<(AccountId, CredentialTypeId)>> = const { RefCell::new(BTreeSet::new()) };
	static READINGS: RefCell<BTreeMap<ReadingKey, BTreeMap<AccountId, i64>>> = const { RefCell::new(BTreeMap::new()) };
	static RESERVES: RefCell<BTreeMap<PlanId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static SLASHED_ISSUERS: RefCell<Vec<(DidId, CredentialTypeId, Balance)>> = const { RefCell::new(Vec::new()) };
	static PAYOUTS_FAIL: RefCell<bool> = const { RefCell::new(false) };
	static BRAKE: RefCell<bool> = const { RefCell::new(false) };
	static LOW_DEPOSITS: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Puts the brake on (or off).
pub fn set_brake(engaged: bool) {
	BRAKE.with(|b| *b.borrow_mut() = engaged);
}

/// Makes `who`'s settled deposit fall below every plan's minimum (or restores it).
pub fn set_deposit_exhausted(who: AccountId, exhausted: bool) {
	LOW_DEPOSITS.with(|d| {
		if exhausted {
			d.borrow_mut().insert(who);
		} else {
			d.borrow_mut().remove(&who);
		}
	});
}

/// Every account that is an active member of some plan, in a fixed order (chain-wide slots).
fn active_accounts() -> Vec<AccountId> {
	MEMBERS.with(|m| {
		m.borrow()
			.values()
			.flat_map(|members| members.iter().map(|member| member.who))
			.collect::<BTreeSet<_>>()
			.into_iter()
			.collect()
	})
}

fn terms(trigger: TriggerKind, regions: Vec<RegionId>) -> PlanTerms<Balance, u64> {
	PlanTerms {
		name: b"Plan".to_vec().try_into().expect("short"),
		required_credentials: Default::default(),
		waiting_period: 0,
		min_deposit: 10,
		max_payout_per_claim: MAX_PAYOUT,
		member_share_cap_per_claim: 10,
		member_share_cap_per_year: 100,
		management_fee: Permill::zero(),
		challenge_period: CHALLENGE_PERIOD,
		trigger,
		regions: regions.try_into().expect("few"),
	}
}

/// Adds `who` as an active member of `plan` since block `since`.
pub fn add_member(plan: PlanId, who: AccountId, since: u64, region: Option<RegionId>) {
	MEMBERS
		.with(|m| m.borrow_mut().entry(plan).or_default().push(MockMember { who, since, region }));
}

/// Removes `who` from `plan`'s active members (the last one takes its slot).
pub fn remove_member(plan: PlanId, who: AccountId) {
	MEMBERS.with(|m| {
		if let Some(members) = m.borrow_mut().get_mut(&plan) {
			if let Some(position) = members.iter().position(|member| member.who == who) {
				members.swap_remove(position);
			}
		}
	});
}

fn member(plan: PlanId, who: AccountId) -> Option<MockMember> {
	MEMBERS.with(|m| m.borrow().get(&plan)?.iter().find(|member| member.who == who).copied())
}

/// Accredits (or, with `false`, un-accredits) `who` as an issuer of `credential_type`.
pub fn set_accredited(who: AccountId, credential_type: CredentialTypeId, accredited: bool) {
	ISSUERS.with(|i| {
		if accredited {
			i.borrow_mut().insert((who, credential_type));
		} else {
			i.borrow_mut().remove(&(who, credential_type));
		}
	});
}

/// Changes `plan`'s maximum payout per claim (as a governance change of its terms would).
pub fn set_max_payout(plan: PlanId, amount: Balance) {
	PLANS.with(|p| {
		if let Some(terms) = p.borrow_mut().get_mut(&plan) {
			terms.max_payout_per_claim = amount;
		}
	});
}

/// Changes `plan`'s trigger (as a governance change of its terms would).
pub fn set_trigger(plan: PlanId, trigger: TriggerKind) {
	PLANS.with(|p| {
		if let Some(terms) = p.borrow_mut().get_mut(&plan) {
			terms.trigger = trigger;
		}
	});
}

/// Gives `who`'s DID a valid alliance-enterprise credential.
pub fn set_alliance_credential(who: AccountId) {
	CREDENTIALS.with(|c| c.borrow_mut().insert((who, ALLIANCE_ENTERPRISE)));
}

/// Makes the stand-in pool refuse (or accept) payouts.
pub fn set_payouts_fail(fail: bool) {
	PAYOUTS_FAIL.with(|f| *f.borrow_mut() = fail);
}

/// What the stand-in pool booked as reserve for `plan`.
pub fn reserve_of(plan: PlanId) -> Balance {
	RESERVES.with(|r| r.borrow().get(&plan).copied().unwrap_or_default())
}

/// Issuers penalized through [`IssuerPenalty`]: who, for which type, and how much was moved.
pub fn slashed_issuers() -> Vec<(DidId, CredentialTypeId, Balance)> {
	SLASHED_ISSUERS.with(|s| s.borrow().clone())
}

/// The bond each accredited institution has at stake in the stand-in membership.
pub const ISSUER_BOND: Balance = 1_000;

/// The pool account of `plan`.
pub fn pool_account(plan: PlanId) -> AccountId {
	1_000 + AccountId::from(plan)
}

pub struct MockMembership;
impl MembershipInspect<AccountId, u64> for MockMembership {
	fn did_of(who: &AccountId) -> Option<DidId> {
		(*who != NO_DID).then_some(*who)
	}
	fn is_active_member(plan: PlanId, who: &AccountId) -> bool {
		member(plan, *who).is_some()
	}
	fn active_since(plan: PlanId, who: &AccountId) -> Option<u64> {
		member(plan, *who).map(|member| member.since)
	}
	fn member_region(plan: PlanId, who: &AccountId) -> Option<RegionId> {
		member(plan, *who)?.region
	}
	fn active_member_count(plan: PlanId) -> u32 {
		MEMBERS.with(|m| m.borrow().get(&plan).map_or(0, |members| members.len() as u32))
	}
	fn active_member_dids() -> u32 {
		active_accounts().len() as u32
	}
	fn is_active_did(did: DidId) -> bool {
		MEMBERS.with(|m| m.borrow().values().any(|members| members.iter().any(|m| m.who == did)))
	}
	fn is_voter(did: DidId) -> bool {
		Self::is_active_did(did)
	}
	fn voter_since(did: DidId) -> Option<u64> {
		Self::is_voter(did).then_some(0)
	}
	fn voter_count() -> u32 {
		Self::active_member_dids()
	}
	fn active_member_at(plan: PlanId, index: u32) -> Option<AccountId> {
		MEMBERS.with(|m| m.borrow().get(&plan)?.get(index as usize).map(|member| member.who))
	}
	fn active_did_controller_at(index: u32) -> Option<AccountId> {
		active_accounts().get(index as usize).copied()
	}
	fn is_member_in_region(who: &AccountId, region: RegionId) -> bool {
		MEMBERS.with(|m| {
			m.borrow().iter().any(|(plan, members)| {
				members.iter().any(|member| member.who == *who)
					&& MockPlans::plan_terms(*plan)
						.is_some_and(|terms| terms.regions.contains(&region))
			})
		})
	}
}

pub struct MockCredentials;
impl CredentialInspect for MockCredentials {
	fn has_valid_credential(did: DidId, credential_type: CredentialTypeId) -> bool {
		CREDENTIALS.with(|c| c.borrow().contains(&(did, credential_type)))
	}
	fn is_accredited_issuer(did: DidId, credential_type: CredentialTypeId) -> bool {
		ISSUERS.with(|i| i.borrow().contains(&(did, credential_type)))
	}
}

pub struct MockPlans;
impl PlanInspect<Balance, u64> for MockPlans {
	fn plan_terms(plan: PlanId) -> Option<PlanTerms<Balance, u64>> {
		PLANS.with(|p| p.borrow().get(&plan).cloned())
	}
}

/// Moves up to `amount` of the institution's bond (its free balance, up to [`ISSUER_BOND`]) to
/// the beneficiary and un-accredits it (suspension).
pub struct MockPenalties;
impl IssuerPenalty<AccountId, Balance> for MockPenalties {
	fn penalize_issuer(
		issuer: DidId,
		credential_type: CredentialTypeId,
		amount: Balance,
		beneficiary: &AccountId,
	) -> Balance {
		let amount = amount.min(ISSUER_BOND).min(Balances::balance(&issuer));
		if Balances::transfer(&issuer, beneficiary, amount, Preservation::Expendable).is_err() {
			return 0;
		}
		set_accredited(issuer, credential_type, false);
		SLASHED_ISSUERS.with(|s| s.borrow_mut().push((issuer, credential_type, amount)));
		amount
	}
	fn issuer_bond(issuer: DidId, _credential_type: CredentialTypeId) -> Balance {
		let slashed: Balance = SLASHED_ISSUERS.with(|s| {
			s.borrow().iter().filter(|(did, ..)| *did == issuer).map(|(.., amount)| amount).sum()
		});
		ISSUER_BOND.saturating_sub(slashed).min(Balances::balance(&issuer))
	}
}

parameter_types! {
	/// How far the tests' block-number source runs ahead of the system block number.
	pub static ClockLead: u64 = 0;
}

/// The most ticks served in a block.
pub const MAX_TICKS_PER_BLOCK: u32 = 2;

/// The tests' block-number source: the system block number plus [`ClockLead`], which a test
/// raises to play a relay chain that moved more than one block since the last block.
pub struct TestClock;
impl sp_runtime::traits::BlockNumberProvider for TestClock {
	type BlockNumber = u64;
	fn current_block_number() -> u64 {
		System::block_number() + ClockLead::get()
	}
	/// The benchmarks move time through the source: the system block number follows.
	fn set_block_number(block: u64) {
		System::set_block_number(block.saturating_sub(ClockLead::get()));
	}
}

/// The brake of the tests ([`set_brake`]).
pub struct MockBrake;
impl AdjudicationBrake for MockBrake {
	fn engaged() -> bool {
		BRAKE.with(|b| *b.borrow())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

pub struct MockPool;
impl PoolPayout<AccountId, Balance> for MockPool {
	fn pay_claim(
		plan: PlanId,
		beneficiary: &AccountId,
		amount: Balance,
	) -> Result<PayoutReceipt<Balance>, DispatchError> {
		if PAYOUTS_FAIL.with(|f| *f.borrow()) {
			return Err(DispatchError::Other("pool cannot pay"));
		}
		Balances::transfer(&pool_account(plan), beneficiary, amount, Preservation::Preserve)?;
		Ok(PayoutReceipt { paid: amount, ..Default::default() })
	}
	fn pool_account(plan: PlanId) -> AccountId {
		pool_account(plan)
	}
	fn reserve_credited(plan: PlanId, amount: Balance) -> DispatchResult {
		RESERVES.with(|r| *r.borrow_mut().entry(plan).or_default() += amount);
		Ok(())
	}
	fn settle_member(plan: PlanId, who: &AccountId) -> Result<Balance, DispatchError> {
		let minimum = MockPlans::plan_terms(plan).map_or(0, |terms| terms.min_deposit);
		let exhausted = LOW_DEPOSITS.with(|d| d.borrow().contains(who));
		Ok(if exhausted { minimum.saturating_sub(1) } else { minimum * 10 })
	}
}

pub struct MockReadings;
impl IndexReadings<AccountId> for MockReadings {
	fn feed(who: &AccountId, key: ReadingKey, value: i64) -> DispatchResult {
		READINGS.with(|r| r.borrow_mut().entry(key).or_default().insert(*who, value));
		Ok(())
	}
	fn readings(key: &ReadingKey) -> Vec<(AccountId, i64)> {
		READINGS.with(|r| {
			r.borrow()
				.get(key)
				.map(|readings| readings.iter().map(|(who, value)| (*who, *value)).collect())
				.unwrap_or_default()
		})
	}
}

/// Block-number-salted hashes: deterministic, different per subject and block.
pub struct TestRandomness;
impl Randomness<H256, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		let block = System::block_number();
		(H256(sp_io::hashing::blake2_256(&(subject, block).encode())), block)
	}
}

parameter_types! {
	pub const DefaultParams: AdjudicationParams<u64> = AdjudicationParams {
		decision_period: DECISION_PERIOD,
		draw_delay: DRAW_DELAY,
		commit_period: COMMIT_PERIOD,
		reveal_period: REVEAL_PERIOD,
		appeal_period: APPEAL_PERIOD,
		index_claim_period: INDEX_CLAIM_PERIOD,
		record_retention: RECORD_RETENTION,
	};
	pub const JuryQuorum: Perbill = Perbill::from_percent(60);
	pub const JurorShare: Perbill = Perbill::from_percent(20);
	pub const WinnerShare: Perbill = Perbill::from_percent(50);
	pub const AttesterSlash: Perbill = Perbill::from_percent(100);
}

/// Bonds and periods of the tests.
pub const CLAIM_BOND: Balance = 10;
pub const AUDIT_BOND: Balance = 50;
pub const CHALLENGE_BOND: Balance = 20;
pub const APPEAL_BOND: Balance = 40;
pub const JUROR_BOND: Balance = 6;
pub const DECISION_PERIOD: u64 = 20;
pub const DRAW_DELAY: u64 = 2;
pub const CHALLENGE_PERIOD: u64 = 10;
pub const COMMIT_PERIOD: u64 = 5;
pub const REVEAL_PERIOD: u64 = 5;
pub const APPEAL_PERIOD: u64 = 5;
pub const INDEX_CLAIM_PERIOD: u64 = 30;
pub const RECORD_DEPOSIT: Balance = 3;
pub const RECORD_RETENTION: u64 = 50;
pub const MAX_PRUNED_VOTES: u32 = 2;

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Membership = MockMembership;
	type Credentials = MockCredentials;
	type Plans = MockPlans;
	type Penalties = MockPenalties;
	type Payout = MockPool;
	type Readings = MockReadings;
	type Randomness = TestRandomness;
	type Brake = MockBrake;
	type BlockNumberProvider = TestClock;
	type MaxTicksPerBlock = ConstU32<MAX_TICKS_PER_BLOCK>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type ClaimBond = ConstU64<CLAIM_BOND>;
	type RecordDeposit = ConstU64<RECORD_DEPOSIT>;
	type MaxPrunedVotes = ConstU32<MAX_PRUNED_VOTES>;
	type AuditBond = ConstU64<AUDIT_BOND>;
	type ChallengeBond = ConstU64<CHALLENGE_BOND>;
	type AppealBond = ConstU64<APPEAL_BOND>;
	type JurorBond = ConstU64<JUROR_BOND>;
	type DefaultParams = DefaultParams;
	type JurySize = ConstU32<3>;
	type AppealJurySize = ConstU32<5>;
	type JuryQuorum = JuryQuorum;
	type JurorShare = JurorShare;
	type WinnerShare = WinnerShare;
	type AttesterSlash = AttesterSlash;
	type MaxDuePerBlock = ConstU32<4>;
	type MaxChallengers = ConstU32<3>;
	type MaxOpenClaims = ConstU32<3>;
	type MaxOracleOperators = ConstU32<4>;
	type MinReadings = ConstU32<{ MIN_READINGS as u32 }>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Benchmark set-up against the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId> for MockHelper {
	fn create_plan(trigger: TriggerKind, regions: Vec<RegionId>) -> PlanId {
		let plan = PLANS.with(|p| p.borrow().len() as PlanId);
		PLANS.with(|p| p.borrow_mut().insert(plan, terms(trigger, regions)));
		let _ = Balances::mint_into(&pool_account(plan), POOL_BALANCE);
		plan
	}
	fn add_member(
		plan: PlanId,
		who: &AccountId,
		region: Option<RegionId>,
		credential: Option<CredentialTypeId>,
	) {
		let _ = Balances::mint_into(who, STARTING_BALANCE);
		add_member(plan, *who, System::block_number(), region);
		if let Some(credential) = credential {
			CREDENTIALS.with(|c| c.borrow_mut().insert((*who, credential)));
		}
	}
	fn accredit(who: &AccountId, credential_type: CredentialTypeId) {
		let _ = Balances::mint_into(who, STARTING_BALANCE);
		set_accredited(*who, credential_type, true);
	}
}

/// Metric 0: rainfall in mm, 0..=10 000, periods of 10 blocks, readings within 5 blocks after,
/// readings more than 100 mm from the median flagged.
pub fn rainfall() -> MetricSpec<u64> {
	MetricSpec {
		min_value: 0,
		max_value: 10_000,
		period_length: 10,
		submission_window: 5,
		outlier_tolerance: 100,
	}
}

/// Builds the test state at block 1:
/// - plan 0 (attestation, 2 needed): members 1..=20, active since block 0;
/// - plan 1 (parametric): members 1..=10 in region 7, 11..=12 in region 8, 13 without region;
/// - plan 2 (alliance, 60 %): members 1..=6, of which 2..=6 hold the alliance credential;
/// - plan 3 (parametric, metric 9 unregistered): member 1 in region 7;
/// - hospitals 90..=92, oracles 80..=83 accredited; metric 0 registered;
/// - the adjudication clock at tick 1, so that tick == block while the brake is off;
/// - accounts 1..=100 hold 10 000, each plan's pool account 100 000.
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> sp_io::TestExternalities {
		PLANS.with(|p| {
			let mut plans = p.borrow_mut();
			plans.clear();
			plans.insert(
				ATTEST_PLAN,
				terms(TriggerKind::Attestation { attestations_required: 2 }, vec![]),
			);
			plans.insert(
				INDEX_PLAN,
				terms(
					TriggerKind::Parametric { metric: 0, trigger_value: 500, exit_value: 100 },
					vec![7, 8],
				),
			);
			plans.insert(
				ALLIANCE_PLAN,
				terms(
					TriggerKind::Alliance { approval_threshold: Perbill::from_percent(60) },
					vec![],
				),
			);
			plans.insert(
				UNMETERED_PLAN,
				terms(
					TriggerKind::Parametric { metric: 9, trigger_value: 500, exit_value: 100 },
					vec![7],
				),
			);
		});
		MEMBERS.with(|m| m.borrow_mut().clear());
		ISSUERS.with(|i| i.borrow_mut().clear());
		CREDENTIALS.with(|c| c.borrow_mut().clear());
		READINGS.with(|r| r.borrow_mut().clear());
		RESERVES.with(|r| r.borrow_mut().clear());
		SLASHED_ISSUERS.with(|s| s.borrow_mut().clear());
		set_payouts_fail(false);
		set_brake(false);
		ClockLead::set(0);
		LOW_DEPOSITS.with(|d| d.borrow_mut().clear());
		for who in 1..=20 {
			add_member(ATTEST_PLAN, who, 0, None);
		}
		for who in 1..=13 {
			let region = match who {
				1..=10 => Some(7),
				11..=12 => Some(8),
				_ => None,
			};
			add_member(INDEX_PLAN, who, 0, region);
		}
		for who in 1..=6 {
			add_member(ALLIANCE_PLAN, who, 0, None);
			if who > 1 {
				CREDENTIALS.with(|c| c.borrow_mut().insert((who, ALLIANCE_ENTERPRISE)));
			}
		}
		add_member(UNMETERED_PLAN, 1, 0, Some(7));
		for hospital in HOSPITALS {
			set_accredited(hospital, MEDICAL_INSTITUTION, true);
		}
		for oracle in ORACLES {
			set_accredited(oracle, WEATHER_ORACLE, true);
		}

		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=100)
				.map(|who| (who, STARTING_BALANCE))
				.chain((0..4).map(|plan| (pool_account(plan), POOL_BALANCE)))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_huzhu_claims::GenesisConfig::<Test> { metrics: vec![(0, rainfall())], params: None }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			// The adjudication clock ticks with the blocks while the brake is off.
			Clock::<Test>::put(1);
		});
		ext
	}

	/// Runs `test` and then checks the pallet's invariants.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			ClaimsPallet::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// Advances block by block to `n`, running the pallet's `on_initialize` in each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		ClaimsPallet::on_initialize(next);
	}
}

/// The events this pallet emitted so far.
pub fn claims_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::ClaimsPallet(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// `who`'s free balance, counting the record deposits it holds as free: the money flows of
/// claims are checked with it, and the record deposits on their own (`held(RecordDeposit, …)`).
pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who) + record_deposits(who)
}

/// What `who` holds as record deposits.
pub fn record_deposits(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::RecordDeposit.into(), &who)
}
