//! The plain data the pool stores: each plan's books, each member's position, the pool
//! parameters governance sets, and custodian spend proposals.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{BoundedVec, Permill};

/// A spend proposal's number (one sequence for all plans).
pub type SpendId = u32;

/// A plan's books. Every amount is in plancks.
///
/// ```text
/// pool account balance + unsettled  ==  endowment + total_deposits + reserve
/// unsettled                         ==  Σ over positions of what each owes (see `Cover`)
/// covered_members                   ==  members in lapse steps not yet passed
/// ```
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
pub struct PlanBooks<Balance, BlockNumber> {
	/// The members' deposits as last settled (including exited members not yet withdrawn).
	pub total_deposits: Balance,
	/// Shares charged to members by payouts that they have not settled yet.
	pub unsettled: Balance,
	/// The plan's reserve: fed by part of each fee, by slashed bonds and by donations; pays what
	/// capped shares do not cover, and custodian spends.
	pub reserve: Balance,
	/// The existential deposit the first payer put in: it keeps the pool account alive, so
	/// that no remainder of the pool is ever dust. Never paid out.
	pub endowment: Balance,
	/// The cumulative share of one covered member, over all claims since the plan began.
	pub share_index: Balance,
	/// The width of a lapse step in share-index units (fixed when the books are created).
	pub step: Balance,
	/// The first lapse step not yet passed: `⌈share_index / step⌉`.
	pub next_step: Balance,
	/// How many positions the lapse steps hold (counted, or passed and not yet settled); while
	/// none, the step width follows the plan's cap.
	pub stepped: u32,
	/// How many members are covered (and share new claims).
	pub covered_members: u32,
	/// The block the current plan year began in.
	pub year_started_at: BlockNumber,
	/// `share_index` when the current plan year began.
	pub year_start_index: Balance,
	/// All claim payouts so far.
	pub total_paid_out: Balance,
	/// All management fees collected so far (to the reserve and the fee account).
	pub total_fees: Balance,
}

/// Whether a member shares the plan's claims.
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
pub enum Cover<Balance> {
	/// Shares every claim paid from `snapshot` on, until the payout that passes `lapse_step`
	/// (see [`LapseStep`]); it owes `share_index − snapshot` (or `at − snapshot` once its step
	/// was passed at `at`).
	Covered {
		/// `share_index` at its last settlement.
		snapshot: Balance,
		/// The lapse step it is counted in.
		lapse_step: Balance,
	},
	/// Shares no claims: waiting, lapsed, exited, or its deposit is below the plan's minimum.
	#[default]
	Uncovered,
}

/// A withdrawal a member announced.
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
pub struct PendingWithdrawal<Balance, BlockNumber> {
	/// The most it will take.
	pub amount: Balance,
	/// The first block it can be taken in.
	pub unlocks_at: BlockNumber,
	/// The first block it can no longer be taken in (a new request is then needed).
	pub expires_at: BlockNumber,
}

/// What covering a member of a plan depends on (from the plan's terms).
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct CoverTerms<Balance> {
	/// The plan's minimum deposit.
	pub minimum: Balance,
	/// The plan's share cap per claim.
	pub cap: Balance,
}

/// Whether a member is still a member of the plan.
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
pub enum Tenure {
	/// A member: while it is one it keeps at least the plan's minimum deposit.
	#[default]
	Member,
	/// It left the plan: its deposit waits to be withdrawn, all of it.
	Exited,
}

/// A member's position in a plan's pool.
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
pub struct MemberPosition<Balance, BlockNumber> {
	/// The deposit as last settled.
	pub deposit: Balance,
	/// Whether it shares claims.
	pub cover: Cover<Balance>,
	/// Whether it is still a member.
	pub tenure: Tenure,
	/// An announced withdrawal.
	pub withdrawal: Option<PendingWithdrawal<Balance, BlockNumber>>,
}

/// The counted members whose deposits run out within one lapse step (see the pallet's book):
/// step `k` counts those whose exhaustion point `snapshot + deposit` lies in `(k·w, (k+1)·w]`.
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
pub enum LapseStep<Balance> {
	/// Not passed yet: its members share every claim.
	Ahead {
		/// How many members it counts.
		members: u32,
	},
	/// A payout took the share index past the step's start `k·w`: its members shared that
	/// payout up to `k·w` and no claim since. Each kept less than one step of its deposit.
	Passed {
		/// The step's start `k·w`: where its members stopped sharing.
		at: Balance,
		/// Members not yet settled since.
		members: u32,
	},
}

/// What governance sets for a plan's pool (the plan's terms hold the fee and the caps).
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
pub struct PoolParams<Balance, BlockNumber> {
	/// Blocks between announcing a withdrawal and taking it: deposits keep backing claims
	/// meanwhile, so nobody leaves just before a known claim is paid.
	pub notice_period: BlockNumber,
	/// The share of each collected fee that goes to the reserve while it is below target.
	pub reserve_fee_share: Permill,
	/// The reserve's target, as a share of the members' deposits.
	pub reserve_target: Permill,
	/// What happens when a member's shares in the current plan year pass a threshold.
	pub share_guard: ShareGuard<Balance>,
	/// Who pays the management fee of a payout whose shares the caps hold back.
	pub capped_fee: CappedFee,
}

/// The anti-spiral guard on a member's shares in one plan year.
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
pub enum ShareGuard<Balance> {
	/// No threshold.
	Off,
	/// Past `threshold`, each payout emits [`Event::ShareWarning`](crate::Event::ShareWarning);
	/// members go on sharing claims up to their caps.
	Warn {
		/// Shares per member in the plan year above which payouts warn.
		threshold: Balance,
	},
	/// Past `threshold` payouts warn, and members are charged no more this plan year: payouts
	/// come only from the reserve (failing when it cannot pay) until governance acts.
	Pause {
		/// The most a member shares in one plan year while the pause stands.
		threshold: Balance,
	},
}

impl<Balance: Copy> ShareGuard<Balance> {
	/// The threshold, if the guard has one.
	pub fn threshold(&self) -> Option<Balance> {
		match self {
			Self::Off => None,
			Self::Warn { threshold } | Self::Pause { threshold } => Some(*threshold),
		}
	}
}

/// Who pays the management fee when the share caps hold the members' shares below the cost of a
/// payout. An uncapped payout is shared in full, fee included, either way.
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
pub enum CappedFee {
	/// The members: the caps per claim and per year bound each member's share of the payout, and
	/// the fee's rate is charged on top of them (a member's share of one claim is at most
	/// `cap + fee% × cap`). The reserve pays what remains of the payout.
	Members,
	/// The reserve: the caps bound each member's share of payout and fee together, and the
	/// reserve pays the rest of both.
	Reserve,
}

/// A plan's custodians and how many of them must approve a spend.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxCustodians))]
pub struct CustodianSet<AccountId: Clone + PartialEq + core::fmt::Debug, MaxCustodians: Get<u32>> {
	/// The custodians.
	pub custodians: BoundedVec<AccountId, MaxCustodians>,
	/// Approvals needed (M of N).
	pub threshold: u32,
	/// Bumped at every change: proposals approved under an older set cannot be executed.
	pub version: u32,
}

/// Where a spend proposal stands.
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
pub enum SpendStatus<BlockNumber> {
	/// Collecting approvals.
	Proposed,
	/// Approved by enough custodians; executable from `executable_at` unless governance vetoes.
	Approved {
		/// The first block it can be executed in.
		executable_at: BlockNumber,
	},
}

/// A proposal to spend from a plan's reserve.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxCustodians))]
pub struct SpendProposal<
	AccountId: Clone + PartialEq + core::fmt::Debug,
	Balance: Clone + PartialEq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + core::fmt::Debug,
	MaxCustodians: Get<u32>,
> {
	/// Who receives the spend.
	pub beneficiary: AccountId,
	/// How much.
	pub amount: Balance,
	/// A commitment to the reason (e.g. the hash of a reinsurance contract).
	pub reason: H256,
	/// The custodians who approved.
	pub approvals: BoundedVec<AccountId, MaxCustodians>,
	/// The custodian-set version it was proposed under.
	pub custodian_set_version: u32,
	/// Where it stands.
	pub status: SpendStatus<BlockNumber>,
	/// The first block at which it can no longer be approved or executed.
	pub expires_at: BlockNumber,
}
