//! The emergency brake: who may put the chain into safe mode, how often and for how long.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{Get, SafeMode},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{CheckedAdd, CheckedSub, Zero};

impl<T: Config> Pallet<T> {
	/// Puts the chain into safe mode for [`Config::BrakeDuration`] on behalf of `braker`, if its
	/// cooldown has passed and the period's budget has room.
	pub(crate) fn do_pull_brake(braker: Braker) -> DispatchResult {
		let now = Pallet::<T>::now();
		let duration = T::BrakeDuration::get();
		ensure!(!duration.is_zero(), Error::<T>::BrakeDisabled);
		if let Some(ended) = LastBrake::<T>::get(&braker) {
			let ready = ended.checked_add(&T::BrakeCooldown::get()).ok_or(Error::<T>::Overflow)?;
			ensure!(now >= ready, Error::<T>::BrakeCoolingDown);
		}
		let mut recent = Self::recent_brakes(now);
		recent.try_push(now).map_err(|_| Error::<T>::BrakeBudgetSpent)?;
		let until = now.checked_add(&duration).ok_or(Error::<T>::Overflow)?;
		T::SafeMode::enter(duration).map_err(|_| Error::<T>::AlreadyBraked)?;
		LastBrake::<T>::insert(&braker, until);
		RecentBrakes::<T>::put(recent);
		Self::deposit_event(Event::BrakePulled { by: braker, until });
		Ok(())
	}

	/// The pulls of the last [`Config::BrakePeriod`] blocks before `now` (a sliding window:
	/// no two periods can be straddled): a pull at or before `now − BrakePeriod` is dropped.
	fn recent_brakes(
		now: BlockNumberFor<T>,
	) -> BoundedVec<BlockNumberFor<T>, T::MaxBrakesPerPeriod> {
		let mut recent = RecentBrakes::<T>::get();
		// Before the first whole period has passed, every pull is recent.
		if let Some(cutoff) = now.checked_sub(&T::BrakePeriod::get()) {
			recent.retain(|pulled| *pulled > cutoff);
		}
		recent
	}
}
