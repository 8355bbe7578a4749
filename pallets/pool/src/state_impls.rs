//! The pallet's invariants (`try_state`).

#[cfg(any(feature = "try-runtime", test))]
use {
	crate::{pallet::*, *},
	alloc::collections::btree_map::BTreeMap,
	frame_support::traits::{fungible::Inspect, Get},
	huzhu_primitives::ensure_invariant,
	sp_runtime::{traits::Saturating, TryRuntimeError},
};

/// Sums over one plan's positions.
#[cfg(any(feature = "try-runtime", test))]
#[derive(Default)]
struct PlanSums<Balance> {
	deposits: Balance,
	owed: Balance,
	counted: u32,
}

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// The pallet's invariants, checked by the `try_state` hook and after every unit test:
	///
	/// - each plan's `total_deposits` is the sum of its members' deposits, `unsettled` the sum of
	///   what they owe, `covered_members` the number of members in steps not yet passed;
	/// - no member owes more than its deposit; each covered member's step counts it, a step's
	///   exhaustion point is at most its members' `snapshot + deposit`, steps from `next_step` on
	///   are ahead and steps below it passed, and `next_step = ⌈share_index / step⌉`;
	/// - each pool account's balance + `unsettled` is at least `endowment + total_deposits +
	///   reserve` (exactly that unless someone sent tokens to the pool account directly);
	/// - positions exist only for plans with books;
	/// - custodian sets have 1 ≤ threshold ≤ custodians; each spend proposal has at most the
	///   custodian limit of approvals and is below `NextSpendId`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut sums: BTreeMap<PlanId, PlanSums<BalanceOf<T>>> = BTreeMap::new();
		let mut step_members: BTreeMap<(PlanId, BalanceOf<T>), u32> = BTreeMap::new();
		for (plan, _who, position) in Positions::<T>::iter() {
			let books =
				Books::<T>::get(plan).ok_or(TryRuntimeError::Other("position without books"))?;
			let (owed, counted) = Self::owed(plan, &books, &position);
			ensure_invariant(owed <= position.deposit, "a member owes more than its deposit")?;
			let entry = sums.entry(plan).or_default();
			entry.deposits = entry.deposits.saturating_add(position.deposit);
			entry.owed = entry.owed.saturating_add(owed);
			if counted {
				entry.counted = entry.counted.saturating_add(1);
			}
			if let Cover::Covered { snapshot, lapse_step } = position.cover {
				*step_members.entry((plan, lapse_step)).or_default() += 1;
				// Its step starts below the point where its deposit is used up, so it never
				// owes more than its deposit.
				let start = lapse_step.saturating_mul(books.step);
				ensure_invariant(
					start < snapshot.saturating_add(position.deposit) && start >= snapshot,
					"a member counted in a step beyond its deposit, or before its snapshot",
				)?;
			}
		}
		for (plan, step, record) in LapseSteps::<T>::iter() {
			let books =
				Books::<T>::get(plan).ok_or(TryRuntimeError::Other("lapse step without books"))?;
			let counted = step_members.remove(&(plan, step)).unwrap_or_default();
			match record {
				LapseStep::Ahead { members } => {
					ensure_invariant(step >= books.next_step, "an ahead step below next_step")?;
					ensure_invariant(members == counted, "an ahead step miscounts its members")?;
				}
				LapseStep::Passed { members, at } => {
					ensure_invariant(
						step < books.next_step,
						"a passed step at or above next_step",
					)?;
					ensure_invariant(
						at <= books.share_index && at == step.saturating_mul(books.step),
						"a step passed above the index, or not at its start",
					)?;
					ensure_invariant(members == counted, "a passed step miscounts its members")?;
				}
			}
			ensure_invariant(counted > 0, "an empty lapse step is kept")?;
		}
		ensure_invariant(step_members.is_empty(), "covered members in no lapse step")?;
		for (plan, books) in Books::<T>::iter() {
			let plan_sums = sums.remove(&plan).unwrap_or_default();
			ensure_invariant(
				books.total_deposits == plan_sums.deposits,
				"total_deposits differs from positions",
			)?;
			ensure_invariant(
				books.unsettled == plan_sums.owed,
				"unsettled differs from what is owed",
			)?;
			ensure_invariant(
				books.covered_members == plan_sums.counted,
				"covered_members differs",
			)?;
			ensure_invariant(
				books.next_step == Self::step_of(&books, books.share_index),
				"next_step is not ⌈share_index / step⌉",
			)?;
			let held =
				T::Currency::balance(&Self::pool_account(plan)).saturating_add(books.unsettled);
			let booked =
				books.endowment.saturating_add(books.total_deposits).saturating_add(books.reserve);
			ensure_invariant(held >= booked, "pool account holds less than its books")?;
		}
		ensure_invariant(sums.is_empty(), "positions of plans without books")?;
		for (_plan, set) in Custodians::<T>::iter() {
			ensure_invariant(
				set.threshold >= 1 && set.threshold as usize <= set.custodians.len(),
				"custodian threshold out of range",
			)?;
		}
		for (_plan, spend, proposal) in Spends::<T>::iter() {
			ensure_invariant(spend < NextSpendId::<T>::get(), "spend id at or above NextSpendId")?;
			ensure_invariant(
				proposal.approvals.len() as u32 <= T::MaxCustodians::get(),
				"too many approvals",
			)?;
		}
		Ok(())
	}
}
