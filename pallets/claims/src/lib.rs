//! # Claims pallet
//!
//! Why Huzhu exists: a member who falls ill, loses a harvest or is hurt by a supplier's failure is
//! paid within hours, by rules in code, with every step public. This pallet takes a claim from
//! filing to payout: the plan's trigger decides it, a public challenge window (公示) lets any
//! member dispute it, a jury of members drawn at random settles disputes, and the pool pays.
//!
//! ## Lifecycle
//!
//! ```text
//! Filed ──(attested | voted)──► Challengeable ──(window ends)──► Approved ──► Paid
//!   │  (index payouts start Challengeable: triggered)  │
//!   ├──(denied | voted down | expired)──► Rejected      └──(challenge)──► UnderJury
//!   └──(claimant)──► Withdrawn (also from Challengeable)     (audits start here)
//! UnderJury ──(verdict)──► Appealable ──(no appeal)──► Approved | Rejected
//!                              └──(appeal)──► UnderJury (round 1) ──(verdict)──► Approved | Rejected
//! ```
//!
//! Every state that ends at a block ([`ClaimStatus::due_at`]) sits in the [`Agenda`] of that
//! block, which `on_initialize` serves: an unchallenged claim is paid in the first block after
//! its window, with no transaction, and nothing ever scans all claims. An agenda holds at most
//! [`Config::MaxDuePerBlock`] claims; when a block's agenda is full the claim goes to the next
//! block with room (at most [`Config::MaxDuePerBlock`] blocks later).
//!
//! ## Triggers (chosen by the plan's [`TriggerKind`])
//!
//! - **Attestation** (critical illness, accident). A covered member [files](Pallet::file_claim)
//!   the amount asked (up to the plan maximum) and an evidence commitment, holding
//!   [`Config::ClaimBond`]. Accredited medical institutions (DIDs accredited for
//!   `MEDICAL_INSTITUTION`, bonded in the membership pallet) [attest](Pallet::attest_claim) it
//!   with a diagnosis commitment and the amount they confirm, or deny it. When the plan's
//!   `attestations_required` confirm, the claim is decided at the smallest confirmed amount; as
//!   many denials reject it. If a jury later rejects the claim, each confirming institution's
//!   bond is slashed by [`Config::AttesterSlash`].
//! - **Parametric** (farm weather). Accredited weather oracles
//!   [submit readings](Pallet::submit_reading) of a registered metric for a region and period;
//!   readings out of the metric's range, before the period ends or after its submission window
//!   are rejected. The readings go to FRAME's `pallet-oracle` (through [`IndexReadings`]), whose
//!   median combiner with a minimum count and expiry aggregates them. Anyone may then
//!   [open an index event](Pallet::open_index_event): if the median crosses the plan's trigger,
//!   each member covered in that region since before the period began
//!   [pulls its payout](Pallet::claim_index_payout) — linear from nothing at the trigger value to
//!   the plan maximum at the exit value — in O(1), with no loop over the region. A member may
//!   instead ask for a [basis-risk audit](Pallet::request_audit) (a larger bond): a jury decides
//!   whether to pay a loss the index missed.
//! - **Alliance** (supply chain). Members of the plan holding a valid `ALLIANCE_ENTERPRISE`
//!   credential [vote](Pallet::vote_alliance). The claim is decided when the ayes reach the
//!   plan's `approval_threshold` of the plan's other active members (counted at filing), and
//!   rejected once they no longer can.
//!
//! Claims not decided within the decision period ([`AdjudicationParams`]) expire. A member cannot
//! claim in the block its cover starts, and one evidence commitment backs at most one claim, ever.
//!
//! ## Challenge, jury, appeal
//!
//! A decided claim is public for its plan's `challenge_period`. Any other active member of the plan
//! may [challenge](Pallet::challenge) it with [`Config::ChallengeBond`] and a reason commitment.
//! A jury of [`Config::JurySize`] is drawn at once from the plan's active members who are not
//! parties, each juror holding [`Config::JurorBond`] (members who cannot pay it are skipped).
//! Jurors [commit](Pallet::commit_vote) `blake2_256((claim, verdict, salt).encode())` during
//! the commit period, then [reveal](Pallet::reveal_vote) it with a rationale commitment
//! during the reveal period. The majority of revealed votes decides; a tie upholds the
//! claim. Jurors who did not reveal lose their bond: [`Config::WinnerShare`] of it to the jurors
//! who voted with the majority, the rest to the plan's reserve.
//!
//! The losing party may [appeal](Pallet::appeal) once, within the appeal period, with
//! [`Config::AppealBond`]: a jury of [`Config::AppealJurySize`], none of whom sat on the first
//! jury, decides finally. When the verdict is final the losing party's bonds are slashed —
//! [`Config::WinnerShare`] to the winning party, the rest to the plan's reserve — and the
//! winner's bonds are returned. An upheld claim is paid in the same block.
//!
//! **Randomness.** Juries are drawn with [`Config::Randomness`]. In Huzhu's runtime that is
//! `pallet-insecure-randomness-collective-flip`: a mix of recent block hashes that the block
//! author can bias. The draw walks the plan's active members from a random start with a random
//! stride coprime to their number, so each draw is O(jury size).
//!
//! ## Payout
//!
//! Approval pays through [`PoolPayout`] in the same block and emits [`Event::ClaimPaid`]
//! (claim, member, amount, block). Sharing the cost among members is the pool's job. If the pool
//! cannot pay, the claim stays [`ClaimStatus::Approved`] and anyone may
//! [retry](Pallet::retry_payout).
//!
//! ## For a runtime that takes this pallet
//!
//! `Membership`, `Credentials`, `Plans` and `Penalties` come from the membership pallet; `Payout`
//! from the pool; `Readings` is `pallet-oracle` behind a small adapter; and `pallet-oracle`'s
//! `Members` should be this pallet (its [`SortedMembers`](frame_support::traits::SortedMembers)
//! are the accredited oracles that submitted readings), with `pallet-oracle`'s own `feed_values`
//! call filtered out so every reading passes this pallet's checks.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod agenda;
mod claim_impls;
mod index_impls;
mod jury_impls;
mod state_impls;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use huzhu_primitives::{
	claims::{ClaimId, IndexReadings, ReadingKey},
	membership::{
		credential_types, CredentialInspect, DidId, IssuerPenalty, MembershipInspect, MetricId,
		PlanId, PlanInspect, PlanTerms, RegionId, TriggerKind,
	},
	pool::PoolPayout,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;

/// The balance type of the currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// Slashed bonds on their way to the winners and the reserve.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
/// A claim of this runtime.
pub type ClaimOf<T> =
	Claim<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A dispute of this runtime.
pub type DisputeOf<T> =
	Dispute<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::AppealJurySize>;
/// A juror's seat in this runtime.
pub type JurorSeatOf<T> = JurorSeat<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An index event of this runtime.
pub type IndexEventOf<T> = IndexEvent<BalanceOf<T>, BlockNumberFor<T>>;
/// Adjudication periods of this runtime.
pub type AdjudicationParamsOf<T> = AdjudicationParams<BlockNumberFor<T>>;
/// A metric of this runtime.
pub type MetricSpecOf<T> = MetricSpec<BlockNumberFor<T>>;

/// Sets up what the benchmarks need in other pallets (plans, members, accreditations), which
/// this pallet only reads through traits.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates a plan with this trigger (and these regions for a parametric one) whose pool can
	/// pay [`Config::MaxDuePerBlock`] claims of its maximum payout.
	fn create_plan(trigger: TriggerKind, regions: alloc::vec::Vec<RegionId>) -> PlanId;
	/// Funds `who` and makes it an active, covered member of `plan` (in `region`, if any) from
	/// this block on, holding `credential` if given.
	fn add_member(
		plan: PlanId,
		who: &AccountId,
		region: Option<RegionId>,
		credential: Option<huzhu_primitives::CredentialTypeId>,
	);
	/// Funds `who` and makes its DID an accredited, bonded issuer of `credential_type`.
	fn accredit(who: &AccountId, credential_type: huzhu_primitives::CredentialTypeId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, BalancedHold, Inspect, Mutate, MutateHold},
			Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: bonds are held in it and slashed bonds paid out of it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Who is a covered member of which plan, and the plan's active members for jury draws
		/// (the membership pallet).
		type Membership: MembershipInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Accredited institutions, oracles and alliance enterprises (the membership pallet).
		type Credentials: CredentialInspect;

		/// The plans' terms: trigger, maximum payout, regions (the membership pallet).
		type Plans: PlanInspect<BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Slashes the bonds of institutions whose attestation a jury found false (the membership
		/// pallet).
		type Penalties: IssuerPenalty<BalanceOf<Self>>;

		/// Pays approved claims and books slashed bonds as reserve (the pool).
		type Payout: PoolPayout<Self::AccountId, BalanceOf<Self>>;

		/// The oracle feed and its median (`pallet-oracle` in Huzhu).
		type Readings: IndexReadings<Self::AccountId>;

		/// The randomness juries are drawn with (see the module docs on its quality).
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// The origin that registers index metrics (a member referendum in Huzhu).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The bond a member holds to file a claim; returned unless a jury rejects the claim.
		#[pallet::constant]
		type ClaimBond: Get<BalanceOf<Self>>;

		/// The bond a member holds to ask for a basis-risk audit.
		#[pallet::constant]
		type AuditBond: Get<BalanceOf<Self>>;

		/// The bond a member holds to challenge a decided claim.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;

		/// The bond the losing party of a first verdict holds to appeal it.
		#[pallet::constant]
		type AppealBond: Get<BalanceOf<Self>>;

		/// The bond each drawn juror holds until the verdict; lost if it does not reveal.
		#[pallet::constant]
		type JurorBond: Get<BalanceOf<Self>>;

		/// The adjudication periods until governance sets them ([`Params`]).
		#[pallet::constant]
		type DefaultParams: Get<AdjudicationParamsOf<Self>>;

		/// Jurors drawn for a challenge or an audit.
		#[pallet::constant]
		type JurySize: Get<u32>;

		/// Jurors drawn for an appeal (at least [`Config::JurySize`]; bounds every jury).
		#[pallet::constant]
		type AppealJurySize: Get<u32>;

		/// The share of a slashed bond that goes to the winners (the rest to the plan's reserve).
		#[pallet::constant]
		type WinnerShare: Get<Perbill>;

		/// The share of an attester's bond slashed when a jury rejects a claim it confirmed.
		#[pallet::constant]
		type AttesterSlash: Get<Perbill>;

		/// The most claims whose state ends in one block (the bound of `on_initialize`'s work).
		#[pallet::constant]
		type MaxDuePerBlock: Get<u32>;

		/// The most oracle operators (accounts of accredited weather oracles) feeding readings.
		#[pallet::constant]
		type MaxOracleOperators: Get<u32>;

		/// Weights of this pallet's calls and hook, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up plans, members and accreditations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A claimant's bond (claims and audits).
		#[codec(index = 0)]
		ClaimBond,
		/// A challenger's bond and appeal bonds.
		#[codec(index = 1)]
		DisputeBond,
		/// A juror's bond.
		#[codec(index = 2)]
		JurorBond,
	}

	/// The number the next claim gets.
	#[pallet::storage]
	pub type NextClaimId<T> = StorageValue<_, ClaimId, ValueQuery>;

	/// Every claim, by number (finished claims stay as the public record).
	#[pallet::storage]
	pub type Claims<T: Config> = StorageMap<_, Twox64Concat, ClaimId, ClaimOf<T>>;

	/// The claim each evidence commitment backs; a commitment backs one claim, ever.
	#[pallet::storage]
	pub type EvidenceClaims<T> = StorageMap<_, Identity, H256, ClaimId>;

	/// Medical institutions' attestations, by claim and attester DID.
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ClaimId, Twox64Concat, DidId, Attestation<BalanceOf<T>>>;

	/// Alliance votes (`true` approves), by claim and voter DID.
	#[pallet::storage]
	pub type AllianceVotes<T> =
		StorageDoubleMap<_, Twox64Concat, ClaimId, Twox64Concat, DidId, bool>;

	/// Open disputes (challenges and audits) with their juries.
	#[pallet::storage]
	pub type Disputes<T: Config> = StorageMap<_, Twox64Concat, ClaimId, DisputeOf<T>>;

	/// The claims whose state ends in a block, served by `on_initialize` of that block.
	#[pallet::storage]
	pub type Agenda<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<ClaimId, T::MaxDuePerBlock>,
		ValueQuery,
	>;

	/// The adjudication periods governance set (absent: [`Config::DefaultParams`]).
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, AdjudicationParamsOf<T>>;

	/// The registered index metrics.
	#[pallet::storage]
	pub type Metrics<T: Config> = StorageMap<_, Twox64Concat, MetricId, MetricSpecOf<T>>;

	/// Accounts of accredited weather oracles that fed readings, sorted: `pallet-oracle`'s
	/// operators.
	#[pallet::storage]
	pub type OracleOperators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxOracleOperators>, ValueQuery>;

	/// Open index events, by plan and `(region, period)`.
	#[pallet::storage]
	pub type IndexEvents<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, (RegionId, u32), IndexEventOf<T>>;

	/// The index payout claim of each member DID, by plan, region and period.
	#[pallet::storage]
	pub type IndexClaims<T> =
		StorageDoubleMap<_, Twox64Concat, (PlanId, RegionId, u32), Twox64Concat, DidId, ClaimId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A member filed a claim.
		ClaimFiled {
			/// The claim.
			claim: ClaimId,
			/// The plan.
			plan: PlanId,
			/// The member.
			claimant: T::AccountId,
			/// The amount asked.
			amount: BalanceOf<T>,
			/// The evidence commitment.
			evidence: H256,
		},
		/// A medical institution attested a claim.
		ClaimAttested {
			/// The claim.
			claim: ClaimId,
			/// The institution's DID.
			attester: DidId,
			/// The amount it confirmed, or `None` if it denied the claim.
			confirmed_amount: Option<BalanceOf<T>>,
		},
		/// An alliance enterprise voted on a claim.
		AllianceVoted {
			/// The claim.
			claim: ClaimId,
			/// The enterprise's DID.
			voter: DidId,
			/// Whether it approves.
			approve: bool,
		},
		/// A claim was decided in the claimant's favour; its public challenge window runs until
		/// `window_ends`.
		ClaimDecided {
			/// The claim.
			claim: ClaimId,
			/// How it was decided.
			decision: Decision,
			/// The amount that will be paid.
			amount: BalanceOf<T>,
			/// The block of the automatic payout if unchallenged.
			window_ends: BlockNumberFor<T>,
		},
		/// A claim was rejected.
		ClaimRejected {
			/// The claim.
			claim: ClaimId,
			/// Why.
			reason: RejectionReason,
		},
		/// The claimant withdrew a claim; its bond was returned.
		ClaimWithdrawn {
			/// The claim.
			claim: ClaimId,
		},
		/// A claim was approved (window over unchallenged, or upheld by a jury).
		ClaimApproved {
			/// The claim.
			claim: ClaimId,
			/// The amount to pay.
			amount: BalanceOf<T>,
		},
		/// A claim was paid from the plan's pool.
		ClaimPaid {
			/// The claim.
			claim: ClaimId,
			/// The member paid.
			member: T::AccountId,
			/// The amount paid.
			amount: BalanceOf<T>,
			/// The block of the payout.
			block: BlockNumberFor<T>,
		},
		/// The pool could not pay an approved claim; anyone may retry.
		PayoutFailed {
			/// The claim.
			claim: ClaimId,
			/// Why the pool refused.
			error: DispatchError,
		},
		/// A member challenged a decided claim.
		ClaimChallenged {
			/// The claim.
			claim: ClaimId,
			/// The challenger.
			challenger: T::AccountId,
			/// The commitment of its reasons.
			reason: H256,
		},
		/// A member asked for a basis-risk audit (a claim decided by a jury).
		AuditRequested {
			/// The claim that carries the audit.
			claim: ClaimId,
			/// The member.
			member: T::AccountId,
			/// The amount asked.
			amount: BalanceOf<T>,
		},
		/// A jury was drawn for a claim.
		JuryDrawn {
			/// The claim.
			claim: ClaimId,
			/// 0 for the first jury, 1 for the appeal jury.
			round: u8,
			/// The jurors.
			jurors: Vec<T::AccountId>,
			/// The block the reveal phase starts.
			commit_ends: BlockNumberFor<T>,
			/// The block the verdict is counted.
			reveal_ends: BlockNumberFor<T>,
		},
		/// A juror committed a hidden vote.
		VoteCommitted {
			/// The claim.
			claim: ClaimId,
			/// The juror.
			juror: T::AccountId,
		},
		/// A juror revealed its vote.
		VoteRevealed {
			/// The claim.
			claim: ClaimId,
			/// The juror.
			juror: T::AccountId,
			/// The vote.
			verdict: Verdict,
			/// The commitment of its rationale.
			rationale: H256,
		},
		/// A jury's votes were counted.
		JuryVerdict {
			/// The claim.
			claim: ClaimId,
			/// 0 for the first jury, 1 for the appeal jury.
			round: u8,
			/// Whether the claim is upheld.
			upheld: bool,
			/// Revealed votes to uphold.
			upholds: u32,
			/// Revealed votes to reject.
			rejects: u32,
			/// Jurors who did not reveal (their bonds were slashed).
			absent: u32,
		},
		/// The losing party appealed a first verdict.
		VerdictAppealed {
			/// The claim.
			claim: ClaimId,
			/// The appellant.
			appellant: T::AccountId,
		},
		/// A bond was slashed.
		BondSlashed {
			/// The claim.
			claim: ClaimId,
			/// Whose bond.
			who: T::AccountId,
			/// The amount slashed.
			amount: BalanceOf<T>,
		},
		/// Slashed bonds were paid out: to the winners (winning party or majority jurors) and to
		/// the plan's reserve.
		SlashDistributed {
			/// The claim.
			claim: ClaimId,
			/// Paid to the winners.
			to_winners: BalanceOf<T>,
			/// Paid to the plan's reserve.
			to_reserve: BalanceOf<T>,
		},
		/// A medical institution's bond was slashed for an attestation a jury found false.
		AttesterSlashed {
			/// The claim.
			claim: ClaimId,
			/// The institution's DID.
			attester: DidId,
			/// The amount slashed.
			amount: BalanceOf<T>,
		},
		/// Governance set the adjudication periods.
		ParamsSet {
			/// The new periods.
			params: AdjudicationParamsOf<T>,
		},
		/// Governance registered or changed an index metric.
		MetricSet {
			/// The metric.
			metric: MetricId,
			/// Its specification.
			spec: MetricSpecOf<T>,
		},
		/// An accredited oracle submitted a reading.
		ReadingSubmitted {
			/// The oracle's account.
			oracle: T::AccountId,
			/// What was read.
			key: ReadingKey,
			/// The value.
			value: i64,
		},
		/// An account that is no longer an accredited oracle was removed from the operators.
		OracleOperatorRemoved {
			/// The account.
			oracle: T::AccountId,
		},
		/// An index event opened: members covered in the region pull `payout` each.
		IndexEventOpened {
			/// The plan.
			plan: PlanId,
			/// The region.
			region: RegionId,
			/// The period.
			period: u32,
			/// The aggregated reading.
			reading: i64,
			/// What each covered member is paid.
			payout: BalanceOf<T>,
			/// Payouts can be pulled until this block.
			claims_until: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The plan does not exist.
		PlanNotFound,
		/// The claim does not exist.
		ClaimNotFound,
		/// The amount must be more than zero.
		ZeroAmount,
		/// The amount is above the plan's maximum payout per claim.
		AmountAboveMaximum,
		/// The account's DID is not an active, covered member of the plan.
		NotCovered,
		/// Cover started in this block: a member cannot join and claim in the same block.
		CoverStartedThisBlock,
		/// This evidence commitment already backs a claim.
		EvidenceAlreadyClaimed,
		/// Parametric plans pay through index events (`claim_index_payout`), not filed claims.
		UseIndexEvent,
		/// The claim's plan is not decided by this trigger.
		WrongTrigger,
		/// The claim is not waiting for attestations or votes.
		NotAwaitingDecision,
		/// The account has no DID.
		NoDid,
		/// The DID is not an accredited medical institution.
		NotAccreditedAttester,
		/// A party to the claim cannot decide it, attest it, vote on it or sit on its jury.
		PartyCannotDecide,
		/// This institution already attested the claim.
		AlreadyAttested,
		/// A confirmed amount must be more than zero and at most the amount asked.
		InvalidConfirmedAmount,
		/// The DID is not a covered member of the plan holding a valid alliance credential.
		NotAllianceEnterprise,
		/// This enterprise already voted on the claim.
		AlreadyVoted,
		/// Only the claimant can do this.
		NotClaimant,
		/// A claim can be withdrawn only before it is paid or disputed.
		CannotWithdraw,
		/// The claim is not in its public challenge window.
		NotChallengeable,
		/// The challenger is not a covered member of the claim's plan.
		NotPlanMember,
		/// No member could be drawn for the jury (too few members who are not parties, or none
		/// could hold the juror bond).
		NoJurorsAvailable,
		/// The claim has no jury sitting.
		NoJury,
		/// The account is not on the claim's jury.
		NotJuror,
		/// The commit phase is over.
		CommitPhaseOver,
		/// The reveal phase has not started or is over.
		NotRevealPhase,
		/// The juror committed no vote.
		NoCommitment,
		/// The juror already revealed its vote.
		AlreadyRevealed,
		/// The revealed vote and salt do not match the commitment.
		CommitmentMismatch,
		/// The claim's first verdict is not open to appeal.
		NotAppealable,
		/// Only the party that lost the first verdict can appeal.
		NotLosingParty,
		/// The claim is not approved and waiting for payout.
		NotApproved,
		/// The claim's state ends in a block whose agenda, and the following ones, are full.
		AgendaFull,
		/// Every adjudication period must last at least one block.
		InvalidParams,
		/// The metric is not registered.
		UnknownMetric,
		/// A metric needs `min_value ≤ max_value` and periods and windows of at least one block.
		InvalidMetric,
		/// The account's DID is not an accredited weather oracle.
		NotAccreditedOracle,
		/// The reading is outside the metric's plausible range.
		ReadingOutOfRange,
		/// The period has not ended yet.
		PeriodNotOver,
		/// The period's submission window is over: the reading is stale.
		StaleReading,
		/// The oracle operator set is full.
		TooManyOracleOperators,
		/// The account is still an accredited oracle (or not an operator).
		StillAccredited,
		/// The plan is not parametric.
		NotParametric,
		/// The plan does not cover this region.
		RegionNotCovered,
		/// An index event for this plan, region and period is already open.
		EventAlreadyOpen,
		/// Not enough fresh readings were aggregated for this region and period.
		NoAggregatedReading,
		/// The aggregated reading does not cross the plan's trigger.
		ThresholdNotCrossed,
		/// No index event is open for the member's region and this period.
		NoIndexEvent,
		/// The index event no longer takes claims.
		IndexClaimPeriodOver,
		/// The member's cover did not start before the period began.
		NotCoveredDuringPeriod,
		/// The member already pulled its payout of this index event.
		AlreadyClaimed,
		/// The member has no region in this plan.
		NoRegion,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_serve_agenda(now)
		}

		fn integrity_test() {
			assert!(T::JurySize::get() > 0, "a jury has jurors");
			assert!(T::JurySize::get() <= T::AppealJurySize::get(), "appeal juries are larger");
			assert!(T::AppealJurySize::get() <= 64, "juries stay small enough to settle in a hook");
			assert!(T::MaxDuePerBlock::get() > 0, "the agenda takes claims");
			assert!(
				Pallet::<T>::valid_params(&T::DefaultParams::get()),
				"every default period lasts a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Index metrics registered at genesis.
		pub metrics: Vec<(MetricId, MetricSpecOf<T>)>,
		/// Adjudication periods, if not [`Config::DefaultParams`].
		pub params: Option<AdjudicationParamsOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (metric, spec) in &self.metrics {
				Pallet::<T>::do_set_metric(*metric, *spec).expect("genesis metrics are valid");
			}
			if let Some(params) = self.params {
				Pallet::<T>::do_set_params(params).expect("genesis periods are valid");
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// File a claim under an attestation or alliance plan: `amount` asked (at most the plan
		/// maximum) and the commitment of the evidence kept off chain. Holds
		/// [`Config::ClaimBond`]. The caller must be a covered member whose cover started before
		/// this block.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::file_claim())]
		pub fn file_claim(
			origin: OriginFor<T>,
			plan: PlanId,
			amount: BalanceOf<T>,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_file_claim(who, plan, amount, evidence)
		}

		/// Attest a claim as an accredited medical institution: the diagnosis commitment and the
		/// amount confirmed, or `None` to deny it. Decides the claim when the plan's required
		/// number of institutions agree.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::attest_claim())]
		pub fn attest_claim(
			origin: OriginFor<T>,
			claim: ClaimId,
			diagnosis: H256,
			confirmed_amount: Option<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_attest_claim(&who, claim, diagnosis, confirmed_amount)
		}

		/// Vote on an alliance claim as a covered member holding a valid alliance-enterprise
		/// credential. Decides or rejects the claim when the plan's threshold is reached or out of
		/// reach.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::vote_alliance())]
		pub fn vote_alliance(
			origin: OriginFor<T>,
			claim: ClaimId,
			approve: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote_alliance(&who, claim, approve)
		}

		/// Withdraw one's own claim before it is paid or disputed; the bond is returned.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_claim())]
		pub fn withdraw_claim(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_claim(&who, claim)
		}

		/// Challenge a decided claim in its public window, holding [`Config::ChallengeBond`],
		/// with the commitment of one's reasons. A jury is drawn at once.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, claim: ClaimId, reason: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(who, claim, reason)
		}

		/// As a juror, commit a hidden vote: `blake2_256((claim, verdict, salt).encode())` (see
		/// [`Pallet::vote_commitment`]). May be replaced until the commit phase ends.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::commit_vote())]
		pub fn commit_vote(
			origin: OriginFor<T>,
			claim: ClaimId,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_vote(&who, claim, commitment)
		}

		/// As a juror, reveal the committed vote with its salt and the commitment of one's
		/// written rationale.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reveal_vote())]
		pub fn reveal_vote(
			origin: OriginFor<T>,
			claim: ClaimId,
			verdict: Verdict,
			salt: [u8; 32],
			rationale: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_vote(&who, claim, verdict, salt, rationale)
		}

		/// As the party that lost the first verdict, appeal it once, holding
		/// [`Config::AppealBond`]: a larger jury, none of the first jurors, decides finally.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_appeal(who, claim)
		}

		/// Pay an approved claim whose payout the pool refused before (anyone).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::retry_payout())]
		pub fn retry_payout(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_retry_payout(claim)
		}

		/// Set the adjudication periods: decision, commit, reveal, appeal and index-claim
		/// periods, each at least one block (governance). Running periods keep their end.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: AdjudicationParamsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}

		/// Register or change an index metric: its plausible range, period length and submission
		/// window (governance).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_metric())]
		pub fn set_metric(
			origin: OriginFor<T>,
			metric: MetricId,
			spec: MetricSpecOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_metric(metric, spec)
		}

		/// As an accredited weather oracle, submit a reading of `key` after its period ended and
		/// within the metric's submission window; it is aggregated by the oracle's median.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::submit_reading(T::MaxOracleOperators::get()))]
		pub fn submit_reading(origin: OriginFor<T>, key: ReadingKey, value: i64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_reading(who, key, value)
		}

		/// Remove an account that is no longer an accredited weather oracle from the operators
		/// (anyone).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::remove_oracle_operator())]
		pub fn remove_oracle_operator(
			origin: OriginFor<T>,
			oracle: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_oracle_operator(oracle)
		}

		/// Open the index event of a parametric plan for a region and period whose aggregated
		/// reading crosses the plan's trigger (anyone).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::open_index_event())]
		pub fn open_index_event(
			origin: OriginFor<T>,
			plan: PlanId,
			region: RegionId,
			period: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_open_index_event(plan, region, period)
		}

		/// Pull one's payout of an open index event of one's region, as a member covered since
		/// before the period began. Holds [`Config::ClaimBond`]; the claim enters its public
		/// window at once.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::claim_index_payout())]
		pub fn claim_index_payout(
			origin: OriginFor<T>,
			plan: PlanId,
			period: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_index_payout(who, plan, period)
		}

		/// Ask a jury to pay a loss the index missed (basis risk) for one's region and an ended
		/// period, holding [`Config::AuditBond`]. A jury is drawn at once.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::request_audit())]
		pub fn request_audit(
			origin: OriginFor<T>,
			plan: PlanId,
			period: u32,
			amount: BalanceOf<T>,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_audit(who, plan, period, amount, evidence)
		}
	}
}
