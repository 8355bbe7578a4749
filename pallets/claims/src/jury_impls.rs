//! Disputes: challenges and audits, drawing juries, commit–reveal voting, verdicts, appeals and
//! the settlement of every bond.

use crate::{pallet::*, *};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::{
	ensure,
	traits::{
		fungible::{Balanced, BalancedHold, MutateHold},
		tokens::imbalance::Imbalance,
		Get, Randomness,
	},
	BoundedVec,
};
use huzhu_primitives::membership::credential_types::MEDICAL_INSTITUTION;
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

/// The most strides tried for one that is coprime with the number of members.
const MAX_STRIDE_TRIES: u32 = 64;

/// Greatest common divisor.
fn gcd(mut a: u64, mut b: u64) -> u64 {
	while b != 0 {
		let remainder = a % b;
		a = b;
		b = remainder;
	}
	a
}

/// A stride in `1..members` coprime with `members`, from `random`: walking `members` slots by it
/// visits each once. Falls back to 1.
pub(crate) fn coprime_stride(random: u64, members: u64) -> u64 {
	if members <= 2 {
		return 1;
	}
	let mut stride = 1 + random % (members - 1);
	for _ in 0..MAX_STRIDE_TRIES {
		if gcd(stride, members) == 1 {
			return stride;
		}
		stride = stride % (members - 1) + 1;
	}
	1
}

impl<T: Config> Pallet<T> {
	/// The commitment a juror submits for `verdict` on `claim` with `salt`.
	pub fn vote_commitment(claim: ClaimId, verdict: Verdict, salt: [u8; 32]) -> H256 {
		H256(sp_io::hashing::blake2_256(&(claim, verdict, salt).encode()))
	}

	/// Draws up to `size` jurors among `plan`'s active members who are neither `parties` nor
	/// `excluded`, holding each one's [`Config::JurorBond`] (members who cannot pay are skipped).
	/// Walks the members' slots from a random start by a random stride coprime with their number,
	/// trying at most `2 × size + |parties| + |excluded|` slots.
	pub(crate) fn draw_jury(
		claim_id: ClaimId,
		plan: PlanId,
		round: u8,
		size: u32,
		parties: &[T::AccountId],
		excluded: &[T::AccountId],
	) -> Result<BoundedVec<JurorSeatOf<T>, T::AppealJurySize>, DispatchError> {
		let members = u64::from(T::Membership::active_member_count(plan));
		ensure!(members > 0, Error::<T>::NoJurorsAvailable);
		let (seed, _) = T::Randomness::random(&(b"huzhu/jury", claim_id, round).encode());
		let mixed = sp_io::hashing::blake2_256(&seed.encode());
		let (start_random, stride_random) =
			<(u64, u64)>::decode(&mut &mixed[..]).unwrap_or_default();
		let start = start_random % members;
		let stride = coprime_stride(stride_random, members);
		let budget = u64::from(size)
			.saturating_mul(2)
			.saturating_add(parties.len() as u64)
			.saturating_add(excluded.len() as u64)
			.min(members);
		let bond = T::JurorBond::get();
		let mut seats: BoundedVec<JurorSeatOf<T>, T::AppealJurySize> = BoundedVec::new();
		for step in 0..budget {
			if seats.len() as u32 >= size {
				break;
			}
			let slot =
				(u128::from(start) + u128::from(step) * u128::from(stride)) % u128::from(members);
			let Some(juror) = T::Membership::active_member_at(plan, slot as u32) else { continue };
			if parties.contains(&juror)
				|| excluded.contains(&juror)
				|| seats.iter().any(|seat| seat.juror == juror)
			{
				continue;
			}
			if T::Currency::hold(&HoldReason::JurorBond.into(), &juror, bond).is_err() {
				continue;
			}
			let seat = JurorSeat { juror, bond, commitment: None, revealed: None };
			if seats.try_push(seat).is_err() {
				break;
			}
		}
		ensure!(!seats.is_empty(), Error::<T>::NoJurorsAvailable);
		Ok(seats)
	}

	/// Seats a drawn jury: the claim goes under jury until its reveal phase ends.
	fn start_jury(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		dispute: DisputeOf<T>,
		round: u8,
	) -> DispatchResult {
		let now = Self::now();
		let params = Self::params();
		let commit_ends = now.saturating_add(params.commit_period);
		let reveal_ends =
			Self::schedule(claim_id, commit_ends.saturating_add(params.reveal_period))?;
		claim.status = ClaimStatus::UnderJury { round, commit_ends, reveal_ends };
		Self::deposit_event(Event::JuryDrawn {
			claim: claim_id,
			round,
			jurors: dispute.jurors.iter().map(|seat| seat.juror.clone()).collect(),
			commit_ends,
			reveal_ends,
		});
		Disputes::<T>::insert(claim_id, dispute);
		Claims::<T>::insert(claim_id, claim);
		Ok(())
	}

	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		claim_id: ClaimId,
		reason: H256,
	) -> DispatchResult {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ClaimStatus::Challengeable { window_ends } = claim.status else {
			return Err(Error::<T>::NotChallengeable.into());
		};
		ensure!(Self::now() < window_ends, Error::<T>::NotChallengeable);
		ensure!(challenger != claim.claimant, Error::<T>::PartyCannotDecide);
		ensure!(
			T::Membership::is_active_member(claim.plan, &challenger),
			Error::<T>::NotPlanMember
		);
		let bond = T::ChallengeBond::get();
		T::Currency::hold(&HoldReason::DisputeBond.into(), &challenger, bond)?;
		Self::unschedule(claim_id, window_ends);
		let parties = [claim.claimant.clone(), challenger.clone()];
		let jurors = Self::draw_jury(claim_id, claim.plan, 0, T::JurySize::get(), &parties, &[])?;
		let dispute = Dispute {
			challenger: Some((challenger.clone(), bond)),
			reason,
			appeal: None,
			jurors,
			first_jurors: BoundedVec::new(),
		};
		Self::start_jury(claim_id, claim, dispute, 0)?;
		Self::deposit_event(Event::ClaimChallenged { claim: claim_id, challenger, reason });
		Ok(())
	}

	pub(crate) fn do_request_audit(
		who: T::AccountId,
		plan: PlanId,
		period: u32,
		amount: BalanceOf<T>,
		evidence: H256,
	) -> DispatchResult {
		let terms = Self::terms(plan)?;
		let TriggerKind::Parametric { metric, .. } = terms.trigger else {
			return Err(Error::<T>::NotParametric.into());
		};
		Self::ensure_valid_amount(amount, &terms)?;
		let claimant_did = Self::covered_claimant(plan, &who)?;
		let region = T::Membership::member_region(plan, &who).ok_or(Error::<T>::NoRegion)?;
		let spec = Metrics::<T>::get(metric).ok_or(Error::<T>::UnknownMetric)?;
		let (_, end) = Self::period_bounds(&spec, period)?;
		let now = Self::now();
		ensure!(now >= end, Error::<T>::PeriodNotOver);
		ensure!(!EvidenceClaims::<T>::contains_key(evidence), Error::<T>::EvidenceAlreadyClaimed);
		let claim_id = Self::next_claim_id()?;
		let bond = T::AuditBond::get();
		Self::hold_bond(HoldReason::ClaimBond, &who, bond)?;
		let jurors = Self::draw_jury(claim_id, plan, 0, T::JurySize::get(), &[who.clone()], &[])?;
		EvidenceClaims::<T>::insert(evidence, claim_id);
		let claim = Claim {
			plan,
			claimant: who.clone(),
			claimant_did,
			kind: ClaimKind::Audit { region, period },
			amount,
			approved_amount: amount,
			evidence,
			bond,
			filed_at: now,
			status: ClaimStatus::Approved,
			decided_by: None,
			tally: Default::default(),
		};
		Self::deposit_event(Event::ClaimFiled {
			claim: claim_id,
			plan,
			claimant: who.clone(),
			amount,
			evidence,
		});
		Self::deposit_event(Event::AuditRequested { claim: claim_id, member: who, amount });
		let dispute = Dispute {
			challenger: None,
			reason: evidence,
			appeal: None,
			jurors,
			first_jurors: BoundedVec::new(),
		};
		Self::start_jury(claim_id, claim, dispute, 0)
	}

	/// The claim's dispute while its jury sits, with the phase bounds.
	fn sitting_jury(
		claim_id: ClaimId,
	) -> Result<(DisputeOf<T>, BlockNumberFor<T>, BlockNumberFor<T>), DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ClaimStatus::UnderJury { commit_ends, reveal_ends, .. } = claim.status else {
			return Err(Error::<T>::NoJury.into());
		};
		let dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NoJury)?;
		Ok((dispute, commit_ends, reveal_ends))
	}

	pub(crate) fn do_commit_vote(
		who: &T::AccountId,
		claim_id: ClaimId,
		commitment: H256,
	) -> DispatchResult {
		let (mut dispute, commit_ends, _) = Self::sitting_jury(claim_id)?;
		ensure!(Self::now() < commit_ends, Error::<T>::CommitPhaseOver);
		let seat = dispute
			.jurors
			.iter_mut()
			.find(|seat| seat.juror == *who)
			.ok_or(Error::<T>::NotJuror)?;
		seat.commitment = Some(commitment);
		Disputes::<T>::insert(claim_id, dispute);
		Self::deposit_event(Event::VoteCommitted { claim: claim_id, juror: who.clone() });
		Ok(())
	}

	pub(crate) fn do_reveal_vote(
		who: &T::AccountId,
		claim_id: ClaimId,
		verdict: Verdict,
		salt: [u8; 32],
		rationale: H256,
	) -> DispatchResult {
		let (mut dispute, commit_ends, reveal_ends) = Self::sitting_jury(claim_id)?;
		let now = Self::now();
		ensure!(commit_ends <= now && now < reveal_ends, Error::<T>::NotRevealPhase);
		let seat = dispute
			.jurors
			.iter_mut()
			.find(|seat| seat.juror == *who)
			.ok_or(Error::<T>::NotJuror)?;
		let commitment = seat.commitment.ok_or(Error::<T>::NoCommitment)?;
		ensure!(seat.revealed.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(
			Self::vote_commitment(claim_id, verdict, salt) == commitment,
			Error::<T>::CommitmentMismatch
		);
		seat.revealed = Some((verdict, rationale));
		Disputes::<T>::insert(claim_id, dispute);
		Self::deposit_event(Event::VoteRevealed {
			claim: claim_id,
			juror: who.clone(),
			verdict,
			rationale,
		});
		Ok(())
	}

	/// `on_initialize` at the end of a reveal phase: counts the votes, settles the jurors'
	/// bonds, and opens the appeal window (first jury) or makes the verdict final (appeal jury).
	pub(crate) fn count_verdict(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		round: u8,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NoJury)?;
		let count = |verdict: Verdict| {
			dispute
				.jurors
				.iter()
				.filter(|seat| seat.revealed.is_some_and(|(vote, _)| vote == verdict))
				.count() as u32
		};
		let (upholds, rejects) = (count(Verdict::Uphold), count(Verdict::Reject));
		// A tie upholds the claim: the challenger did not convince a majority.
		let upheld = upholds >= rejects;
		let majority = if upheld { Verdict::Uphold } else { Verdict::Reject };
		let mut majority_jurors = Vec::new();
		let mut absent_credit = CreditOf::<T>::zero();
		let mut absent = 0u32;
		for seat in dispute.jurors.iter() {
			match seat.revealed {
				Some((vote, _)) => {
					Self::release_bond(HoldReason::JurorBond, &seat.juror, seat.bond);
					if vote == majority {
						majority_jurors.push(seat.juror.clone());
					}
				}
				None => {
					absent = absent.saturating_add(1);
					let credit =
						Self::slash_bond(claim_id, HoldReason::JurorBond, &seat.juror, seat.bond);
					absent_credit = absent_credit.merge(credit);
				}
			}
		}
		Self::distribute(claim_id, claim.plan, absent_credit, &majority_jurors);
		Self::deposit_event(Event::JuryVerdict {
			claim: claim_id,
			round,
			upheld,
			upholds,
			rejects,
			absent,
		});
		let jurors = core::mem::take(&mut dispute.jurors);
		if round == 0 {
			dispute.first_jurors = jurors
				.into_iter()
				.map(|seat| seat.juror)
				.collect::<Vec<_>>()
				.try_into()
				.unwrap_or_default();
			if let Ok(appeal_ends) =
				Self::schedule(claim_id, now.saturating_add(Self::params().appeal_period))
			{
				claim.status = ClaimStatus::Appealable { upheld, appeal_ends };
				Disputes::<T>::insert(claim_id, dispute);
				Claims::<T>::insert(claim_id, claim);
				return Ok(());
			}
		}
		Disputes::<T>::insert(claim_id, dispute);
		Self::finalize(claim_id, claim, upheld, now)
	}

	pub(crate) fn do_appeal(appellant: T::AccountId, claim_id: ClaimId) -> DispatchResult {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ClaimStatus::Appealable { upheld, appeal_ends } = claim.status else {
			return Err(Error::<T>::NotAppealable.into());
		};
		ensure!(Self::now() < appeal_ends, Error::<T>::NotAppealable);
		let mut dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NotAppealable)?;
		ensure!(dispute.appeal.is_none(), Error::<T>::NotAppealable);
		let challenger = dispute.challenger.as_ref().map(|(challenger, _)| challenger.clone());
		let loser = if upheld { challenger.clone() } else { Some(claim.claimant.clone()) };
		ensure!(loser.as_ref() == Some(&appellant), Error::<T>::NotLosingParty);
		let bond = T::AppealBond::get();
		T::Currency::hold(&HoldReason::DisputeBond.into(), &appellant, bond)?;
		Self::unschedule(claim_id, appeal_ends);
		let mut parties = Vec::from([claim.claimant.clone()]);
		parties.extend(challenger);
		dispute.jurors = Self::draw_jury(
			claim_id,
			claim.plan,
			1,
			T::AppealJurySize::get(),
			&parties,
			&dispute.first_jurors,
		)?;
		dispute.appeal = Some((appellant.clone(), bond));
		Self::start_jury(claim_id, claim, dispute, 1)?;
		Self::deposit_event(Event::VerdictAppealed { claim: claim_id, appellant });
		Ok(())
	}

	/// Makes a verdict final: the losing party's bonds are slashed to the winner and the
	/// reserve, the winner's returned; an upheld claim is approved and paid, a rejected one's
	/// confirming attesters are slashed.
	pub(crate) fn finalize(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		upheld: bool,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		Self::unschedule_status(claim_id, &claim.status);
		let dispute = Disputes::<T>::take(claim_id).ok_or(Error::<T>::NoJury)?;
		let challenger = dispute.challenger.clone();
		let appeal = dispute.appeal.clone();
		// The appellant's appeal bond shares the fate of its side.
		let appeal_of = |who: &T::AccountId| match &appeal {
			Some((appellant, bond)) if appellant == who => *bond,
			_ => Zero::zero(),
		};
		if upheld {
			if let Some((challenger, bond)) = &challenger {
				let lost = bond.saturating_add(appeal_of(challenger));
				let credit = Self::slash_bond(claim_id, HoldReason::DisputeBond, challenger, lost);
				Self::distribute(
					claim_id,
					claim.plan,
					credit,
					core::slice::from_ref(&claim.claimant),
				);
			}
			Self::release_bond(
				HoldReason::DisputeBond,
				&claim.claimant,
				appeal_of(&claim.claimant),
			);
			if claim.decided_by.is_none() {
				claim.decided_by = Some(Decision::Adjudicated);
			}
			Self::approve(claim_id, claim, now);
			return Ok(());
		}
		let mut credit =
			Self::slash_bond(claim_id, HoldReason::ClaimBond, &claim.claimant, claim.bond);
		let claimant_appeal = appeal_of(&claim.claimant);
		if !claimant_appeal.is_zero() {
			credit = credit.merge(Self::slash_bond(
				claim_id,
				HoldReason::DisputeBond,
				&claim.claimant,
				claimant_appeal,
			));
		}
		let winners: Vec<T::AccountId> =
			challenger.iter().map(|(challenger, _)| challenger.clone()).collect();
		Self::distribute(claim_id, claim.plan, credit, &winners);
		if let Some((challenger, bond)) = &challenger {
			Self::release_bond(
				HoldReason::DisputeBond,
				challenger,
				bond.saturating_add(appeal_of(challenger)),
			);
		}
		for attester in claim.tally.confirmed_by.iter() {
			let amount =
				T::Penalties::slash_issuer(*attester, MEDICAL_INSTITUTION, T::AttesterSlash::get());
			Self::deposit_event(Event::AttesterSlashed {
				claim: claim_id,
				attester: *attester,
				amount,
			});
		}
		claim.status = ClaimStatus::Rejected { at: now, reason: RejectionReason::Jury };
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::ClaimRejected {
			claim: claim_id,
			reason: RejectionReason::Jury,
		});
		Ok(())
	}

	/// Slashes `amount` of `who`'s bond held for `reason`; the credit goes to [`Self::distribute`].
	fn slash_bond(
		claim_id: ClaimId,
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> CreditOf<T> {
		let (credit, _missing) =
			<T::Currency as BalancedHold<T::AccountId>>::slash(&reason.into(), who, amount);
		Self::deposit_event(Event::BondSlashed {
			claim: claim_id,
			who: who.clone(),
			amount: credit.peek(),
		});
		credit
	}

	/// Pays [`Config::WinnerShare`] of slashed bonds to `winners` in equal parts and the rest to
	/// the plan's reserve (all of it when there are no winners).
	fn distribute(
		claim_id: ClaimId,
		plan: PlanId,
		mut credit: CreditOf<T>,
		winners: &[T::AccountId],
	) {
		let total = credit.peek();
		if total.is_zero() {
			return;
		}
		if let Ok(count) = u32::try_from(winners.len()) {
			if count > 0 {
				let each = T::WinnerShare::get().mul_floor(credit.peek()) / count.into();
				for winner in winners {
					let (part, rest) = credit.split(each);
					credit = rest;
					if let Err(unpaid) = T::Currency::resolve(winner, part) {
						credit = credit.merge(unpaid);
					}
				}
			}
		}
		let to_reserve = credit.peek();
		if !to_reserve.is_zero() {
			let pool = T::Payout::pool_account(plan);
			if T::Currency::resolve(&pool, credit).is_ok() {
				// The plan exists (claims are filed only under existing plans): booking succeeds.
				let _ = T::Payout::reserve_credited(plan, to_reserve);
			}
		}
		Self::deposit_event(Event::SlashDistributed {
			claim: claim_id,
			to_winners: total.saturating_sub(to_reserve),
			to_reserve,
		});
	}
}
