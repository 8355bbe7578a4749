//! Benchmarks of the governance pallet's calls, each at the size of the member's record on the
//! track (`v` polls), which bounds the polls a call reads or whose tally it adjusts.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get, SafeMode};
use frame_system::pallet_prelude::BlockNumberFor;
use frame_system::RawOrigin;
use sp_runtime::traits::StaticLookup;
use sp_runtime::traits::{One, Saturating, Zero};

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// An account whose DID is a voter ([`MembershipInspect::is_voter`]: covered in a plan that
	/// requires the personhood credential, with a personhood commitment of its own), distinct
	/// for each `seed`.
	fn active_member(seed: u32) -> AccountId;
}

/// The track the benchmarks vote on.
fn class<T: Config>() -> ClassOf<T> {
	T::Polls::max_ongoing().0
}

/// Moves to the next block.
fn next_block<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(One::one()));
}

/// Opens `count` ongoing polls on `class`.
fn open_polls<T: Config>(
	class: &ClassOf<T>,
	count: u32,
) -> Result<Vec<PollIndexOf<T>>, BenchmarkError> {
	(0..count)
		.map(|_| {
			T::Polls::create_ongoing(class.clone())
				.map_err(|_| BenchmarkError::Stop("cannot open a poll"))
		})
		.collect()
}

/// `voter` votes aye on every poll of `polls`.
fn vote_on<T: Config>(
	voter: &T::AccountId,
	polls: &[PollIndexOf<T>],
) -> Result<(), BenchmarkError> {
	for poll in polls {
		Pallet::<T>::vote(RawOrigin::Signed(voter.clone()).into(), *poll, MemberVote::Aye)?;
	}
	Ok(())
}

/// Member `seed`, having voted aye on `count` fresh ongoing polls of the benchmark track; with
/// the track and the polls.
fn member_with_votes<T: Config>(
	seed: u32,
	count: u32,
) -> Result<(T::AccountId, ClassOf<T>, Vec<PollIndexOf<T>>), BenchmarkError> {
	let class = class::<T>();
	let member = T::BenchmarkHelper::active_member(seed);
	// The polls are submitted after the member became a voter: it is in their electorate.
	next_block::<T>();
	let polls = open_polls::<T>(&class, count)?;
	vote_on::<T>(&member, &polls)?;
	Ok((member, class, polls))
}

/// The polls `voter`'s record holds on `class`.
fn recorded<T: Config>(voter: &T::AccountId, class: &ClassOf<T>) -> Vec<PollIndexOf<T>> {
	let did = T::Members::did_of(voter).unwrap_or_default();
	match VotingFor::<T>::get(did, class) {
		Voting::Casting { votes, .. } => votes.iter().map(|(poll, _)| *poll).collect(),
		Voting::Delegating { .. } => Vec::new(),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A first vote on a poll; the record holds `v` votes on ended polls, which it prunes.
	#[benchmark]
	fn vote_new(v: Linear<0, { T::MaxVotes::get() }>) -> Result<(), BenchmarkError> {
		let (voter, class, ended) = member_with_votes::<T>(0, v)?;
		for poll in &ended {
			T::Polls::end_ongoing(*poll, true)
				.map_err(|_| BenchmarkError::Stop("cannot end a poll"))?;
		}
		let poll = T::Polls::create_ongoing(class.clone())
			.map_err(|_| BenchmarkError::Stop("cannot open a poll"))?;

		#[extrinsic_call]
		vote(RawOrigin::Signed(voter.clone()), poll, MemberVote::Aye);

		assert!(recorded::<T>(&voter, &class).contains(&poll));
		Ok(())
	}

	/// A changed vote, the record holding `v` votes on ongoing polls.
	#[benchmark]
	fn vote_change(v: Linear<1, { T::MaxVotes::get() }>) -> Result<(), BenchmarkError> {
		let (voter, _, polls) = member_with_votes::<T>(0, v)?;
		let poll = *polls.last().ok_or(BenchmarkError::Stop("no poll"))?;

		#[extrinsic_call]
		vote(RawOrigin::Signed(voter), poll, MemberVote::Nay);

		let (tally, _) = T::Polls::as_ongoing(poll).ok_or(BenchmarkError::Stop("poll ended"))?;
		assert_eq!((tally.ayes, tally.nays), (0, 1));
		Ok(())
	}

	/// A vote removed from an ongoing poll, the record holding `v` votes.
	#[benchmark]
	fn remove_vote(v: Linear<1, { T::MaxVotes::get() }>) -> Result<(), BenchmarkError> {
		let (voter, class, polls) = member_with_votes::<T>(0, v)?;
		let poll = *polls.last().ok_or(BenchmarkError::Stop("no poll"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), None, poll);

		assert!(!recorded::<T>(&voter, &class).contains(&poll));
		Ok(())
	}

	/// A delegation to a member whose `v` ongoing votes gain one member each.
	#[benchmark]
	fn delegate(v: Linear<0, { T::MaxVotes::get() }>) -> Result<(), BenchmarkError> {
		let (target, class, polls) = member_with_votes::<T>(0, v)?;
		let delegator = T::BenchmarkHelper::active_member(1);
		let lookup = T::Lookup::unlookup(target.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), class.clone(), lookup);

		for poll in polls {
			let (tally, _) = T::Polls::as_ongoing(poll).ok_or(BenchmarkError::Stop("ended"))?;
			assert_eq!(tally.ayes, 2);
		}
		Ok(())
	}

	/// The end of a delegation to a member whose `v` ongoing votes lose one member each.
	#[benchmark]
	fn undelegate(v: Linear<0, { T::MaxVotes::get() }>) -> Result<(), BenchmarkError> {
		let (target, class, polls) = member_with_votes::<T>(0, v)?;
		let delegator = T::BenchmarkHelper::active_member(1);
		Pallet::<T>::delegate(
			RawOrigin::Signed(delegator.clone()).into(),
			class.clone(),
			T::Lookup::unlookup(target),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(delegator), class.clone());

		for poll in polls {
			let (tally, _) = T::Polls::as_ongoing(poll).ok_or(BenchmarkError::Stop("ended"))?;
			assert_eq!(tally.ayes, 1);
		}
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
		frame_system::Pallet::<T>::set_block_number(now);
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
