//! The plain data the claims pallet stores: claims and their states, attestations, disputes and
//! juries, index metrics and index events.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use huzhu_primitives::membership::{DidId, PlanId, RegionId, MAX_ATTESTATIONS_REQUIRED};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::{BoundedVec, Perbill};

/// What a claim is, by the trigger that decides it.
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
)]
pub enum ClaimKind {
	/// Decided by attestations of accredited medical institutions.
	Attestation,
	/// Decided by the enterprises of an alliance plan, by threshold vote.
	Alliance,
	/// A payout pulled from an open index event of a parametric plan.
	Parametric {
		/// The member's region.
		region: RegionId,
		/// The index period.
		period: u32,
	},
	/// A basis-risk audit: a member of a parametric plan asks a jury to pay a loss that the
	/// index did not pay (or paid too little) for its region and a period.
	Audit {
		/// The member's region.
		region: RegionId,
		/// The index period.
		period: u32,
	},
}

/// How a claim was decided in its favour before the challenge window.
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
)]
pub enum Decision {
	/// The plan's required number of attestations confirmed it.
	Attested,
	/// An index event of the member's region and period pays it.
	Triggered,
	/// The alliance approved it by threshold vote.
	Voted,
	/// A jury upheld it (basis-risk audits).
	Adjudicated,
}

/// Why a claim was rejected.
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
)]
pub enum RejectionReason {
	/// The plan's required number of attesters denied it. The bond is returned.
	Denied,
	/// The alliance vote can no longer reach the plan's threshold. The bond is returned.
	VotedDown,
	/// It was not decided within the decision period. The bond is returned.
	Expired,
	/// A jury rejected it (after a challenge or an audit). The bond is slashed.
	Jury,
}

/// Where a claim is in its lifecycle.
///
/// ```text
/// Filed ──(attested | voted)──► Challengeable ──(window ends)──► Approved ──► Paid
///   │  (parametric claims start Challengeable: triggered)  │
///   ├──(denied | voted down | expired)──► Rejected         └─(challenge)─► UnderJury
///   └──(claimant)──► Withdrawn   (also from Challengeable)    (audits start here)
/// UnderJury ──(verdict, round 0)──► Appealable ──(no appeal)──► Approved | Rejected
///                                       └──(appeal)──► UnderJury (round 1) ──► Approved | Rejected
/// ```
/// Every state that ends at a block is in the pallet's agenda for that block; `Approved` stays
/// only when the pool could not pay, until [`retry_payout`](crate::Pallet::retry_payout).
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
)]
pub enum ClaimStatus<BlockNumber> {
	/// Waiting for attestations or alliance votes until `decide_by`.
	Filed {
		/// The block at which an undecided claim expires.
		decide_by: BlockNumber,
	},
	/// Decided in the claimant's favour; any member of the plan may challenge it before
	/// `window_ends`, in whose block it is paid if unchallenged.
	Challengeable {
		/// The first block after the public window: the block of the automatic payout.
		window_ends: BlockNumber,
	},
	/// A jury decides: jurors commit hidden votes before `commit_ends`, reveal them before
	/// `reveal_ends`, in whose block the verdict is counted.
	UnderJury {
		/// 0 for the first jury, 1 for the appeal jury.
		round: u8,
		/// The first block of the reveal phase.
		commit_ends: BlockNumber,
		/// The block in which the verdict is counted.
		reveal_ends: BlockNumber,
	},
	/// The first jury's verdict stands unless the losing party appeals before `appeal_ends`.
	Appealable {
		/// Whether the jury upheld the claim.
		upheld: bool,
		/// The block in which the verdict becomes final.
		appeal_ends: BlockNumber,
	},
	/// Approved, but the pool could not pay yet; anyone may retry.
	Approved,
	/// Paid.
	Paid {
		/// The block of the payout.
		at: BlockNumber,
	},
	/// Rejected.
	Rejected {
		/// The block of the rejection.
		at: BlockNumber,
		/// Why.
		reason: RejectionReason,
	},
	/// Withdrawn by the claimant; the bond was returned.
	Withdrawn,
}

impl<BlockNumber: Copy> ClaimStatus<BlockNumber> {
	/// The block in whose `on_initialize` this state ends, if it ends by time.
	pub fn due_at(&self) -> Option<BlockNumber> {
		match self {
			Self::Filed { decide_by } => Some(*decide_by),
			Self::Challengeable { window_ends } => Some(*window_ends),
			Self::UnderJury { reveal_ends, .. } => Some(*reveal_ends),
			Self::Appealable { appeal_ends, .. } => Some(*appeal_ends),
			Self::Approved | Self::Paid { .. } | Self::Rejected { .. } | Self::Withdrawn => None,
		}
	}

	/// Whether the claim is finished: paid, rejected or withdrawn (its bonds settled).
	pub fn is_final(&self) -> bool {
		matches!(self, Self::Paid { .. } | Self::Rejected { .. } | Self::Withdrawn)
	}

	/// Whether a dispute (challenge or audit) is under way.
	pub fn is_disputed(&self) -> bool {
		matches!(self, Self::UnderJury { .. } | Self::Appealable { .. })
	}
}

/// The votes and attestations counted on a claim before its challenge window.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DecisionTally {
	/// The medical institutions (DIDs) that confirmed the claim; slashable if a jury rejects it.
	pub confirmed_by: BoundedVec<DidId, ConstU32<{ MAX_ATTESTATIONS_REQUIRED as u32 }>>,
	/// How many attesters denied it.
	pub denials: u8,
	/// Alliance votes to approve.
	pub ayes: u32,
	/// Alliance votes to reject.
	pub nays: u32,
	/// The alliance members who may vote: the plan's other active members when it was filed.
	pub electorate: u32,
}

/// A claim.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Claim<AccountId, Balance, BlockNumber> {
	/// The plan it is claimed under.
	pub plan: PlanId,
	/// The member's account: it filed, holds the bond and is paid.
	pub claimant: AccountId,
	/// The member's DID.
	pub claimant_did: DidId,
	/// What decides it.
	pub kind: ClaimKind,
	/// The amount asked (at most the plan's maximum payout per claim).
	pub amount: Balance,
	/// The amount that will be paid: the amount asked, lowered to the smallest amount an
	/// attester confirmed, or the index payout.
	pub approved_amount: Balance,
	/// Commitment (hash or content id) of the evidence kept off chain; zero for index payouts.
	pub evidence: H256,
	/// The claimant's held bond.
	pub bond: Balance,
	/// The block it was filed in.
	pub filed_at: BlockNumber,
	/// Its state.
	pub status: ClaimStatus<BlockNumber>,
	/// How it was decided in the claimant's favour, once it was.
	pub decided_by: Option<Decision>,
	/// Attestations and votes so far.
	pub tally: DecisionTally,
}

/// One medical institution's attestation of a claim.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Attestation<Balance> {
	/// Commitment of the diagnosis (code and documents kept off chain).
	pub diagnosis: H256,
	/// The amount the institution confirms, or `None` if it denies the claim.
	pub confirmed_amount: Option<Balance>,
}

/// A juror's vote: whether the claim should be paid.
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
)]
pub enum Verdict {
	/// Pay the claim.
	Uphold,
	/// Reject it.
	Reject,
}

/// A juror's seat: its bond, its hidden vote and, once revealed, its vote.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct JurorSeat<AccountId, Balance> {
	/// The juror (an active member of the plan, not a party).
	pub juror: AccountId,
	/// Its held bond.
	pub bond: Balance,
	/// `blake2_256((claim, verdict, salt).encode())`, committed in the commit phase.
	pub commitment: Option<H256>,
	/// The revealed vote and the commitment of its written rationale.
	pub revealed: Option<(Verdict, H256)>,
}

/// A dispute of a claim: a member's challenge or a member's basis-risk audit, and its appeal.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxJurors))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Dispute<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxJurors: Get<u32>,
> {
	/// The challenger and its held bond; `None` for an audit (the claimant asked for the jury).
	pub challenger: Option<(AccountId, Balance)>,
	/// Commitment of the challenger's (or auditor's) reasons.
	pub reason: H256,
	/// The appellant and its held appeal bond, once the first verdict was appealed.
	pub appeal: Option<(AccountId, Balance)>,
	/// The current jury.
	pub jurors: BoundedVec<JurorSeat<AccountId, Balance>, MaxJurors>,
	/// The first jury's members, who may not sit on the appeal jury.
	pub first_jurors: BoundedVec<AccountId, MaxJurors>,
}

/// A metric of parametric plans: the range a reading may take and how periods are counted.
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
pub struct MetricSpec<BlockNumber> {
	/// The lowest plausible reading; lower readings are rejected.
	pub min_value: i64,
	/// The highest plausible reading; higher readings are rejected.
	pub max_value: i64,
	/// Blocks per period: period `p` is blocks `[p × length, (p + 1) × length)`.
	pub period_length: BlockNumber,
	/// Readings of a period are accepted during this many blocks after it ends; later ones are
	/// stale.
	pub submission_window: BlockNumber,
}

/// An index event: the aggregated reading of a region and period crossed a parametric plan's
/// trigger, so each member covered there during the period may pull `payout`.
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
)]
pub struct IndexEvent<Balance, BlockNumber> {
	/// The aggregated (median) reading.
	pub reading: i64,
	/// Where the reading lies between trigger (0 %) and exit (100 %).
	pub payout_fraction: Perbill,
	/// What each covered member of the region is paid.
	pub payout: Balance,
	/// The block it opened in.
	pub opened_at: BlockNumber,
	/// Members may pull their payout until this block.
	pub claims_until: BlockNumber,
}

/// The periods of adjudication, set by governance (see [`crate::Params`]). Every period lasts at
/// least one block.
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
pub struct AdjudicationParams<BlockNumber> {
	/// Blocks a filed claim has to be decided (attested or voted) before it expires.
	pub decision_period: BlockNumber,
	/// Blocks jurors have to commit their hidden votes.
	pub commit_period: BlockNumber,
	/// Blocks jurors have to reveal their votes after the commit phase.
	pub reveal_period: BlockNumber,
	/// Blocks the losing party has to appeal a first verdict.
	pub appeal_period: BlockNumber,
	/// Blocks an index event stays open for members to pull their payouts.
	pub index_claim_period: BlockNumber,
}
