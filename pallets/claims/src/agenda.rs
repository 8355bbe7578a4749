//! The agenda: claims whose state ends in a block, served by `on_initialize`; approval and
//! payout.

use crate::{pallet::*, *};
use frame_support::{
	storage::with_storage_layer,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	weights::Weight,
};
use sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The adjudication periods in force.
	pub fn params() -> AdjudicationParamsOf<T> {
		Params::<T>::get().unwrap_or_else(T::DefaultParams::get)
	}

	/// Whether every period lasts at least one block.
	pub fn valid_params(params: &AdjudicationParamsOf<T>) -> bool {
		[
			params.decision_period,
			params.commit_period,
			params.reveal_period,
			params.appeal_period,
			params.index_claim_period,
		]
		.iter()
		.all(|period| !period.is_zero())
	}

	pub(crate) fn do_set_params(params: AdjudicationParamsOf<T>) -> DispatchResult {
		frame_support::ensure!(Self::valid_params(&params), Error::<T>::InvalidParams);
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}

	/// Puts `claim` into the agenda of block `at`, or of the first later block with room (at
	/// most [`Config::MaxDuePerBlock`] blocks later); returns that block.
	pub(crate) fn schedule(
		claim: ClaimId,
		at: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut block = at;
		for _ in 0..T::MaxDuePerBlock::get() {
			let added = Agenda::<T>::try_mutate(block, |due| due.try_push(claim)).is_ok();
			if added {
				return Ok(block);
			}
			block = block.saturating_add(One::one());
		}
		Err(Error::<T>::AgendaFull.into())
	}

	/// Takes `claim` out of the agenda of block `at`.
	pub(crate) fn unschedule(claim: ClaimId, at: BlockNumberFor<T>) {
		Agenda::<T>::mutate_exists(at, |due| {
			if let Some(claims) = due {
				claims.retain(|scheduled| *scheduled != claim);
				if claims.is_empty() {
					*due = None;
				}
			}
		});
	}

	/// Takes a claim's current state out of the agenda, if it ends by time.
	pub(crate) fn unschedule_status(claim: ClaimId, status: &ClaimStatus<BlockNumberFor<T>>) {
		if let Some(at) = status.due_at() {
			Self::unschedule(claim, at);
		}
	}

	/// `on_initialize`: ends every state due in block `now` — expired claims, closed windows,
	/// counted juries, final verdicts — each in its own storage layer.
	pub(crate) fn do_serve_agenda(now: BlockNumberFor<T>) -> Weight {
		let due = Agenda::<T>::take(now);
		let count = due.len() as u32;
		for claim in due {
			let _ = with_storage_layer(|| Self::serve(claim, now));
		}
		T::WeightInfo::on_initialize_window(count).max(T::WeightInfo::on_initialize_verdict(count))
	}

	fn serve(claim_id: ClaimId, now: BlockNumberFor<T>) -> DispatchResult {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		if claim.status.due_at() != Some(now) {
			return Ok(());
		}
		match claim.status {
			ClaimStatus::Filed { .. } => {
				Self::reject(claim_id, claim, RejectionReason::Expired, now);
				Ok(())
			}
			ClaimStatus::Challengeable { .. } => {
				Self::approve(claim_id, claim, now);
				Ok(())
			}
			ClaimStatus::UnderJury { round, .. } => {
				Self::count_verdict(claim_id, claim, round, now)
			}
			ClaimStatus::Appealable { upheld, .. } => Self::finalize(claim_id, claim, upheld, now),
			_ => Ok(()),
		}
	}

	/// Releases `amount` of `who`'s bond held for `reason`.
	pub(crate) fn release_bond(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) {
		let _ = T::Currency::release(&reason.into(), who, amount, Precision::BestEffort);
	}

	/// Rejects a claim that is not disputed (denied, voted down, expired): the bond is returned.
	pub(crate) fn reject(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		reason: RejectionReason,
		now: BlockNumberFor<T>,
	) {
		Self::unschedule_status(claim_id, &claim.status);
		Self::release_bond(HoldReason::ClaimBond, &claim.claimant, claim.bond);
		claim.status = ClaimStatus::Rejected { at: now, reason };
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::ClaimRejected { claim: claim_id, reason });
	}

	/// Approves a claim and pays it in the same block.
	pub(crate) fn approve(claim_id: ClaimId, mut claim: ClaimOf<T>, now: BlockNumberFor<T>) {
		Self::unschedule_status(claim_id, &claim.status);
		claim.status = ClaimStatus::Approved;
		Self::deposit_event(Event::ClaimApproved {
			claim: claim_id,
			amount: claim.approved_amount,
		});
		let _ = Self::pay(claim_id, claim, now);
	}

	/// Pays an approved claim through the pool: `Paid` and the bond returned, or, if the pool
	/// refuses, `Approved` with [`Event::PayoutFailed`].
	fn pay(claim_id: ClaimId, mut claim: ClaimOf<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let result = T::Payout::pay_claim(claim.plan, &claim.claimant, claim.approved_amount);
		match result {
			Ok(receipt) => {
				Self::release_bond(HoldReason::ClaimBond, &claim.claimant, claim.bond);
				claim.status = ClaimStatus::Paid { at: now };
				Self::deposit_event(Event::ClaimPaid {
					claim: claim_id,
					member: claim.claimant.clone(),
					amount: receipt.paid,
					block: now,
				});
				Claims::<T>::insert(claim_id, claim);
				Ok(())
			}
			Err(error) => {
				claim.status = ClaimStatus::Approved;
				Claims::<T>::insert(claim_id, claim);
				Self::deposit_event(Event::PayoutFailed { claim: claim_id, error });
				Err(error)
			}
		}
	}

	pub(crate) fn do_retry_payout(claim_id: ClaimId) -> DispatchResult {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		frame_support::ensure!(claim.status == ClaimStatus::Approved, Error::<T>::NotApproved);
		Self::pay(claim_id, claim, frame_system::Pallet::<T>::block_number())
	}
}
