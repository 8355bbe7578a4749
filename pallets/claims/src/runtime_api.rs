//! The runtime API through which members, jurors, wallets and the public notice board (公示) read
//! claims without an indexer and without decoding storage maps.
//!
//! Every list is paginated and bounded: a call returns at most [`MAX_PAGE`] items and looks at
//! most [`MAX_SCAN`] storage entries, and hands back the cursor to pass for the next page
//! (`None`: there is no more). A page may hold fewer items than asked (even none) while a cursor
//! is still returned: it looked at its [`MAX_SCAN`] entries without finding more.

use crate::{
	AdjudicationParams, Appeal, Claim, Disputant, DisputeCause, IndexEvent, JurorSeat, JuryPhase,
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
	/// For a finished claim: the block from which anyone may prune its record (a pull or audit
	/// also waits for its index period's pulls to be over).
	pub prunable_from: Option<BlockNumber>,
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
}

/// One seat an account holds on a sitting jury, and what it still has to do.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct JuryDuty<Balance, BlockNumber> {
	/// The disputed claim.
	pub claim: ClaimId,
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
/// clock, which stands still while the brake is on.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ClockView<BlockNumber> {
	/// The current tick.
	pub tick: BlockNumber,
	/// The block since which the brake holds the clock, if it is on.
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
