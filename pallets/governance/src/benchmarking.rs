//! Benchmarks of the governance pallet: the electorate check of every vote and the brake.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get, SafeMode};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating, Zero};

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// An account whose DID is a voter ([`MembershipInspect::is_voter`]: covered in a plan that
	/// requires the personhood credential, with a personhood commitment of its own), distinct
	/// for each `seed`.
	fn active_member(seed: u32) -> AccountId;
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The electorate check of a vote ([`CheckElectorate`]) that passes: every read it makes
	/// (the DID, its voter standing through all its plans, the poll's submission).
	#[benchmark]
	fn check_voter() -> Result<(), BenchmarkError> {
		let member = T::BenchmarkHelper::active_member(0);
		// The poll is submitted after the member became a voter: it is in its electorate.
		let now = crate::Pallet::<T>::now();
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			now.saturating_add(One::one()),
		);
		let poll = T::Polls::create_ongoing(T::Polls::max_ongoing().0)
			.map_err(|_| BenchmarkError::Stop("cannot open a poll"))?;

		let result;
		#[block]
		{
			result = Pallet::<T>::check_voter(&member, poll);
		}

		assert!(result.is_ok());
		Ok(())
	}

	/// The brake pulled by a braker that pulled before (its cooldown read and passed), with a
	/// full window of earlier pulls to sweep.
	#[benchmark]
	fn pull_brake() -> Result<(), BenchmarkError> {
		let origin =
			T::BrakeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let braker = T::BrakeOrigin::try_origin(origin.clone())
			.map_err(|_| BenchmarkError::Stop("the brake origin fails"))?;
		let now = T::BrakeCooldown::get().saturating_add(T::BrakePeriod::get());
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(now);
		LastBrake::<T>::insert(&braker, BlockNumberFor::<T>::zero());
		// A full window of earlier pulls, all but the newest already outside the period: the
		// pull drops them and keeps one.
		let limit = T::MaxBrakesPerPeriod::get();
		let recent: Vec<BlockNumberFor<T>> = (0..limit.saturating_sub(1))
			.map(|_| BlockNumberFor::<T>::zero())
			.chain(core::iter::once(now.saturating_sub(One::one())))
			.take(limit as usize)
			.collect();
		RecentBrakes::<T>::put(frame_support::BoundedVec::truncate_from(recent));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert!(T::SafeMode::is_entered());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
