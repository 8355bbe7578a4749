//! The pallet's invariants (`try_state`).

#[cfg(any(feature = "try-runtime", test))]
use {
	crate::{pallet::*, *},
	alloc::collections::btree_map::BTreeMap,
	frame_support::traits::{fungible::Inspect, Get},
	huzhu_primitives::ensure_invariant,
	sp_runtime::{traits::Saturating, TryRuntimeError},
};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// The pallet's invariants, checked by the `try_state` hook and after every unit test:
	///
	/// - each plan's `total_deposits` is the sum of its members' deposits, `unsettled` the sum of
	///   its covered members' owed shares, `covered_members` the number of covered positions;
	/// - each pool account's balance + `deficit` + `unsettled` is at least `total_deposits +
	///   reserve` (exactly that unless someone sent tokens to the pool account directly);
	/// - positions exist only for plans with books, announced withdrawals never exceed deposits;
	/// - custodian sets have 1 ≤ threshold ≤ custodians; each spend proposal has at most the
	///   custodian limit of approvals and is below `NextSpendId`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut sums: BTreeMap<PlanId, (BalanceOf<T>, BalanceOf<T>, u32)> = BTreeMap::new();
		for (plan, _who, position) in Positions::<T>::iter() {
			let books =
				Books::<T>::get(plan).ok_or(TryRuntimeError::Other("position without books"))?;
			let entry = sums.entry(plan).or_default();
			entry.0 = entry.0.saturating_add(position.deposit);
			entry.1 = entry.1.saturating_add(Self::owed(&books, &position));
			if position.covered {
				entry.2 = entry.2.saturating_add(1);
			}
			if let Some((pending, _)) = position.pending_withdrawal {
				ensure_invariant(
					pending <= position.deposit || position.exited,
					"withdrawal above deposit",
				)?;
			}
		}
		for (plan, books) in Books::<T>::iter() {
			let (deposits, owed, covered) = sums.remove(&plan).unwrap_or_default();
			ensure_invariant(
				books.total_deposits == deposits,
				"total_deposits differs from positions",
			)?;
			ensure_invariant(
				books.unsettled == owed,
				"unsettled differs from covered members' owed",
			)?;
			ensure_invariant(books.covered_members == covered, "covered_members differs")?;
			let held = T::Currency::balance(&Self::pool_account(plan))
				.saturating_add(books.deficit)
				.saturating_add(books.unsettled);
			let booked = books.total_deposits.saturating_add(books.reserve);
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
