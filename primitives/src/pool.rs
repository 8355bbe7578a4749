//! The pool's service to the claims pallet: paying an approved claim.

use crate::membership::PlanId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, DispatchResult};

/// How a claim payout was funded.
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
pub struct PayoutReceipt<Balance> {
	/// The amount paid to the beneficiary.
	pub paid: Balance,
	/// What each covered member is charged for this claim (payout and fee, capped).
	pub share_per_member: Balance,
	/// How many covered members share it.
	pub members: u32,
	/// The part of the payout the plan's reserve paid because the members' capped shares fell short.
	pub from_reserve: Balance,
	/// The management fee collected (to the reserve and the fee account).
	pub fee: Balance,
}

/// Pays approved claims from a plan's pool (implemented by the pool pallet).
pub trait PoolPayout<AccountId, Balance> {
	/// Pays `amount` to `beneficiary` from `plan`'s pool now and shares its cost among the plan's
	/// covered members. Fails, changing nothing, when the amount exceeds the plan's maximum or
	/// the pool cannot pay.
	fn pay_claim(
		plan: PlanId,
		beneficiary: &AccountId,
		amount: Balance,
	) -> Result<PayoutReceipt<Balance>, DispatchError>;
	/// The keyless account that holds the plan's pool.
	fn pool_account(plan: PlanId) -> AccountId;
	/// Books `amount`, which the caller has just moved into [`Self::pool_account`] (a slashed
	/// bond), as the plan's reserve. Fails when the plan has no pool.
	fn reserve_credited(plan: PlanId, amount: Balance) -> DispatchResult;
	/// Settles `who`'s shares in `plan` now (lapsing its cover if its deposit no longer covers
	/// the plan's minimum) and returns its settled deposit. Fails when it has no deposit there.
	fn settle_member(plan: PlanId, who: &AccountId) -> Result<Balance, DispatchError>;
}
