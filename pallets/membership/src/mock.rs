//! A test runtime: System, Balances and this pallet, with a pool stand-in that keeps members'
//! deposits in a plain map.

use crate::{self as pallet_huzhu_membership, *};
use core::cell::RefCell;
use frame_support::{
	derive_impl, ord_parameter_types, parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, Hooks, Imbalance as _, OnUnbalanced},
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use sp_core::{sr25519, ConstU32, ConstU64, H256};
use sp_runtime::{BuildStorage, DispatchResult, Perbill, Permill};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Membership: pallet_huzhu_membership,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The account the pool stand-in keeps deposits in.
pub const POOL: AccountId = 999;
/// The bond of every standard credential type in the tests.
pub const ISSUER_BOND: Balance = 100;
/// Every test account starts with this much.
pub const STARTING_BALANCE: Balance = 1_000;

thread_local! {
	/// Members' deposits by (plan, account).
	static DEPOSITS: RefCell<BTreeMap<(PlanId, AccountId), Balance>> = const { RefCell::new(BTreeMap::new()) };
	/// The (plan, account) pairs whose cover the pool stand-in was told is running.
	static COVERED: RefCell<std::collections::BTreeSet<(PlanId, AccountId)>> = RefCell::new(Default::default());
	/// The sum of slashed bonds.
	static SLASHED: RefCell<Balance> = const { RefCell::new(0) };
}

/// The voters' roll stand-in, in storage so that it rolls back with a failed call.
#[frame_support::storage_alias]
type Roll = StorageMap<MockRollPrefix, frame_support::Twox64Concat, AccountId, u16>;

/// A stand-in for the ranked collective the voters' roll is in Huzhu.
pub struct MockRoll;
impl frame_support::traits::RankedMembers for MockRoll {
	type AccountId = AccountId;
	type Rank = u16;
	fn min_rank() -> u16 {
		0
	}
	fn rank_of(who: &AccountId) -> Option<u16> {
		Roll::get(who)
	}
	fn induct(who: &AccountId) -> DispatchResult {
		frame_support::ensure!(!Roll::contains_key(who), "already on the roll");
		Roll::insert(who, 0);
		Ok(())
	}
	fn promote(who: &AccountId) -> DispatchResult {
		let rank = Roll::get(who).ok_or("not on the roll")?;
		Roll::insert(who, rank + 1);
		Ok(())
	}
	fn demote(who: &AccountId) -> DispatchResult {
		match Roll::get(who).ok_or("not on the roll")? {
			0 => Roll::remove(who),
			rank => Roll::insert(who, rank - 1),
		}
		Ok(())
	}
}

/// The accounts on the voters' roll.
pub fn roll() -> Vec<AccountId> {
	let mut accounts: Vec<AccountId> = Roll::iter_keys().collect();
	accounts.sort();
	accounts
}

/// A pool stand-in: deposits move to [`POOL`] and are recorded per member.
pub struct MockDeposits;
impl MemberDeposits<AccountId, Balance> for MockDeposits {
	fn deposit(plan: PlanId, who: &AccountId, amount: Balance) -> DispatchResult {
		Balances::transfer(who, &POOL, amount, Preservation::Preserve)?;
		DEPOSITS.with(|d| *d.borrow_mut().entry((plan, *who)).or_default() += amount);
		Ok(())
	}
	fn is_sufficient(plan: PlanId, who: &AccountId, minimum: Balance) -> bool {
		member_deposit(plan, *who) >= minimum
	}
	fn is_covered(plan: PlanId, who: &AccountId) -> bool {
		pool_sees_cover(plan, *who)
	}
	fn member_exited(plan: PlanId, who: &AccountId) -> DispatchResult {
		// Like the pool: a member that leaves stops sharing claims.
		COVERED.with(|c| c.borrow_mut().remove(&(plan, *who)));
		let amount = DEPOSITS.with(|d| d.borrow_mut().remove(&(plan, *who))).unwrap_or_default();
		Balances::transfer(&POOL, who, amount, Preservation::Expendable)?;
		Ok(())
	}
	fn cover_started(plan: PlanId, who: &AccountId) {
		COVERED.with(|c| c.borrow_mut().insert((plan, *who)));
	}
	fn cover_stopped(plan: PlanId, who: &AccountId) {
		COVERED.with(|c| c.borrow_mut().remove(&(plan, *who)));
	}
}

/// Whether the pool stand-in counts `who` in `plan`'s cost sharing (told when cover started,
/// until the member left).
pub fn pool_sees_cover(plan: PlanId, who: AccountId) -> bool {
	COVERED.with(|c| c.borrow().contains(&(plan, who)))
}

/// A member's deposit in the pool stand-in.
pub fn member_deposit(plan: PlanId, who: AccountId) -> Balance {
	DEPOSITS.with(|d| d.borrow().get(&(plan, who)).copied().unwrap_or_default())
}

/// Sets a member's deposit in the pool stand-in (as if shares had been charged).
pub fn set_member_deposit(plan: PlanId, who: AccountId, amount: Balance) {
	DEPOSITS.with(|d| d.borrow_mut().insert((plan, who), amount));
}

/// The sum of slashed bonds so far.
pub fn slashed_total() -> Balance {
	SLASHED.with(|s| *s.borrow())
}

/// Records slashed bonds, then burns them.
pub struct RecordSlash;
impl OnUnbalanced<CreditOf<Test>> for RecordSlash {
	fn on_nonzero_unbalanced(credit: CreditOf<Test>) {
		SLASHED.with(|s| *s.borrow_mut() += credit.peek());
	}
}

/// The claims stand-in: the one issuer (and type) whose attestations may still be slashed.
pub struct MockExposure;
impl IssuerExposure for MockExposure {
	fn is_exposed(issuer: DidId, credential_type: CredentialTypeId) -> bool {
		ExposedIssuer::get() == Some((issuer, credential_type))
	}
}

/// A claims stand-in: claim ids and a plan's oldest open claim as the test sets them.
pub struct MockClaims;
impl OpenClaimsInspect for MockClaims {
	fn next_claim_id() -> ClaimId {
		NextClaim::get()
	}
	fn oldest_open_claim(plan: PlanId) -> Option<ClaimId> {
		OldestOpenClaim::get().filter(|(of, _)| *of == plan).map(|(_, claim)| claim)
	}
}

parameter_types! {
	/// The id the next claim gets.
	pub static NextClaim: ClaimId = 0;
	/// A plan's oldest open claim.
	pub static OldestOpenClaim: Option<(PlanId, ClaimId)> = None;
	pub static ExposedIssuer: Option<(DidId, CredentialTypeId)> = None;
	pub const DidDeposit: Balance = 10;
	pub const ServiceEndpointDeposit: Balance = 2;
	pub const PersonhoodCredential: CredentialTypeId = credential_types::KYC;
}

ord_parameter_types! {
	/// The account that stands for the personhood origin (root in Huzhu). Root, the
	/// accreditation origin of the tests, is not it.
	pub const PersonhoodAccount: AccountId = PERSONHOOD_ORIGIN;
}

/// The account whose signature is the personhood origin in the tests.
pub const PERSONHOOD_ORIGIN: AccountId = 77;

parameter_types! {
	/// How far the tests' block-number source runs ahead of the system block number.
	pub static ClockLead: u64 = 0;
}

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

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AccreditationOrigin = EnsureRoot<AccountId>;
	type PlanOrigin = EnsureRoot<AccountId>;
	type PersonhoodCredential = PersonhoodCredential;
	type PersonhoodOrigin = EnsureSignedBy<PersonhoodAccount, AccountId>;
	type Deposits = MockDeposits;
	type OnIssuerSlash = RecordSlash;
	type Exposure = MockExposure;
	type Claims = MockClaims;
	type DidDeposit = DidDeposit;
	type ServiceEndpointDeposit = ServiceEndpointDeposit;
	type MaxServiceEndpoints = ConstU32<3>;
	type MaxUrlLength = ConstU32<64>;
	type MaxMembershipsPerDid = ConstU32<3>;
	type MaxActivationsPerBlock = ConstU32<2>;
	type MaxVoterSweepPerBlock = ConstU32<3>;
	type IssuerUnbondingPeriod = ConstU64<10>;
	type Electorate = MockRoll;
	type BlockNumberProvider = TestClock;
	type WeightInfo = ();
}

/// The authentication key used for an account's DID in the tests.
pub fn auth_key(seed: u8) -> DidPublicKey {
	DidPublicKey::Sr25519(sr25519::Public::from_raw([seed; 32]))
}

/// Terms of a critical-illness plan requiring KYC: waiting period 5 blocks, minimum deposit 50.
pub fn illness_terms() -> PlanTermsOf<Test> {
	PlanTerms {
		name: b"Critical illness".to_vec().try_into().expect("short"),
		required_credentials: vec![credential_types::KYC].try_into().expect("one"),
		waiting_period: 5,
		min_deposit: 50,
		max_payout_per_claim: 1_000,
		member_share_cap_per_claim: 10,
		member_share_cap_per_year: 100,
		management_fee: Permill::from_percent(8),
		challenge_period: 10,
		trigger: TriggerKind::Attestation { attestations_required: 1 },
		regions: Default::default(),
	}
}

/// Terms of a parametric farm-weather plan for regions 7 and 8, no waiting period.
pub fn weather_terms() -> PlanTermsOf<Test> {
	PlanTerms {
		name: b"Drought".to_vec().try_into().expect("short"),
		required_credentials: vec![credential_types::KYC].try_into().expect("one"),
		waiting_period: 0,
		min_deposit: 20,
		max_payout_per_claim: 500,
		member_share_cap_per_claim: 5,
		member_share_cap_per_year: 50,
		management_fee: Permill::from_percent(5),
		challenge_period: 10,
		trigger: TriggerKind::Parametric { metric: 0, trigger_value: 500, exit_value: 100 },
		regions: vec![7, 8].try_into().expect("two"),
	}
}

/// Terms of an alliance plan, no credentials required.
pub fn alliance_terms() -> PlanTermsOf<Test> {
	PlanTerms {
		name: b"Alliance".to_vec().try_into().expect("short"),
		required_credentials: Default::default(),
		waiting_period: 2,
		min_deposit: 10,
		max_payout_per_claim: 100,
		member_share_cap_per_claim: 1,
		member_share_cap_per_year: 10,
		management_fee: Permill::zero(),
		challenge_period: 10,
		trigger: TriggerKind::Alliance { approval_threshold: Perbill::from_percent(60) },
		regions: Default::default(),
	}
}

/// The KYC issuer of the tests (account 10's DID, accredited at genesis).
pub const KYC_ISSUER: AccountId = 10;

/// Builds the test state: accounts 1..=20 funded; the standard credential types; account 10 an
/// accredited KYC issuer; no DIDs for the others, no plans.
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> sp_io::TestExternalities {
		Self::build_with(pallet_huzhu_membership::GenesisConfig::<Test> {
			credential_types: standard_credential_types(ISSUER_BOND),
			dids: vec![(KYC_ISSUER, auth_key(KYC_ISSUER as u8))],
			issuers: vec![(credential_types::KYC, KYC_ISSUER)],
			..Default::default()
		})
	}

	/// Builds the test state with `genesis` as the pallet's genesis configuration.
	pub fn build_with(
		genesis: pallet_huzhu_membership::GenesisConfig<Test>,
	) -> sp_io::TestExternalities {
		DEPOSITS.with(|d| d.borrow_mut().clear());
		COVERED.with(|c| c.borrow_mut().clear());
		SLASHED.with(|s| *s.borrow_mut() = 0);
		ExposedIssuer::set(None);
		NextClaim::set(0);
		OldestOpenClaim::set(None);
		ClockLead::set(0);
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, STARTING_BALANCE)).chain([(POOL, 1)]).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		genesis.assimilate_storage(&mut storage).unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test` and then checks the pallet's invariants.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			Membership::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// Advances to block `n`, running `on_initialize` of each block on the way.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Membership::on_initialize(next);
	}
}

/// The events this pallet emitted so far.
pub fn membership_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Membership(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// A commitment for test credentials.
pub fn commitment(seed: u8) -> H256 {
	H256::repeat_byte(seed)
}
