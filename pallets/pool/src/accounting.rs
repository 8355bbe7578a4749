//! Deposits, settlement, lapse steps, withdrawals, the reserve and claim payouts: the books of
//! each plan.

use crate::{pallet::*, *};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, One, Zero},
	ArithmeticError, DispatchError, DispatchResult, Saturating,
};

/// The outcome of settling a member.
pub(crate) struct Settlement<Balance> {
	/// What it owed and paid from its deposit.
	pub owed: Balance,
	/// Whether its deposit no longer covers the plan: below the minimum, or no longer counted.
	pub lapsed: bool,
}

/// Where a covered position's lapse step stands.
enum StepState<Balance> {
	/// Not passed: the member shares claims.
	Ahead,
	/// Passed at share index `at`: the member stopped sharing claims there.
	Passed(Balance),
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

	/// The plan's books; the first time money enters the plan they are created, and `payer`
	/// (if any) pays the existential deposit into the pool account as its endowment.
	fn books_or_new(
		plan: PlanId,
		payer: Option<&T::AccountId>,
	) -> Result<PlanBooksOf<T>, DispatchError> {
		if let Some(books) = Books::<T>::get(plan) {
			return Ok(books);
		}
		let terms = T::Plans::plan_terms(plan).ok_or(Error::<T>::PlanNotFound)?;
		let pool = Self::pool_account(plan);
		frame_system::Pallet::<T>::inc_providers(&pool);
		let endowment = match payer {
			Some(payer) => {
				let existential = T::Currency::minimum_balance();
				T::Currency::transfer(payer, &pool, existential, Preservation::Preserve)?;
				existential
			}
			None => Zero::zero(),
		};
		Ok(PlanBooks {
			endowment,
			step: Self::step_width(terms.member_share_cap_per_claim),
			year_started_at: Pallet::<T>::now(),
			..Default::default()
		})
	}

	/// The width of a lapse step for a plan whose members pay at most `cap` per claim.
	pub(crate) fn step_width(cap: BalanceOf<T>) -> BalanceOf<T> {
		let steps: BalanceOf<T> = STEPS_PER_SHARE_CAP.into();
		(cap / steps).max(One::one())
	}

	/// The lapse step holding share-index `point`: `⌈point / step⌉`.
	pub(crate) fn step_of(books: &PlanBooksOf<T>, point: BalanceOf<T>) -> BalanceOf<T> {
		let step = books.step.max(One::one());
		let whole = point / step;
		if (whole.saturating_mul(step)) < point {
			whole.saturating_add(One::one())
		} else {
			whole
		}
	}

	/// Where `lapse_step` stands (a step at or above `next_step` is ahead without a read).
	fn step_state(
		plan: PlanId,
		books: &PlanBooksOf<T>,
		lapse_step: BalanceOf<T>,
	) -> StepState<BalanceOf<T>> {
		if lapse_step >= books.next_step {
			return StepState::Ahead;
		}
		match LapseSteps::<T>::get(plan, lapse_step) {
			Some(LapseStep::Passed { at, .. }) => StepState::Passed(at),
			_ => StepState::Ahead,
		}
	}

	/// What `position` owes under `books` now, and whether it still shares new claims.
	pub(crate) fn owed(
		plan: PlanId,
		books: &PlanBooksOf<T>,
		position: &MemberPositionOf<T>,
	) -> (BalanceOf<T>, bool) {
		match position.cover {
			Cover::Uncovered => (Zero::zero(), false),
			Cover::Covered { snapshot, lapse_step } => {
				match Self::step_state(plan, books, lapse_step) {
					StepState::Ahead => (books.share_index.saturating_sub(snapshot), true),
					StepState::Passed(at) => (at.saturating_sub(snapshot), false),
				}
			}
		}
	}

	/// Takes one member out of lapse step `lapse_step`.
	fn leave_step(
		plan: PlanId,
		books: &mut PlanBooksOf<T>,
		lapse_step: BalanceOf<T>,
	) -> DispatchResult {
		LapseSteps::<T>::try_mutate_exists(plan, lapse_step, |record| {
			let remaining = match record {
				Some(LapseStep::Ahead { members, .. })
				| Some(LapseStep::Passed { members, .. }) => {
					*members = members.checked_sub(1).ok_or(Error::<T>::BooksBroken)?;
					*members
				}
				None => return Err(Error::<T>::BooksBroken),
			};
			if remaining == 0 {
				*record = None;
			}
			Ok(())
		})?;
		books.stepped = books.stepped.checked_sub(1).ok_or(Error::<T>::BooksBroken)?;
		Ok(())
	}

	/// The deposit a member needs to be counted: the plan's minimum, and at least one lapse
	/// step (so that every member lasts beyond the start of its step; the minimum is larger
	/// unless the share cap has been lowered far below the one the books' steps were made for).
	pub(crate) fn cover_minimum(books: &PlanBooksOf<T>, minimum: BalanceOf<T>) -> BalanceOf<T> {
		minimum.max(books.step)
	}

	/// Counts a member with `deposit` (settled at the current share index `I`) in the lapse step
	/// `k = ⌈(I + deposit) / w⌉ − 1`, the last whose start `k·w` lies below the point where its
	/// deposit is used up, and returns its position; `None` (and nothing changes) if that step
	/// was passed already: less than one step of the deposit is left. While nobody is counted,
	/// the step width follows the plan's current cap per claim.
	pub(crate) fn join_step(
		plan: PlanId,
		books: &mut PlanBooksOf<T>,
		deposit: BalanceOf<T>,
		terms: CoverTerms<BalanceOf<T>>,
	) -> Result<Option<Cover<BalanceOf<T>>>, DispatchError> {
		// Only while nobody is counted: a member re-counted as it settles (still counted in
		// `covered_members` then) keeps the steps it shares claims under, so that a settle after
		// a raised cap cannot widen its step into one that passes at once.
		if books.stepped == 0 && books.covered_members == 0 {
			books.step = Self::step_width(terms.cap);
			books.next_step = Self::step_of(books, books.share_index);
		}
		let exhausted_at =
			books.share_index.checked_add(&deposit).ok_or(ArithmeticError::Overflow)?;
		let Some(lapse_step) = Self::step_of(books, exhausted_at).checked_sub(&One::one()) else {
			return Ok(None);
		};
		if lapse_step < books.next_step {
			return Ok(None);
		}
		LapseSteps::<T>::try_mutate(plan, lapse_step, |record| {
			*record = Some(match *record {
				None => LapseStep::Ahead { members: 1 },
				Some(LapseStep::Ahead { members }) => LapseStep::Ahead {
					members: members.checked_add(1).ok_or(ArithmeticError::Overflow)?,
				},
				// Steps below `next_step` are passed; `lapse_step` is not below it.
				Some(LapseStep::Passed { .. }) => return Err(Error::<T>::BooksBroken.into()),
			});
			Ok::<_, DispatchError>(())
		})?;
		books.stepped = books.stepped.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Ok(Some(Cover::Covered { snapshot: books.share_index, lapse_step }))
	}

	/// What covering a member of `plan` depends on: its minimum deposit and its share cap per
	/// claim (zero for an unknown plan).
	pub(crate) fn cover_terms(plan: PlanId) -> CoverTerms<BalanceOf<T>> {
		T::Plans::plan_terms(plan).map_or_else(Default::default, |terms| CoverTerms {
			minimum: terms.min_deposit,
			cap: terms.member_share_cap_per_claim,
		})
	}

	/// Settles `position` against `books`: what it owes is taken from its deposit (it never owes
	/// more: no member is counted past the start of the step below its exhaustion point). A
	/// counted member is then counted afresh in the lapse step of its new deposit, if it is a
	/// member (`terms` given) and more than a step of its deposit is left; otherwise (or with
	/// `terms` `None`: it left) it is no longer counted. It lapses if its deposit is below the
	/// plan's minimum.
	pub(crate) fn settle_position(
		plan: PlanId,
		books: &mut PlanBooksOf<T>,
		position: &mut MemberPositionOf<T>,
		terms: Option<CoverTerms<BalanceOf<T>>>,
	) -> Result<Settlement<BalanceOf<T>>, DispatchError> {
		let (owed, counted) = Self::owed(plan, books, position);
		let Cover::Covered { lapse_step, .. } = position.cover else {
			return Ok(Settlement { owed, lapsed: false });
		};
		position.deposit = position.deposit.checked_sub(&owed).ok_or(Error::<T>::BooksBroken)?;
		books.total_deposits =
			books.total_deposits.checked_sub(&owed).ok_or(Error::<T>::BooksBroken)?;
		books.unsettled = books.unsettled.checked_sub(&owed).ok_or(Error::<T>::BooksBroken)?;
		Self::leave_step(plan, books, lapse_step)?;
		let cover = match terms {
			Some(terms) if position.tenure == Tenure::Member => {
				Self::join_step(plan, books, position.deposit, terms)?
			}
			_ => None,
		};
		let stays = cover.is_some();
		position.cover = cover.unwrap_or_default();
		if stays && !counted {
			books.covered_members =
				books.covered_members.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		} else if !stays && counted {
			books.covered_members =
				books.covered_members.checked_sub(1).ok_or(Error::<T>::BooksBroken)?;
		}
		// Counted or not, a deposit below the minimum covers nothing: the member lapses (and
		// goes on sharing claims while counted).
		let below =
			terms.is_some_and(|terms| position.deposit < Self::cover_minimum(books, terms.minimum));
		Ok(Settlement { owed, lapsed: !stays || below })
	}

	/// Settles `who` in `plan`, writes the books and the position, and tells the membership
	/// pallet when a covered member's deposit no longer covers the plan's minimum.
	pub(crate) fn settle_and_store(
		plan: PlanId,
		who: &T::AccountId,
	) -> Result<(PlanBooksOf<T>, MemberPositionOf<T>), DispatchError> {
		let mut books = Books::<T>::get(plan).ok_or(Error::<T>::NoPosition)?;
		let mut position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		let settlement =
			Self::settle_position(plan, &mut books, &mut position, Some(Self::cover_terms(plan)))?;
		Books::<T>::insert(plan, &books);
		Positions::<T>::insert(plan, who, &position);
		Self::settled(plan, who, &settlement, &position)?;
		Ok((books, position))
	}

	/// After a stored settlement: the event, and the lapse of a member whose deposit no longer
	/// covers the minimum.
	fn settled(
		plan: PlanId,
		who: &T::AccountId,
		settlement: &Settlement<BalanceOf<T>>,
		position: &MemberPositionOf<T>,
	) -> DispatchResult {
		if !settlement.owed.is_zero() {
			Self::deposit_event(Event::Settled { plan, who: who.clone(), owed: settlement.owed });
		}
		if settlement.lapsed && position.tenure == Tenure::Member {
			// The membership pallet lapses the member (its `cover_stopped` call back finds the
			// position uncovered already).
			T::Standing::deposit_exhausted(plan, who)?;
		}
		Ok(())
	}

	/// The plan's minimum deposit (zero for an unknown plan).
	fn min_deposit(plan: PlanId) -> BalanceOf<T> {
		Self::cover_terms(plan).minimum
	}

	pub(crate) fn do_settle_call(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		Self::settle_and_store(plan, who).map(|_| ())
	}

	/// Moves `amount` from `who` into the plan's pool and books it as `who`'s deposit (a new
	/// position starts uncovered: cover starts when the membership pallet says so).
	pub(crate) fn do_deposit(
		plan: PlanId,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut books = Self::books_or_new(plan, Some(who))?;
		let mut position = Positions::<T>::get(plan, who).unwrap_or_default();
		position.deposit =
			position.deposit.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		position.tenure = Tenure::Member;
		books.total_deposits =
			books.total_deposits.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		// Counted afresh with the larger deposit (its lapse step moves later).
		let settlement =
			Self::settle_position(plan, &mut books, &mut position, Some(Self::cover_terms(plan)))?;
		T::Currency::transfer(who, &Self::pool_account(plan), amount, Preservation::Preserve)?;
		Books::<T>::insert(plan, books);
		Positions::<T>::insert(plan, who, &position);
		Self::deposit_event(Event::Deposited { plan, who: who.clone(), amount });
		Self::settled(plan, who, &settlement, &position)
	}

	pub(crate) fn do_top_up(
		who: &T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		ensure!(position.tenure == Tenure::Member, Error::<T>::MemberExited);
		let minimum = Self::min_deposit(plan);
		let covered_before = Self::deposit_covers(plan, who, minimum);
		// The deposit settles the member and counts it afresh: no second settlement here.
		Self::do_deposit(plan, who, amount)?;
		if !covered_before && Self::deposit_covers(plan, who, minimum) {
			// Cures a member lapsed for its deposit, counted or not (the membership pallet
			// checks the rest and calls `cover_started` back, which counts it if it is not).
			T::Standing::deposit_restored(plan, who)?;
		}
		Ok(())
	}

	/// What `position` must keep in the pool: the plan's minimum while it is a member.
	fn kept(plan: PlanId, position: &MemberPositionOf<T>) -> BalanceOf<T> {
		match position.tenure {
			Tenure::Member => Self::min_deposit(plan),
			Tenure::Exited => Zero::zero(),
		}
	}

	pub(crate) fn do_request_withdrawal(
		who: &T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let (_, mut position) = Self::settle_and_store(plan, who)?;
		let available = position.deposit.saturating_sub(Self::kept(plan, &position));
		ensure!(amount <= available, Error::<T>::WithdrawalTooLarge);
		let now = Pallet::<T>::now();
		let unlocks_at = match position.withdrawal {
			// Lowering a request that has not expired keeps its notice.
			Some(pending) if amount <= pending.amount && now < pending.expires_at => {
				pending.unlocks_at
			}
			_ => now
				.checked_add(&Self::params(plan).notice_period)
				.ok_or(ArithmeticError::Overflow)?,
		};
		let expires_at =
			unlocks_at.checked_add(&T::WithdrawalWindow::get()).ok_or(ArithmeticError::Overflow)?;
		position.withdrawal = Some(PendingWithdrawal { amount, unlocks_at, expires_at });
		Positions::<T>::insert(plan, who, position);
		Self::deposit_event(Event::WithdrawalRequested {
			plan,
			who: who.clone(),
			amount,
			unlocks_at,
		});
		Ok(())
	}

	pub(crate) fn do_cancel_withdrawal(who: &T::AccountId, plan: PlanId) -> DispatchResult {
		let mut position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		let pending = position.withdrawal.take().ok_or(Error::<T>::NoWithdrawalRequested)?;
		if position.tenure == Tenure::Exited && position.deposit.is_zero() {
			Positions::<T>::remove(plan, who);
		} else {
			Positions::<T>::insert(plan, who, position);
		}
		Self::deposit_event(Event::WithdrawalCancelled {
			plan,
			who: who.clone(),
			amount: pending.amount,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw(who: &T::AccountId, plan: PlanId) -> DispatchResult {
		let (mut books, mut position) = Self::settle_and_store(plan, who)?;
		let pending = position.withdrawal.ok_or(Error::<T>::NoWithdrawalRequested)?;
		let now = Pallet::<T>::now();
		ensure!(now >= pending.unlocks_at, Error::<T>::WithdrawalLocked);
		// A request taken long after its notice would let a member choose its moment.
		ensure!(now < pending.expires_at, Error::<T>::WithdrawalExpired);
		// Shares settled during the notice period may have reduced what is available.
		let available = position.deposit.saturating_sub(Self::kept(plan, &position));
		let amount = pending.amount.min(available);
		position.deposit = position.deposit.saturating_sub(amount);
		position.withdrawal = None;
		books.total_deposits =
			books.total_deposits.checked_sub(&amount).ok_or(Error::<T>::BooksBroken)?;
		// Counted afresh with the smaller deposit (its lapse step moves earlier).
		let settlement =
			Self::settle_position(plan, &mut books, &mut position, Some(Self::cover_terms(plan)))?;
		T::Currency::transfer(&Self::pool_account(plan), who, amount, Preservation::Preserve)?;
		Books::<T>::insert(plan, books);
		if position.tenure == Tenure::Exited && position.deposit.is_zero() {
			Positions::<T>::remove(plan, who);
		} else {
			Positions::<T>::insert(plan, who, &position);
		}
		Self::deposit_event(Event::Withdrawn { plan, who: who.clone(), amount });
		Self::settled(plan, who, &settlement, &position)
	}

	pub(crate) fn do_fund_reserve(
		who: &T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut books = Self::books_or_new(plan, Some(who))?;
		books.reserve = books.reserve.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		T::Currency::transfer(who, &Self::pool_account(plan), amount, Preservation::Preserve)?;
		Books::<T>::insert(plan, books);
		Self::deposit_event(Event::ReserveFunded { plan, who: who.clone(), amount });
		Ok(())
	}

	/// Books `amount` that another pallet moved into the pool account (a slashed bond) as
	/// reserve (for a plan without books yet, its first existential deposit is the endowment).
	pub(crate) fn do_reserve_credited(plan: PlanId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let mut books = Self::books_or_new(plan, None)?;
		// A pool first opened by a credit keeps its first existential deposit as endowment.
		let missing = T::Currency::minimum_balance().saturating_sub(books.endowment).min(amount);
		books.endowment = books.endowment.saturating_add(missing);
		let credited = amount.saturating_sub(missing);
		books.reserve = books.reserve.checked_add(&credited).ok_or(ArithmeticError::Overflow)?;
		Books::<T>::insert(plan, books);
		Self::deposit_event(Event::ReserveCredited { plan, amount: credited });
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

	/// The start `k·w` of lapse step `step`.
	fn step_start(
		books: &PlanBooksOf<T>,
		step: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		step.checked_mul(&books.step).ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// The share of `cost` each member counted throughout a payout pays, at most `cap`, and the
	/// lapse steps it may pass (with their members), water-filled: a step's members stop at its
	/// start, so they pay `start − I` and the members still counted share the rest. Reads at
	/// most [`MAX_STEPS_PER_PAYOUT`] steps; a share that would pass more stops at the start of
	/// the next one (every member counted beyond lasts past it), the reserve paying the rest.
	fn water_fill(
		plan: PlanId,
		books: &PlanBooksOf<T>,
		cost: BalanceOf<T>,
		cap: BalanceOf<T>,
	) -> Result<(BalanceOf<T>, Vec<(BalanceOf<T>, u32)>), DispatchError> {
		let index = books.share_index;
		let mut counted: BalanceOf<T> = books.covered_members.into();
		let mut fixed: BalanceOf<T> = Zero::zero();
		let mut passed = Vec::new();
		let mut step = books.next_step;
		for _ in 0..MAX_STEPS_PER_PAYOUT {
			let room = Self::step_start(books, step)?.saturating_sub(index);
			let Some(even) = cost.saturating_sub(fixed).checked_div(&counted) else {
				// Every member counted stopped at a step passed: the index only has to pass it.
				let share = match passed.last() {
					Some((last, _)) => Self::step_start(books, *last)?
						.saturating_sub(index)
						.saturating_add(One::one()),
					None => Zero::zero(),
				};
				return Ok((share.min(cap), passed));
			};
			let share = even.min(cap);
			if share <= room {
				return Ok((share, passed));
			}
			if let Some(LapseStep::Ahead { members }) = LapseSteps::<T>::get(plan, step) {
				let stopping: BalanceOf<T> = members.into();
				let paid = stopping.checked_mul(&room).ok_or(ArithmeticError::Overflow)?;
				fixed = fixed.checked_add(&paid).ok_or(ArithmeticError::Overflow)?;
				counted = counted.checked_sub(&stopping).ok_or(Error::<T>::BooksBroken)?;
				passed.push((step, members));
			}
			step = step.checked_add(&One::one()).ok_or(ArithmeticError::Overflow)?;
		}
		let room = Self::step_start(books, step)?.saturating_sub(index);
		let even = cost.saturating_sub(fixed).checked_div(&counted).unwrap_or(room);
		Ok((even.min(cap).min(room), passed))
	}

	/// What moving the share index by `share` charges the members in all, and which steps of
	/// `passed` it passes (their start lies below the new index): each with its start and
	/// members. Reads and writes nothing.
	fn charge(
		books: &PlanBooksOf<T>,
		share: BalanceOf<T>,
		passed: Vec<(BalanceOf<T>, u32)>,
	) -> Result<(BalanceOf<T>, Vec<(BalanceOf<T>, BalanceOf<T>, u32)>), DispatchError> {
		let index = books.share_index;
		let target = index.checked_add(&share).ok_or(ArithmeticError::Overflow)?;
		let mut charged: BalanceOf<T> = Zero::zero();
		let mut leaving: u32 = 0;
		let mut passing = Vec::new();
		for (step, members) in passed {
			let start = Self::step_start(books, step)?;
			if start >= target {
				// Its members pay the whole share, as they would have: they stay counted.
				continue;
			}
			let stopping: BalanceOf<T> = members.into();
			let paid = stopping
				.checked_mul(&start.saturating_sub(index))
				.ok_or(ArithmeticError::Overflow)?;
			charged = charged.checked_add(&paid).ok_or(ArithmeticError::Overflow)?;
			leaving = leaving.checked_add(members).ok_or(ArithmeticError::Overflow)?;
			passing.push((step, start, members));
		}
		let staying: BalanceOf<T> =
			books.covered_members.checked_sub(leaving).ok_or(Error::<T>::BooksBroken)?.into();
		let full = staying.checked_mul(&share).ok_or(ArithmeticError::Overflow)?;
		charged = charged.checked_add(&full).ok_or(ArithmeticError::Overflow)?;
		Ok((charged, passing))
	}

	/// Moves the share index by `share`, charging `charged`, and marks the `passing` steps
	/// passed at their start: their members stop sharing there.
	fn move_index(
		plan: PlanId,
		books: &mut PlanBooksOf<T>,
		share: BalanceOf<T>,
		charged: BalanceOf<T>,
		passing: Vec<(BalanceOf<T>, BalanceOf<T>, u32)>,
	) -> DispatchResult {
		for (step, start, members) in passing {
			books.covered_members =
				books.covered_members.checked_sub(members).ok_or(Error::<T>::BooksBroken)?;
			LapseSteps::<T>::insert(plan, step, LapseStep::Passed { at: start, members });
		}
		books.share_index =
			books.share_index.checked_add(&share).ok_or(ArithmeticError::Overflow)?;
		books.next_step = Self::step_of(books, books.share_index);
		books.unsettled = books.unsettled.checked_add(&charged).ok_or(ArithmeticError::Overflow)?;
		Ok(())
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
		let mut books = Books::<T>::get(plan).ok_or(Error::<T>::InsufficientReserve)?;
		let now = Pallet::<T>::now();
		Self::roll_year(&mut books, now);

		let fee = terms.management_fee.mul_floor(amount);
		let cost = amount.checked_add(&fee).ok_or(ArithmeticError::Overflow)?;
		let year_share = books.share_index.saturating_sub(books.year_start_index);
		// The caps bound the payout's share; with `CappedFee::Members` the fee comes on top.
		let with_fee = |cap: BalanceOf<T>| match params.capped_fee {
			CappedFee::Members => cap.saturating_add(terms.management_fee.mul_floor(cap)),
			CappedFee::Reserve => cap,
		};
		let mut cap = with_fee(terms.member_share_cap_per_claim)
			.min(with_fee(terms.member_share_cap_per_year).saturating_sub(year_share));
		if let ShareGuard::Pause { threshold } = params.share_guard {
			cap = cap.min(threshold.saturating_sub(year_share));
		}
		// Members whose deposits run out within the share pay what they have but the last
		// step; the others share the rest (no member is charged past its deposit).
		let (share, passed) = Self::water_fill(plan, &books, cost, cap)?;
		if let Some(threshold) = params.share_guard.threshold() {
			if year_share.saturating_add(share) > threshold {
				Self::deposit_event(Event::ShareWarning {
					plan,
					year_share: year_share.saturating_add(share),
					threshold,
				});
			}
		}
		let (charged, passing) = Self::charge(&books, share, passed)?;

		// The reserve pays what the shares do not, the payout first: the fee is charged in full
		// whenever the reserve can pay its part, and the payout fails only if the reserve cannot
		// even complete the payout.
		let from_reserve = cost.saturating_sub(charged).min(books.reserve);
		let raised = charged.checked_add(&from_reserve).ok_or(ArithmeticError::Overflow)?;
		ensure!(raised >= amount, Error::<T>::InsufficientReserve);
		let fee_collected = raised.saturating_sub(amount);
		let reserve_room = params
			.reserve_target
			.mul_floor(books.total_deposits)
			.saturating_sub(books.reserve.saturating_sub(from_reserve));
		let to_reserve = params.reserve_fee_share.mul_floor(fee_collected).min(reserve_room);
		let to_fee_account = fee_collected.saturating_sub(to_reserve);

		let pool = Self::pool_account(plan);
		T::Currency::transfer(&pool, beneficiary, amount, Preservation::Preserve)?;
		if !to_fee_account.is_zero() {
			T::Currency::transfer(
				&pool,
				&T::FeeAccount::get(),
				to_fee_account,
				Preservation::Preserve,
			)?;
		}
		let covered_before = books.covered_members;
		Self::move_index(plan, &mut books, share, charged, passing)?;
		books.reserve = books
			.reserve
			.checked_sub(&from_reserve)
			.and_then(|reserve| reserve.checked_add(&to_reserve))
			.ok_or(ArithmeticError::Overflow)?;
		books.total_paid_out = books.total_paid_out.saturating_add(amount);
		books.total_fees = books.total_fees.saturating_add(fee_collected);
		Books::<T>::insert(plan, books.clone());

		let receipt = PayoutReceipt {
			paid: amount,
			share_per_member: share,
			members: covered_before,
			from_reserve,
			fee: fee_collected,
		};
		Self::deposit_event(Event::ClaimPaid { plan, beneficiary: beneficiary.clone(), receipt });
		Ok(receipt)
	}

	/// The membership pallet started `who`'s cover: it shares claims from the current index on
	/// (if its deposit covers the plan's minimum).
	pub(crate) fn do_cover_started(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		let (Some(mut books), Some(mut position)) =
			(Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return Ok(());
		};
		if position.cover != Cover::Uncovered
			|| position.tenure != Tenure::Member
			|| position.deposit < Self::cover_minimum(&books, Self::min_deposit(plan))
		{
			// Counted already, gone, or its deposit does not cover the plan (the membership
			// pallet lapses it when it next looks, `is_sufficient`).
			return Ok(());
		}
		let Some(cover) =
			Self::join_step(plan, &mut books, position.deposit, Self::cover_terms(plan))?
		else {
			return Ok(());
		};
		position.cover = cover;
		books.covered_members =
			books.covered_members.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Books::<T>::insert(plan, books);
		Positions::<T>::insert(plan, who, position);
		Ok(())
	}

	/// The membership pallet stopped `who`'s cover: it settles what it owes and shares no new
	/// claims.
	pub(crate) fn do_cover_stopped(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		let (Some(mut books), Some(mut position)) =
			(Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return Ok(());
		};
		if position.cover == Cover::Uncovered {
			return Ok(());
		}
		let settlement = Self::settle_position(plan, &mut books, &mut position, None)?;
		Books::<T>::insert(plan, books);
		Positions::<T>::insert(plan, who, position);
		if !settlement.owed.is_zero() {
			Self::deposit_event(Event::Settled { plan, who: who.clone(), owed: settlement.owed });
		}
		Ok(())
	}

	/// The member left the plan: its remaining deposit can be withdrawn after notice.
	pub(crate) fn do_member_exited(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		Self::do_cover_stopped(plan, who)?;
		let mut position = Positions::<T>::get(plan, who).ok_or(Error::<T>::NoPosition)?;
		position.tenure = Tenure::Exited;
		if position.deposit.is_zero() && position.withdrawal.is_none() {
			Positions::<T>::remove(plan, who);
		} else {
			Positions::<T>::insert(plan, who, position);
		}
		Ok(())
	}

	/// Whether `who`'s deposit in `plan`, after what it owes, still covers `minimum` (and one
	/// lapse step: [`Self::cover_minimum`]).
	pub(crate) fn deposit_covers(plan: PlanId, who: &T::AccountId, minimum: BalanceOf<T>) -> bool {
		let (Some(books), Some(position)) = (Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return minimum.is_zero();
		};
		let (owed, _) = Self::owed(plan, &books, &position);
		position.deposit.saturating_sub(owed) >= Self::cover_minimum(&books, minimum)
	}

	/// Whether `who` shares `plan`'s claims now and its deposit, after what it owes, covers the
	/// plan's minimum: at most three reads.
	pub fn is_covered(plan: PlanId, who: &T::AccountId) -> bool {
		let (Some(books), Some(position)) = (Books::<T>::get(plan), Positions::<T>::get(plan, who))
		else {
			return false;
		};
		let (owed, counted) = Self::owed(plan, &books, &position);
		counted
			&& position.deposit.saturating_sub(owed)
				>= Self::cover_minimum(&books, Self::min_deposit(plan))
	}
}
