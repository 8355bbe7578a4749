//! The emergency brake: who may put the chain into safe mode, how often and for how long.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{Get, SafeMode},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{CheckedAdd, Zero};

impl<T: Config> Pallet<T> {
	/// Puts the chain into safe mode for [`Config::BrakeDuration`] on behalf of `braker`, if its
	/// cooldown has passed and the period's budget has room.
	pub(crate) fn do_pull_brake(braker: Braker) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let duration = T::BrakeDuration::get();
		ensure!(!duration.is_zero(), Error::<T>::BrakeDisabled);
		if let Some(ended) = LastBrake::<T>::get(&braker) {
			let ready = ended.checked_add(&T::BrakeCooldown::get()).ok_or(Error::<T>::Overflow)?;
			ensure!(now >= ready, Error::<T>::BrakeCoolingDown);
		}
		let window = Self::brake_window(now)?;
		let used = window.used.checked_add(&duration).ok_or(Error::<T>::Overflow)?;
		ensure!(used <= T::MaxBrakePerPeriod::get(), Error::<T>::BrakeBudgetSpent);
		let until = now.checked_add(&duration).ok_or(Error::<T>::Overflow)?;
		T::SafeMode::enter(duration).map_err(|_| Error::<T>::AlreadyBraked)?;
		LastBrake::<T>::insert(&braker, until);
		BrakeBudget::<T>::put(BrakeWindow { start: window.start, used });
		Self::deposit_event(Event::BrakePulled { by: braker, until });
		Ok(())
	}

	/// The budget window `now` falls in: the stored one, or a fresh one from `now` once the
	/// stored one's period has passed.
	fn brake_window(
		now: BlockNumberFor<T>,
	) -> Result<BrakeWindow<BlockNumberFor<T>>, DispatchError> {
		let window = BrakeBudget::<T>::get();
		let end = window.start.checked_add(&T::BrakePeriod::get()).ok_or(Error::<T>::Overflow)?;
		Ok(if now >= end || window.used.is_zero() {
			BrakeWindow { start: now, used: Zero::zero() }
		} else {
			window
		})
	}
}
