//! The configuration of every pallet in the runtime, with the constants each uses.

use crate::*;
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		ConstBool, ConstU32, ConstU64, ConstU8, Contains, InsideBoth, Nothing, VariantCountOf,
	},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{limits, EnsureRoot};
use huzhu_primitives::membership::{DidId, MembershipInspect, PlanId, RegionId};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{
	curve::PiecewiseLinear,
	traits::{AccountIdConversion, ConvertInto, One, OpaqueKeys},
	Perbill, Permill,
};
use sp_staking::{EraIndex, SessionIndex};
use sp_version::RuntimeVersion;

/// The share of a block that normal (non-operational) transactions may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// How many recent block hashes `frame_system` keeps (for mortal transactions).
	pub const BlockHashCount: BlockNumber = 2400;
	/// The runtime version, as seen by `CheckSpecVersion` and friends.
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per six-second block.
	pub RuntimeBlockWeights: limits::BlockWeights = limits::BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// At most 5 MiB of extrinsics per block.
	pub RuntimeBlockLength: limits::BlockLength = limits::BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// The generic Substrate SS58 prefix: addresses start with `5`.
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// ParityDB is at least as fast as RocksDB; RocksDB's weights are the conservative choice
	// until the node's `benchmark storage` is run on reference hardware.
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = InsideBoth<
		InsideBoth<NoDirectBypasses, voting::NoWrappedVotes>,
		InsideBoth<SafeMode, TxPause>,
	>;
}

/// Calls that would go around a Huzhu pallet's checks: `pallet-oracle`'s own `feed_values`
/// (readings enter only through `Claims::submit_reading`, which rejects stale and out-of-range
/// readings) and `pallet-staking`'s `validate` (a validator declares itself only by registering
/// as a candidate with `Elections::register_candidate`; otherwise anyone could fill staking's
/// validator slots without a candidacy and block every registration).
pub struct NoDirectBypasses;
impl Contains<RuntimeCall> for NoDirectBypasses {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Oracle(_) | RuntimeCall::Staking(pallet_staking::Call::validate { .. })
		)
	}
}

impl pallet_insecure_randomness_collective_flip::Config for Runtime {}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// `ConstU128` with the runtime's balance type.
type ConstU128<const N: u128> = frame_support::traits::ConstU128<N>;

parameter_types! {
	/// Fee per byte of an extrinsic: one micro-HUZ.
	pub const TransactionByteFee: Balance = MICRO_UNITS;
	/// The fee multiplier stays at one until a congestion policy is chosen by governance.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned for now; the pool and treasury issues decide where they go.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

// ---------------------------------------------------------------------------------------------
// Consensus: staking elects validators, session rotates them into BABE and GRANDPA.
// ---------------------------------------------------------------------------------------------

/// The most validator candidates (staking's maximum number of validator intents too).
pub const MAX_CANDIDATES: u32 = 100;

/// The number of validator seats: the authority set is the top `VALIDATOR_SEATS` by backing.
pub const VALIDATOR_SEATS: u32 = 21;

/// The most validators any election may return, and the most authorities BABE and GRANDPA keep.
/// Governance may raise the seat count up to this bound without a runtime upgrade.
pub const MAX_VALIDATORS: u32 = 64;

/// Slots (blocks, one each) per session, which is one BABE epoch: one minute. A constant: BABE
/// cannot change the length of its epochs on a running chain, and the length is a constant of
/// the metadata, which offline signers hash (`CheckMetadataHash`). Short sessions let a forced
/// era start within two minutes; BABE's epoch randomness then mixes ten blocks' VRF outputs (no
/// Huzhu decision reads it). A chain wanting longer epochs changes this before its genesis.
pub const SESSION_PERIOD: BlockNumber = MINUTES;

parameter_types! {
	/// BABE's epoch length in slots: one session.
	pub const EpochDuration: u64 = SESSION_PERIOD as u64;
	/// Sessions per staking era: an era (one election) lasts a day (root forces an earlier one
	/// with `staking.forceNewEra`).
	pub const SessionsPerEra: SessionIndex = (DAYS / SESSION_PERIOD) as SessionIndex;
	/// Eras a bond stays locked after `unbond`: 28 days.
	pub const BondingDuration: EraIndex = 28;
	/// Eras a slash waits before it is applied, so that governance can cancel an unjust one
	/// (`staking.cancelDeferredSlash`, root): 27 days, longer than the runtime-upgrade track's
	/// fastest decision (2 hours, 2 days, 7 days) and shorter than the bonding period, so the
	/// offender cannot unbond from under its slash.
	pub const SlashDeferDuration: EraIndex = 27;
	/// Eras of reward and exposure history kept.
	pub const HistoryDepth: u32 = 84;
	/// Nominators per validator rewarded per payout page.
	pub const MaxExposurePageSize: u32 = 256;
	/// Bounds on the on-chain election's input: every staker counts, up to these limits.
	pub ElectionBoundsOnChain: ElectionBounds =
		ElectionBoundsBuilder::default().voters_count(10_000.into()).targets_count(1_000.into()).build();
	/// The most nominators that back one winner in an election result.
	pub const MaxBackersPerWinner: u32 = 10_000;
	/// How long a BABE or GRANDPA equivocation report stays valid, in blocks: the bonding
	/// period.
	pub const ReportLongevity: u64 =
		BondingDuration::get() as u64 * SessionsPerEra::get() as u64 * SESSION_PERIOD as u64;
	/// GRANDPA set ids kept to verify equivocation proofs over the bonding period.
	pub const MaxSetIdSessionEntries: u64 = BondingDuration::get() as u64 * SessionsPerEra::get() as u64;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	// Authors earn era reward points.
	type EventHandler = Staking;
}

parameter_types! {
	/// Held from an account while it has session keys registered (`session.setKeys`), returned
	/// by `session.purgeKeys`: every stored key set is paid for. Genesis validators' keys are
	/// set without it.
	pub const SessionKeyDeposit: Balance = 10 * UNITS;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	// A session is a BABE epoch.
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Staking>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

/// The BABE epoch configuration at genesis: a slot has a primary (VRF-elected) author with
/// probability 1/4; every slot without one falls to a secondary author, also chosen by VRF, so
/// that a block is made in every slot that some validator is online for.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 4),
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ConstU64<MILLISECS_PER_BLOCK>;
	// Epochs change when the session does (the session asks BABE when to end).
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	// Validators disabled by a slash stop authoring until the next era.
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	// Nominators per validator that an equivocation report's weight accounts for.
	type MaxNominators = MaxExposurePageSize;
	type KeyOwnerProof = sp_session::MembershipProof;
	// Two blocks by one author in one slot are reported (by any node that sees both) as an
	// offence; staking slashes the author after `SlashDeferDuration`.
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	// Nominators per validator that an equivocation report's weight accounts for.
	type MaxNominators = MaxExposurePageSize;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}

// Yearly inflation paid to validators and nominators: 2.5 % at no stake, up to 10 % when half
// of the supply is staked, falling off above that.
pallet_staking_reward_curve::build! {
	const REWARD_CURVE: PiecewiseLinear<'static> = curve!(
		min_inflation: 0_025_000,
		max_inflation: 0_100_000,
		ideal_stake: 0_500_000,
		falloff: 0_050_000,
		max_piece_count: 40,
		test_precision: 0_005_000,
	);
}

parameter_types! {
	/// The era payout follows [`REWARD_CURVE`].
	pub const RewardCurve: &'static PiecewiseLinear<'static> = &REWARD_CURVE;
}

/// The on-chain election of the genesis validator set (sequential Phragmén over the genesis
/// stakers); every later era is elected by `Elections`.
pub struct OnChainSeqPhragmen;
impl onchain::Config for OnChainSeqPhragmen {
	type Sort = ConstBool<true>;
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxWinnersPerPage = ConstU32<MAX_VALIDATORS>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type Bounds = ElectionBoundsOnChain;
}

/// Benchmark sizes for `pallet-staking`.
pub struct StakingBenchmarkingConfig;
impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxValidators = ConstU32<1_000>;
	type MaxNominators = ConstU32<1_000>;
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CurrencyBalance = Balance;
	type UnixTime = Timestamp;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	// Huzhu's DPoS: the top seats by approval among registered candidates.
	type ElectionProvider = Elections;
	// The genesis set is the genesis stakers (candidates register through `Elections` later).
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	// Unpaid era rewards and slashes are burned until a treasury exists.
	type RewardRemainder = ();
	type RuntimeEvent = RuntimeEvent;
	type Slash = ();
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionInterface = Self;
	type EraPayout = pallet_staking::ConvertCurve<RewardCurve>;
	type NextNewSession = Session;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = ConstU32<MAX_VALIDATORS>;
	// Voters sorted by stake (`pallet-bags-list`): the election's bound on voters cuts the
	// smallest stakes, never by storage-hash order.
	type VoterList = VoterList;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxControllersInDeprecationBatch = ConstU32<100>;
	type EventListeners = ();
	type Filter = Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}

/// How many bags the voter list sorts stakes into.
const VOTER_BAGS: usize = 200;

/// The upper bounds of the voter bags, in vote weight (staking's `CurrencyToVote`, one planck per
/// unit while the issuance is below `u64::MAX` planck): the first bag holds up to the minimum
/// nominator bond (10 HUZ), each next one 7.5 % more, the last everything up to `u64::MAX`
/// (199 steps of 7.5 % reach 1.8·10¹⁹). Neighbouring voters in a bag may be out of order by at
/// most 7.5 % of stake.
const fn voter_bag_thresholds() -> [u64; VOTER_BAGS] {
	let mut thresholds = [u64::MAX; VOTER_BAGS];
	let mut threshold: u64 = 10 * UNITS as u64;
	let mut bag = 0;
	while bag + 1 < VOTER_BAGS {
		thresholds[bag] = threshold;
		threshold = threshold.saturating_add(threshold / 40 * 3);
		bag += 1;
	}
	thresholds
}

/// The voter bags' thresholds, computed at compile time.
const VOTER_BAG_THRESHOLDS: [u64; VOTER_BAGS] = voter_bag_thresholds();

parameter_types! {
	/// The thresholds of the voter list's bags.
	pub const VoterBagThresholds: &'static [u64] = &VOTER_BAG_THRESHOLDS;
}

impl pallet_bags_list::Config<pallet_bags_list::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_bags_list::weights::SubstrateWeight<Runtime>;
	type ScoreProvider = Staking;
	type BagThresholds = VoterBagThresholds;
	// A few voters whose stake moved (rewards, slashes) are re-bagged in each block's spare
	// weight; anyone can re-bag one with `voterList.rebag`.
	type MaxAutoRebagPerBlock = ConstU32<5>;
	type Score = frame_election_provider_support::VoteWeight;
}

/// Fills the voter list from staking's nominators and validators on a chain that ran before it
/// (a no-op when the list already has entries, as on every chain started from a genesis with
/// it). One pass over the stakers, bounded by staking's maximum nominator and validator counts.
pub struct PopulateVoterList;
impl frame_support::traits::OnRuntimeUpgrade for PopulateVoterList {
	fn on_runtime_upgrade() -> Weight {
		use frame_election_provider_support::SortedListProvider;
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		if pallet_bags_list::ListNodes::<Runtime, pallet_bags_list::Instance1>::count() > 0 {
			return db.reads(1);
		}
		let stakers = pallet_staking::Nominators::<Runtime>::iter_keys()
			.chain(pallet_staking::Validators::<Runtime>::iter_keys())
			.collect::<Vec<_>>();
		let count = stakers.len() as u64;
		<VoterList as SortedListProvider<AccountId>>::unsafe_regenerate(
			stakers,
			alloc::boxed::Box::new(|who| Some(Staking::weight_of(who))),
		);
		// Per staker: its key, its ledger and bond for the score, and the list's node and bag.
		db.reads_writes(
			count.saturating_mul(4).saturating_add(1),
			count.saturating_mul(2).saturating_add(1),
		)
	}
}

/// The membership pallet's runtime name before it became `HuzhuMembership`: polkadot-js apps
/// shows its *Membership* page for any `membership` pallet with a `members` storage item,
/// expecting FRAME's `pallet-membership`, a different shape.
pub const OLD_MEMBERSHIP: &[u8] = b"Membership";

/// Moves the membership pallet's storage from its old runtime name (`Membership`) to
/// `HuzhuMembership`, its storage version included, before any other migration reads it. A
/// no-op once moved (or on a chain started with the new name): one read.
pub struct MoveMembershipPrefix;
impl frame_support::traits::OnRuntimeUpgrade for MoveMembershipPrefix {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::{
			storage::{migration::move_pallet, unhashed, KeyPrefixIterator},
			StorageHasher, Twox128,
		};
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		let old = Twox128::hash(OLD_MEMBERSHIP);
		if !unhashed::contains_prefixed_key(&old) {
			return db.reads(1);
		}
		// Count what moves, for the weight: one pass, as the move itself makes.
		let keys = KeyPrefixIterator::new(old.to_vec(), old.to_vec(), |_| Ok(())).count() as u64;
		move_pallet(OLD_MEMBERSHIP, b"HuzhuMembership");
		db.reads_writes(keys.saturating_mul(2).saturating_add(1), keys.saturating_mul(2))
	}
}

parameter_types! {
	/// Held for each DID: 1 HUZ.
	pub const DidDeposit: Balance = UNITS;
	/// Held for each service endpoint of a DID: 0.1 HUZ.
	pub const ServiceEndpointDeposit: Balance = 100 * MILLI_UNITS;
	/// A suspended issuer's bond stays slashable for 28 days.
	pub const IssuerUnbondingPeriod: BlockNumber = 28 * DAYS;
	/// The keyless accounts of the plans' pools (one sub-account per plan).
	pub const PlanDepositsPalletId: PalletId = PalletId(*b"huzhu/pl");
}

impl pallet_huzhu_membership::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AccreditationOrigin = governance::AccreditationOrigin;
	type PlanOrigin = governance::PlanTermsOrigin;
	// KYC vouches for a unique person: only members of plans requiring it vote, and only the
	// runtime-upgrade track (root) accredits its issuers, since an issuer of it mints voters.
	type PersonhoodCredential = ConstU32<{ pallet_huzhu_membership::credential_types::KYC }>;
	type PersonhoodOrigin = EnsureRoot<AccountId>;
	// Voters vote through the stock ranked collective (see [`crate::voting`]).
	type Electorate = RankedCollective;
	type Deposits = Pool;
	// Burned until a treasury or plan reserve receives them.
	type OnIssuerSlash = ();
	// An institution whose attestations a jury may still find false keeps its bond held.
	type Exposure = Claims;
	type Claims = Claims;
	type DidDeposit = DidDeposit;
	type ServiceEndpointDeposit = ServiceEndpointDeposit;
	type MaxServiceEndpoints = ConstU32<8>;
	type MaxUrlLength = ConstU32<200>;
	type MaxMembershipsPerDid = ConstU32<16>;
	// At most 1024 activations a block; memberships due beyond that start cover in the next
	// blocks. The arithmetic, from the current weights (`pallets/membership/src/weights.rs`,
	// priced with RocksDB's 25 µs a read and 100 µs a write; a block has 2 s, normal
	// transactions 75 % of it):
	// - An activation costs 160 µs + 12 reads + 13 writes ≈ 1.76 ms (a new voter also joins the
	//   ranked collective): 1024 of them ≈ 1.80 s. It fits a block, leaving 0.2 s to the
	//   transactions of that block.
	// - A join that waits is charged 237 µs + 18 reads + 9 writes ≈ 1.59 ms (its activation is
	//   refunded), plus the 0.11 ms extrinsic base: at most 1.5 s / 1.70 ms ≈ 882 joins fit in
	//   a block.
	// - Each join adds at most one entry to the queue and a block passed over empty costs one
	//   unit, so the queue needs at most 882 + 1 units a block and gets 1024: the activations
	//   served per block exceed the joins that fit in one, and a backlog (many waiting periods
	//   ending together) drains by at least 141 entries a block instead of growing.
	type MaxActivationsPerBlock = ConstU32<1024>;
	// A voter whose standing ended unnoticed leaves the roll within a pass of the sweep: 64
	// voters a block, so 10⁵ voters in 1 563 blocks (under 3 hours), with the weight blocks
	// leave (`on_idle`).
	type MaxVoterSweepPerBlock = ConstU32<64>;
	type IssuerUnbondingPeriod = IssuerUnbondingPeriod;
	type WeightInfo = pallet_huzhu_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A plan year (the per-year share cap applies per plan year): 365 days.
	pub const PlanYear: BlockNumber = 365 * DAYS;
	/// The keyless account that receives management fees (spent only by governance).
	pub FeeAccount: AccountId = PalletId(*b"huzhu/fe").into_account_truncating();
	/// Pool parameters of a plan for which governance has set none: 7 days' notice for
	/// withdrawals, half of each fee to the reserve up to 10% of the deposits, no share warning,
	/// and the members pay the fee of a capped payout on top of their capped shares.
	pub const DefaultPoolParams: pallet_huzhu_pool::PoolParams<Balance, BlockNumber> =
		pallet_huzhu_pool::PoolParams {
			notice_period: 7 * DAYS,
			reserve_fee_share: Permill::from_percent(50),
			reserve_target: Permill::from_percent(10),
			share_guard: pallet_huzhu_pool::ShareGuard::Off,
			capped_fee: pallet_huzhu_pool::CappedFee::Members,
		};
	/// An approved custodian spend waits 2 days (governance can veto meanwhile).
	pub const SpendTimeLock: BlockNumber = 2 * DAYS;
	/// An unexecuted spend proposal expires after 14 days.
	pub const SpendLifetime: BlockNumber = 14 * DAYS;
	/// An announced withdrawal can be taken for one day after its notice period.
	pub const WithdrawalWindow: BlockNumber = DAYS;
	/// A lapse or cure the pool asks of the membership pallet costs at most a refresh.
	pub MembershipStandingWeight: Weight = <
		pallet_huzhu_membership::weights::SubstrateWeight<Runtime> as pallet_huzhu_membership::WeightInfo
	>::refresh_membership();
}

impl pallet_huzhu_pool::Config for Runtime {
	type Currency = Balances;
	type PalletId = PlanDepositsPalletId;
	type Plans = HuzhuMembership;
	type Standing = HuzhuMembership;
	type GovernanceOrigin = governance::TreasuryCustodyOrigin;
	type VetoOrigin = governance::SpendVetoOrigin;
	type FeeAccount = FeeAccount;
	type YearLength = PlanYear;
	type DefaultPoolParams = DefaultPoolParams;
	type MaxCustodians = ConstU32<16>;
	type SpendTimeLock = SpendTimeLock;
	type SpendLifetime = SpendLifetime;
	type WithdrawalWindow = WithdrawalWindow;
	type StandingWeight = MembershipStandingWeight;
	type WeightInfo = pallet_huzhu_pool::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held to file a claim (returned unless a jury rejects it): 1 HUZ.
	pub const ClaimBond: Balance = UNITS;
	/// Held for each claim's record (filings, index payouts, audits) until anyone prunes it
	/// after its retention: 1 HUZ, as a DID, for a record of about the same size (up to
	/// 300 bytes with the attestations' DIDs).
	pub const ClaimRecordDeposit: Balance = UNITS;
	/// Held to ask for a basis-risk audit: 20 HUZ.
	pub const AuditBond: Balance = 20 * UNITS;
	/// Held to challenge a decided claim: 10 HUZ.
	pub const ChallengeBond: Balance = 10 * UNITS;
	/// Held to appeal a first verdict: 20 HUZ.
	pub const AppealBond: Balance = 20 * UNITS;
	/// Held by each drawn juror until the verdict: 2 HUZ.
	pub const JurorBond: Balance = 2 * UNITS;
	/// Adjudication periods until governance sets others: 7 days to decide a claim, a day each
	/// to commit and reveal jury votes, 2 days to appeal, 30 days to pull an index payout, and
	/// a finished claim stays as the public record for 90 days. (The development presets set
	/// minutes at genesis.)
	pub const DefaultAdjudicationParams: pallet_huzhu_claims::AdjudicationParams<BlockNumber> =
		pallet_huzhu_claims::AdjudicationParams {
			decision_period: 7 * DAYS,
			draw_delay: HOURS,
			commit_period: DAYS,
			reveal_period: DAYS,
			appeal_period: 2 * DAYS,
			index_claim_period: 30 * DAYS,
			record_retention: 90 * DAYS,
		};
	/// A jury's verdict counts when three fifths of its seats revealed (3 of 5, 6 of 9).
	pub const JuryQuorum: Perbill = Perbill::from_percent(60);
	/// A fifth of the losing side's slashed bonds pays the jurors who revealed.
	pub const JurorShare: Perbill = Perbill::from_percent(20);
	/// Half of the rest goes to the winners, half to the plan's reserve.
	pub const WinnerShare: Perbill = Perbill::from_percent(50);
	/// A hospital whose attestation a jury finds false loses as much as it vouched for (up to
	/// its bond), to the plan's reserve, and is suspended.
	pub const AttesterSlash: Perbill = Perbill::from_percent(100);
	/// A region and period aggregate once three oracles reported (the claims pallet takes the
	/// median; `pallet-oracle`'s own combiner uses the same minimum).
	pub const MinimumOracleReadings: u32 = 3;
	/// A reading stays fresh for a day (milliseconds of `pallet-timestamp`).
	pub const OracleReadingLifetime: u64 = DAYS as u64 * MILLISECS_PER_BLOCK;
	/// `pallet-oracle`'s own account (used only for root feeds, which are filtered out).
	pub const OraclePalletId: PalletId = PalletId(*b"huzhu/or");
}

/// The members as the claims pallet sees them: `HuzhuMembership`, except that the chain-wide
/// slots its juries are drawn from are the voters' — the rank-0 members of the ranked
/// collective, one per unique person (`IndexToId`, dense, O(1)) — rather than every covered DID.
/// A DID minted into a plan that asks for no personhood credential is covered, but sits on no
/// jury: sybils cannot pack the juries that decide who is paid.
pub struct JurorPool;
impl MembershipInspect<AccountId, BlockNumber> for JurorPool {
	fn did_of(who: &AccountId) -> Option<DidId> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(who)
	}
	fn is_active_member(plan: PlanId, who: &AccountId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_active_member(plan, who)
	}
	fn active_since(plan: PlanId, who: &AccountId) -> Option<BlockNumber> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::active_since(plan, who)
	}
	fn member_region(plan: PlanId, who: &AccountId) -> Option<RegionId> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::member_region(plan, who)
	}
	fn active_member_count(plan: PlanId) -> u32 {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::active_member_count(plan)
	}
	/// The voters on the roll: the chain-wide jury pool.
	fn active_member_dids() -> u32 {
		pallet_ranked_collective::MemberCount::<Runtime>::get(0)
	}
	fn is_active_did(did: DidId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_active_did(did)
	}
	fn active_member_at(plan: PlanId, index: u32) -> Option<AccountId> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::active_member_at(
			plan, index,
		)
	}
	/// The voter on the roll in slot `index`.
	fn active_did_controller_at(index: u32) -> Option<AccountId> {
		pallet_ranked_collective::IndexToId::<Runtime>::get(0, index)
	}
	fn is_voter(did: DidId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_voter(did)
	}
	fn voter_since(did: DidId) -> Option<BlockNumber> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::voter_since(did)
	}
	fn voter_count() -> u32 {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::voter_count()
	}
	fn is_member_in_region(who: &AccountId, region: RegionId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_member_in_region(
			who, region,
		)
	}
}

impl pallet_huzhu_claims::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Juries are drawn from the voters (unique persons), the rest is the membership pallet.
	type Membership = JurorPool;
	type Credentials = HuzhuMembership;
	type Plans = HuzhuMembership;
	type Penalties = HuzhuMembership;
	type Payout = Pool;
	type Readings = OracleReadings;
	type Randomness = RandomnessCollectiveFlip;
	type Brake = MutualAidBrake;
	// Adjudication periods and oracle metrics are claim rules: the plan-terms track.
	type GovernanceOrigin = governance::PlanTermsOrigin;
	type ClaimBond = ClaimBond;
	type RecordDeposit = ClaimRecordDeposit;
	// A prune of an alliance claim removes at most 128 votes (about 17 ms, 2 % of a block).
	type MaxPrunedVotes = ConstU32<128>;
	type AuditBond = AuditBond;
	type ChallengeBond = ChallengeBond;
	type AppealBond = AppealBond;
	type JurorBond = JurorBond;
	type DefaultParams = DefaultAdjudicationParams;
	type JurySize = ConstU32<5>;
	type AppealJurySize = ConstU32<9>;
	type JuryQuorum = JuryQuorum;
	type JurorShare = JurorShare;
	type WinnerShare = WinnerShare;
	type AttesterSlash = AttesterSlash;
	type MaxDuePerBlock = ConstU32<32>;
	type MaxChallengers = ConstU32<8>;
	type MaxOpenClaims = ConstU32<4>;
	type MaxOracleOperators = ConstU32<32>;
	type MinReadings = MinimumOracleReadings;
	type WeightInfo = pallet_huzhu_claims::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::ClaimsBenchmarkHelper;
}

/// The emergency brake as the claims pallet sees it: safe mode, or any claims call but
/// `prune_claim` (which moves no deadline) paused by `pallet-tx-pause`. While it is on, the
/// adjudication clock stands still.
pub struct MutualAidBrake;
impl huzhu_primitives::AdjudicationBrake for MutualAidBrake {
	fn engaged() -> bool {
		use frame_support::traits::GetCallName;
		SafeMode::is_entered()
			|| pallet_huzhu_claims::Call::<Runtime>::get_call_names().iter().any(|call| {
				*call != "prune_claim"
					&& TxPause::is_paused_unbound(b"Claims".to_vec(), call.as_bytes().to_vec())
			})
	}

	fn weight() -> Weight {
		use frame_support::traits::GetCallName;
		let calls = pallet_huzhu_claims::Call::<Runtime>::get_call_names().len() as u64;
		<Runtime as frame_system::Config>::DbWeight::get().reads(1 + calls)
	}
}

/// The claims pallet's oracle feed: `pallet-oracle` keeps each accredited oracle's reading of a
/// region and period; the claims pallet aggregates them.
pub struct OracleReadings;
impl huzhu_primitives::IndexReadings<AccountId> for OracleReadings {
	fn feed(
		who: &AccountId,
		key: huzhu_primitives::ReadingKey,
		value: i64,
	) -> sp_runtime::DispatchResult {
		<Oracle as pallet_oracle::DataFeeder<_, _, _>>::feed_value(Some(who.clone()), key, value)
	}

	fn readings(key: &huzhu_primitives::ReadingKey) -> Vec<(AccountId, i64)> {
		use frame_support::traits::SortedMembers;
		Claims::sorted_members()
			.into_iter()
			.filter_map(|oracle| {
				let reading = pallet_oracle::RawValues::<Runtime>::get(&oracle, key)?;
				Some((oracle, reading.value))
			})
			.collect()
	}
}

impl pallet_oracle::Config for Runtime {
	type OnNewData = ();
	type CombineData =
		pallet_oracle::DefaultCombineData<Runtime, MinimumOracleReadings, OracleReadingLifetime>;
	type Time = Timestamp;
	type OracleKey = huzhu_primitives::ReadingKey;
	type OracleValue = i64;
	type PalletId = OraclePalletId;
	// The accredited weather oracles that submitted readings through `Claims`.
	type Members = Claims;
	type WeightInfo = ();
	type MaxHasDispatchedSize = ConstU32<32>;
	type MaxFeedValues = ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// Election parameters until governance sets others: 21 seats, an election of fewer than
	/// one fails, a 1 000 HUZ self-bond (staking's minimum validator bond), 16 votes per voter.
	pub const DefaultElectionParams: pallet_huzhu_elections::ElectionParams<Balance> =
		pallet_huzhu_elections::ElectionParams {
			seats: VALIDATOR_SEATS,
			min_seats: 1,
			min_self_bond: 1_000 * UNITS,
			max_votes: 16,
		};
	/// The highest commission a validator candidate may take.
	pub const MaxValidatorCommission: Perbill = Perbill::from_percent(50);
}

impl pallet_huzhu_elections::Config for Runtime {
	type Balance = Balance;
	type Staking = StakingValidators;
	type DataProvider = Staking;
	type SessionKeys = HasSessionKeys;
	// Seats and bonds of the validator set: the runtime-upgrade track.
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type DefaultParams = DefaultElectionParams;
	type MaxCandidates = ConstU32<MAX_CANDIDATES>;
	type MaxWinners = ConstU32<MAX_VALIDATORS>;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxElectingVoters = ConstU32<2_000>;
	type MaxCommission = MaxValidatorCommission;
	type MaxNameLen = ConstU32<64>;
	type MaxUrlLen = ConstU32<128>;
	type WeightInfo = pallet_huzhu_elections::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = election_benchmark_helpers::ElectionsBenchmarkHelper;
}

/// Candidates' bonds and declarations in `pallet-staking`: a candidate is a stash that is its
/// own controller.
pub struct StakingValidators;
impl pallet_huzhu_elections::ValidatorStaking<AccountId, Balance> for StakingValidators {
	fn self_bond(who: &AccountId) -> Balance {
		use sp_staking::StakingInterface;
		match <Staking as StakingInterface>::stash_by_ctrl(who) {
			Ok(stash) if stash == *who => {
				<Staking as StakingInterface>::stake(who).map_or(0, |stake| stake.active)
			}
			_ => 0,
		}
	}

	fn validate(who: &AccountId, commission: Perbill) -> sp_runtime::DispatchResult {
		let prefs = pallet_staking::ValidatorPrefs { commission, blocked: false };
		Staking::validate(RuntimeOrigin::signed(who.clone()), prefs)
	}

	fn chill_and_unbond(who: &AccountId) -> sp_runtime::DispatchResult {
		use sp_staking::StakingInterface;
		<Staking as StakingInterface>::chill(who)?;
		let active = <Staking as StakingInterface>::active_stake(who)?;
		<Staking as StakingInterface>::unbond(who, active)
	}

	fn is_validating(who: &AccountId) -> bool {
		pallet_staking::Validators::<Runtime>::contains_key(who)
	}

	fn active_validators() -> alloc::vec::Vec<AccountId> {
		pallet_session::Validators::<Runtime>::get()
	}
}

/// Whether an account has set session keys.
pub struct HasSessionKeys;
impl Contains<AccountId> for HasSessionKeys {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

// Unsigned transactions (GRANDPA equivocation reports) that the runtime itself submits.
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

/// Set-up for the Huzhu pallets' benchmarks through the other pallets' own calls: plans, members
/// and accreditations for the claims pallet; bonds, session keys and nominations for the
/// elections pallet.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use frame_support::{assert_ok, traits::fungible::Mutate};
	use huzhu_primitives::{CredentialTypeId, PlanId, PlanTerms, RegionId, TriggerKind};
	use pallet_huzhu_membership::DidPublicKey;

	/// What a benchmark account is given: far above any bond or deposit.
	const FUNDS: Balance = 1_000_000 * UNITS;

	/// The name of the plan of voters the governance benchmarks create.
	const BENCHMARK_VOTER_PLAN_NAME: &[u8] = b"Benchmark voters";
	/// The name of the plans the claims benchmarks create.
	const BENCHMARK_PLAN_NAME: &[u8] = b"Benchmark plan";

	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}

	/// Funds `who` and gives it a DID (its account bytes as the key).
	fn funded_with_did(who: &AccountId) -> huzhu_primitives::DidId {
		let _ = Balances::set_balance(who, FUNDS);
		if let Some(did) = pallet_huzhu_membership::DidOf::<Runtime>::get(who) {
			return did;
		}
		let key = sp_core::sr25519::Public::from_raw(*AsRef::<[u8; 32]>::as_ref(who));
		assert_ok!(HuzhuMembership::create_did(signed(who), DidPublicKey::Sr25519(key)));
		pallet_huzhu_membership::DidOf::<Runtime>::get(who).expect("just created")
	}

	/// The account that issues benchmark members' credentials.
	fn credential_issuer(credential_type: CredentialTypeId) -> AccountId {
		let issuer: AccountId = frame_benchmarking::account("issuer", credential_type, 0);
		let did = funded_with_did(&issuer);
		if !pallet_huzhu_membership::Pallet::<Runtime>::issuer_is_accredited(did, credential_type) {
			ClaimsBenchmarkHelper::accredit_did(&issuer, did, credential_type);
		}
		issuer
	}

	/// The benchmark set-up of the claims pallet.
	pub struct ClaimsBenchmarkHelper;

	impl ClaimsBenchmarkHelper {
		fn accredit_did(
			who: &AccountId,
			did: huzhu_primitives::DidId,
			credential_type: CredentialTypeId,
		) {
			assert_ok!(HuzhuMembership::request_accreditation(signed(who), credential_type));
			assert_ok!(HuzhuMembership::accredit_issuer(
				RuntimeOrigin::root(),
				credential_type,
				did
			));
		}
	}

	/// The benchmark set-up of the governance pallet: active members of a fresh open plan.
	pub struct GovernanceBenchmarkHelper;

	impl pallet_huzhu_governance::BenchmarkHelper<AccountId> for GovernanceBenchmarkHelper {
		fn active_member(seed: u32) -> AccountId {
			use pallet_huzhu_claims::BenchmarkHelper;
			// The last plan if this helper created it (no credentials, no waiting), else a new one.
			// The last plan if this helper created it (personhood required, no waiting), else a
			// new one: only a plan that requires the personhood credential gives a vote.
			let last = pallet_huzhu_membership::NextPlanId::<Runtime>::get().checked_sub(1);
			let plan = match last.and_then(pallet_huzhu_membership::Plans::<Runtime>::get) {
				Some(record) if record.terms.name.as_slice() == BENCHMARK_VOTER_PLAN_NAME => {
					last.unwrap_or(0)
				}
				_ => benchmark_plan(
					BENCHMARK_VOTER_PLAN_NAME,
					TriggerKind::Attestation { attestations_required: 1 },
					Vec::new(),
					alloc::vec![huzhu_primitives::membership::credential_types::KYC],
				),
			};
			let who: AccountId = frame_benchmarking::account("member", seed, 0);
			let kyc = huzhu_primitives::membership::credential_types::KYC;
			ClaimsBenchmarkHelper::add_member(plan, &who, None, Some(kyc));
			who
		}
	}

	impl pallet_huzhu_claims::BenchmarkHelper<AccountId> for ClaimsBenchmarkHelper {
		/// Plans that require KYC, so that their members are voters: Huzhu's juries are drawn
		/// from the voters.
		fn create_plan(trigger: TriggerKind, regions: Vec<RegionId>) -> PlanId {
			benchmark_plan(
				BENCHMARK_PLAN_NAME,
				trigger,
				regions,
				alloc::vec![huzhu_primitives::membership::credential_types::KYC],
			)
		}

		fn add_member(
			plan: PlanId,
			who: &AccountId,
			region: Option<RegionId>,
			credential: Option<CredentialTypeId>,
		) {
			let did = funded_with_did(who);
			// Every member is a person (KYC, which the benchmark plans require), and some hold
			// `credential` too.
			let kyc = huzhu_primitives::membership::credential_types::KYC;
			for credential_type in core::iter::once(kyc).chain(credential.filter(|c| *c != kyc)) {
				let issuer = credential_issuer(credential_type);
				// Each member is its own person: a personhood commitment is unique per issuer.
				let commitment =
					<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&(
						b"benchmark person",
						who,
						credential_type,
					));
				assert_ok!(HuzhuMembership::attest_credential(
					signed(&issuer),
					did,
					credential_type,
					commitment,
					None
				));
			}
			assert_ok!(HuzhuMembership::join_plan(signed(who), plan, 10 * UNITS, region));
		}

		fn accredit(who: &AccountId, credential_type: CredentialTypeId) {
			let did = funded_with_did(who);
			Self::accredit_did(who, did, credential_type);
		}
	}

	/// A benchmark plan named `name`, funded, with `required` credentials and no waiting.
	fn benchmark_plan(
		name: &[u8],
		trigger: TriggerKind,
		regions: Vec<RegionId>,
		required: Vec<CredentialTypeId>,
	) -> PlanId {
		let max_payout = 100 * UNITS;
		let terms = PlanTerms {
			name: name.to_vec().try_into().expect("short"),
			required_credentials: required.try_into().expect("few credentials"),
			waiting_period: 0,
			min_deposit: 2 * UNITS,
			max_payout_per_claim: max_payout,
			member_share_cap_per_claim: UNITS,
			member_share_cap_per_year: 10 * UNITS,
			management_fee: Permill::from_percent(5),
			challenge_period: 10,
			trigger,
			regions: regions.try_into().expect("few regions"),
		};
		assert_ok!(HuzhuMembership::create_plan(RuntimeOrigin::root(), terms));
		let plan = pallet_huzhu_membership::NextPlanId::<Runtime>::get() - 1;
		let funder: AccountId = frame_benchmarking::account("reserve", plan, 0);
		let _ = Balances::set_balance(&funder, FUNDS);
		assert_ok!(Pool::fund_reserve(signed(&funder), plan, max_payout * 100));
		plan
	}
}

#[cfg(feature = "runtime-benchmarks")]
mod election_benchmark_helpers {
	use super::*;
	use frame_support::{assert_ok, traits::fungible::Mutate};
	use sp_runtime::MultiAddress;

	fn bonded(who: &AccountId, stake: Balance) {
		// Benchmarks measure the elections pallet at its own bounds, not staking's intent caps.
		pallet_staking::MaxValidatorsCount::<Runtime>::kill();
		pallet_staking::MaxNominatorsCount::<Runtime>::kill();
		let _ = Balances::set_balance(who, stake.saturating_mul(10));
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(who.clone()),
			stake,
			pallet_staking::RewardDestination::Staked
		));
	}

	/// The elections pallet's benchmark set-up over `pallet-staking` and `pallet-session`.
	pub struct ElectionsBenchmarkHelper;

	impl pallet_huzhu_elections::BenchmarkHelper<AccountId, Balance> for ElectionsBenchmarkHelper {
		fn bond_with_keys(who: &AccountId, stake: Balance) {
			bonded(who, stake);
			// `session.set_keys` wants a proof signed by the keys' secrets, which a benchmark
			// does not have; the elections pallet only asks whether next keys exist.
			let raw: [u8; 32] = *AsRef::<[u8; 32]>::as_ref(who);
			let keys = SessionKeys {
				babe: sp_core::sr25519::Public::from_raw(raw).into(),
				grandpa: sp_core::ed25519::Public::from_raw(raw).into(),
			};
			pallet_session::NextKeys::<Runtime>::insert(who, keys);
		}

		fn nominate(who: &AccountId, stake: Balance, targets: Vec<AccountId>) {
			bonded(who, stake);
			let targets = targets.into_iter().map(MultiAddress::Id).collect();
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(who.clone()), targets));
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

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
		let storage = crate::genesis_config_presets::preset_storage(
			crate::genesis_config_presets::DEVELOPMENT,
		);
		sp_io::TestExternalities::new(storage).execute_with(|| {
			System::set_block_number(1);
			let validator = pallet_staking::Validators::<Runtime>::iter_keys()
				.next()
				.expect("a genesis validator");
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
			let voters =
				<Staking as ElectionDataProvider>::electing_voters(bounds, 0).expect("voters");
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
		let storage = crate::genesis_config_presets::preset_storage(
			crate::genesis_config_presets::DEVELOPMENT,
		);
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
}
