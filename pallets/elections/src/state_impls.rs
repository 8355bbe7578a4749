//! The pallet's invariants, checked by `try_state` and after every unit test.

#[cfg(any(feature = "try-runtime", test))]
use crate::pallet::*;
#[cfg(any(feature = "try-runtime", test))]
use {frame_support::traits::Get, huzhu_primitives::ensure_invariant, sp_runtime::DispatchError};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks: the candidate count matches the candidates and stays within
	/// [`Config::MaxCandidates`]; every commission is within [`Config::MaxCommission`]; the
	/// parameters in force are within bounds; the last winners are distinct and at most
	/// [`Config::MaxWinners`]; the last ranking names each account once; every account marked
	/// ineligible is a candidate (so the marks stay within [`Config::MaxCandidates`]).
	pub fn do_try_state() -> Result<(), DispatchError> {
		let counted = Candidates::<T>::iter().count() as u32;
		ensure_invariant(counted == Candidates::<T>::count(), "candidate counter differs")?;
		ensure_invariant(counted <= T::MaxCandidates::get(), "too many candidates")?;
		ensure_invariant(
			Candidates::<T>::iter_values()
				.all(|candidate| candidate.commission <= T::MaxCommission::get()),
			"a commission above the maximum",
		)?;
		ensure_invariant(Self::valid_params(&Self::params()), "parameters out of bounds")?;
		let winners = LastWinners::<T>::get();
		let mut distinct = winners.clone().into_inner();
		distinct.sort();
		distinct.dedup();
		ensure_invariant(distinct.len() == winners.len(), "a winner seated twice")?;
		if let Some((_, ranking)) = LastRanking::<T>::get() {
			let mut ranked = ranking.clone().into_inner();
			ranked.sort();
			ranked.dedup();
			ensure_invariant(ranked.len() == ranking.len(), "a candidate ranked twice")?;
		}
		ensure_invariant(
			IneligibleSince::<T>::iter_keys().all(Candidates::<T>::contains_key),
			"an account marked ineligible is not a candidate",
		)?;
		Ok(())
	}
}
