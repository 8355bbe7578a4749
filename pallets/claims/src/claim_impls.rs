//! Filing claims (one constructor for every way in) and deciding them by attestation or alliance
//! vote; withdrawal.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use huzhu_primitives::membership::credential_types::{ALLIANCE_ENTERPRISE, MEDICAL_INSTITUTION};
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult, Perbill,
};

impl<T: Config> Pallet<T> {
	/// Takes the next claim id.
	pub(crate) fn take_next_claim_id() -> Result<ClaimId, DispatchError> {
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

	/// `who`'s DID, if it is a covered member of `plan` whose cover started before this block,
	/// after settling its deposit: a member whose settled deposit is below the plan's minimum is
	/// not covered and cannot claim.
	pub(crate) fn covered_claimant(
		plan: PlanId,
		who: &T::AccountId,
	) -> Result<DidId, DispatchError> {
		ensure!(T::Membership::is_active_member(plan, who), Error::<T>::NotCovered);
		let since = T::Membership::active_since(plan, who).ok_or(Error::<T>::NotCovered)?;
		ensure!(since < Self::block(), Error::<T>::CoverStartedThisBlock);
		let minimum = Self::terms(plan)?.min_deposit;
		let deposit = T::Payout::settle_member(plan, who)?;
		ensure!(
			deposit >= minimum && T::Membership::is_active_member(plan, who),
			Error::<T>::DepositBelowMinimum
		);
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

	/// The one way a claim comes into being, for filings, index payouts and audits: checks the
	/// claimant's open claims and the evidence commitment, takes the next id, holds `bond`, and
	/// stores the claim in its first state, which `first_state` schedules.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn open_claim(
		claimant: T::AccountId,
		claimant_did: DidId,
		plan: PlanId,
		kind: ClaimKind,
		amount: BalanceOf<T>,
		evidence: H256,
		bond: BalanceOf<T>,
		first_state: impl FnOnce(ClaimId) -> Result<ClaimStatusOf<T>, DispatchError>,
	) -> Result<ClaimId, DispatchError> {
		let open = OpenClaims::<T>::get(&claimant);
		ensure!(open < T::MaxOpenClaims::get(), Error::<T>::TooManyOpenClaims);
		let claim_id = Self::take_next_claim_id()?;
		if evidence != H256::zero() {
			ensure!(
				!EvidenceClaims::<T>::contains_key(evidence),
				Error::<T>::EvidenceAlreadyClaimed
			);
			EvidenceClaims::<T>::insert(evidence, claim_id);
		}
		T::Currency::hold(&HoldReason::ClaimBond.into(), &claimant, bond)?;
		let deposit = T::RecordDeposit::get();
		T::Currency::hold(&HoldReason::RecordDeposit.into(), &claimant, deposit)?;
		RecordDeposits::<T>::insert(claim_id, deposit);
		OpenClaims::<T>::insert(&claimant, open.saturating_add(1));
		Self::enqueue_open(plan, claim_id);
		Self::deposit_event(Event::ClaimFiled {
			claim: claim_id,
			plan,
			claimant: claimant.clone(),
			amount,
			evidence,
		});
		let status = first_state(claim_id)?;
		let filed_at = Self::block();
		Claims::<T>::insert(
			claim_id,
			Claim { plan, claimant, claimant_did, kind, amount, evidence, bond, filed_at, status },
		);
		Ok(claim_id)
	}

	pub(crate) fn do_file_claim(
		who: T::AccountId,
		plan: PlanId,
		amount: BalanceOf<T>,
		evidence: H256,
	) -> DispatchResult {
		let terms = Self::terms(plan)?;
		let kind = match terms.trigger {
			TriggerKind::Attestation { .. } => ClaimKind::Attestation {
				confirmed_by: Default::default(),
				denied_by: Default::default(),
			},
			TriggerKind::Alliance { .. } => ClaimKind::Alliance {
				ayes: 0,
				nays: 0,
				electorate: T::Membership::active_member_count(plan).saturating_sub(1),
			},
			TriggerKind::Parametric { .. } => return Err(Error::<T>::UseIndexEvent.into()),
		};
		Self::ensure_valid_amount(amount, &terms)?;
		let claimant_did = Self::covered_claimant(plan, &who)?;
		Self::open_claim(
			who,
			claimant_did,
			plan,
			kind,
			amount,
			evidence,
			T::ClaimBond::get(),
			|claim_id| {
				let decide_by = Self::schedule(
					claim_id,
					Self::tick().saturating_add(Self::params().decision_period),
					Lane::Filings,
				)?;
				Ok(ClaimStatus::Filed { decide_by })
			},
		)?;
		Ok(())
	}

	/// A filed claim, with its plan's trigger.
	fn awaiting_decision(claim_id: ClaimId) -> Result<(ClaimOf<T>, TriggerKind), DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		ensure!(matches!(claim.status, ClaimStatus::Filed { .. }), Error::<T>::NotAwaitingDecision);
		let trigger = Self::terms(claim.plan)?.trigger;
		Ok((claim, trigger))
	}

	/// What an attestation claim would be paid: the smallest amount an institution confirmed,
	/// or the amount asked when none did.
	pub(crate) fn attested_amount(claim_id: ClaimId, claim: &ClaimOf<T>) -> BalanceOf<T> {
		let ClaimKind::Attestation { confirmed_by, .. } = &claim.kind else { return claim.amount };
		confirmed_by
			.iter()
			.filter_map(|attester| Attestations::<T>::get(claim_id, attester)?.confirmed_amount)
			.fold(claim.amount, |lowest, confirmed| lowest.min(confirmed))
	}

	pub(crate) fn do_attest_claim(
		who: &T::AccountId,
		claim_id: ClaimId,
		diagnosis: H256,
		confirmed_amount: Option<BalanceOf<T>>,
	) -> DispatchResult {
		let (mut claim, trigger) = Self::awaiting_decision(claim_id)?;
		let TriggerKind::Attestation { attestations_required } = trigger else {
			return Err(Error::<T>::WrongTrigger.into());
		};
		let ClaimKind::Attestation { confirmed_by, denied_by } = &mut claim.kind else {
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
				confirmed_by.try_push(attester).map_err(|_| Error::<T>::NotAwaitingDecision)?;
			}
			None => denied_by.try_push(attester).map_err(|_| Error::<T>::NotAwaitingDecision)?,
		}
		let (confirmations, denials) = (confirmed_by.len(), denied_by.len());
		// An institution signs no more than its bond can answer for.
		let at_risk = Self::at_risk(confirmed_amount, &claim);
		let exposure = AttesterExposure::<T>::get(attester)
			.checked_add(&at_risk)
			.ok_or(ArithmeticError::Overflow)?;
		ensure!(
			exposure <= T::Penalties::issuer_bond(attester, MEDICAL_INSTITUTION),
			Error::<T>::AttesterOverexposed
		);
		if !exposure.is_zero() {
			AttesterExposure::<T>::insert(attester, exposure);
		}
		Attestations::<T>::insert(
			claim_id,
			attester,
			Attestation { diagnosis, confirmed_amount, at_risk },
		);
		Self::deposit_event(Event::ClaimAttested { claim: claim_id, attester, confirmed_amount });
		if confirmations >= attestations_required as usize {
			let amount = Self::attested_amount(claim_id, &claim);
			Self::decide(claim_id, claim, Decision::Attested, amount)
		} else if denials >= attestations_required as usize {
			Self::unschedule_status(claim_id, &claim.status);
			let dispute_ends = Self::schedule(
				claim_id,
				Self::tick().saturating_add(Self::params().appeal_period),
				Lane::Windows,
			)?;
			claim.status = ClaimStatus::Denied { dispute_ends };
			Claims::<T>::insert(claim_id, claim);
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
		let (mut claim, trigger) = Self::awaiting_decision(claim_id)?;
		let TriggerKind::Alliance { approval_threshold } = trigger else {
			return Err(Error::<T>::WrongTrigger.into());
		};
		let ClaimKind::Alliance { ayes, nays, electorate } = &mut claim.kind else {
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
		if approve {
			*ayes = ayes.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		} else {
			*nays = nays.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		}
		// Members who joined after filing may vote too; the electorate grows with them.
		let voted = ayes.saturating_add(*nays);
		*electorate = (*electorate).max(voted).max(1);
		let approval = Perbill::from_rational(*ayes, *electorate);
		let best_case = Perbill::from_rational(electorate.saturating_sub(*nays), *electorate);
		AllianceVotes::<T>::insert(claim_id, voter, approve);
		Self::deposit_event(Event::AllianceVoted { claim: claim_id, voter, approve });
		if approval >= approval_threshold {
			let amount = claim.amount;
			Self::decide(claim_id, claim, Decision::Voted, amount)
		} else if best_case < approval_threshold {
			Self::reject(claim_id, claim, RejectionReason::VotedDown);
			Ok(())
		} else {
			Claims::<T>::insert(claim_id, claim);
			Ok(())
		}
	}

	/// A claim decided in the claimant's favour for `amount` enters its public challenge window.
	pub(crate) fn decide(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		decision: Decision,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::unschedule_status(claim_id, &claim.status);
		claim.status = Self::challengeable(claim_id, claim.plan, decision, amount)?;
		Claims::<T>::insert(claim_id, claim);
		Ok(())
	}

	/// The public-window state of a claim decided for `amount`, scheduled; emits
	/// [`Event::ClaimDecided`].
	pub(crate) fn challengeable(
		claim_id: ClaimId,
		plan: PlanId,
		decision: Decision,
		amount: BalanceOf<T>,
	) -> Result<ClaimStatusOf<T>, DispatchError> {
		let challenge_period = Self::terms(plan)?.challenge_period;
		let window_ends =
			Self::schedule(claim_id, Self::tick().saturating_add(challenge_period), Lane::Windows)?;
		Self::deposit_event(Event::ClaimDecided { claim: claim_id, decision, amount, window_ends });
		Ok(ClaimStatus::Challengeable { decision, amount, window_ends })
	}

	pub(crate) fn do_withdraw_claim(who: &T::AccountId, claim_id: ClaimId) -> DispatchResult {
		let mut claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		ensure!(claim.claimant == *who, Error::<T>::NotClaimant);
		ensure!(
			matches!(
				claim.status,
				ClaimStatus::Filed { .. }
					| ClaimStatus::Denied { .. }
					| ClaimStatus::Challengeable { .. }
			),
			Error::<T>::CannotWithdraw
		);
		Self::unschedule_status(claim_id, &claim.status);
		Self::release_bond(HoldReason::ClaimBond, who, claim.bond);
		Self::close(claim_id, &claim);
		claim.status = ClaimStatus::Withdrawn;
		Claims::<T>::insert(claim_id, claim);
		WithdrawnAt::<T>::insert(claim_id, Self::block());
		Self::deposit_event(Event::ClaimWithdrawn { claim: claim_id });
		Ok(())
	}
}

/// What one [`prune_claim`](Pallet::prune_claim) did, for its weight.
pub(crate) enum Pruned {
	/// An attestation claim, with its attestations (at most `2 × MAX_ATTESTATIONS_REQUIRED`).
	Attested,
	/// An index payout, once no payout of its period can be pulled; its entry may go too.
	Pull,
	/// An audit, once no payout of its period can be pulled.
	Audit,
	/// This many alliance votes, and the record if they were its last.
	Votes(u32),
}

/// Pruning the public record.
impl<T: Config> Pallet<T> {
	/// Removes the record of a finished claim whose retention is over, with its attestations
	/// and alliance votes (at most [`Config::MaxPrunedVotes`] votes a call and one such call
	/// per claim and block; the record goes with the last), and returns its record deposit to
	/// the claimant.
	pub(crate) fn do_prune_claim(claim_id: ClaimId) -> Result<Pruned, DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ended = Self::ended_at(claim_id, &claim).ok_or(Error::<T>::NotFinished)?;
		ensure!(
			Self::block() >= ended.saturating_add(Self::params().record_retention),
			Error::<T>::RecordRetained
		);
		let pruned = match &claim.kind {
			ClaimKind::Parametric { region, period } => {
				ensure!(Self::pulls_over(claim.plan, *region, *period), Error::<T>::PullsStillOpen);
				// A pull that was not paid no longer stops its member: no payout of the period
				// can be pulled any more. A paid pull keeps its entry, which nets an audit.
				let key = (claim.plan, *region, *period);
				if !matches!(claim.status, ClaimStatus::Paid { .. })
					&& IndexClaims::<T>::get(key, claim.claimant_did) == Some(claim_id)
				{
					IndexClaims::<T>::remove(key, claim.claimant_did);
				}
				Pruned::Pull
			}
			ClaimKind::Audit { region, period } => {
				ensure!(Self::pulls_over(claim.plan, *region, *period), Error::<T>::PullsStillOpen);
				Pruned::Audit
			}
			ClaimKind::Alliance { .. } => {
				let now = Self::block();
				ensure!(
					VotesPrunedIn::<T>::get(claim_id) != Some(now),
					Error::<T>::VotesPrunedThisBlock
				);
				let most = T::MaxPrunedVotes::get();
				let removed =
					AllianceVotes::<T>::drain_prefix(claim_id).take(most as usize).count() as u32;
				if removed == most && AllianceVotes::<T>::iter_key_prefix(claim_id).next().is_some()
				{
					VotesPrunedIn::<T>::insert(claim_id, now);
					Self::deposit_event(Event::AllianceVotesPruned { claim: claim_id, removed });
					return Ok(Pruned::Votes(removed));
				}
				VotesPrunedIn::<T>::remove(claim_id);
				Pruned::Votes(removed)
			}
			ClaimKind::Attestation { confirmed_by, denied_by } => {
				for attester in confirmed_by.iter().chain(denied_by.iter()) {
					Attestations::<T>::remove(claim_id, attester);
				}
				Pruned::Attested
			}
		};
		Claims::<T>::remove(claim_id);
		WithdrawnAt::<T>::remove(claim_id);
		let deposit = RecordDeposits::<T>::take(claim_id).unwrap_or_default();
		T::Currency::release(
			&HoldReason::RecordDeposit.into(),
			&claim.claimant,
			deposit,
			Precision::Exact,
		)?;
		Self::deposit_event(Event::ClaimPruned { claim: claim_id, deposit });
		Ok(pruned)
	}

	/// The block a finished claim ended in, from which its record's retention counts; `None`
	/// while it is not finished.
	pub(crate) fn ended_at(claim_id: ClaimId, claim: &ClaimOf<T>) -> Option<BlockNumberFor<T>> {
		match claim.status {
			ClaimStatus::Paid { at, .. } | ClaimStatus::Rejected { at, .. } => Some(at),
			// Claims withdrawn before storage version 5: from filing.
			ClaimStatus::Withdrawn => {
				Some(WithdrawnAt::<T>::get(claim_id).unwrap_or(claim.filed_at))
			}
			_ => None,
		}
	}

	/// Whether no payout of `plan`'s `region` and `period` can be pulled any more: its index
	/// event's claim period is over (which never changes again), or, with no event, the window
	/// to open one is, under the plan's terms and metric as they are. While the plan is not
	/// parametric or its metric is gone, governance could change that back: not over. (Plans
	/// are never removed: a plan that does not exist never had a member.)
	pub(crate) fn pulls_over(plan: PlanId, region: RegionId, period: u32) -> bool {
		if let Some(event) = IndexEvents::<T>::get(plan, (region, period)) {
			return Self::tick() >= event.claims_until;
		}
		let Ok(terms) = Self::terms(plan) else { return true };
		let TriggerKind::Parametric { metric, .. } = terms.trigger else { return false };
		let Some(spec) = Metrics::<T>::get(metric) else { return false };
		let Ok((_, end)) = Self::period_bounds(&spec, period) else { return false };
		let closes = Self::submission_closes(&spec, end);
		Self::block() >= Self::unbraked_deadline(closes, spec.submission_window)
	}
}

/// An institution is exposed while a claim it attested may still be decided against its
/// attestation: the membership pallet keeps its bond held until then.
impl<T: Config> Pallet<T> {
	/// Puts the new claim `claim_id` last in `plan`'s queue of open claims.
	pub(crate) fn enqueue_open(plan: PlanId, claim_id: ClaimId) {
		let older = OpenQueues::<T>::get(plan).map(|queue| queue.newest);
		if let Some(older) = older {
			OpenLinks::<T>::mutate(older, |link| {
				if let Some(link) = link {
					link.newer = Some(claim_id);
				}
			});
		}
		OpenLinks::<T>::insert(claim_id, OpenLink { older, newer: None });
		OpenQueues::<T>::mutate(plan, |queue| {
			*queue = Some(OpenQueue {
				oldest: queue.map_or(claim_id, |queue| queue.oldest),
				newest: claim_id,
			});
		});
	}

	/// Takes the closed claim `claim_id` out of `plan`'s queue of open claims.
	pub(crate) fn dequeue_open(plan: PlanId, claim_id: ClaimId) {
		let Some(link) = OpenLinks::<T>::take(claim_id) else { return };
		if let Some(older) = link.older {
			OpenLinks::<T>::mutate(older, |entry| {
				if let Some(entry) = entry {
					entry.newer = link.newer;
				}
			});
		}
		if let Some(newer) = link.newer {
			OpenLinks::<T>::mutate(newer, |entry| {
				if let Some(entry) = entry {
					entry.older = link.older;
				}
			});
		}
		OpenQueues::<T>::mutate_exists(plan, |queue| {
			*queue = match (*queue, link.older, link.newer) {
				(_, None, None) => None,
				(Some(queue), None, Some(newer)) => Some(OpenQueue { oldest: newer, ..queue }),
				(Some(queue), Some(older), None) => Some(OpenQueue { newest: older, ..queue }),
				(queue, _, _) => queue,
			};
		});
	}
}

impl<T: Config> OpenClaimsInspect for Pallet<T> {
	fn next_claim_id() -> ClaimId {
		NextClaimId::<T>::get()
	}

	fn oldest_open_claim(plan: PlanId) -> Option<ClaimId> {
		OpenQueues::<T>::get(plan).map(|queue| queue.oldest)
	}
}

impl<T: Config> IssuerExposure for Pallet<T> {
	fn is_exposed(issuer: DidId, credential_type: huzhu_primitives::CredentialTypeId) -> bool {
		// The read comes first so that its cost never depends on the type (benchmarks).
		AttesterExposure::<T>::contains_key(issuer) && credential_type == MEDICAL_INSTITUTION
	}
}
