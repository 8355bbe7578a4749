//! The runtime API through which members, jurors, wallets and the public notice board (公示) read
//! claims without an indexer and without decoding storage maps.
//!
//! Every list is paginated and bounded: a call returns at most [`MAX_PAGE`] items (at least one
//! is asked for, whatever the limit), walks at most [`MAX_SCAN`] entries of the list it pages
//! through (plus a few reads for each item it returns), and hands back the cursor to pass for
//! the next page (`None`: there is no more). A cursor only moves forward, so paging to the end
//! sees each item at most once. A page may hold fewer items than asked (even none) while a
//! cursor is still returned: it walked its [`MAX_SCAN`] entries without finding more.

use crate::{
	AdjudicationParams, Appeal, Claim, Disputant, DisputeCause, IndexEvent, JurorSeat, JuryPhase,
	JuryRound,
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use huzhu_primitives::{
	claims::ClaimId,
	membership::{PlanId, RegionId},
};
use scale_info::TypeInfo;
use sp_core::H256;

/// The most items one page holds, whatever the caller asks.
pub const MAX_PAGE: u32 = 100;
/// The most storage entries one paginated call looks at.
pub const MAX_SCAN: u32 = 1_000;

/// A claim with everything the public record holds about it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ClaimDetails<AccountId, Balance, BlockNumber> {
	/// The claim id.
	pub id: ClaimId,
	/// The claim itself: plan, claimant, kind, amount, evidence commitment, state.
	pub claim: Claim<AccountId, Balance, BlockNumber>,
	/// The claimant's deposit for keeping the record, returned when it is pruned.
	pub record_deposit: Balance,
	/// Its dispute, while one is open.
	pub dispute: Option<DisputeView<AccountId, Balance>>,
	/// For a finished claim: the block its record's retention ends, before which nobody may
	/// prune it. A pull or an audit also waits until no payout of its region and period can be
	/// pulled any more: see `prunable_now`.
	pub prunable_from: Option<BlockNumber>,
	/// Whether `prune_claim` of it would succeed in a block built now.
	pub prunable_now: bool,
}

/// A dispute of a claim and its juries (the pallet's `Dispute`, with plain lists).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DisputeView<AccountId, Balance> {
	/// What opened it.
	pub cause: DisputeCause<Balance>,
	/// The challengers with their bonds.
	pub challengers: Vec<Disputant<AccountId, Balance>>,
	/// Commitment of the first challenger's (or the claimant's) reasons.
	pub reason: H256,
	/// The appeal of the first verdict, once made.
	pub appeal: Option<Appeal<AccountId, Balance>>,
	/// The sitting jury: each seat with its bond, commitment and revealed vote.
	pub jurors: Vec<JurorSeat<AccountId, Balance>>,
	/// The first jury's members, who may not sit on the final jury.
	pub first_jurors: Vec<AccountId>,
	/// The jurors who revealed in the last jury counted: paid from the losing side's bonds.
	pub revealed: Vec<AccountId>,
}

/// One seat an account holds on a sitting jury, and what it still has to do.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct JuryDuty<Balance, BlockNumber> {
	/// The disputed claim.
	pub claim: ClaimId,
	/// Which jury: the first, or the final one after an appeal or a silent first jury.
	pub round: JuryRound,
	/// The juror's held bond.
	pub bond: Balance,
	/// The jury's phase, with its deadlines in ticks of the adjudication clock.
	pub phase: JuryPhase<BlockNumber>,
	/// Whether the juror has committed its hidden vote.
	pub committed: bool,
	/// Whether the juror has revealed it.
	pub revealed: bool,
}

/// Where the adjudication clock stands. Deadlines of claims and juries are ticks of this
/// clock, which moves one tick for each block of the pallet's block-number source that passes
/// with the brake off (on Huzhu's solochain, one per block, in `on_initialize`: a transaction
/// in the next block sees `tick + 1`), and stands still while it is on.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ClockView<BlockNumber> {
	/// The current tick: the one the block-number source has reached, which new deadlines
	/// count from (see `Pallet::tick`).
	pub tick: BlockNumber,
	/// Whether the brake is on now: the next block does not move the clock.
	pub braked: bool,
	/// The block since which the brake has held the clock (set in the first block it held it).
	pub braked_since: Option<BlockNumber>,
	/// The adjudication periods in force.
	pub params: AdjudicationParams<BlockNumber>,
}

/// A page of a paginated list, and the cursor of the next page (`None`: no more).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct Page<Item, Cursor> {
	/// The items found.
	pub items: Vec<Item>,
	/// What to pass to get the next page.
	pub next: Option<Cursor>,
}

sp_api::decl_runtime_apis! {
	/// Reads of the claims pallet.
	pub trait ClaimsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A claim with its record deposit, its dispute and when it may be pruned.
		fn claim(id: ClaimId) -> Option<ClaimDetails<AccountId, Balance, BlockNumber>>;
		/// The claims `who` filed, newest first, among the claim ids below `before` (all ids
		/// when `None`).
		fn claims_of(
			who: AccountId,
			before: Option<ClaimId>,
			limit: u32,
		) -> Page<ClaimDetails<AccountId, Balance, BlockNumber>, ClaimId>;
		/// The open claims of `plan`, oldest first, after the open claim `after` (from the
		/// oldest when `None`).
		fn open_claims(
			plan: PlanId,
			after: Option<ClaimId>,
			limit: u32,
		) -> Page<ClaimDetails<AccountId, Balance, BlockNumber>, ClaimId>;
		/// The jury seats `who` holds in open disputes, after the dispute of claim `after` (in
		/// storage order).
		fn jury_duty(
			who: AccountId,
			after: Option<ClaimId>,
			limit: u32,
		) -> Page<JuryDuty<Balance, BlockNumber>, ClaimId>;
		/// The index events of `plan`, after the event of `after` (a region and period).
		fn index_events(
			plan: PlanId,
			after: Option<(RegionId, u32)>,
			limit: u32,
		) -> Page<((RegionId, u32), IndexEvent<Balance, BlockNumber>), (RegionId, u32)>;
		/// The adjudication clock, the brake and the periods in force.
		fn clock() -> ClockView<BlockNumber>;
	}
}
