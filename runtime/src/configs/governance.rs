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
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, AsEnsureOriginWithArg, ConstU32, Contains, EitherOf,
		EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureWithSuccess};
use huzhu_primitives::membership::{credential_types, CredentialInspect, MembershipInspect};
use pallet_huzhu_governance::{
	EnsureAccreditation, EnsureEmergency, EnsurePlanTerms, EnsureTreasuryCustody,
};
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

pub use super::tracks::*;

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

// Referenda's clock (`BlockNumberProvider`, below) is the mutual-aid pallets' clock: a voter's
// standing is compared with a poll's submission (the runtime test
// `the_mutual_aid_pallets_and_referenda_share_one_clock`).
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
	type BlockNumberProvider = System;
	type WeightInfo = pallet_huzhu_governance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::benchmark_helpers::GovernanceBenchmarkHelper;
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
