//! The runtime API through which regulators and wallets see each plan's solvency at any block,
//! without an indexer.

use codec::{Codec, Decode, Encode};
use huzhu_primitives::membership::PlanId;
use scale_info::TypeInfo;

/// A plan's pool at one block. `pool_balance + unsettled == endowment + total_deposits +
/// reserve` when nobody sent tokens to the pool account directly (those are a surplus). No
/// member owes more than its deposit, so every booked deposit less what its member owes is in
/// the pool account: a plan has no deficit.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PlanSolvency<Balance> {
	/// What the keyless pool account holds.
	pub pool_balance: Balance,
	/// The members' deposits as last settled.
	pub total_deposits: Balance,
	/// Shares charged to members not yet settled.
	pub unsettled: Balance,
	/// The plan's reserve.
	pub reserve: Balance,
	/// The existential deposit kept in the pool account for good.
	pub endowment: Balance,
	/// Members sharing new claims.
	pub covered_members: u32,
	/// One covered member's cumulative share since the plan began.
	pub share_index: Balance,
	/// One covered member's shares in the current plan year.
	pub year_share: Balance,
	/// All claim payouts so far.
	pub total_paid_out: Balance,
	/// All management fees so far.
	pub total_fees: Balance,
}

sp_api::decl_runtime_apis! {
	/// Reads of the pool pallet.
	pub trait PoolApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The solvency of `plan`'s pool, if money ever entered it.
		fn plan_solvency(plan: PlanId) -> Option<PlanSolvency<Balance>>;
		/// `who`'s deposit in `plan` and what it owes now, if it has a position.
		fn member_balance(plan: PlanId, who: AccountId) -> Option<(Balance, Balance)>;
	}
}
