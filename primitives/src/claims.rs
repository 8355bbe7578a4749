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
