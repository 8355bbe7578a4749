//! Ids of claims and the oracle feed that parametric plans read.
//!
//! The claims pallet (`pallet-huzhu-claims`) takes [`IndexReadings`] as a `Config` type; the
//! runtime implements it with FRAME's `pallet-oracle`, which keeps each oracle's reading; the
//! claims pallet aggregates them. [`AdjudicationBrake`] tells it whether the brake is on.

use crate::membership::{MetricId, RegionId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchResult, Weight};

/// A claim, numbered from 0 in order of filing.
pub type ClaimId = u64;

/// What one oracle reading is of: a metric, in a region, over one period. Periods are counted in
/// blocks from genesis by the metric's period length (see the claims pallet's `MetricSpec`).
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
pub struct ReadingKey {
	/// The region measured.
	pub region: RegionId,
	/// The period measured: blocks `[period × length, (period + 1) × length)`.
	pub period: u32,
	/// What was measured.
	pub metric: MetricId,
}

/// The oracle feed of index readings (implemented by the runtime over `pallet-oracle`).
pub trait IndexReadings<AccountId> {
	/// Records `who`'s reading `value` for `key`; the caller has checked that `who` is an
	/// accredited oracle and that the reading is in range and on time.
	fn feed(who: &AccountId, key: ReadingKey, value: i64) -> DispatchResult;
	/// Every reading fed for `key` by an oracle that is still accredited, with its oracle
	/// (at most one per oracle; the claims pallet aggregates them).
	fn readings(key: &ReadingKey) -> Vec<(AccountId, i64)>;
}

/// Whether the emergency brake is on (safe mode, or a paused claims call): the claims pallet's
/// adjudication clock stands still while it is.
pub trait AdjudicationBrake {
	/// Whether the brake is on now.
	fn engaged() -> bool;
	/// What [`Self::engaged`] costs (its storage reads), charged in every block.
	fn weight() -> Weight;
}

/// No brake.
impl AdjudicationBrake for () {
	fn engaged() -> bool {
		false
	}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// The claims each plan has open, oldest first (implemented by the claims pallet): what a
/// member who gives notice of its exit is still liable for.
pub trait OpenClaimsInspect {
	/// The id the next claim filed will get: every claim filed from now on has this id or a
	/// higher one.
	fn next_claim_id() -> ClaimId;
	/// The oldest claim of `plan` not yet closed (paid, rejected, withdrawn or unproven).
	fn oldest_open_claim(plan: crate::membership::PlanId) -> Option<ClaimId>;
}

/// No claims: nothing is ever open.
impl OpenClaimsInspect for () {
	fn next_claim_id() -> ClaimId {
		0
	}
	fn oldest_open_claim(_plan: crate::membership::PlanId) -> Option<ClaimId> {
		None
	}
}
