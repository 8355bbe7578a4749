//! Ids, plan terms and the traits of membership and identity.
//!
//! The membership pallet (`pallet-huzhu-membership`) implements [`MembershipInspect`],
//! [`CredentialInspect`], [`PlanInspect`] and [`MemberStanding`]; it uses [`MemberDeposits`],
//! which the pool implements. Claims, pool and governance take these traits as `Config` types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::ConstU32;
use sp_runtime::{BoundedVec, DispatchResult, Perbill, Permill};

/// A mutual-aid plan, numbered from 0 in order of creation.
pub type PlanId = u32;

/// A decentralized identifier `did:huzhu:<id>`, numbered from 0 in order of creation; an id is
/// never reused, even after its DID is deactivated.
pub type DidId = u64;

/// A credential type (`Kyc`, `MedicalInstitution`, …): an id that governance registers with a
/// schema hash. The first five are fixed at genesis, see [`credential_types`].
pub type CredentialTypeId = u32;

/// A measured quantity of parametric plans (rainfall in 0.1 mm, temperature in 0.1 °C, …): an id
/// that governance registers in the claims pallet with the range a reading may take.
pub type MetricId = u32;

/// A region code of a parametric plan (e.g. a county's administrative code). What a code means is
/// agreed off chain, in the plan's documents; on chain it is only compared.
pub type RegionId = u32;

/// The credential types every Huzhu chain registers at genesis, with these ids.
pub mod credential_types {
	use super::CredentialTypeId;
	/// A person passed an accredited issuer's identity check (KYC).
	pub const KYC: CredentialTypeId = 0;
	/// An accredited hospital or clinic; it attests diagnoses for attestation-triggered claims.
	pub const MEDICAL_INSTITUTION: CredentialTypeId = 1;
	/// An accredited weather data provider; it feeds parametric plans.
	pub const WEATHER_ORACLE: CredentialTypeId = 2;
	/// An enterprise of a supply-chain alliance; it votes on alliance claims.
	pub const ALLIANCE_ENTERPRISE: CredentialTypeId = 3;
	/// A regulator's read-only observer. Nothing in the runtime lets it move funds.
	pub const REGULATOR_OBSERVER: CredentialTypeId = 4;
}

/// The most credential types a plan may require of its members.
pub const MAX_REQUIRED_CREDENTIALS: u32 = 4;
/// The most regions a parametric plan may cover.
pub const MAX_PLAN_REGIONS: u32 = 16;
/// The most attestations a plan may require to decide a claim.
pub const MAX_ATTESTATIONS_REQUIRED: u8 = 8;
/// The longest plan name, in bytes (UTF-8).
pub const MAX_PLAN_NAME_LEN: u32 = 64;

/// How a plan's claims are decided (the claims pallet implements each).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum TriggerKind {
	/// Accredited medical institutions attest the event; this many attestations decide.
	Attestation {
		/// Attestations needed to decide a claim (1 to [`MAX_ATTESTATIONS_REQUIRED`]).
		attestations_required: u8,
	},
	/// Oracle readings of `metric` for the member's region cross `trigger_value`: the payout grows
	/// linearly from nothing at `trigger_value` to the plan's maximum at `exit_value` (an index
	/// policy). `exit_value` below `trigger_value` pays when the reading falls (drought: rainfall),
	/// above it when the reading rises (flood, heat).
	Parametric {
		/// What is measured (registered in the claims pallet with its valid range).
		metric: MetricId,
		/// The reading at which payouts start (nothing paid at exactly this value).
		trigger_value: i64,
		/// The reading at which the full maximum payout is reached; differs from `trigger_value`.
		exit_value: i64,
	},
	/// The plan's alliance enterprises approve by vote; this share of the votes cast decides.
	Alliance {
		/// Share of approving votes needed (more than zero).
		approval_threshold: Perbill,
	},
}

/// The terms of a plan, set and changed only by governance.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct PlanTerms<Balance, BlockNumber> {
	/// A human-readable name ("Critical illness 2026"), UTF-8.
	pub name: BoundedVec<u8, ConstU32<MAX_PLAN_NAME_LEN>>,
	/// Credential types a member must hold valid to join and to stay active.
	pub required_credentials: BoundedVec<CredentialTypeId, ConstU32<MAX_REQUIRED_CREDENTIALS>>,
	/// Blocks from joining until cover starts.
	pub waiting_period: BlockNumber,
	/// The deposit a member must pay in to join and keep to stay active.
	pub min_deposit: Balance,
	/// The most a single claim pays out.
	pub max_payout_per_claim: Balance,
	/// The most one member's share of one claim can be.
	pub member_share_cap_per_claim: Balance,
	/// The most one member's shares of all claims in one year can be.
	pub member_share_cap_per_year: Balance,
	/// The management fee added to each payout's cost, shared like the payout.
	pub management_fee: Permill,
	/// Blocks a decided claim stays public (公示), open to challenge by any member, before it is
	/// paid (at least one).
	pub challenge_period: BlockNumber,
	/// How claims are decided.
	pub trigger: TriggerKind,
	/// The regions a parametric plan covers; empty for the other triggers.
	pub regions: BoundedVec<RegionId, ConstU32<MAX_PLAN_REGIONS>>,
}

/// Whether an account's DID is an active member of a plan, and what the other pallets need to know
/// about that membership. Counts are kept as members change state: every method is O(1).
pub trait MembershipInspect<AccountId, BlockNumber> {
	/// The DID the account controls, if any.
	fn did_of(who: &AccountId) -> Option<DidId>;
	/// Whether the account's DID is an active (covered) member of the plan now.
	fn is_active_member(plan: PlanId, who: &AccountId) -> bool;
	/// The block since which the membership has been active, if it is active.
	fn active_since(plan: PlanId, who: &AccountId) -> Option<BlockNumber>;
	/// The region the member is covered in (parametric plans), if any.
	fn member_region(plan: PlanId, who: &AccountId) -> Option<RegionId>;
	/// How many members of the plan are active.
	fn active_member_count(plan: PlanId) -> u32;
	/// How many DIDs are active members of at least one plan (in any plan, whatever its
	/// credentials: not the electorate, see [`Self::voter_count`]).
	fn active_member_dids() -> u32;
	/// Whether the DID is covered in at least one plan: an active member whose credentials are
	/// valid and whose deposit covers the plan's minimum (a possible juror). Votes need more:
	/// [`Self::is_voter`].
	fn is_active_did(did: DidId) -> bool;
	/// The controller account of the plan's active member in slot `index`, for
	/// `index < active_member_count(plan)`. Slots are dense: a member leaving the active set hands
	/// its slot to the last one. Lets a pallet draw members at random in O(1) (juries).
	fn active_member_at(plan: PlanId, index: u32) -> Option<AccountId>;
	/// The controller account of the active member DID in chain-wide slot `index`, for
	/// `index < active_member_dids()`: the same dense slots over every DID that is an active
	/// member of at least one plan (juries for plans too small to judge themselves).
	fn active_did_controller_at(index: u32) -> Option<AccountId>;
	/// Whether the DID votes in governance now: it is covered (as [`Self::is_active_did`]) in at
	/// least one plan whose terms require the runtime's personhood credential (a credential an
	/// accredited issuer attests once per person). Checked live, so a revoked or expired
	/// personhood credential, or its issuer's suspension, ends the vote at once. Bounded by the
	/// memberships a DID may hold.
	fn is_voter(did: DidId) -> bool;
	/// The block since which the DID has been a voter ([`Self::is_voter`]) on its current
	/// standing: the later of its personhood credential's issue block and the start of its
	/// earliest covered membership in a plan that requires it. `None` if it is not a voter now.
	/// A poll's electorate is the voters since before its submission: a personhood credential
	/// moved to another DID, or re-attested, starts over.
	fn voter_since(did: DidId) -> Option<BlockNumber>;
	/// How many DIDs have at least one active membership of a plan that requires the personhood
	/// credential (the electorate of the support ratio). An upper bound of the DIDs for which
	/// [`Self::is_voter`] holds: a membership whose credential stopped being valid counts until
	/// it is refreshed, which only makes support harder to reach. O(1).
	fn voter_count() -> u32;
	/// Whether the account's DID is a member (in any status) of some plan that covers `region`:
	/// such an account has a stake in that region's index — a payout there either pays it or
	/// is shared by it. Bounded by the memberships a DID may hold.
	fn is_member_in_region(who: &AccountId, region: RegionId) -> bool;
}

/// The terms of plans, for the pallets that pay and adjudicate.
pub trait PlanInspect<Balance, BlockNumber> {
	/// The plan's terms, if it exists.
	fn plan_terms(plan: PlanId) -> Option<PlanTerms<Balance, BlockNumber>>;
}

/// Credentials attested to DIDs by accredited issuers.
pub trait CredentialInspect {
	/// Whether the DID exists and holds an unexpired credential of this type whose issuer is
	/// accredited for the type now.
	fn has_valid_credential(did: DidId, credential_type: CredentialTypeId) -> bool;
	/// Whether the DID is accredited to issue (attest) credentials of this type now.
	fn is_accredited_issuer(did: DidId, credential_type: CredentialTypeId) -> bool;
}

/// Penalties on accredited issuers (attesters), decided by other pallets (a jury that finds an
/// attestation false).
pub trait IssuerPenalty<AccountId, Balance> {
	/// Slashes up to `amount` of the issuer's bond for `credential_type` into `beneficiary` (the
	/// harmed plan's pool) and suspends the accreditation until governance acts; returns the
	/// amount moved (zero when the DID holds no such accreditation or bond).
	fn penalize_issuer(
		issuer: DidId,
		credential_type: CredentialTypeId,
		amount: Balance,
		beneficiary: &AccountId,
	) -> Balance;
	/// The bond the issuer holds for `credential_type` now, slashable while it is accredited or
	/// unbonding (zero when it holds none).
	fn issuer_bond(issuer: DidId, credential_type: CredentialTypeId) -> Balance;
}

/// What an issuer's attestations still risk (implemented by the claims pallet): an issuer whose
/// attestations a jury may yet find false cannot take its bond back.
pub trait IssuerExposure {
	/// Whether some attestation the issuer made as an issuer of `credential_type` can still be
	/// slashed.
	fn is_exposed(issuer: DidId, credential_type: CredentialTypeId) -> bool;
}

/// Nothing is ever exposed (a runtime without claims).
impl IssuerExposure for () {
	fn is_exposed(_issuer: DidId, _credential_type: CredentialTypeId) -> bool {
		false
	}
}

/// Changes of a member's standing that the pool decides: a deposit that can no longer cover the
/// member's share lapses its cover; a top-up restores it.
pub trait MemberStanding<AccountId> {
	/// The member's deposit is exhausted: an active membership lapses.
	fn deposit_exhausted(plan: PlanId, who: &AccountId) -> DispatchResult;
	/// The member's deposit is sufficient again: a lapsed membership is cured if its credentials
	/// are valid.
	fn deposit_restored(plan: PlanId, who: &AccountId) -> DispatchResult;
}

/// The deposits members keep in a plan (implemented by the pool).
pub trait MemberDeposits<AccountId, Balance> {
	/// Moves `amount` from `who` into the plan's pool as the member's deposit.
	fn deposit(plan: PlanId, who: &AccountId, amount: Balance) -> DispatchResult;
	/// Whether the member's deposit, after what it owes, still covers `minimum`.
	fn is_sufficient(plan: PlanId, who: &AccountId, minimum: Balance) -> bool;
	/// Whether the member shares the plan's claims now with a deposit, after what it owes, of at
	/// least the plan's minimum: what cover needs on the deposit's side. O(1).
	fn is_covered(plan: PlanId, who: &AccountId) -> bool;
	/// The member left the plan: what it has left may be withdrawn under the plan's notice rules.
	fn member_exited(plan: PlanId, who: &AccountId) -> DispatchResult;
	/// The member's cover started (waiting period over, or a lapse cured): from now on it shares
	/// the cost of the plan's claims. Cannot fail.
	fn cover_started(plan: PlanId, who: &AccountId);
	/// The member stops sharing the cost of new claims without leaving. Cannot fail. Huzhu's
	/// membership pallet does not call it: a lapsed member goes on sharing the plan's claims
	/// until it leaves ([`Self::member_exited`]), so that a lapse sheds no known claim; a runtime
	/// whose plans end sharing at a lapse calls it then.
	fn cover_stopped(plan: PlanId, who: &AccountId);
}
