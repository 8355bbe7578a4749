//! What the pool offers others: [`MemberDeposits`] for the membership pallet, [`PoolPayout`]
//! for the claims pallet, and the reads behind the runtime API.

use crate::{pallet::*, runtime_api::PlanSolvency, *};
use frame_support::{storage::with_storage_layer, traits::fungible::Inspect};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> MemberDeposits<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn deposit(plan: PlanId, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		Self::do_deposit(plan, who, amount)
	}

	fn is_sufficient(plan: PlanId, who: &T::AccountId, minimum: BalanceOf<T>) -> bool {
		Self::deposit_covers(plan, who, minimum)
	}

	fn is_covered(plan: PlanId, who: &T::AccountId) -> bool {
		Self::is_covered(plan, who)
	}

	fn member_exited(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		Self::do_member_exited(plan, who)
	}

	fn cover_started(plan: PlanId, who: &T::AccountId) {
		// Fails only on books that disagree with themselves.
		if let Err(error) = Self::do_cover_started(plan, who) {
			frame_support::defensive!("cover_started on broken books", error);
		}
	}

	fn cover_stopped(plan: PlanId, who: &T::AccountId) {
		if let Err(error) = Self::do_cover_stopped(plan, who) {
			frame_support::defensive!("cover_stopped on broken books", error);
		}
	}
}

impl<T: Config> PoolPayout<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn pay_claim(
		plan: PlanId,
		beneficiary: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<PayoutReceipt<BalanceOf<T>>, DispatchError> {
		// Its own storage layer: a failed payout leaves nothing behind, even when the caller
		// goes on (a hook paying a queue of claims).
		with_storage_layer(|| Self::do_pay_claim(plan, beneficiary, amount))
	}

	fn pool_account(plan: PlanId) -> T::AccountId {
		Self::pool_account(plan)
	}

	fn reserve_credited(plan: PlanId, amount: BalanceOf<T>) -> DispatchResult {
		Self::do_reserve_credited(plan, amount)
	}

	fn settle_member(plan: PlanId, who: &T::AccountId) -> Result<BalanceOf<T>, DispatchError> {
		Self::settle_and_store(plan, who).map(|(_, position)| position.deposit)
	}
}

impl<T: Config> Pallet<T> {
	/// A plan's solvency at this block, for regulators and wallets.
	pub fn solvency(plan: PlanId) -> Option<PlanSolvency<BalanceOf<T>>> {
		let books = Books::<T>::get(plan)?;
		Some(PlanSolvency {
			pool_balance: T::Currency::balance(&Self::pool_account(plan)),
			total_deposits: books.total_deposits,
			unsettled: books.unsettled,
			reserve: books.reserve,
			endowment: books.endowment,
			covered_members: books.covered_members,
			share_index: books.share_index,
			year_share: books.share_index.saturating_sub(books.year_start_index),
			total_paid_out: books.total_paid_out,
			total_fees: books.total_fees,
		})
	}

	/// A member's deposit and what it owes now (before settling).
	pub fn member_balance(
		plan: PlanId,
		who: &T::AccountId,
	) -> Option<(BalanceOf<T>, BalanceOf<T>)> {
		let position = Positions::<T>::get(plan, who)?;
		let owed = Books::<T>::get(plan)
			.map_or_else(Zero::zero, |books| Self::owed(plan, &books, &position).0);
		Some((position.deposit, owed))
	}
}
