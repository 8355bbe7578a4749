//! Consensus: staking elects validators (through Huzhu's elections pallet), session rotates them
//! into BABE and GRANDPA, offences reach staking's slashing.

use super::*;

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
pub(crate) const VOTER_BAGS: usize = 200;

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
pub(crate) const VOTER_BAG_THRESHOLDS: [u64; VOTER_BAGS] = voter_bag_thresholds();

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
	type BlockNumberProvider = System;
	type WeightInfo = pallet_huzhu_elections::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::election_benchmark_helpers::ElectionsBenchmarkHelper;
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
