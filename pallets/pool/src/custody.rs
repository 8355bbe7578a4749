//! Custodians and spends from a plan's reserve: M of N approvals, a time lock with a
//! governance veto, expiry, and rotation without moving funds.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, Get},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_custodians(
		plan: PlanId,
		custodians: BoundedVec<T::AccountId, T::MaxCustodians>,
		threshold: u32,
	) -> DispatchResult {
		T::Plans::plan_terms(plan).ok_or(Error::<T>::PlanNotFound)?;
		let count = custodians.len() as u32;
		ensure!(threshold >= 1 && threshold <= count, Error::<T>::InvalidCustodianSet);
		for (position, custodian) in custodians.iter().enumerate() {
			ensure!(
				!custodians.iter().skip(position + 1).any(|other| other == custodian),
				Error::<T>::InvalidCustodianSet
			);
		}
		let version = Custodians::<T>::get(plan)
			.map_or(Some(0), |set| set.version.checked_add(1))
			.ok_or(ArithmeticError::Overflow)?;
		Custodians::<T>::insert(plan, CustodianSet { custodians, threshold, version });
		Self::deposit_event(Event::CustodiansSet { plan, custodians: count, threshold, version });
		Ok(())
	}

	/// The plan's custodian set, if `who` is one of its custodians.
	fn custodian_set_of(
		plan: PlanId,
		who: &T::AccountId,
	) -> Result<CustodianSetOf<T>, DispatchError> {
		let set = Custodians::<T>::get(plan).ok_or(Error::<T>::NoCustodians)?;
		ensure!(set.custodians.contains(who), Error::<T>::NotCustodian);
		Ok(set)
	}

	/// Marks `proposal` approved and starts its time lock when it has enough approvals.
	fn schedule_if_approved(
		plan: PlanId,
		spend: SpendId,
		proposal: &mut SpendProposalOf<T>,
		threshold: u32,
	) -> DispatchResult {
		if proposal.approvals.len() as u32 >= threshold {
			let executable_at = Pallet::<T>::now()
				.checked_add(&T::SpendTimeLock::get())
				.ok_or(ArithmeticError::Overflow)?;
			proposal.status = SpendStatus::Approved { executable_at };
			Self::deposit_event(Event::SpendScheduled { plan, spend, executable_at });
		}
		Ok(())
	}

	pub(crate) fn do_propose_spend(
		custodian: &T::AccountId,
		plan: PlanId,
		beneficiary: T::AccountId,
		amount: BalanceOf<T>,
		reason: H256,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let set = Self::custodian_set_of(plan, custodian)?;
		let spend = NextSpendId::<T>::get();
		let next = spend.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let expires_at = Pallet::<T>::now()
			.checked_add(&T::SpendLifetime::get())
			.ok_or(ArithmeticError::Overflow)?;
		let mut approvals = BoundedVec::new();
		approvals.try_push(custodian.clone()).map_err(|_| Error::<T>::InvalidCustodianSet)?;
		let mut proposal = SpendProposal {
			beneficiary,
			amount,
			reason,
			approvals,
			custodian_set_version: set.version,
			status: SpendStatus::Proposed,
			expires_at,
		};
		Self::deposit_event(Event::SpendProposed {
			plan,
			spend,
			proposer: custodian.clone(),
			amount,
		});
		Self::schedule_if_approved(plan, spend, &mut proposal, set.threshold)?;
		Spends::<T>::insert(plan, spend, proposal);
		NextSpendId::<T>::put(next);
		Ok(())
	}

	/// The open proposal, unless it expired or its custodian set changed.
	fn live_spend(plan: PlanId, spend: SpendId) -> Result<SpendProposalOf<T>, DispatchError> {
		let proposal = Spends::<T>::get(plan, spend).ok_or(Error::<T>::SpendNotFound)?;
		ensure!(Pallet::<T>::now() < proposal.expires_at, Error::<T>::SpendExpired);
		let current = Custodians::<T>::get(plan).map(|set| set.version);
		ensure!(current == Some(proposal.custodian_set_version), Error::<T>::StaleSpend);
		Ok(proposal)
	}

	pub(crate) fn do_approve_spend(
		custodian: &T::AccountId,
		plan: PlanId,
		spend: SpendId,
	) -> DispatchResult {
		let set = Self::custodian_set_of(plan, custodian)?;
		let mut proposal = Self::live_spend(plan, spend)?;
		ensure!(proposal.status == SpendStatus::Proposed, Error::<T>::SpendAlreadyApproved);
		ensure!(!proposal.approvals.contains(custodian), Error::<T>::AlreadyApproved);
		proposal.approvals.try_push(custodian.clone()).map_err(|_| Error::<T>::AlreadyApproved)?;
		Self::deposit_event(Event::SpendApproved { plan, spend, custodian: custodian.clone() });
		Self::schedule_if_approved(plan, spend, &mut proposal, set.threshold)?;
		Spends::<T>::insert(plan, spend, proposal);
		Ok(())
	}

	pub(crate) fn do_veto_spend(plan: PlanId, spend: SpendId) -> DispatchResult {
		ensure!(Spends::<T>::contains_key(plan, spend), Error::<T>::SpendNotFound);
		Spends::<T>::remove(plan, spend);
		Self::deposit_event(Event::SpendVetoed { plan, spend });
		Ok(())
	}

	pub(crate) fn do_execute_spend(plan: PlanId, spend: SpendId) -> DispatchResult {
		let proposal = Self::live_spend(plan, spend)?;
		let SpendStatus::Approved { executable_at } = proposal.status else {
			return Err(Error::<T>::SpendNotApproved.into());
		};
		ensure!(Pallet::<T>::now() >= executable_at, Error::<T>::SpendLocked);
		let mut books = Books::<T>::get(plan).ok_or(Error::<T>::InsufficientReserve)?;
		ensure!(proposal.amount <= books.reserve, Error::<T>::InsufficientReserve);
		books.reserve = books.reserve.saturating_sub(proposal.amount);
		T::Currency::transfer(
			&Self::pool_account(plan),
			&proposal.beneficiary,
			proposal.amount,
			Preservation::Expendable,
		)?;
		Books::<T>::insert(plan, books);
		Spends::<T>::remove(plan, spend);
		Self::deposit_event(Event::SpendExecuted {
			plan,
			spend,
			beneficiary: proposal.beneficiary,
			amount: proposal.amount,
		});
		Ok(())
	}

	pub(crate) fn do_remove_spend(plan: PlanId, spend: SpendId) -> DispatchResult {
		let proposal = Spends::<T>::get(plan, spend).ok_or(Error::<T>::SpendNotFound)?;
		let expired = Pallet::<T>::now() >= proposal.expires_at;
		let stale = Custodians::<T>::get(plan).map(|set| set.version)
			!= Some(proposal.custodian_set_version);
		ensure!(expired || stale, Error::<T>::SpendStillOpen);
		Spends::<T>::remove(plan, spend);
		Self::deposit_event(Event::SpendRemoved { plan, spend });
		Ok(())
	}
}
