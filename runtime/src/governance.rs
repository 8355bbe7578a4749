//! Governance: referenda of the members (one DID, one vote) on five tracks, and the emergency
//! brake.
//!
//! - `pallet-referenda` (with `pallet-scheduler` and `pallet-preimage`), named `RankedPolls`,
//!   runs every referendum; the voters vote through `pallet-ranked-collective` (see
//!   [`crate::voting`]); `pallet-huzhu-governance` decides who may vote, keeps the tally with its
//!   electorate fixed at submission and supplies the origins of the tracks. Only voters submit
//!   ([`ActiveMemberAccount`]).
//! - The tracks ([`HuzhuTracks`]) and the pallets each track's origin controls:
//!
//! | id | track | origin | approval | pallets and calls |
//! |---|---|---|---|---|
//! | 0 | `runtime_upgrade` | root | ≥ ⅔ | anything: `system.set_code`, staking and election parameters; the longest enactment delay |
//! | 1 | `plan_terms` | `PlanTerms` | > ½ | plans (membership), claim rules and oracle metrics (claims) |
//! | 2 | `accreditation` | `Accreditation` | > ½ | credential types; accrediting, suspending, slashing issuers |
//! | 3 | `treasury_custody` | `TreasuryCustody` | ≥ 60 % | custodians, spends' veto, pool parameters, forced payouts |
//! | 4 | `emergency` | `Emergency` | > ½ | end or extend safe mode, pause or unpause calls, elect the emergency council; moves no funds |
//!
//! - Two tables of periods: [`TRACKS`] (days, for real chains) and [`DEVELOPMENT_TRACKS`]
//!   (blocks, so that a development chain decides in a minute); the genesis chooses with
//!   `governance.trackTable` (`0` or `1`).
//! - The emergency brake: the [`EmergencyCouncil`] (a
//!   `pallet-collective` of at most 7, elected by the members on the emergency track), by two
//!   thirds, or a holder of the `RegulatorObserver` credential, pulls the brake
//!   (`Governance::pull_brake`), which puts the mutual-aid pallets (membership, pool, claims,
//!   oracle) into `pallet-safe-mode` for [`EmergencyDuration`]. Each braker then waits
//!   [`BrakeCooldown`] after its brake ends, and all together pull at most
//!   [`MaxBrakesPerPeriod`] times in any [`BrakePeriod`]; only root enters safe mode directly. The members end it early or extend
//!   it by a referendum on the emergency track, and pause or unpause single calls with
//!   `pallet-tx-pause` the same way.
//! - Safe mode stops what accounts sign in the mutual-aid pallets, never the members'
//!   decisions: the calls only a track's origin may make ([`GovernanceOnlyCalls`]) stay allowed,
//!   so a referendum enacted during the brake takes effect — the accreditation track suspends an
//!   issuer or a regulator's issuer, the treasury track vetoes a spend.
//! - Safeguards against holding governance up: the runtime-upgrade track decides
//!   [`RUNTIME_UPGRADE_DECIDING`] referenda at once, so a junk proposal holds one slot while
//!   another upgrade (or a root referendum cancelling the junk, `RankedPolls::cancel`, deposits
//!   refunded) is decided beside it; a custodian spend can be vetoed on the emergency track too,
//!   whose fastest decision ends well within the spend's time lock ([`SpendVetoOrigin`]).

use crate::*;
use alloc::borrow::Cow;
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, AsEnsureOriginWithArg, ConstU32, Contains, EitherOf,
		EqualPrivilegeOnly, LinearStoragePrice, OriginTrait,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureWithSuccess};
use huzhu_primitives::membership::{credential_types, CredentialInspect, MembershipInspect};
use pallet_huzhu_governance::{
	EnsureAccreditation, EnsureEmergency, EnsurePlanTerms, EnsureTreasuryCustody,
};
use pallet_referenda::{Curve, Track, TrackInfo, TracksInfo};
use sp_runtime::Perbill;

/// Root (the runtime-upgrade track) or a passed referendum of the plan-terms track.
pub type PlanTermsOrigin = EitherOf<EnsureRoot<AccountId>, EnsurePlanTerms>;
/// Root or a passed referendum of the accreditation track.
pub type AccreditationOrigin = EitherOf<EnsureRoot<AccountId>, EnsureAccreditation>;
/// Root or a passed referendum of the treasury-and-custody track.
pub type TreasuryCustodyOrigin = EitherOf<EnsureRoot<AccountId>, EnsureTreasuryCustody>;
/// Root or a passed referendum of the emergency track.
pub type EmergencyOrigin = EitherOf<EnsureRoot<AccountId>, EnsureEmergency>;
/// Who vetoes a custodian spend during its time lock: the treasury-and-custody track, or the
/// emergency track, whose fastest decision (prepare, confirm, enactment: 21 minutes on a real
/// chain) ends well within the time lock; root too.
pub type SpendVetoOrigin = EitherOf<TreasuryCustodyOrigin, EnsureEmergency>;

/// The emergency council's collective instance.
pub type EmergencyCouncilInstance = pallet_collective::Instance1;

/// Two thirds of the emergency council.
pub type EmergencyCouncilTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, EmergencyCouncilInstance, 2, 3>;

/// Signed by an account whose DID is a voter now (covered in a plan that requires the
/// personhood credential, which it holds and which is valid): the only ones who submit
/// referenda. A revoked or expired credential stops submission in the same block.
pub struct ActiveMemberAccount;
impl frame_support::traits::EnsureOrigin<RuntimeOrigin> for ActiveMemberAccount {
	type Success = AccountId;

	fn try_origin(origin: RuntimeOrigin) -> Result<AccountId, RuntimeOrigin> {
		let Ok(who) = frame_system::ensure_signed(origin.clone()) else { return Err(origin) };
		match <HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(&who) {
			Some(did)
				if <HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_voter(
					did,
				) =>
			{
				Ok(who)
			}
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Err(())
	}
}

/// Signed by an account whose DID holds a valid `RegulatorObserver` credential.
pub struct RegulatorObserver;
impl frame_support::traits::EnsureOrigin<RuntimeOrigin> for RegulatorObserver {
	type Success = AccountId;

	fn try_origin(origin: RuntimeOrigin) -> Result<AccountId, RuntimeOrigin> {
		let Ok(who) = frame_system::ensure_signed(origin.clone()) else { return Err(origin) };
		match <HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(&who) {
			Some(did)
				if <HuzhuMembership as CredentialInspect>::has_valid_credential(
					did,
					credential_types::REGULATOR_OBSERVER,
				) =>
			{
				Ok(who)
			}
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Err(())
	}
}

/// Who pulls the emergency brake: two thirds of the emergency council, or a regulator observer
/// (as its DID, so that each regulator has its own cooldown).
pub struct Brakers;
impl frame_support::traits::EnsureOrigin<RuntimeOrigin> for Brakers {
	type Success = pallet_huzhu_governance::Braker;

	fn try_origin(origin: RuntimeOrigin) -> Result<Self::Success, RuntimeOrigin> {
		let origin = match EmergencyCouncilTwoThirds::try_origin(origin) {
			Ok(()) => return Ok(pallet_huzhu_governance::Braker::Council),
			Err(origin) => origin,
		};
		let who = RegulatorObserver::try_origin(origin.clone())?;
		match <HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(&who) {
			Some(did) => Ok(pallet_huzhu_governance::Braker::Regulator(did)),
			None => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		EmergencyCouncilTwoThirds::try_successful_origin()
	}
}

// --- Tracks. ---

/// A track name as `pallet-referenda` stores it.
const fn name(text: &str) -> [u8; 25] {
	let bytes = text.as_bytes();
	let mut out = [0u8; 25];
	let mut i = 0;
	while i < bytes.len() && i < 25 {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

/// A flat curve at `threshold` (`passing` is `value >= threshold`).
const fn flat(threshold: Perbill) -> Curve {
	Curve::LinearDecreasing { length: Perbill::one(), floor: threshold, ceil: threshold }
}

/// A curve from `ceil` at the start of the decision period down to `floor` at its end.
const fn falling(ceil: u32, floor: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::one(),
		floor: Perbill::from_percent(floor),
		ceil: Perbill::from_percent(ceil),
	}
}

/// More than half: one part per billion above 50 %.
const MAJORITY: Perbill = Perbill::from_parts(500_000_001);
/// At least 60 %.
const SIXTY_PERCENT: Perbill = Perbill::from_percent(60);
/// At least two thirds (2 of 3 votes, whose ratio rounds down to 666 666 666 parts per billion).
const TWO_THIRDS: Perbill = Perbill::from_parts(666_666_666);

/// The runtime-upgrade track's id.
pub const RUNTIME_UPGRADE_TRACK: u16 = 0;
/// The plan-terms track's id.
pub const PLAN_TERMS_TRACK: u16 = 1;
/// The accreditation track's id.
pub const ACCREDITATION_TRACK: u16 = 2;
/// The treasury-and-custody track's id.
pub const TREASURY_CUSTODY_TRACK: u16 = 3;
/// The emergency track's id.
pub const EMERGENCY_TRACK: u16 = 4;
/// How many runtime-upgrade referenda are decided at once: one junk proposal does not hold the
/// track.
pub const RUNTIME_UPGRADE_DECIDING: u32 = 3;

/// A track: id, name, how many are decided at once, decision deposit, the four periods
/// (prepare, decision, confirm, minimum enactment), approval and support curves.
#[allow(clippy::too_many_arguments)]
const fn track(
	id: u16,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	periods: [BlockNumber; 4],
	min_approval: Curve,
	min_support: Curve,
) -> Track<u16, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period: periods[0],
			decision_period: periods[1],
			confirm_period: periods[2],
			min_enactment_period: periods[3],
			min_approval,
			min_support,
		},
	}
}

/// The runtime-upgrade track with `periods` (prepare, decision, confirm, minimum enactment).
const fn runtime_upgrade(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		RUNTIME_UPGRADE_TRACK,
		"runtime_upgrade",
		RUNTIME_UPGRADE_DECIDING,
		1_000 * UNITS,
		periods,
		flat(TWO_THIRDS),
		falling(50, 20),
	)
}

/// The plan-terms track with `periods`.
const fn plan_terms(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(PLAN_TERMS_TRACK, "plan_terms", 10, 100 * UNITS, periods, flat(MAJORITY), falling(30, 10))
}

/// The accreditation track with `periods`.
const fn accreditation(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		ACCREDITATION_TRACK,
		"accreditation",
		10,
		100 * UNITS,
		periods,
		flat(MAJORITY),
		falling(30, 10),
	)
}

/// The treasury-and-custody track with `periods`.
const fn treasury_custody(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		TREASURY_CUSTODY_TRACK,
		"treasury_custody",
		5,
		500 * UNITS,
		periods,
		flat(SIXTY_PERCENT),
		falling(40, 15),
	)
}

/// The emergency track with `periods`.
const fn emergency(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		EMERGENCY_TRACK,
		"emergency",
		5,
		50 * UNITS,
		periods,
		flat(MAJORITY),
		flat(Perbill::from_percent(20)),
	)
}

/// The tracks of a real chain. Support is the share of active member DIDs that voted.
pub static TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	runtime_upgrade([2 * HOURS, 14 * DAYS, 2 * DAYS, 7 * DAYS]),
	plan_terms([HOURS, 7 * DAYS, DAYS, DAYS]),
	accreditation([HOURS, 7 * DAYS, DAYS, DAYS]),
	treasury_custody([2 * HOURS, 10 * DAYS, 2 * DAYS, 2 * DAYS]),
	emergency([10 * MINUTES, 2 * DAYS, 10 * MINUTES, MINUTES]),
];

/// The same tracks with periods of a few blocks, for development chains and the node tests:
/// a referendum with enough votes is enacted about five blocks after submission (the runtime
/// upgrade eight).
pub static DEVELOPMENT_TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	runtime_upgrade([2, 40, 2, 4]),
	plan_terms([1, 40, 1, 2]),
	accreditation([1, 40, 1, 2]),
	treasury_custody([1, 40, 1, 3]),
	emergency([1, 20, 1, 1]),
];

/// The value of `governance.trackTable` that selects [`DEVELOPMENT_TRACKS`].
pub const DEVELOPMENT_TRACK_TABLE: u8 = 1;

/// Huzhu's tracks: [`TRACKS`], or [`DEVELOPMENT_TRACKS`] when the genesis chose them.
pub struct HuzhuTracks;
impl TracksInfo<Balance, BlockNumber> for HuzhuTracks {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		let table =
			if pallet_huzhu_governance::TrackTable::<Runtime>::get() == DEVELOPMENT_TRACK_TABLE {
				&DEVELOPMENT_TRACKS
			} else {
				&TRACKS
			};
		table.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<u16, ()> {
		if let Ok(system) = frame_system::RawOrigin::<AccountId>::try_from(origin.clone()) {
			return match system {
				frame_system::RawOrigin::Root => Ok(RUNTIME_UPGRADE_TRACK),
				_ => Err(()),
			};
		}
		match pallet_huzhu_governance::Origin::try_from(origin.clone()) {
			Ok(pallet_huzhu_governance::Origin::PlanTerms) => Ok(PLAN_TERMS_TRACK),
			Ok(pallet_huzhu_governance::Origin::Accreditation) => Ok(ACCREDITATION_TRACK),
			Ok(pallet_huzhu_governance::Origin::TreasuryCustody) => Ok(TREASURY_CUSTODY_TRACK),
			Ok(pallet_huzhu_governance::Origin::Emergency) => Ok(EMERGENCY_TRACK),
			Err(_) => Err(()),
		}
	}
}

// --- Pallet configurations. ---

parameter_types! {
	/// Held for each preimage: 1 HUZ plus 10 µHUZ per byte (a 1 MB runtime: 11 HUZ).
	pub const PreimageBaseDeposit: Balance = UNITS;
	pub const PreimageByteDeposit: Balance = 10 * MICRO_UNITS;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// Scheduled calls (enactments) may use 80 % of a block.
	pub MaximumSchedulerWeight: Weight =
		Perbill::from_percent(80) * configs::RuntimeBlockWeights::get().max_block;
	/// Held from the submitter of a referendum until it ends.
	pub const SubmissionDeposit: Balance = 10 * UNITS;
	/// A referendum that never gets its decision deposit times out after 14 days.
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = AsEnsureOriginWithArg<ActiveMemberAccount>;
	// A referendum cancels another (deposits refunded) only on the runtime-upgrade track: a
	// faster track would let a minority of its turnout cancel what two thirds approve (attack
	// review). A junk proposal holds one of that track's three deciding slots, not all.
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	// Deposits of killed referenda are burned.
	type Slash = ();
	type Votes = u32;
	type Tally = pallet_huzhu_governance::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<20>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = ConstU32<1>;
	type Tracks = HuzhuTracks;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// The block a referendum was submitted in: the start of its electorate.
pub struct ReferendumSubmitted;
impl pallet_huzhu_governance::PollStart<u32, BlockNumber> for ReferendumSubmitted {
	fn submitted(index: u32) -> Option<BlockNumber> {
		match pallet_referenda::ReferendumInfoFor::<Runtime>::get(index)? {
			pallet_referenda::ReferendumInfo::Ongoing(status) => Some(status.submitted),
			_ => None,
		}
	}
}

impl pallet_huzhu_governance::Config for Runtime {
	type Members = HuzhuMembership;
	type Polls = RankedPolls;
	type PollStart = ReferendumSubmitted;
	type VoteCall = voting::CollectiveVote;
	type BrakeOrigin = Brakers;
	type SafeMode = SafeMode;
	type BrakeDuration = EmergencyDuration;
	type BrakeCooldown = BrakeCooldown;
	type BrakePeriod = BrakePeriod;
	type MaxBrakesPerPeriod = MaxBrakesPerPeriod;
	type WeightInfo = pallet_huzhu_governance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = configs::benchmark_helpers::GovernanceBenchmarkHelper;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// How long the emergency council (or a regulator observer) puts the chain in safe mode:
	/// one day, after which it ends by itself.
	pub const EmergencyDuration: BlockNumber = DAYS;
	/// How much a members' referendum extends safe mode by.
	pub const EmergencyExtension: BlockNumber = DAYS;
	/// A braker pulls the brake again at the earliest a week after its last brake ended.
	pub const BrakeCooldown: BlockNumber = 7 * DAYS;
	/// The period over which the brakers' pulls are budgeted: 30 days.
	pub const BrakePeriod: BlockNumber = 30 * DAYS;
	/// All brakers together pull the brake (a day each) at most 3 times in any 30 days (the
	/// members extend it beyond that by referendum).
	pub const MaxBrakesPerPeriod: u32 = 3;
	/// Motions of the emergency council expire after a day.
	pub const CouncilMotionDuration: BlockNumber = DAYS;
	/// A council motion may dispatch at most half a block.
	pub MaxCouncilProposalWeight: Weight =
		Perbill::from_percent(50) * configs::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<EmergencyCouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<10>;
	type MaxMembers = ConstU32<7>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// The members elect the council by a referendum on the emergency track.
	type SetMembersOrigin = EmergencyOrigin;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

/// The calls of the mutual-aid pallets that only a track's origin (or root) may make: the
/// members' decisions, which safe mode never stops. Every one of them refuses a signed origin
/// (tested), so whitelisting them opens nothing to accounts.
pub struct GovernanceOnlyCalls;
impl Contains<RuntimeCall> for GovernanceOnlyCalls {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_huzhu_claims::Call as Claims;
		use pallet_huzhu_membership::Call as HuzhuMembership;
		use pallet_huzhu_pool::Call as Pool;
		matches!(
			call,
			RuntimeCall::HuzhuMembership(
				HuzhuMembership::register_credential_type { .. }
					| HuzhuMembership::accredit_issuer { .. }
					| HuzhuMembership::suspend_issuer { .. }
					| HuzhuMembership::slash_issuer { .. }
					| HuzhuMembership::create_plan { .. }
					| HuzhuMembership::update_plan_terms { .. }
					| HuzhuMembership::set_plan_open { .. }
			) | RuntimeCall::Pool(
				Pool::set_pool_params { .. }
					| Pool::force_payout { .. }
					| Pool::set_custodians { .. }
					| Pool::veto_spend { .. }
			) | RuntimeCall::Claims(Claims::set_params { .. } | Claims::set_metric { .. })
		)
	}
}

/// The calls an account signs that safe mode keeps in the mutual-aid pallets, because they only
/// take standing away: an issuer revoking a credential it attested (a compromised identity
/// must lose its vote during an emergency too), and anyone lapsing a membership whose cover
/// ended (`refresh_membership`, which also cures one whose cover is back).
pub struct SafetyCalls;
impl Contains<RuntimeCall> for SafetyCalls {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_huzhu_membership::Call as Membership;
		matches!(
			call,
			RuntimeCall::HuzhuMembership(
				Membership::revoke_credential { .. } | Membership::refresh_membership { .. }
			)
		)
	}
}

/// The calls safe mode keeps: everything but what accounts sign in the mutual-aid pallets
/// (membership, pool, claims, oracle); their [`GovernanceOnlyCalls`] and [`SafetyCalls`] stay
/// allowed.
pub struct SafeModeWhitelist;
impl Contains<RuntimeCall> for SafeModeWhitelist {
	fn contains(call: &RuntimeCall) -> bool {
		let mutual_aid = matches!(
			call,
			RuntimeCall::HuzhuMembership(_)
				| RuntimeCall::Pool(_)
				| RuntimeCall::Claims(_)
				| RuntimeCall::Oracle(_)
		);
		!mutual_aid || GovernanceOnlyCalls::contains(call) || SafetyCalls::contains(call)
	}
}

/// The pallets whose calls cannot be paused: the chain's clock, equivocation reports, governance
/// and the brakes.
pub struct TxPauseWhitelist;
impl Contains<pallet_tx_pause::RuntimeCallNameOf<Runtime>> for TxPauseWhitelist {
	fn contains((pallet, _call): &pallet_tx_pause::RuntimeCallNameOf<Runtime>) -> bool {
		[
			&b"System"[..],
			b"Timestamp",
			// Equivocation reports: a node submits each once, when it imports the second block
			// or vote; a paused report would be lost and the offender go unslashed.
			b"Babe",
			b"Grandpa",
			b"Preimage",
			b"Scheduler",
			b"RankedPolls",
			b"RankedCollective",
			b"Governance",
			b"EmergencyCouncil",
			b"SafeMode",
			b"TxPause",
		]
		.contains(&pallet.as_slice())
	}
}

impl pallet_safe_mode::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type WhitelistedCalls = SafeModeWhitelist;
	type EnterDuration = EmergencyDuration;
	type ExtendDuration = EmergencyExtension;
	// Nobody enters or extends safe mode for a deposit. The council and regulator observers
	// enter it through `Governance::pull_brake` (with its cooldown and budget); only root enters
	// directly; the members extend and end it.
	type EnterDepositAmount = ();
	type ExtendDepositAmount = ();
	type ForceEnterOrigin = EnsureWithSuccess<EnsureRoot<AccountId>, AccountId, EmergencyDuration>;
	type ForceExtendOrigin = EnsureWithSuccess<EmergencyOrigin, AccountId, EmergencyExtension>;
	type ForceExitOrigin = EmergencyOrigin;
	type ForceDepositOrigin = EnsureRoot<AccountId>;
	type Notify = ();
	type ReleaseDelay = ();
	type WeightInfo = pallet_safe_mode::weights::SubstrateWeight<Runtime>;
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PauseOrigin = EmergencyOrigin;
	type UnpauseOrigin = EmergencyOrigin;
	type WhitelistedCalls = TxPauseWhitelist;
	type MaxNameLen = ConstU32<256>;
	type WeightInfo = pallet_tx_pause::weights::SubstrateWeight<Runtime>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn track_tables_are_sorted_and_consistent() {
		for table in [&TRACKS, &DEVELOPMENT_TRACKS] {
			let ids: Vec<u16> = table.iter().map(|track| track.id).collect();
			assert_eq!(ids, vec![0, 1, 2, 3, 4]);
			// The runtime upgrade has the longest enactment delay of its table.
			let upgrade = table[0].info.min_enactment_period;
			assert!(table.iter().skip(1).all(|track| track.info.min_enactment_period < upgrade));
		}
		for (real, development) in TRACKS.iter().zip(DEVELOPMENT_TRACKS.iter()) {
			assert_eq!(real.info.name, development.info.name);
			assert_eq!(real.info.min_approval, development.info.min_approval);
			assert_eq!(real.info.decision_deposit, development.info.decision_deposit);
		}
	}

	#[test]
	fn equivocation_reports_cannot_be_paused() {
		let name = |text: &str| text.as_bytes().to_vec().try_into().expect("a short name");
		for (pallet, call) in [
			("Babe", "report_equivocation_unsigned"),
			("Babe", "report_equivocation"),
			("Grandpa", "report_equivocation_unsigned"),
		] {
			assert!(TxPauseWhitelist::contains(&(name(pallet), name(call))), "{pallet}.{call}");
		}
		assert!(!TxPauseWhitelist::contains(&(name("Claims"), name("file_claim"))));
	}

	#[test]
	fn root_cancels_an_unjust_slash_before_it_applies() {
		// Route 11: a deferred slash waits longer than the fastest runtime-upgrade referendum,
		// and less than the bonding period.
		use configs::{BondingDuration, SessionsPerEra, SlashDeferDuration, SESSION_PERIOD};
		let era = SessionsPerEra::get() * SESSION_PERIOD;
		let deferred = SlashDeferDuration::get() * era;
		let info = &TRACKS[RUNTIME_UPGRADE_TRACK as usize].info;
		let fastest = info.prepare_period + info.confirm_period + info.min_enactment_period;
		assert!(fastest + 7 * DAYS < deferred, "{fastest} {deferred}");
		assert!(SlashDeferDuration::get() < BondingDuration::get());
	}

	#[test]
	fn approval_thresholds_are_majority_sixty_percent_and_two_thirds() {
		let passes = |track: usize, ayes: u32, nays: u32| {
			TRACKS[track]
				.info
				.min_approval
				.passing(Perbill::from_percent(10), Perbill::from_rational(ayes, ayes + nays))
		};
		// Plan terms: a simple majority; a tie fails.
		assert!(passes(1, 51, 49));
		assert!(!passes(1, 50, 50));
		// Treasury and custody: 60 %.
		assert!(passes(3, 3, 2));
		assert!(!passes(3, 59, 41));
		// Runtime upgrade: two thirds.
		assert!(passes(0, 2, 1));
		assert!(!passes(0, 66, 34));
	}

	#[test]
	fn origins_map_to_their_tracks() {
		let track = |origin: OriginCaller| HuzhuTracks::track_for(&origin);
		assert_eq!(track(frame_system::RawOrigin::Root.into()), Ok(RUNTIME_UPGRADE_TRACK));
		assert_eq!(track(pallet_huzhu_governance::Origin::PlanTerms.into()), Ok(PLAN_TERMS_TRACK));
		assert_eq!(
			track(pallet_huzhu_governance::Origin::Accreditation.into()),
			Ok(ACCREDITATION_TRACK)
		);
		assert_eq!(
			track(pallet_huzhu_governance::Origin::TreasuryCustody.into()),
			Ok(TREASURY_CUSTODY_TRACK)
		);
		assert_eq!(track(pallet_huzhu_governance::Origin::Emergency.into()), Ok(EMERGENCY_TRACK));
		assert_eq!(track(frame_system::RawOrigin::None.into()), Err(()));
	}

	#[test]
	fn safe_mode_stops_only_the_mutual_aid_pallets() {
		let join =
			RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan { plan: 0 });
		let vote = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
			poll: 0,
			aye: true,
		});
		assert!(!SafeModeWhitelist::contains(&join));
		assert!(SafeModeWhitelist::contains(&vote));
		// What only takes standing away goes on: revoking a credential, lapsing a membership.
		use pallet_huzhu_membership::Call as Membership;
		let kyc = credential_types::KYC;
		let revoke = RuntimeCall::HuzhuMembership(Membership::revoke_credential {
			subject: 1,
			credential_type: kyc,
		});
		let refresh =
			RuntimeCall::HuzhuMembership(Membership::refresh_membership { plan: 0, did: 1 });
		let attest = RuntimeCall::HuzhuMembership(Membership::attest_credential {
			subject: 1,
			credential_type: kyc,
			commitment: Default::default(),
			expires_at: None,
		});
		assert!(SafeModeWhitelist::contains(&revoke));
		assert!(SafeModeWhitelist::contains(&refresh));
		assert!(!SafeModeWhitelist::contains(&attest));
	}
}

/// The emergency brake on the development genesis (council of Alice, Bob and Charlie).
#[cfg(test)]
mod emergency_tests {
	use super::*;
	use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave, Eve};
	use sp_runtime::traits::{BlakeTwo256, Hash};

	use crate::test_support::{development, signed};

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
			assert!(
				SafeMode::force_exit(pallet_huzhu_governance::Origin::PlanTerms.into()).is_err()
			);
		});
	}

	#[test]
	fn a_regulator_observer_enters_safe_mode() {
		development().execute_with(|| {
			assert_noop!(
				Governance::pull_brake(signed(Dave)),
				sp_runtime::DispatchError::BadOrigin
			);
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
			let suspend =
				RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::suspend_issuer {
					credential_type: regulator,
					issuer: bob_did,
				});
			let now = System::block_number();
			enact(pallet_huzhu_governance::Origin::Accreditation.into(), suspend, now + 1);
			assert!(!<HuzhuMembership as CredentialInspect>::has_valid_credential(
				dave_did, regulator
			));
			assert_ok!(SafeMode::force_exit(pallet_huzhu_governance::Origin::Emergency.into()));
			System::set_block_number(now + 2 * BrakeCooldown::get());
			assert_noop!(
				Governance::pull_brake(signed(Dave)),
				sp_runtime::DispatchError::BadOrigin
			);
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
			let close =
				RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::set_plan_open {
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
		assert!(<SpendVetoOrigin as frame_support::traits::EnsureOrigin<_>>::try_origin(emergency)
			.is_ok());
		let plan_terms: RuntimeOrigin = pallet_huzhu_governance::Origin::PlanTerms.into();
		assert!(<SpendVetoOrigin as frame_support::traits::EnsureOrigin<_>>::try_origin(
			plan_terms
		)
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
					frame_support::traits::Bounded::Inline(
						remark.encode().try_into().expect("short"),
					),
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
			for origin in [
				pallet_huzhu_governance::Origin::Emergency,
				pallet_huzhu_governance::Origin::PlanTerms,
			] {
				assert_noop!(
					RankedPolls::cancel(origin.into(), 0),
					sp_runtime::DispatchError::BadOrigin
				);
			}
			assert_noop!(
				RankedPolls::cancel(signed(Alice), 0),
				sp_runtime::DispatchError::BadOrigin
			);
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

		use crate::test_support::{refused, run_to, vote};

		fn did(who: sp_keyring::Sr25519Keyring) -> huzhu_primitives::membership::DidId {
			<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(
				&who.to_account_id(),
			)
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
				run_to(
					System::block_number() + crate::genesis_config_presets::GENESIS_WAITING_PERIOD,
				);
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
				run_to(
					System::block_number() + crate::genesis_config_presets::GENESIS_WAITING_PERIOD,
				);
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
				let exit = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan {
					plan: 1,
				});
				let open =
					RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::set_plan_open {
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
				let council: RuntimeOrigin = pallet_collective::RawOrigin::<
					AccountId,
					EmergencyCouncilInstance,
				>::Members(3, 3)
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
}
