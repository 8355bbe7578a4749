//! Filing claims and deciding them by attestation or alliance vote; withdrawal.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, Get},
};
use huzhu_primitives::membership::credential_types::{ALLIANCE_ENTERPRISE, MEDICAL_INSTITUTION};
use sp_core::H256;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult, Perbill,
};

impl<T: Config> Pallet<T> {
	/// The current block.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Takes the next claim id.
	pub(crate) fn next_claim_id() -> Result<ClaimId, DispatchError> {
		let id = NextClaimId::<T>::get();
		NextClaimId::<T>::put(id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		Ok(id)
	}

	/// The plan's terms.
	pub(crate) fn terms(
		plan: PlanId,
	) -> Result<PlanTerms<BalanceOf<T>, BlockNumberFor<T>>, DispatchError> {
		T::Plans::plan_terms(plan).ok_or_else(|| Error::<T>::PlanNotFound.into())
	}

	/// `who`'s DID, if it is a covered member of `plan` whose cover started before this block.
	pub(crate) fn covered_claimant(
		plan: PlanId,
		who: &T::AccountId,
	) -> Result<DidId, DispatchError> {
		ensure!(T::Membership::is_active_member(plan, who), Error::<T>::NotCovered);
		let since = T::Membership::active_since(plan, who).ok_or(Error::<T>::NotCovered)?;
		ensure!(since < Self::now(), Error::<T>::CoverStartedThisBlock);
		T::Membership::did_of(who).ok_or_else(|| Error::<T>::NoDid.into())
	}

	/// Checks an amount asked against the plan's maximum.
	pub(crate) fn ensure_valid_amount(
		amount: BalanceOf<T>,
		terms: &PlanTerms<BalanceOf<T>, BlockNumberFor<T>>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount <= terms.max_payout_per_claim, Error::<T>::AmountAboveMaximum);
		Ok(())
	}

	/// Holds a claimant's bond.
	pub(crate) fn hold_bond(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::hold(&reason.into(), who, amount)
	}

	pub(crate) fn do_file_claim(
		who: T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
		evidence: H256,
	) -> DispatchResult {
		let terms = Self::terms(plan)?;
		let kind = match terms.trigger {
			TriggerKind::Attestation { .. } => ClaimKind::Attestation,
			TriggerKind::Alliance { .. } => ClaimKind::Alliance,
			TriggerKind::Parametric { .. } => return Err(Error::<T>::UseIndexEvent.into()),
		};
		Self::ensure_valid_amount(amount, &terms)?;
		let claimant_did = Self::covered_claimant(plan, &who)?;
		ensure!(!EvidenceClaims::<T>::contains_key(evidence), Error::<T>::EvidenceAlreadyClaimed);
		let electorate = match kind {
			ClaimKind::Alliance => T::Membership::active_member_count(plan).saturating_sub(1),
			_ => 0,
		};
		let claim_id = Self::next_claim_id()?;
		let decide_by =
			Self::schedule(claim_id, Self::now().saturating_add(Self::params().decision_period))?;
		let bond = T::ClaimBond::get();
		Self::hold_bond(HoldReason::ClaimBond, &who, bond)?;
		EvidenceClaims::<T>::insert(evidence, claim_id);
		Claims::<T>::insert(
			claim_id,
			Claim {
				plan,
				claimant: who.clone(),
				claimant_did,
				kind,
				amount,
				approved_amount: amount,
				evidence,
				bond,
				filed_at: Self::now(),
				status: ClaimStatus::Filed { decide_by },
				decided_by: None,
				tally: DecisionTally { electorate, ..Default::default() },
			},
		);
		Self::deposit_event(Event::ClaimFiled {
			claim: claim_id,
			plan,
			claimant: who,
			amount,
			evidence,
		});
		Ok(())
	}

	/// A filed claim of `kind`, with its plan's trigger.
	fn awaiting_decision(
		claim_id: ClaimId,
		kind: ClaimKind,
	) -> Result<(ClaimOf<T>, TriggerKind), DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		ensure!(claim.kind == kind, Error::<T>::WrongTrigger);
		ensure!(matches!(claim.status, ClaimStatus::Filed { .. }), Error::<T>::NotAwaitingDecision);
		let trigger = Self::terms(claim.plan)?.trigger;
		Ok((claim, trigger))
	}

	pub(crate) fn do_attest_claim(
		who: &T::AccountId,
		claim_id: ClaimId,
		diagnosis: H256,
		confirmed_amount: Option<BalanceOf<T>>,
	) -> DispatchResult {
		let (mut claim, trigger) = Self::awaiting_decision(claim_id, ClaimKind::Attestation)?;
		let TriggerKind::Attestation { attestations_required } = trigger else {
			return Err(Error::<T>::WrongTrigger.into());
		};
		let attester = T::Membership::did_of(who).ok_or(Error::<T>::NoDid)?;
		ensure!(
			T::Credentials::is_accredited_issuer(attester, MEDICAL_INSTITUTION),
			Error::<T>::NotAccreditedAttester
		);
		ensure!(attester != claim.claimant_did, Error::<T>::PartyCannotDecide);
		ensure!(!Attestations::<T>::contains_key(claim_id, attester), Error::<T>::AlreadyAttested);
		match confirmed_amount {
			Some(amount) => {
				ensure!(
					!amount.is_zero() && amount <= claim.amount,
					Error::<T>::InvalidConfirmedAmount
				);
				claim
					.tally
					.confirmed_by
					.try_push(attester)
					.map_err(|_| Error::<T>::NotAwaitingDecision)?;
				claim.approved_amount = claim.approved_amount.min(amount);
			}
			None => claim.tally.denials = claim.tally.denials.saturating_add(1),
		}
		Attestations::<T>::insert(claim_id, attester, Attestation { diagnosis, confirmed_amount });
		Self::deposit_event(Event::ClaimAttested { claim: claim_id, attester, confirmed_amount });
		if claim.tally.confirmed_by.len() >= attestations_required as usize {
			Self::decide(claim_id, claim, Decision::Attested)
		} else if claim.tally.denials >= attestations_required {
			Self::reject(claim_id, claim, RejectionReason::Denied, Self::now());
			Ok(())
		} else {
			Claims::<T>::insert(claim_id, claim);
			Ok(())
		}
	}

	pub(crate) fn do_vote_alliance(
		who: &T::AccountId,
		claim_id: ClaimId,
		approve: bool,
	) -> DispatchResult {
		let (mut claim, trigger) = Self::awaiting_decision(claim_id, ClaimKind::Alliance)?;
		let TriggerKind::Alliance { approval_threshold } = trigger else {
			return Err(Error::<T>::WrongTrigger.into());
		};
		let voter = T::Membership::did_of(who).ok_or(Error::<T>::NoDid)?;
		ensure!(voter != claim.claimant_did, Error::<T>::PartyCannotDecide);
		ensure!(
			T::Membership::is_active_member(claim.plan, who)
				&& T::Credentials::has_valid_credential(voter, ALLIANCE_ENTERPRISE),
			Error::<T>::NotAllianceEnterprise
		);
		ensure!(!AllianceVotes::<T>::contains_key(claim_id, voter), Error::<T>::AlreadyVoted);
		let tally = &mut claim.tally;
		if approve {
			tally.ayes = tally.ayes.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		} else {
			tally.nays = tally.nays.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		}
		// Members who joined after filing may vote too; the electorate grows with them.
		let voted = tally.ayes.saturating_add(tally.nays);
		let electorate = tally.electorate.max(voted).max(One::one());
		tally.electorate = electorate;
		let approval = Perbill::from_rational(tally.ayes, electorate);
		let best_case = Perbill::from_rational(electorate.saturating_sub(tally.nays), electorate);
		AllianceVotes::<T>::insert(claim_id, voter, approve);
		Self::deposit_event(Event::AllianceVoted { claim: claim_id, voter, approve });
		if approval >= approval_threshold {
			Self::decide(claim_id, claim, Decision::Voted)
		} else if best_case < approval_threshold {
			Self::reject(claim_id, claim, RejectionReason::VotedDown, Self::now());
			Ok(())
		} else {
			Claims::<T>::insert(claim_id, claim);
			Ok(())
		}
	}

	/// A claim decided in the claimant's favour enters its public challenge window.
	pub(crate) fn decide(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		decision: Decision,
	) -> DispatchResult {
		Self::unschedule_status(claim_id, &claim.status);
		let challenge_period = Self::terms(claim.plan)?.challenge_period;
		let window_ends = Self::schedule(claim_id, Self::now().saturating_add(challenge_period))?;
		claim.status = ClaimStatus::Challengeable { window_ends };
		claim.decided_by = Some(decision);
		Self::deposit_event(Event::ClaimDecided {
			claim: claim_id,
			decision,
			amount: claim.approved_amount,
			window_ends,
		});
		Claims::<T>::insert(claim_id, claim);
		Ok(())
	}

	pub(crate) fn do_withdraw_claim(who: &T::AccountId, claim_id: ClaimId) -> DispatchResult {
		let mut claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		ensure!(claim.claimant == *who, Error::<T>::NotClaimant);
		ensure!(
			matches!(claim.status, ClaimStatus::Filed { .. } | ClaimStatus::Challengeable { .. }),
			Error::<T>::CannotWithdraw
		);
		Self::unschedule_status(claim_id, &claim.status);
		Self::release_bond(HoldReason::ClaimBond, who, claim.bond);
		claim.status = ClaimStatus::Withdrawn;
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::ClaimWithdrawn { claim: claim_id });
		Ok(())
	}
}
