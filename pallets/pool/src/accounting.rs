//! Deposits, settlement, withdrawals, the reserve and claim payouts: the books of each plan.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedDiv, CheckedMul, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

/// The outcome of settling a member.
pub(crate) struct Settlement<Balance> {
	pub owed: Balance,
	pub uncovered: Balance,
}

impl<T: Config> Pallet<T> {
	/// The keyless account that holds plan `plan`'s pool.
	pub fn pool_account(plan: PlanId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(plan)
	}

	/// The pool parameters of `plan`.
	pub fn params(plan: PlanId) -> PoolParamsOf<T> {
		Params::<T>::get(plan).unwrap_or_else(T::DefaultPoolParams::get)
	}

	/// The plan's books, created (with its pool account kept alive by a provider reference)
	/// the first time money enters the plan.
	fn books_or_new(plan: PlanId) -> Result<PlanBooksOf<T>, DispatchError> {
		if let Some(books) = Books::<T>::get(plan) {
			return Ok(books);
		}
		T::Plans::plan_terms(plan).ok_or(Error::<T>::PlanNotFound)?;
		// The pool account may fall below the existential deposit when members withdraw.
		frame_system::Pallet::<T>::inc_providers(&Self::pool_account(plan));
		Ok(PlanBooks {
			year_started_at: frame_system::Pallet::<T>::block_number(),
			..Default::default()
		})
	}

	/// What `position` owes under `books` now.
	pub(crate) fn owed(books: &PlanBooksOf<T>, position: &MemberPositionOf<T>) -> BalanceOf<T> {
		if position.covered {
			books.share_index.saturating_sub(position.share_snapshot)
		} else {
			Zero::zero()
		}
	}

	/// Settles `position` against `books`: its owed shares are taken from its deposit; what the
	/// deposit lacks comes from the reserve, and what the reserve lacks is booked as deficit.
	pub(crate) fn settle_position(
		books: &mut PlanBooksOf<T>,
		position: &mut MemberPositionOf<T>,
	) -> Settlement<BalanceOf<T>> {
		let owed = Self::owed(books, position);
		position.share_snapshot = books.share_index;
		let paid = owed.min(position.deposit);
		let uncovered = owed.saturating_sub(paid);
		position.deposit = position.deposit.saturating_sub(paid);
		books.total_deposits = books.total_deposits.saturating_sub(paid);
		books.unsettled = books.unsettled.saturating_sub(owed);
		let from_reserve = uncovered.min(books.reserve);
		books.reserve = books.reserve.saturating_sub(from_reserve);
		books.deficit = books.deficit.saturating_add(uncovered.saturating_sub(from_reserve));
		Settlement { owed, uncovered }
	}

	/// Settles `who` in `plan`, writes the books and the position, and tells the membership
	/// pallet when a covered member's deposit no longer covers the plan's minimum.
	pub(crate) fn settle_and_store(
		plan: PlanId,
		who: &T::AccountId,
	) -> Result<(PlanBooksOf<T>, MemberPositionOf<T>), DispatchError> {
		let mut books = Books::<T>::get(plan).ok_or(Error::<T>::NoPosition)?;
		let mut position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		let settlement = Self::settle_position(&mut books, &mut position);
		Books::<T>::insert(plan, &books);
		Positions::<T>::insert(plan, who, &position);
		if !settlement.owed.is_zero() {
			Self::deposit_event(Event::Settled {
				plan,
				who: who.clone(),
				owed: settlement.owed,
				uncovered: settlement.uncovered,
			});
		}
		if position.covered && position.deposit < Self::min_deposit(plan) {
			// The membership pallet lapses the member and calls `cover_stopped` back.
			T::Standing::deposit_exhausted(plan, who)?;
			let books = Books::<T>::get(plan).ok_or(Error::<T>::NoPosition)?;
			let position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
			return Ok((books, position));
		}
		Ok((books, position))
	}

	/// The plan's minimum deposit (zero for an unknown plan).
	fn min_deposit(plan: PlanId) -> BalanceOf<T> {
		T::Plans::plan_terms(plan).map_or_else(Zero::zero, |terms| terms.min_deposit)
	}

	pub(crate) fn do_settle_call(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		Self::settle_and_store(plan, who).map(|_| ())
	}

	/// Moves `amount` from `who` into the plan's pool and books it as `who`'s deposit.
	pub(crate) fn do_deposit(
		plan: PlanId,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut books = Self::books_or_new(plan)?;
		let mut position = Positions::<T>::get(plan, who).unwrap_or_default();
		Self::settle_position(&mut books, &mut position);
		position.deposit =
			position.deposit.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		position.exited = false;
		books.total_deposits =
			books.total_deposits.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		T::Currency::transfer(who, &Self::pool_account(plan), amount, Preservation::Preserve)?;
		Books::<T>::insert(plan, books);
		Positions::<T>::insert(plan, who, position);
		Self::deposit_event(Event::Deposited { plan, who: who.clone(), amount });
		Ok(())
	}

	pub(crate) fn do_top_up(
		who: &T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		ensure!(!position.exited, Error::<T>::MemberExited);
		Self::do_deposit(plan, who, amount)?;
		let (_, position) = Self::settle_and_store(plan, who)?;
		if !position.covered && position.deposit >= Self::min_deposit(plan) {
			// Cures a member lapsed for its deposit (the membership pallet checks the rest and
			// calls `cover_started` back).
			T::Standing::deposit_restored(plan, who)?;
		}
		Ok(())
	}

	pub(crate) fn do_request_withdrawal(
		who: &T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let (_, mut position) = Self::settle_and_store(plan, who)?;
		let keep = if position.exited { Zero::zero() } else { Self::min_deposit(plan) };
		let (pending, _) = position.pending_withdrawal.unwrap_or_default();
		let total = pending.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		ensure!(total.saturating_add(keep) <= position.deposit, Error::<T>::WithdrawalTooLarge);
		let unlocks_at = frame_system::Pallet::<T>::block_number()
			.checked_add(&Self::params(plan).notice_period)
			.ok_or(ArithmeticError::Overflow)?;
		position.pending_withdrawal = Some((total, unlocks_at));
		Positions::<T>::insert(plan, who, position);
		Self::deposit_event(Event::WithdrawalRequested {
			plan,
			who: who.clone(),
			amount: total,
			unlocks_at,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw(who: &T::AccountId, plan: PlanId) -> DispatchResult {
		let (mut books, mut position) = Self::settle_and_store(plan, who)?;
		let (pending, unlocks_at) =
			position.pending_withdrawal.ok_or(Error::<T>::NoWithdrawalRequested)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() >= unlocks_at,
			Error::<T>::WithdrawalLocked
		);
		// Shares settled during the notice period may have reduced the deposit.
		let keep = if position.exited { Zero::zero() } else { Self::min_deposit(plan) };
		let amount = pending.min(position.deposit.saturating_sub(keep));
		position.deposit = position.deposit.saturating_sub(amount);
		position.pending_withdrawal = None;
		books.total_deposits = books.total_deposits.saturating_sub(amount);
		T::Currency::transfer(&Self::pool_account(plan), who, amount, Preservation::Expendable)?;
		Books::<T>::insert(plan, books);
		if position.exited && position.deposit.is_zero() {
			Positions::<T>::remove(plan, who);
		} else {
			Positions::<T>::insert(plan, who, position);
		}
		Self::deposit_event(Event::Withdrawn { plan, who: who.clone(), amount });
		Ok(())
	}

	pub(crate) fn do_fund_reserve(
		who: &T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut books = Self::books_or_new(plan)?;
		books.reserve = books.reserve.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		T::Currency::transfer(who, &Self::pool_account(plan), amount, Preservation::Preserve)?;
		Books::<T>::insert(plan, books);
		Self::deposit_event(Event::ReserveFunded { plan, who: who.clone(), amount });
		Ok(())
	}

	/// Books `amount` that another pallet moved into the pool account (a slashed bond) as
	/// reserve.
	pub(crate) fn do_reserve_credited(plan: PlanId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let mut books = Self::books_or_new(plan)?;
		books.reserve = books.reserve.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		Books::<T>::insert(plan, books);
		Self::deposit_event(Event::ReserveCredited { plan, amount });
		Ok(())
	}

	pub(crate) fn do_set_pool_params(plan: PlanId, params: PoolParamsOf<T>) -> DispatchResult {
		T::Plans::plan_terms(plan).ok_or(Error::<T>::PlanNotFound)?;
		Params::<T>::insert(plan, params);
		Self::deposit_event(Event::ParamsSet { plan });
		Ok(())
	}

	/// Starts a new plan year when the current one is over.
	fn roll_year(books: &mut PlanBooksOf<T>, now: BlockNumberFor<T>) {
		let year = T::YearLength::get();
		let elapsed = now.saturating_sub(books.year_started_at);
		if !year.is_zero() && elapsed >= year {
			let years = elapsed / year;
			books.year_started_at =
				books.year_started_at.saturating_add(years.saturating_mul(year));
			books.year_start_index = books.share_index;
		}
	}

	/// Pays `amount` to `beneficiary` from `plan`'s pool and shares the cost (see the module
	/// docs for the formulas). Changes nothing when it fails.
	pub(crate) fn do_pay_claim(
		plan: PlanId,
		beneficiary: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<PayoutReceipt<BalanceOf<T>>, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let terms = T::Plans::plan_terms(plan).ok_or(Error::<T>::PlanNotFound)?;
		ensure!(amount <= terms.max_payout_per_claim, Error::<T>::PayoutAboveMaximum);
		let params = Self::params(plan);
		let mut books = Self::books_or_new(plan)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::roll_year(&mut books, now);

		let fee = terms.management_fee.mul_floor(amount);
		let cost = amount.checked_add(&fee).ok_or(ArithmeticError::Overflow)?;
		let members: BalanceOf<T> = books.covered_members.into();
		let year_share = books.share_index.saturating_sub(books.year_start_index);
		let mut share = match cost.checked_div(&members) {
			Some(even_share) => even_share
				.min(terms.member_share_cap_per_claim)
				.min(terms.member_share_cap_per_year.saturating_sub(year_share)),
			None => Zero::zero(),
		};
		if let Some(threshold) = params.share_warning_threshold {
			if year_share.saturating_add(share) > threshold {
				if params.pause_above_threshold {
					share = share.min(threshold.saturating_sub(year_share));
				}
				Self::deposit_event(Event::ShareWarning {
					plan,
					year_share: year_share.saturating_add(share),
					threshold,
				});
			}
		}
		let charged = share.checked_mul(&members).ok_or(ArithmeticError::Overflow)?;

		let (from_reserve, fee_collected) = if charged >= amount {
			(Zero::zero(), charged.saturating_sub(amount))
		} else {
			(amount.saturating_sub(charged), Zero::zero())
		};
		ensure!(from_reserve <= books.reserve, Error::<T>::InsufficientReserve);
		let reserve_room =
			params.reserve_target.mul_floor(books.total_deposits).saturating_sub(books.reserve);
		let to_reserve = params.reserve_fee_share.mul_floor(fee_collected).min(reserve_room);
		let to_fee_account = fee_collected.saturating_sub(to_reserve);

		let pool = Self::pool_account(plan);
		T::Currency::transfer(&pool, beneficiary, amount, Preservation::Expendable)?;
		if !to_fee_account.is_zero() {
			T::Currency::transfer(
				&pool,
				&T::FeeAccount::get(),
				to_fee_account,
				Preservation::Expendable,
			)?;
		}
		books.share_index =
			books.share_index.checked_add(&share).ok_or(ArithmeticError::Overflow)?;
		books.unsettled = books.unsettled.checked_add(&charged).ok_or(ArithmeticError::Overflow)?;
		books.reserve = books.reserve.saturating_sub(from_reserve).saturating_add(to_reserve);
		books.total_paid_out = books.total_paid_out.saturating_add(amount);
		books.total_fees = books.total_fees.saturating_add(fee_collected);
		Books::<T>::insert(plan, books.clone());

		let receipt = PayoutReceipt {
			paid: amount,
			share_per_member: share,
			members: books.covered_members,
			from_reserve,
			fee: fee_collected,
		};
		Self::deposit_event(Event::ClaimPaid { plan, beneficiary: beneficiary.clone(), receipt });
		Ok(receipt)
	}

	/// The membership pallet started `who`'s cover: it shares claims from the current index on.
	pub(crate) fn do_cover_started(plan: PlanId, who: &T::AccountId) {
		let (Some(mut books), Some(mut position)) =
			(Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return;
		};
		if position.covered {
			return;
		}
		position.covered = true;
		position.share_snapshot = books.share_index;
		books.covered_members = books.covered_members.saturating_add(1);
		Books::<T>::insert(plan, books);
		Positions::<T>::insert(plan, who, position);
	}

	/// The membership pallet stopped `who`'s cover: it settles what it owes and shares no new
	/// claims.
	pub(crate) fn do_cover_stopped(plan: PlanId, who: &T::AccountId) {
		let (Some(mut books), Some(mut position)) =
			(Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return;
		};
		if !position.covered {
			return;
		}
		let settlement = Self::settle_position(&mut books, &mut position);
		position.covered = false;
		books.covered_members = books.covered_members.saturating_sub(1);
		Books::<T>::insert(plan, books);
		Positions::<T>::insert(plan, who, position);
		if !settlement.owed.is_zero() {
			Self::deposit_event(Event::Settled {
				plan,
				who: who.clone(),
				owed: settlement.owed,
				uncovered: settlement.uncovered,
			});
		}
	}

	/// The member left the plan: its remaining deposit can be withdrawn after notice.
	pub(crate) fn do_member_exited(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		let mut position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		position.exited = true;
		if position.deposit.is_zero() && position.pending_withdrawal.is_none() {
			Positions::<T>::remove(plan, who);
		} else {
			Positions::<T>::insert(plan, who, position);
		}
		Ok(())
	}

	/// Whether `who`'s deposit in `plan`, after what it owes, still covers `minimum`.
	pub(crate) fn deposit_covers(plan: PlanId, who: &T::AccountId, minimum: BalanceOf<T>) -> bool {
		let (Some(books), Some(position)) = (Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return minimum.is_zero();
		};
		position.deposit.saturating_sub(Self::owed(&books, &position)) >= minimum
	}
}
