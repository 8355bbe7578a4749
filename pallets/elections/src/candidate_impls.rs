//! Candidacy and parameters.

use crate::{pallet::*, *};
use frame_election_provider_support::ElectionDataProvider;
use frame_support::{
	ensure,
	storage::with_storage_layer,
	traits::{Contains, Get},
};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Perbill};

impl<T: Config> Pallet<T> {
	/// The election parameters in force.
	pub fn params() -> ElectionParamsOf<T> {
		Params::<T>::get().unwrap_or_else(T::DefaultParams::get)
	}

	/// Whether `params` are within the bounds checked in code.
	pub fn valid_params(params: &ElectionParamsOf<T>) -> bool {
		let max_nominations = <T::DataProvider as ElectionDataProvider>::MaxVotesPerVoter::get();
		params.min_seats >= 1
			&& params.min_seats <= params.seats
			&& params.seats <= T::MaxWinners::get()
			&& params.max_votes >= 1
			&& params.max_votes <= max_nominations
			&& !params.min_self_bond.is_zero()
	}

	/// Whether `who` keeps the minimum self-bond now.
	pub fn keeps_self_bond(who: &T::AccountId) -> bool {
		T::Staking::self_bond(who) >= Self::params().min_self_bond
	}

	/// Whether `who` may be elected now: it keeps the minimum self-bond, has session keys and
	/// is declared a validator in the staking system.
	pub fn is_eligible(who: &T::AccountId) -> bool {
		Self::keeps_self_bond(who)
			&& T::SessionKeys::contains(who)
			&& T::Staking::is_validating(who)
	}

	fn ensure_valid_commission(commission: Perbill) -> DispatchResult {
		ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
		Ok(())
	}

	/// Registers `who`; on a full list, displaces the weakest candidate not seated (returned).
	/// Changes nothing on an error (the call is transactional).
	pub(crate) fn do_register_candidate(
		who: T::AccountId,
		commission: Perbill,
		description: DescriptionOf<T>,
	) -> Result<Option<T::AccountId>, DispatchError> {
		ensure!(!Candidates::<T>::contains_key(&who), Error::<T>::AlreadyCandidate);
		Self::ensure_valid_commission(commission)?;
		ensure!(T::SessionKeys::contains(&who), Error::<T>::NoSessionKeys);
		ensure!(Self::keeps_self_bond(&who), Error::<T>::InsufficientSelfBond);
		let displaced = if Candidates::<T>::count() < T::MaxCandidates::get() {
			None
		} else {
			let weakest = Self::displaceable().ok_or(Error::<T>::TooManyCandidates)?;
			ensure!(
				T::Staking::self_bond(&who) > T::Staking::self_bond(&weakest),
				Error::<T>::TooManyCandidates
			);
			Self::remove(weakest.clone(), RemovalReason::Displaced);
			Some(weakest)
		};
		T::Staking::validate(&who, commission)?;
		let registered_at = Pallet::<T>::now();
		Candidates::<T>::insert(&who, Candidate { commission, description, registered_at });
		Self::deposit_event(Event::CandidateRegistered { candidate: who, commission });
		Ok(displaced)
	}

	/// The candidate a full list gives up to a stronger registrant: the lowest-ranked of the
	/// last election ([`LastRanking`]) that it did not seat and that is still a candidate
	/// registered before it. One pass from the bottom of at most [`Config::MaxCandidates`]
	/// entries, stopping at the first.
	pub(crate) fn displaceable() -> Option<T::AccountId> {
		let (at, ranking) = LastRanking::<T>::get()?;
		let seated = LastWinners::<T>::get();
		// The set that validates now too: the staking system may have refused the last
		// election's result (fewer winners than its minimum) and kept an older set.
		let active = T::Staking::active_validators();
		ranking.into_iter().rev().find(|who| {
			!seated.contains(who)
				&& !active.contains(who)
				&& Candidates::<T>::get(who).is_some_and(|candidate| candidate.registered_at <= at)
		})
	}

	pub(crate) fn do_update_candidate(
		who: T::AccountId,
		commission: Perbill,
		description: DescriptionOf<T>,
	) -> DispatchResult {
		let mut candidate = Candidates::<T>::get(&who).ok_or(Error::<T>::NotCandidate)?;
		Self::ensure_valid_commission(commission)?;
		if candidate.commission != commission {
			T::Staking::validate(&who, commission)?;
		}
		candidate.commission = commission;
		candidate.description = description;
		Candidates::<T>::insert(&who, candidate);
		Self::deposit_event(Event::CandidateUpdated { candidate: who, commission });
		Ok(())
	}

	pub(crate) fn do_leave_candidacy(who: T::AccountId) -> DispatchResult {
		ensure!(Candidates::<T>::contains_key(&who), Error::<T>::NotCandidate);
		T::Staking::chill_and_unbond(&who)?;
		Candidates::<T>::remove(&who);
		IneligibleSince::<T>::remove(&who);
		Self::deposit_event(Event::CandidateLeft { candidate: who });
		Ok(())
	}

	/// Removes candidate `who` (governance, or two elections found it ineligible): withdraws its
	/// validator declaration and starts unbonding *best effort* — a refusal of the staking
	/// system (a stash that already chilled and unbonded by itself) is ignored, in its own
	/// storage layer so that it leaves no partial change — then drops the entry and its mark.
	pub(crate) fn remove(who: T::AccountId, reason: RemovalReason) {
		let _ = with_storage_layer(|| T::Staking::chill_and_unbond(&who));
		Candidates::<T>::remove(&who);
		IneligibleSince::<T>::remove(&who);
		Self::deposit_event(Event::CandidateRemoved { candidate: who, reason });
	}

	pub(crate) fn do_set_params(params: ElectionParamsOf<T>) -> DispatchResult {
		ensure!(Self::valid_params(&params), Error::<T>::InvalidParams);
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}
}
