//! The pallet's invariants, checked by `try_state` and after every unit test.

use crate::*;
use frame_support::traits::Get;
use huzhu_primitives::ensure_invariant;

impl<T: Config> Pallet<T> {
	/// Checks the invariants listed in the module documentation.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let recent = RecentBrakes::<T>::get();
		ensure_invariant(
			recent.windows(2).all(|pair| pair[0] <= pair[1]),
			"the brake's recent pulls are not in order",
		)?;
		ensure_invariant(
			recent.len() as u32 <= T::MaxBrakesPerPeriod::get(),
			"more recent pulls of the brake than the period allows",
		)?;
		let now = Pallet::<T>::now();
		ensure_invariant(
			recent.iter().all(|pulled| *pulled <= now),
			"a recent pull of the brake is in the future",
		)?;
		Ok(())
	}
}
