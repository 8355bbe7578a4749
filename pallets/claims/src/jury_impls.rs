//! Disputes: challenges, audits and disputed denials, drawing juries, commit–reveal voting,
//! quorums, verdicts, appeals and the settlement of every bond.

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

/// Slots a draw may walk past, per seat of the final jury, because they hold deciders of the
/// claim (its attesters and alliance voters): a widely voted claim still finds a jury, and the
/// walk stays bounded by the configuration.
pub const MAX_DECIDER_SKIPS_PER_SEAT: u64 = 4;

/// Slots a draw may try per seat it reserves for a member of another plan: enough to find them
/// when they hold their share of the chain, bounded however rare they are.
pub const OUTSIDER_TRIES_PER_SEAT: u64 = 6;

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

/// Why nobody proved a claim.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Unproven {
	/// A jury sat and too few of its jurors revealed.
	SilentJury,
	/// No jury could be seated, or the claim could not go on (its plan is gone, its lane full).
	NoJury,
}

impl<T: Config> Pallet<T> {
	/// The commitment a juror submits for `verdict` on `claim` with `salt`.
	pub fn vote_commitment(claim: ClaimId, verdict: Verdict, salt: [u8; 32]) -> H256 {
		H256(sp_io::hashing::blake2_256(&(claim, verdict, salt).encode()))
	}

	/// The seats a jury of `round` has.
	pub fn jury_size(round: JuryRound) -> u32 {
		match round {
			JuryRound::First => T::JurySize::get(),
			JuryRound::Final => T::AppealJurySize::get(),
		}
	}

	/// The revealed votes a jury of `round` needs for its verdict to count: its quorum, a share
	/// of its seats (not of the jurors who could be drawn — a jury drawn short cannot decide).
	pub fn quorum(round: JuryRound) -> u32 {
		T::JuryQuorum::get().mul_ceil(Self::jury_size(round))
	}

	/// The most slots a draw walks past because they hold deciders of the claim:
	/// [`MAX_DECIDER_SKIPS_PER_SEAT`] per seat of the final jury.
	pub fn max_decider_skips() -> u64 {
		u64::from(T::AppealJurySize::get()).saturating_mul(MAX_DECIDER_SKIPS_PER_SEAT)
	}

	/// Whether `did` decided the claim before its window: an attesting institution or an
	/// alliance voter.
	fn is_decider(claim_id: ClaimId, did: DidId) -> bool {
		Attestations::<T>::contains_key(claim_id, did)
			|| AllianceVotes::<T>::contains_key(claim_id, did)
	}

	/// The parties of a dispute: the claimant, the challengers and the appellant.
	fn parties(claim: &ClaimOf<T>, dispute: &DisputeOf<T>) -> Vec<T::AccountId> {
		let mut parties = Vec::from([claim.claimant.clone()]);
		parties.extend(dispute.challengers.iter().map(|challenger| challenger.who.clone()));
		parties.extend(dispute.appeal.iter().map(|appeal| appeal.by.who.clone()));
		parties
	}

	/// Adds jurors from the active member DIDs of the whole chain to `seats` until it holds
	/// `size`, skipping the `parties`, the `excluded`, the deciders of the claim, those already
	/// seated and, with `outsiders_of`, the members of that plan; holds each one's
	/// [`Config::JurorBond`] (members who cannot pay are skipped). Walks the slots from a random
	/// start by a random stride coprime with their number (when skipping a plan's members:
	/// independent random slots), trying at most `2 × seats to fill` slots
	/// ([`OUTSIDER_TRIES_PER_SEAT`] `×` when skipping a plan's members)
	/// `+ |seated| + |parties| + |excluded|`, plus one per decider up to
	/// [`Self::max_decider_skips`].
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn draw_jury(
		claim_id: ClaimId,
		round: JuryRound,
		seats: &mut BoundedVec<JurorSeatOf<T>, T::AppealJurySize>,
		size: u32,
		outsiders_of: Option<PlanId>,
		parties: &[T::AccountId],
		excluded: &[T::AccountId],
		deciders: usize,
	) {
		let members = u64::from(T::Membership::active_member_dids());
		let seated = seats.len() as u64;
		let to_fill = u64::from(size).saturating_sub(seated);
		if members == 0 || to_fill == 0 {
			return;
		}
		let (seed, _) =
			T::Randomness::random(&(b"huzhu/jury", claim_id, round, outsiders_of).encode());
		let mixed = sp_io::hashing::blake2_256(&seed.encode());
		let (start_random, stride_random) =
			<(u64, u64)>::decode(&mut &mixed[..]).unwrap_or_default();
		let start = start_random % members;
		let stride = coprime_stride(stride_random, members);
		// Bounded by the configuration, not by the claim: deciders count for at most
		// `MAX_DECIDER_SKIPS_PER_SEAT` slots per seat of the largest jury.
		let tries_per_seat = if outsiders_of.is_some() { OUTSIDER_TRIES_PER_SEAT } else { 2 };
		let budget = to_fill
			.saturating_mul(tries_per_seat)
			.saturating_add(seated)
			.saturating_add(parties.len() as u64)
			.saturating_add(excluded.len() as u64)
			.saturating_add((deciders as u64).min(Self::max_decider_skips()));
		// A permutation is searched to its end once every slot was visited; independent samples
		// may repeat a slot, so they keep their whole budget however small the pool.
		let budget = if outsiders_of.is_some() { budget } else { budget.min(members) };
		let bond = T::JurorBond::get();
		for step in 0..budget {
			if seats.len() as u32 >= size {
				break;
			}
			let slot = match outsiders_of {
				// Independent samples: the members of one plan often hold neighbouring slots
				// (they joined together), which a walk by a fixed stride would visit in a row.
				Some(_) => {
					let sample = sp_io::hashing::blake2_256(&(mixed, step).encode());
					u64::decode(&mut &sample[..]).unwrap_or_default() % members
				}
				// A permutation: every slot once, so a small pool is searched to the end.
				None => {
					((u128::from(start) + u128::from(step) * u128::from(stride))
						% u128::from(members)) as u64
				}
			};
			let Some(juror) = T::Membership::active_did_controller_at(slot as u32) else {
				continue;
			};
			if parties.contains(&juror)
				|| excluded.contains(&juror)
				|| seats.iter().any(|seat| seat.juror == juror)
				|| outsiders_of.is_some_and(|plan| T::Membership::is_active_member(plan, &juror))
				|| T::Membership::did_of(&juror).is_none_or(|did| {
					// A member whose deposit no longer covers it sits on no jury.
					Self::is_decider(claim_id, did) || !T::Membership::is_active_did(did)
				}) {
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
	}

	/// Seats a jury of `size` for a claim of `plan`, all from the active member DIDs of the
	/// whole chain: first [`Self::outside_seats`] from members of other plans, then the rest
	/// from anyone eligible. A small plan's claims get a majority from outside; a plan that is
	/// most of the chain gets juries that look like the chain, so that a few DIDs outside it
	/// never weigh more on its juries than their share.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn draw_mixed_jury(
		claim_id: ClaimId,
		plan: PlanId,
		round: JuryRound,
		size: u32,
		parties: &[T::AccountId],
		excluded: &[T::AccountId],
		deciders: usize,
	) -> BoundedVec<JurorSeatOf<T>, T::AppealJurySize> {
		let mut seats = BoundedVec::new();
		let mut draw = |target, outsiders_of| {
			Self::draw_jury(
				claim_id,
				round,
				&mut seats,
				target,
				outsiders_of,
				parties,
				excluded,
				deciders,
			)
		};
		draw(Self::outside_seats(plan, size), Some(plan));
		draw(size, None);
		seats
	}

	/// The seats of a jury of `size` on a claim of `plan` reserved for members of other plans:
	/// their share of the chain's active member DIDs, rounded down, but at most a majority
	/// (`size / 2 + 1`). O(1).
	pub fn outside_seats(plan: PlanId, size: u32) -> u32 {
		let total = u64::from(T::Membership::active_member_dids());
		let inside = u64::from(T::Membership::active_member_count(plan)).min(total);
		let proportional = u64::from(size)
			.saturating_mul(total.saturating_sub(inside))
			.checked_div(total)
			.unwrap_or_default();
		let majority = (size / 2).saturating_add(1).min(size);
		u32::try_from(proportional).unwrap_or(u32::MAX).min(majority)
	}

	/// The state of a claim under a dispute whose jury of `round` is drawn
	/// [`AdjudicationParams::draw_delay`] ticks from now, scheduled.
	fn drawing(
		claim_id: ClaimId,
		amount: BalanceOf<T>,
		round: JuryRound,
	) -> Result<ClaimStatusOf<T>, DispatchError> {
		let draw_at = Self::schedule(
			claim_id,
			Self::tick().saturating_add(Self::params().draw_delay),
			Lane::Disputes,
		)?;
		Self::deposit_event(Event::JuryScheduled { claim: claim_id, round, draw_at });
		Ok(ClaimStatus::Disputed { amount, round, phase: JuryPhase::Drawing { draw_at } })
	}

	/// `on_initialize` at a claim's draw: seats the jury of `round`, or, when not even a quorum
	/// of jurors could be drawn, ends the claim unproven.
	pub(crate) fn seat_jury(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		round: JuryRound,
	) -> DispatchResult {
		let ClaimStatus::Disputed { amount, .. } = claim.status else {
			return Err(Error::<T>::NoJury.into());
		};
		let mut dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NoJury)?;
		let size = Self::jury_size(round);
		let parties = Self::parties(&claim, &dispute);
		// The claim's deciders (attesters, alliance voters) are skipped like the parties: the
		// pool and the walk must leave room for them, or a challenge of a widely voted claim
		// would find no jury and end it unproven at no cost to the challenger.
		let deciders = match &claim.kind {
			ClaimKind::Attestation { confirmed_by, denied_by } => {
				confirmed_by.len().saturating_add(denied_by.len())
			}
			ClaimKind::Alliance { ayes, nays, .. } => ayes.saturating_add(*nays) as usize,
			ClaimKind::Parametric { .. } | ClaimKind::Audit { .. } => 0,
		};
		let seats = Self::draw_mixed_jury(
			claim_id,
			claim.plan,
			round,
			size,
			&parties,
			&dispute.first_jurors,
			deciders,
		);
		if (seats.len() as u32) < Self::quorum(round) {
			for seat in seats.iter() {
				Self::release_bond(HoldReason::JurorBond, &seat.juror, seat.bond);
			}
			// An appealed verdict stands when no final jury can be seated: an appellant cannot
			// undo a verdict by making the final draw fail.
			if let Some(appeal) = &dispute.appeal {
				return Self::finalize(claim_id, claim, amount, appeal.first_upheld());
			}
			Self::end_unproven(claim_id, claim, Unproven::NoJury);
			return Ok(());
		}
		let params = Self::params();
		let commit_ends = Self::tick().saturating_add(params.commit_period);
		let reveal_ends = Self::schedule(
			claim_id,
			commit_ends.saturating_add(params.reveal_period),
			Lane::Disputes,
		)?;
		claim.status = ClaimStatus::Disputed {
			amount,
			round,
			phase: JuryPhase::Sitting { commit_ends, reveal_ends },
		};
		Self::deposit_event(Event::JuryDrawn {
			claim: claim_id,
			round,
			jurors: seats.iter().map(|seat| seat.juror.clone()).collect(),
			commit_ends,
			reveal_ends,
		});
		dispute.jurors = seats;
		Disputes::<T>::insert(claim_id, dispute);
		Claims::<T>::insert(claim_id, claim);
		Ok(())
	}

	/// `who`'s DID, if it is an active member of some plan.
	fn active_member_did(who: &T::AccountId) -> Result<DidId, DispatchError> {
		let did = T::Membership::did_of(who).ok_or(Error::<T>::NoDid)?;
		ensure!(T::Membership::is_active_did(did), Error::<T>::NotActiveMember);
		Ok(did)
	}

	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		claim_id: ClaimId,
		reason: H256,
	) -> DispatchResult {
		let mut claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		ensure!(challenger != claim.claimant, Error::<T>::PartyCannotDecide);
		let did = Self::active_member_did(&challenger)?;
		ensure!(!Self::is_decider(claim_id, did), Error::<T>::PartyCannotDecide);
		let bond = T::ChallengeBond::get();
		let disputant = Disputant { who: challenger.clone(), bond };
		match claim.status {
			ClaimStatus::Challengeable { amount, window_ends, .. } => {
				ensure!(Self::tick() < window_ends, Error::<T>::NotChallengeable);
				T::Currency::hold(&HoldReason::DisputeBond.into(), &challenger, bond)?;
				Self::unschedule(claim_id, window_ends, Lane::Windows);
				claim.status = Self::drawing(claim_id, amount, JuryRound::First)?;
				let dispute = Dispute {
					cause: DisputeCause::Challenge,
					challengers: BoundedVec::truncate_from(Vec::from([disputant])),
					reason,
					appeal: None,
					jurors: BoundedVec::new(),
					first_jurors: BoundedVec::new(),
					revealed: BoundedVec::new(),
				};
				Disputes::<T>::insert(claim_id, dispute);
				Claims::<T>::insert(claim_id, claim);
			}
			ClaimStatus::Disputed {
				round: JuryRound::First,
				phase: JuryPhase::Drawing { .. },
				..
			} => {
				let mut dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NoJury)?;
				ensure!(dispute.cause == DisputeCause::Challenge, Error::<T>::NotChallengeable);
				ensure!(
					!dispute.challengers.iter().any(|existing| existing.who == challenger),
					Error::<T>::AlreadyChallenging
				);
				dispute
					.challengers
					.try_push(disputant)
					.map_err(|_| Error::<T>::TooManyChallengers)?;
				T::Currency::hold(&HoldReason::DisputeBond.into(), &challenger, bond)?;
				Disputes::<T>::insert(claim_id, dispute);
			}
			_ => return Err(Error::<T>::NotChallengeable.into()),
		}
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
		let (start, end) = Self::period_bounds(&spec, period)?;
		ensure!(Self::block() >= end, Error::<T>::PeriodNotOver);
		let since = T::Membership::active_since(plan, &who).ok_or(Error::<T>::NotCovered)?;
		ensure!(since <= start, Error::<T>::NotCoveredDuringPeriod);
		let key = (plan, region, period);
		ensure!(!AuditClaims::<T>::contains_key(key, claimant_did), Error::<T>::AlreadyAudited);
		// A pruned pull kept its entry only if it was paid: it took at most the event's payout.
		let taken = match IndexClaims::<T>::get(key, claimant_did) {
			None => Zero::zero(),
			Some(pull) => match Claims::<T>::get(pull) {
				Some(index_claim) => match index_claim.status {
					ClaimStatus::Rejected { .. } | ClaimStatus::Withdrawn => Zero::zero(),
					_ => index_claim.amount,
				},
				None => IndexEvents::<T>::get(plan, (region, period))
					.map_or(terms.max_payout_per_claim, |event| event.payout),
			},
		};
		ensure!(amount <= terms.max_payout_per_claim.saturating_sub(taken), Error::<T>::AboveCover);
		let claim_id = Self::open_claim(
			who.clone(),
			claimant_did,
			plan,
			ClaimKind::Audit { region, period },
			amount,
			evidence,
			T::AuditBond::get(),
			|claim_id| Self::drawing(claim_id, amount, JuryRound::First),
		)?;
		AuditClaims::<T>::insert(key, claimant_did, claim_id);
		Disputes::<T>::insert(
			claim_id,
			Dispute {
				cause: DisputeCause::Audit,
				challengers: BoundedVec::new(),
				reason: evidence,
				appeal: None,
				jurors: BoundedVec::new(),
				first_jurors: BoundedVec::new(),
				revealed: BoundedVec::new(),
			},
		);
		Self::deposit_event(Event::AuditRequested { claim: claim_id, member: who, amount });
		Ok(())
	}

	pub(crate) fn do_dispute_denial(
		who: T::AccountId,
		claim_id: ClaimId,
		reason: H256,
	) -> DispatchResult {
		let mut claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		ensure!(claim.claimant == who, Error::<T>::NotClaimant);
		let ClaimStatus::Denied { dispute_ends } = claim.status else {
			return Err(Error::<T>::NotDenied.into());
		};
		ensure!(Self::tick() < dispute_ends, Error::<T>::NotDenied);
		let bond = T::AppealBond::get();
		T::Currency::hold(&HoldReason::DisputeBond.into(), &who, bond)?;
		Self::unschedule(claim_id, dispute_ends, Lane::Windows);
		let amount = Self::attested_amount(claim_id, &claim);
		claim.status = Self::drawing(claim_id, amount, JuryRound::First)?;
		Disputes::<T>::insert(
			claim_id,
			Dispute {
				cause: DisputeCause::Denial { bond },
				challengers: BoundedVec::new(),
				reason,
				appeal: None,
				jurors: BoundedVec::new(),
				first_jurors: BoundedVec::new(),
				revealed: BoundedVec::new(),
			},
		);
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::DenialDisputed { claim: claim_id, reason });
		Ok(())
	}

	/// The claim's dispute while its jury sits, with the phase bounds.
	fn sitting_jury(
		claim_id: ClaimId,
	) -> Result<(DisputeOf<T>, BlockNumberFor<T>, BlockNumberFor<T>), DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ClaimStatus::Disputed {
			phase: JuryPhase::Sitting { commit_ends, reveal_ends }, ..
		} = claim.status
		else {
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
		ensure!(Self::tick() < commit_ends, Error::<T>::CommitPhaseOver);
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
		let tick = Self::tick();
		ensure!(commit_ends <= tick && tick < reveal_ends, Error::<T>::NotRevealPhase);
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

	/// `on_initialize` at the end of a reveal phase: counts the votes and settles the jurors'
	/// bonds (absent jurors' go to those who revealed). With a quorum, the first jury's verdict
	/// opens the appeal window and the final jury's is final; without one, the first jury is
	/// replaced by a fresh final jury and the final jury's silence ends the claim unproven.
	pub(crate) fn count_verdict(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		amount: BalanceOf<T>,
		round: JuryRound,
	) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NoJury)?;
		let jurors = core::mem::take(&mut dispute.jurors);
		let count = |verdict: Verdict| {
			jurors
				.iter()
				.filter(|seat| seat.revealed.is_some_and(|(vote, _)| vote == verdict))
				.count() as u32
		};
		let (upholds, rejects) = (count(Verdict::Uphold), count(Verdict::Reject));
		// A tie goes against whoever must convince the jury: the challengers of a decided claim,
		// but the claimant of an audit or a disputed denial (nobody decided for it before).
		let tie_upholds = dispute.cause == DisputeCause::Challenge;
		let outcome = if upholds.saturating_add(rejects) < Self::quorum(round) {
			JuryOutcome::NoQuorum
		} else if upholds > rejects || (upholds == rejects && tie_upholds) {
			JuryOutcome::Upheld
		} else {
			JuryOutcome::Rejected
		};
		let mut revealed = Vec::new();
		let mut absent_credit = CreditOf::<T>::zero();
		let mut absent = 0u32;
		for seat in jurors.iter() {
			if seat.revealed.is_some() {
				Self::release_bond(HoldReason::JurorBond, &seat.juror, seat.bond);
				revealed.push(seat.juror.clone());
			} else {
				absent = absent.saturating_add(1);
				let credit =
					Self::slash_bond(claim_id, HoldReason::JurorBond, &seat.juror, seat.bond);
				absent_credit = absent_credit.merge(credit);
			}
		}
		Self::distribute(claim_id, claim.plan, absent_credit, &revealed, &[]);
		Self::deposit_event(Event::JuryVerdict {
			claim: claim_id,
			round,
			outcome,
			upholds,
			rejects,
			absent,
		});
		dispute.revealed = BoundedVec::truncate_from(revealed);
		match (round, outcome) {
			(JuryRound::First, JuryOutcome::NoQuorum) => {
				dispute.first_jurors =
					BoundedVec::truncate_from(jurors.into_iter().map(|seat| seat.juror).collect());
				claim.status = Self::drawing(claim_id, amount, JuryRound::Final)?;
				Disputes::<T>::insert(claim_id, dispute);
				Claims::<T>::insert(claim_id, claim);
				Ok(())
			}
			(JuryRound::Final, JuryOutcome::NoQuorum) => {
				// A silent final jury leaves an appealed verdict standing; without a first
				// verdict, the claim is unproven.
				let first_verdict = dispute.appeal.as_ref().map(|appeal| appeal.first_upheld());
				Disputes::<T>::insert(claim_id, dispute);
				match first_verdict {
					Some(upheld) => Self::finalize(claim_id, claim, amount, upheld),
					None => {
						Self::end_unproven(claim_id, claim, Unproven::SilentJury);
						Ok(())
					}
				}
			}
			(JuryRound::First, _) => {
				dispute.first_jurors =
					BoundedVec::truncate_from(jurors.into_iter().map(|seat| seat.juror).collect());
				let upheld = outcome == JuryOutcome::Upheld;
				let appeal_ends = Self::schedule(
					claim_id,
					Self::tick().saturating_add(Self::params().appeal_period),
					Lane::Disputes,
				)?;
				claim.status = ClaimStatus::Disputed {
					amount,
					round,
					phase: JuryPhase::Appealable { upheld, appeal_ends },
				};
				Disputes::<T>::insert(claim_id, dispute);
				Claims::<T>::insert(claim_id, claim);
				Ok(())
			}
			(JuryRound::Final, _) => {
				Disputes::<T>::insert(claim_id, dispute);
				Self::finalize(claim_id, claim, amount, outcome == JuryOutcome::Upheld)
			}
		}
	}

	pub(crate) fn do_appeal(appellant: T::AccountId, claim_id: ClaimId) -> DispatchResult {
		let mut claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ClaimStatus::Disputed {
			amount,
			phase: JuryPhase::Appealable { upheld, appeal_ends },
			..
		} = claim.status
		else {
			return Err(Error::<T>::NotAppealable.into());
		};
		ensure!(Self::tick() < appeal_ends, Error::<T>::NotAppealable);
		let mut dispute = Disputes::<T>::get(claim_id).ok_or(Error::<T>::NotAppealable)?;
		ensure!(dispute.appeal.is_none(), Error::<T>::NotAppealable);
		let side = if upheld {
			ensure!(appellant != claim.claimant, Error::<T>::NoStandingToAppeal);
			let did = Self::active_member_did(&appellant)?;
			ensure!(!Self::is_decider(claim_id, did), Error::<T>::PartyCannotDecide);
			Side::Challengers
		} else {
			ensure!(appellant == claim.claimant, Error::<T>::NoStandingToAppeal);
			Side::Claimant
		};
		let bond = T::AppealBond::get();
		T::Currency::hold(&HoldReason::DisputeBond.into(), &appellant, bond)?;
		Self::unschedule(claim_id, appeal_ends, Lane::Disputes);
		dispute.appeal = Some(Appeal { by: Disputant { who: appellant.clone(), bond }, side });
		claim.status = Self::drawing(claim_id, amount, JuryRound::Final)?;
		Disputes::<T>::insert(claim_id, dispute);
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::VerdictAppealed { claim: claim_id, appellant, side });
		Ok(())
	}

	/// The bonds each side of a dispute holds for it (besides the claimant's claim bond), by
	/// account.
	fn side_bonds(
		dispute: &DisputeOf<T>,
		claimant: &T::AccountId,
	) -> (Vec<DisputantOf<T>>, Vec<DisputantOf<T>>) {
		let mut claimant_side = Vec::new();
		if let DisputeCause::Denial { bond } = dispute.cause {
			claimant_side.push(Disputant { who: claimant.clone(), bond });
		}
		let mut challengers_side: Vec<DisputantOf<T>> = dispute.challengers.to_vec();
		if let Some(appeal) = &dispute.appeal {
			match appeal.side {
				Side::Claimant => claimant_side.push(appeal.by.clone()),
				Side::Challengers => challengers_side.push(appeal.by.clone()),
			}
		}
		(claimant_side, challengers_side)
	}

	/// Makes a verdict final. The losing side's bonds are slashed: [`Config::JurorShare`] to the
	/// jurors who revealed, [`Config::WinnerShare`] of the rest to the winning side, the rest to
	/// the plan's reserve; the winning side's bonds are returned. An upheld claim is approved and
	/// paid, and the institutions that denied it are penalized; a rejected claim's confirming
	/// institutions are.
	pub(crate) fn finalize(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		amount: BalanceOf<T>,
		upheld: bool,
	) -> DispatchResult {
		Self::unschedule_status(claim_id, &claim.status);
		let dispute = Disputes::<T>::take(claim_id).ok_or(Error::<T>::NoJury)?;
		let (claimant_side, challengers_side) = Self::side_bonds(&dispute, &claim.claimant);
		let (mut losers, winners) = if upheld {
			(challengers_side, claimant_side)
		} else {
			(claimant_side, challengers_side)
		};
		for winner in &winners {
			Self::release_bond(HoldReason::DisputeBond, &winner.who, winner.bond);
		}
		let mut credit = CreditOf::<T>::zero();
		for loser in losers.drain(..) {
			credit = credit.merge(Self::slash_bond(
				claim_id,
				HoldReason::DisputeBond,
				&loser.who,
				loser.bond,
			));
		}
		let mut winner_accounts: Vec<T::AccountId> =
			winners.into_iter().map(|winner| winner.who).collect();
		if upheld {
			winner_accounts.push(claim.claimant.clone());
			if credit.peek().is_zero() && !dispute.revealed.is_empty() {
				// Nobody bonded against the claim (an audit, a disputed denial): the claimant it
				// pays pays the jurors who revealed, [`Config::JurorShare`] of its claim bond.
				let fee = T::JurorShare::get().mul_floor(claim.bond);
				let fee = Self::slash_bond(claim_id, HoldReason::ClaimBond, &claim.claimant, fee);
				claim.bond = claim.bond.saturating_sub(fee.peek());
				Self::distribute(claim_id, claim.plan, fee, &dispute.revealed, &[]);
			}
		} else {
			credit = credit.merge(Self::slash_bond(
				claim_id,
				HoldReason::ClaimBond,
				&claim.claimant,
				claim.bond,
			));
		}
		Self::distribute(claim_id, claim.plan, credit, &dispute.revealed, &winner_accounts);
		Self::penalize_attesters(claim_id, &claim, upheld);
		if upheld {
			Self::approve(claim_id, claim, amount);
			return Ok(());
		}
		Self::close(claim_id, &claim);
		claim.status = ClaimStatus::Rejected { at: Self::block(), reason: RejectionReason::Jury };
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::ClaimRejected {
			claim: claim_id,
			reason: RejectionReason::Jury,
		});
		Ok(())
	}

	/// Ends a claim that nobody proved as [`RejectionReason::Unproven`]: nothing is paid and
	/// every sitting juror's bond is returned. The claimant's bonds are returned. So are the
	/// challengers', except when a jury sat on their challenge and stayed silent ([`Unproven::SilentJury`]
	/// with no earlier verdict): then each challenger forfeits [`Config::JurorShare`] of its
	/// bond to the plan's reserve — a challenge is never free, and nobody gains from its
	/// failure. The claimant's evidence commitment and index payout are freed, so a claim that
	/// only silence stopped can be filed again (an audit stays spent: one per period). Cannot
	/// fail.
	pub(crate) fn end_unproven(claim_id: ClaimId, mut claim: ClaimOf<T>, why: Unproven) {
		Self::unschedule_status(claim_id, &claim.status);
		if let Some(dispute) = Disputes::<T>::take(claim_id) {
			let (claimant_side, challengers_side) = Self::side_bonds(&dispute, &claim.claimant);
			let unanswered = why == Unproven::SilentJury
				&& dispute.cause == DisputeCause::Challenge
				&& dispute.appeal.is_none();
			let mut forfeited = CreditOf::<T>::zero();
			for party in claimant_side.iter().chain(challengers_side.iter()) {
				let forfeit = if unanswered && party.who != claim.claimant {
					T::JurorShare::get().mul_floor(party.bond)
				} else {
					Zero::zero()
				};
				if !forfeit.is_zero() {
					forfeited = forfeited.merge(Self::slash_bond(
						claim_id,
						HoldReason::DisputeBond,
						&party.who,
						forfeit,
					));
				}
				Self::release_bond(
					HoldReason::DisputeBond,
					&party.who,
					party.bond.saturating_sub(forfeit),
				);
			}
			for seat in dispute.jurors.iter() {
				Self::release_bond(HoldReason::JurorBond, &seat.juror, seat.bond);
			}
			Self::distribute(claim_id, claim.plan, forfeited, &[], &[]);
		}
		Self::release_bond(HoldReason::ClaimBond, &claim.claimant, claim.bond);
		Self::close(claim_id, &claim);
		match claim.kind {
			ClaimKind::Audit { .. } => {}
			ClaimKind::Parametric { region, period } => {
				IndexClaims::<T>::remove((claim.plan, region, period), claim.claimant_did);
			}
			ClaimKind::Attestation { .. } | ClaimKind::Alliance { .. } => {
				if claim.evidence != H256::zero() {
					EvidenceClaims::<T>::remove(claim.evidence);
				}
			}
		}
		claim.status =
			ClaimStatus::Rejected { at: Self::block(), reason: RejectionReason::Unproven };
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::ClaimRejected {
			claim: claim_id,
			reason: RejectionReason::Unproven,
		});
	}

	/// The institutions whose attestation the final verdict found false — the confirmers of a
	/// rejected claim, the deniers of an upheld one — lose [`Config::AttesterSlash`] of the amount
	/// they vouched for (what they confirmed; for a denial, the amount asked), up to their bond,
	/// to the plan's reserve, and are suspended.
	fn penalize_attesters(claim_id: ClaimId, claim: &ClaimOf<T>, upheld: bool) {
		let ClaimKind::Attestation { confirmed_by, denied_by } = &claim.kind else { return };
		let wrong = if upheld { denied_by } else { confirmed_by };
		let pool = T::Payout::pool_account(claim.plan);
		for attester in wrong.iter() {
			let at_risk = Attestations::<T>::get(claim_id, attester)
				.map_or_else(Zero::zero, |attestation| attestation.at_risk);
			let amount =
				T::Penalties::penalize_issuer(*attester, MEDICAL_INSTITUTION, at_risk, &pool);
			if !amount.is_zero() {
				// The plan exists (its claim was just decided): booking succeeds.
				let _ = T::Payout::reserve_credited(claim.plan, amount);
			}
			Self::deposit_event(Event::AttesterSlashed {
				claim: claim_id,
				attester: *attester,
				amount,
			});
		}
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

	/// Pays `credit` out in equal parts: [`Config::JurorShare`] to `jurors` (all of it when
	/// there are no winners), [`Config::WinnerShare`] of the rest to `winners`, and the rest to
	/// the plan's reserve.
	fn distribute(
		claim_id: ClaimId,
		plan: PlanId,
		mut credit: CreditOf<T>,
		jurors: &[T::AccountId],
		winners: &[T::AccountId],
	) {
		let total = credit.peek();
		if total.is_zero() {
			return;
		}
		let juror_part =
			if winners.is_empty() { total } else { T::JurorShare::get().mul_floor(total) };
		credit = Self::pay_equally(credit, juror_part, jurors);
		let winner_part = T::WinnerShare::get().mul_floor(credit.peek());
		credit = Self::pay_equally(credit, winner_part, winners);
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

	/// Pays `part` of `credit` to `accounts` in equal parts; returns what is left (all of it
	/// when there is nobody to pay).
	fn pay_equally(
		mut credit: CreditOf<T>,
		part: BalanceOf<T>,
		accounts: &[T::AccountId],
	) -> CreditOf<T> {
		let Ok(count) = u32::try_from(accounts.len()) else { return credit };
		if count == 0 {
			return credit;
		}
		let each = part / count.into();
		for who in accounts {
			let (share, rest) = credit.split(each);
			credit = rest;
			if let Err(unpaid) = T::Currency::resolve(who, share) {
				credit = credit.merge(unpaid);
			}
		}
		credit
	}
}
