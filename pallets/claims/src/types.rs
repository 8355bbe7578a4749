//! The plain data the claims pallet stores: claims and their states, attestations, disputes and
//! juries, index metrics and index events.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use huzhu_primitives::{
	membership::{DidId, PlanId, RegionId, MAX_ATTESTATIONS_REQUIRED},
	ClaimId,
};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::{BoundedVec, Perbill};

/// What a claim is, by the trigger that decides it, with the decision data of that trigger.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum ClaimKind {
	/// Decided by attestations of accredited medical institutions.
	Attestation {
		/// The institutions (DIDs) that confirmed it; penalized if a jury rejects it.
		confirmed_by: BoundedVec<DidId, ConstU32<{ MAX_ATTESTATIONS_REQUIRED as u32 }>>,
		/// The institutions that denied it; penalized if a jury upholds it.
		denied_by: BoundedVec<DidId, ConstU32<{ MAX_ATTESTATIONS_REQUIRED as u32 }>>,
	},
	/// Decided by the enterprises of an alliance plan, by threshold vote.
	Alliance {
		/// Votes to approve.
		ayes: u32,
		/// Votes to reject.
		nays: u32,
		/// Who may vote: the plan's other active members when it was filed (grows with later
		/// voters).
		electorate: u32,
	},
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

/// How a claim was decided in its favour before its public challenge window.
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
	/// The plan's required number of attesters denied it and the claimant did not take the
	/// denial before a jury. The bond is returned.
	Denied,
	/// The alliance vote can no longer reach the plan's threshold. The bond is returned.
	VotedDown,
	/// It was not decided within the decision period. The bond is returned.
	Expired,
	/// A jury rejected it (after a challenge, an audit or a disputed denial). The claimant's
	/// bonds are slashed.
	Jury,
	/// No jury reached its quorum of revealed votes, or none could be drawn: the claimant, who
	/// carries the burden of proof, did not prove it. Silence never pays, and it slashes no party:
	/// every party's bond is returned (absent jurors lose theirs).
	Unproven,
}

/// Which jury sits on a dispute.
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
pub enum JuryRound {
	/// The first jury ([`Config::JurySize`](crate::Config::JurySize)); its verdict may be
	/// appealed.
	First,
	/// The final jury ([`Config::AppealJurySize`](crate::Config::AppealJurySize), none of the
	/// first jurors): after an appeal, or when the first jury missed its quorum.
	Final,
}

/// What a jury's count came to.
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
pub enum JuryOutcome {
	/// A quorum revealed and the majority (or a tie) upheld the claim.
	Upheld,
	/// A quorum revealed and the majority rejected the claim.
	Rejected,
	/// Fewer jurors than the quorum revealed: the votes decide nothing.
	NoQuorum,
}

/// Where a dispute's jury is.
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
pub enum JuryPhase<BlockNumber> {
	/// The jury is drawn in `on_initialize` at `draw_at`, from randomness that did not exist when
	/// the dispute was opened. Co-challengers may still join.
	Drawing {
		/// When the jury is drawn.
		draw_at: BlockNumber,
	},
	/// Jurors commit hidden votes before `commit_ends` and reveal them before `reveal_ends`, when
	/// the votes are counted.
	Sitting {
		/// The first tick of the reveal phase.
		commit_ends: BlockNumber,
		/// When the votes are counted.
		reveal_ends: BlockNumber,
	},
	/// The first jury's verdict stands unless it is appealed before `appeal_ends`.
	Appealable {
		/// Whether the first jury upheld the claim.
		upheld: bool,
		/// When the verdict becomes final.
		appeal_ends: BlockNumber,
	},
}

/// Which part of the agenda a due state is served from. Each lane has its own bound per tick, so
/// a flood of filings cannot crowd out decided claims, and neither can crowd out disputes.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Lane {
	/// Filed claims that expire undecided.
	Filings,
	/// Public challenge windows (and a denied claimant's window to dispute the denial).
	Windows,
	/// Jury draws, vote counts and appeal windows.
	Disputes,
}

/// Where a claim is in its lifecycle: the one diagram of the claims state machine.
///
/// ```text
///                 ┌──(claimant)──► Withdrawn ◄──(claimant)──┐
/// Filed ──(attested | voted)──► Challengeable ──(window ends, unchallenged)──► paid
///   │     (index payouts start here: triggered)   │
///   ├──(expired | voted down)──► Rejected          └──(challenge, co-challenges)──┐
///   └──(denied)──► Denied ──(window ends)──► Rejected                            │
///                    └──(claimant disputes)──┐        (audits start here)        │
///                                            ▼                ▼                  ▼
///   Disputed { First, Drawing } ──(draw)──► Sitting ──(count)──► quorum? ──yes──► Appealable
///        ▲   Disputed { Final, Drawing } ◄──no, first round─────┘                   │
///        │                     │                 no, final round ──► Rejected(Unproven)
///        └──(appeal: any member against an upheld verdict, the claimant against a rejection)
///   Appealable ──(appeal window ends)──► verdict final;  Final jury's quorate verdict ──► final
///   final verdict: upheld ──► Approved ──► Paid (at most the plan maximum in force)
///                  rejected ──► Rejected(Jury)
///   Paid | Rejected | Withdrawn ──(record retention over; anyone prunes)──► record removed
/// ```
///
/// Deadlines (`decide_by`, `dispute_ends`, `window_ends`, the jury phases) are ticks of the
/// adjudication [`Clock`](crate::Clock), which stands still while the brake is on; `at` is the
/// block number. Every state with a deadline is in the [`Agenda`](crate::Agenda) of its tick and
/// lane; `Approved` stays only when the pool could not pay, until
/// [`retry_payout`](crate::Pallet::retry_payout).
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
pub enum ClaimStatus<BlockNumber, Balance> {
	/// Waiting for attestations or alliance votes until `decide_by`.
	Filed {
		/// When an undecided claim expires.
		decide_by: BlockNumber,
	},
	/// The plan's required number of institutions denied it; the claimant may take the denial
	/// before a jury until `dispute_ends`.
	Denied {
		/// When the denial becomes final.
		dispute_ends: BlockNumber,
	},
	/// Decided in the claimant's favour; any member may challenge it before `window_ends`, when
	/// it is paid if unchallenged.
	Challengeable {
		/// How it was decided.
		decision: Decision,
		/// What will be paid.
		amount: Balance,
		/// The end of the public window: the tick of the automatic payout.
		window_ends: BlockNumber,
	},
	/// Challenged, audited or a disputed denial: a jury decides.
	Disputed {
		/// What will be paid if the claim is upheld.
		amount: Balance,
		/// Which jury.
		round: JuryRound,
		/// Where that jury is.
		phase: JuryPhase<BlockNumber>,
	},
	/// Approved, but the pool could not pay yet; anyone may retry.
	Approved {
		/// What will be paid (at most the plan maximum in force when it is paid).
		amount: Balance,
	},
	/// Paid.
	Paid {
		/// The block of the payout.
		at: BlockNumber,
		/// What was paid.
		amount: Balance,
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

impl<BlockNumber: Copy + Ord, Balance: Copy> ClaimStatus<BlockNumber, Balance> {
	/// The tick and lane of the agenda in which this state ends, if it ends by time.
	pub fn due_at(&self) -> Option<(BlockNumber, Lane)> {
		match self {
			Self::Filed { decide_by } => Some((*decide_by, Lane::Filings)),
			Self::Denied { dispute_ends } => Some((*dispute_ends, Lane::Windows)),
			Self::Challengeable { window_ends, .. } => Some((*window_ends, Lane::Windows)),
			Self::Disputed { phase, .. } => Some((
				match phase {
					JuryPhase::Drawing { draw_at } => *draw_at,
					JuryPhase::Sitting { reveal_ends, .. } => *reveal_ends,
					JuryPhase::Appealable { appeal_ends, .. } => *appeal_ends,
				},
				Lane::Disputes,
			)),
			Self::Approved { .. } | Self::Paid { .. } | Self::Rejected { .. } | Self::Withdrawn => {
				None
			}
		}
	}

	/// The same state with its deadline moved to `at` (states without one are unchanged).
	pub fn with_deadline(self, at: BlockNumber) -> Self {
		match self {
			Self::Filed { .. } => Self::Filed { decide_by: at },
			Self::Denied { .. } => Self::Denied { dispute_ends: at },
			Self::Challengeable { decision, amount, .. } => {
				Self::Challengeable { decision, amount, window_ends: at }
			}
			Self::Disputed { amount, round, phase } => Self::Disputed {
				amount,
				round,
				phase: match phase {
					JuryPhase::Drawing { .. } => JuryPhase::Drawing { draw_at: at },
					JuryPhase::Sitting { commit_ends, .. } => {
						JuryPhase::Sitting { commit_ends: commit_ends.min(at), reveal_ends: at }
					}
					JuryPhase::Appealable { upheld, .. } => {
						JuryPhase::Appealable { upheld, appeal_ends: at }
					}
				},
			},
			other => other,
		}
	}

	/// Whether the claim is finished: paid, rejected or withdrawn (its bonds settled).
	pub fn is_final(&self) -> bool {
		matches!(self, Self::Paid { .. } | Self::Rejected { .. } | Self::Withdrawn)
	}

	/// Whether a dispute (challenge, audit or disputed denial) is under way.
	pub fn is_disputed(&self) -> bool {
		matches!(self, Self::Disputed { .. })
	}
}

/// A claim: who claims what under which plan, and where it stands. Built in one place
/// (`Pallet::open_claim`) for every way of filing.
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
	/// What decides it, with that trigger's decision data.
	pub kind: ClaimKind,
	/// The amount asked (at most the plan's maximum payout per claim).
	pub amount: Balance,
	/// Commitment (hash or content id) of the evidence kept off chain; zero for index payouts.
	pub evidence: H256,
	/// The claimant's held bond.
	pub bond: Balance,
	/// The block it was filed in.
	pub filed_at: BlockNumber,
	/// Its state.
	pub status: ClaimStatus<BlockNumber, Balance>,
}

/// A plan's open claims, as a queue in filing order: its oldest and its newest.
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
pub struct OpenQueue {
	/// The oldest open claim of the plan.
	pub oldest: ClaimId,
	/// The newest open claim of the plan.
	pub newest: ClaimId,
}

/// An open claim's neighbours in its plan's [`OpenQueue`].
#[derive(
	Clone,
	Copy,
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
pub struct OpenLink {
	/// The open claim of the plan filed just before it.
	pub older: Option<ClaimId>,
	/// The open claim of the plan filed just after it.
	pub newer: Option<ClaimId>,
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
	/// What the attestation may cost the institution if a jury finds it false:
	/// [`Config::AttesterSlash`](crate::Config::AttesterSlash) of the amount it vouched for (the
	/// amount confirmed, or the amount asked for a denial), fixed when it attests.
	pub at_risk: Balance,
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
	/// The juror (an active member, not a party, not an attester or voter of the claim).
	pub juror: AccountId,
	/// Its held bond.
	pub bond: Balance,
	/// `blake2_256((claim, verdict, salt).encode())`, committed in the commit phase.
	pub commitment: Option<H256>,
	/// The revealed vote and the commitment of its written rationale.
	pub revealed: Option<(Verdict, H256)>,
}

/// A party to a dispute other than the claimant's filing: a challenger, or an appellant.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Disputant<AccountId, Balance> {
	/// The member.
	pub who: AccountId,
	/// Its held bond.
	pub bond: Balance,
}

/// The side of a dispute.
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
pub enum Side {
	/// For paying the claim.
	Claimant,
	/// Against it.
	Challengers,
}

/// An appeal of a first verdict.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Appeal<AccountId, Balance> {
	/// Who appealed, with its bond.
	pub by: Disputant<AccountId, Balance>,
	/// The side it argues: the claimant against a rejection, any member against an upheld claim.
	pub side: Side,
}

impl<AccountId, Balance> Appeal<AccountId, Balance> {
	/// Whether the appealed first verdict upheld the claim (the appellant argues against it).
	pub fn first_upheld(&self) -> bool {
		self.side == Side::Challengers
	}
}

/// What opened a dispute.
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
pub enum DisputeCause<Balance> {
	/// Members challenged a decided claim.
	Challenge,
	/// The claimant asked for a basis-risk audit.
	Audit,
	/// The claimant took a denial before a jury, holding `bond` besides its claim bond.
	Denial {
		/// The claimant's dispute bond.
		bond: Balance,
	},
}

/// A dispute of a claim and its juries. The claimant carries the burden of proof: the claim is
/// paid only when a quorate jury upholds it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxJurors, MaxChallengers))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Dispute<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxJurors: Get<u32>,
	MaxChallengers: Get<u32>,
> {
	/// What opened it.
	pub cause: DisputeCause<Balance>,
	/// The challengers with their held bonds (empty for audits and disputed denials).
	pub challengers: BoundedVec<Disputant<AccountId, Balance>, MaxChallengers>,
	/// Commitment of the first challenger's (or the claimant's) reasons.
	pub reason: H256,
	/// The appeal of the first verdict, once made.
	pub appeal: Option<Appeal<AccountId, Balance>>,
	/// The sitting jury (empty while it is being drawn and after it was counted).
	pub jurors: BoundedVec<JurorSeat<AccountId, Balance>, MaxJurors>,
	/// The first jury's members, who may not sit on the final jury.
	pub first_jurors: BoundedVec<AccountId, MaxJurors>,
	/// The jurors who revealed in the last jury counted: paid from the losing side's bonds.
	pub revealed: BoundedVec<AccountId, MaxJurors>,
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
	/// Readings farther than this from the aggregated reading are flagged
	/// ([`Event::OutlierReading`](crate::Event::OutlierReading)).
	pub outlier_tolerance: u64,
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
	/// Members may pull their payout until this tick of the adjudication clock.
	pub claims_until: BlockNumber,
}

/// An open index event's place in its plan's queue of open claims (see
/// [`IndexEventPlaces`](crate::IndexEventPlaces)).
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
pub struct IndexEventPlace<BlockNumber> {
	/// The plan.
	pub plan: PlanId,
	/// The region of the event.
	pub region: RegionId,
	/// The period of the event.
	pub period: u32,
	/// The event's pulls not yet closed.
	pub open_pulls: u32,
	/// The tick the agenda serves the place: the event's `claims_until` (from which no member
	/// can pull any more), or the first later tick with room. The place leaves the queue then,
	/// or when its last pull closes after it.
	pub claims_until: BlockNumber,
}

/// The periods of adjudication, set by governance (see [`crate::Params`]), in ticks of the
/// adjudication [`Clock`](crate::Clock) (a tick is a block in which the brake was off), and the
/// public record's retention in blocks. Every period lasts at least one tick (or block).
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
	/// Ticks a filed claim has to be decided (attested or voted) before it expires.
	pub decision_period: BlockNumber,
	/// Ticks between opening a dispute (a challenge, an audit, an appeal, a missed quorum) and
	/// drawing its jury: the draw uses randomness that did not exist when the dispute was opened.
	pub draw_delay: BlockNumber,
	/// Ticks jurors have to commit their hidden votes.
	pub commit_period: BlockNumber,
	/// Ticks jurors have to reveal their votes after the commit phase.
	pub reveal_period: BlockNumber,
	/// Ticks to appeal a first verdict, and for a denied claimant to dispute the denial.
	pub appeal_period: BlockNumber,
	/// Ticks an index event stays open for members to pull their payouts.
	pub index_claim_period: BlockNumber,
	/// Blocks (not ticks: the public record keeps real time) a finished claim stays as the
	/// public record before anyone may [prune](crate::Pallet::prune_claim) it.
	pub record_retention: BlockNumber,
}

/// Where the adjudication [`Clock`](crate::Clock) stands against the pallet's block-number
/// source ([`Config::BlockNumberProvider`](crate::Config::BlockNumberProvider)).
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
pub struct ClockSyncPoint<BlockNumber> {
	/// The block of the source that the last `on_initialize` saw.
	pub seen: BlockNumber,
	/// Ticks that ran (blocks of the source with the brake off) whose agendas are not served
	/// yet: at most [`Config::MaxTicksPerBlock`](crate::Config::MaxTicksPerBlock) are served
	/// in a block, the rest in the blocks after.
	pub owed: BlockNumber,
}
