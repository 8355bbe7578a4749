//! Benchmarks of every call and of the election at its bounds. Bonds, session keys and
//! nominations come from [`Config::BenchmarkHelper`].

use super::*;
use crate::Pallet as Elections;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_election_provider_support::{ElectionDataProvider, ElectionProvider};
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Saturating, StaticLookup},
	BoundedVec, Perbill,
};

type HelperOf<T> = <T as Config>::BenchmarkHelper;

fn description<T: Config>() -> DescriptionOf<T> {
	CandidateDescription {
		name: vec![b'n'; T::MaxNameLen::get() as usize].try_into().expect("the bound"),
		url: vec![b'u'; T::MaxUrlLen::get() as usize].try_into().expect("the bound"),
		did: Some(7),
	}
}

fn self_bond<T: Config>() -> T::Balance {
	Elections::<T>::params().min_self_bond.saturating_mul(2u32.into())
}

/// Starts from no candidates (a genesis may have registered some).
fn no_candidates<T: Config>() {
	let _ = Candidates::<T>::clear(u32::MAX, None);
	let _ = IneligibleSince::<T>::clear(u32::MAX, None);
}

/// A registered candidate `index` of `name`.
fn registered<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	HelperOf::<T>::bond_with_keys(&who, self_bond::<T>());
	Elections::<T>::do_register_candidate(
		who.clone(),
		Perbill::from_percent(10),
		description::<T>(),
	)
	.expect("a bonded account with keys registers");
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// With the candidate list one short of full.
	#[benchmark]
	fn register_candidate() {
		no_candidates::<T>();
		for index in 0..T::MaxCandidates::get().saturating_sub(1) {
			registered::<T>("candidate", index);
		}
		let who: T::AccountId = account("newcomer", 0, 0);
		HelperOf::<T>::bond_with_keys(&who, self_bond::<T>());
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), Perbill::from_percent(10), description::<T>());
		assert!(Candidates::<T>::contains_key(&who));
	}

	/// With the list full: the newcomer, with a larger self-bond, displaces the only candidate
	/// that may go — the best-ranked of the last election's ranking — after passing over all
	/// the others from the bottom (each registered again since that election), with the most
	/// winners seated (none of them a candidate, so every `contains` reads them all).
	#[benchmark]
	fn register_candidate_displacing() {
		no_candidates::<T>();
		let candidates: Vec<T::AccountId> =
			(0..T::MaxCandidates::get()).map(|index| registered::<T>("candidate", index)).collect();
		let at = crate::Pallet::<T>::now();
		LastRanking::<T>::put((at, BoundedVec::truncate_from(candidates.clone())));
		for who in candidates.iter().skip(1) {
			Candidates::<T>::mutate(who, |candidate| {
				if let Some(candidate) = candidate {
					candidate.registered_at = at + 1u32.into();
				}
			});
		}
		let seated: Vec<T::AccountId> =
			(0..T::MaxWinners::get()).map(|index| account("winner", index, 0)).collect();
		LastWinners::<T>::put(BoundedVec::truncate_from(seated));
		let who: T::AccountId = account("newcomer", 0, 0);
		HelperOf::<T>::bond_with_keys(&who, self_bond::<T>().saturating_mul(2u32.into()));
		#[extrinsic_call]
		register_candidate(
			RawOrigin::Signed(who.clone()),
			Perbill::from_percent(10),
			description::<T>(),
		);
		assert!(Candidates::<T>::contains_key(&who));
		assert!(candidates.first().is_some_and(|first| !Candidates::<T>::contains_key(first)));
	}

	#[benchmark]
	fn update_candidate() {
		let who = registered::<T>("candidate", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), Perbill::from_percent(20), description::<T>());
		assert_eq!(
			Candidates::<T>::get(&who).map(|c| c.commission),
			Some(Perbill::from_percent(20))
		);
	}

	#[benchmark]
	fn leave_candidacy() {
		let who = registered::<T>("candidate", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Candidates::<T>::contains_key(&who));
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut params = Elections::<T>::params();
		params.max_votes = 1;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Params::<T>::get(), Some(params));
		Ok(())
	}

	/// A bonded, declared candidate that an election marked ineligible: the staking system's
	/// whole withdrawal runs (the best-effort path's most expensive case), and the mark goes.
	/// An election charges each candidate it drops as ineligible this weight.
	#[benchmark]
	fn remove_candidate() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = registered::<T>("candidate", 0);
		IneligibleSince::<T>::insert(&who, crate::Pallet::<T>::now());
		let lookup = T::Lookup::unlookup(who.clone());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, lookup);
		assert!(!Candidates::<T>::contains_key(&who));
		assert!(!IneligibleSince::<T>::contains_key(&who));
		assert!(!T::Staking::is_validating(&who), "the withdrawal ran");
		Ok(())
	}

	/// `v` voters, each approving the most candidates a voter may, among `t` candidates, every
	/// one of which an earlier election marked ineligible and this one finds eligible again
	/// (its mark read and removed). Candidates this election drops are charged
	/// [`remove_candidate`](Pallet::remove_candidate) each on top (see `Pallet::elect_weight`).
	#[benchmark]
	fn elect(
		v: Linear<1, { T::MaxElectingVoters::get() }>,
		t: Linear<1, { T::MaxCandidates::get() }>,
	) {
		no_candidates::<T>();
		let mut params = Elections::<T>::params();
		params.min_seats = 1;
		params.max_votes =
			<T::DataProvider as ElectionDataProvider>::MaxVotesPerVoter::get().min(t).max(1);
		Params::<T>::put(params);
		let candidates: Vec<T::AccountId> =
			(0..t).map(|index| registered::<T>("candidate", index)).collect();
		for index in 0..v {
			let voter: T::AccountId = account("voter", index, 0);
			let approvals = (0..params.max_votes)
				.filter_map(|k| candidates.get(((index + k) % t) as usize).cloned())
				.collect();
			HelperOf::<T>::nominate(&voter, self_bond::<T>(), approvals);
		}
		let marked_at = crate::Pallet::<T>::now();
		for candidate in &candidates {
			IneligibleSince::<T>::insert(candidate, marked_at);
		}
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			marked_at.saturating_add(1u32.into()),
		);
		#[block]
		{
			<Elections<T> as ElectionProvider>::elect(0).expect("enough candidates");
		}
		assert!(!LastWinners::<T>::get().is_empty());
		assert!(IneligibleSince::<T>::iter_keys().next().is_none(), "every mark cleared");
	}

	impl_benchmark_test_suite!(Elections, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
