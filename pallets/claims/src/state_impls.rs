//! The pallet's invariants, checked by `try_state` and after every unit test.

#[cfg(any(feature = "try-runtime", test))]
use crate::{pallet::*, *};
#[cfg(any(feature = "try-runtime", test))]
use {
	alloc::{collections::btree_map::BTreeMap, vec::Vec},
	frame_support::traits::{fungible::InspectHold, Get},
	huzhu_primitives::ensure_invariant,
	sp_core::H256,
	sp_runtime::{
		traits::{Saturating, Zero},
		DispatchError,
	},
};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks, over all of the pallet's storage:
	/// - every claim is in exactly one state: a state that ends by time is in the agenda of its
	///   tick and lane, once, and nothing else is in the agenda; every deadline and agenda tick
	///   lies ahead of the adjudication clock (nothing is overdue or forgotten);
	/// - no claim will pay more than was asked;
	/// - each account's count of open claims is right and within its bound;
	/// - a dispute exists exactly for the claims under jury or open to appeal; a jury sits
	///   exactly while the claim is under jury;
	/// - the bonds held for each reason equal the bonds of the open claims, disputes and juries,
	///   and the record deposits held equal those of the claims not yet pruned;
	/// - every evidence commitment, index claim and audit points back at its claim (or at a
	///   pruned one);
	/// - the oracle operators are sorted without repeats.
	pub fn do_try_state() -> Result<(), DispatchError> {
		let tick = Clock::<T>::get();
		if let Some(sync) = ClockSync::<T>::get() {
			ensure_invariant(sync.seen <= Self::block(), "the clock saw a block yet to come")?;
		}
		let mut scheduled: Vec<(BlockNumberFor<T>, Lane, ClaimId)> = Vec::new();
		let mut claim_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut dispute_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut juror_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut record_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open_claims: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut exposure: BTreeMap<DidId, BalanceOf<T>> = BTreeMap::new();
		let add = |bonds: &mut BTreeMap<T::AccountId, BalanceOf<T>>,
		           who: &T::AccountId,
		           amount: BalanceOf<T>| {
			let entry = bonds.entry(who.clone()).or_default();
			*entry = entry.saturating_add(amount);
		};

		for (claim_id, claim) in Claims::<T>::iter() {
			ensure_invariant(
				claim_id < NextClaimId::<T>::get(),
				"claim id at or above NextClaimId",
			)?;
			if let Some((due, lane)) = claim.status.due_at() {
				ensure_invariant(due > tick, "a claim's state ended at a past tick")?;
				scheduled.push((due, lane, claim_id));
			}
			if let Some(deposit) = RecordDeposits::<T>::get(claim_id) {
				add(&mut record_deposits, &claim.claimant, deposit);
			}
			if !claim.status.is_final() {
				add(&mut claim_bonds, &claim.claimant, claim.bond);
				*open_claims.entry(claim.claimant.clone()).or_default() += 1;
			}
			let to_pay = match claim.status {
				ClaimStatus::Challengeable { amount, .. }
				| ClaimStatus::Disputed { amount, .. }
				| ClaimStatus::Approved { amount }
				| ClaimStatus::Paid { amount, .. } => amount,
				_ => Zero::zero(),
			};
			ensure_invariant(to_pay <= claim.amount, "amount to pay above the amount asked")?;
			let dispute = Disputes::<T>::get(claim_id);
			ensure_invariant(
				dispute.is_some() == claim.status.is_disputed(),
				"a dispute without a disputed claim, or the reverse",
			)?;
			if let Some(dispute) = dispute {
				let sitting = matches!(
					claim.status,
					ClaimStatus::Disputed { phase: JuryPhase::Sitting { .. }, .. }
				);
				ensure_invariant(
					sitting != dispute.jurors.is_empty(),
					"a jury sits exactly while the claim's jury phase is sitting",
				)?;
				for challenger in dispute.challengers.iter() {
					add(&mut dispute_bonds, &challenger.who, challenger.bond);
				}
				if let Some(appeal) = &dispute.appeal {
					add(&mut dispute_bonds, &appeal.by.who, appeal.by.bond);
				}
				if let DisputeCause::Denial { bond } = dispute.cause {
					add(&mut dispute_bonds, &claim.claimant, bond);
				}
				for seat in dispute.jurors.iter() {
					add(&mut juror_bonds, &seat.juror, seat.bond);
				}
			}
			if !claim.status.is_final() && !matches!(claim.status, ClaimStatus::Approved { .. }) {
				if let ClaimKind::Attestation { confirmed_by, denied_by } = &claim.kind {
					for attester in confirmed_by.iter().chain(denied_by.iter()) {
						let at_risk = Attestations::<T>::get(claim_id, attester)
							.map_or_else(Zero::zero, |attestation| attestation.at_risk);
						let entry = exposure.entry(*attester).or_default();
						*entry = entry.saturating_add(at_risk);
					}
				}
			}
			// A claim that only silence stopped gave its evidence and index payout back.
			let freed = matches!(
				claim.status,
				ClaimStatus::Rejected { reason: RejectionReason::Unproven, .. }
			) && !matches!(claim.kind, ClaimKind::Audit { .. });
			if claim.evidence != H256::zero() && !freed {
				ensure_invariant(
					EvidenceClaims::<T>::get(claim.evidence) == Some(claim_id),
					"evidence commitment not recorded for its claim",
				)?;
			}
			match claim.kind {
				_ if freed => {}
				ClaimKind::Parametric { region, period } => ensure_invariant(
					IndexClaims::<T>::get((claim.plan, region, period), claim.claimant_did)
						== Some(claim_id),
					"index claim not recorded",
				)?,
				ClaimKind::Audit { region, period } => ensure_invariant(
					AuditClaims::<T>::get((claim.plan, region, period), claim.claimant_did)
						== Some(claim_id),
					"audit not recorded",
				)?,
				_ => {}
			}
		}
		ensure_invariant(
			Disputes::<T>::iter_keys().all(Claims::<T>::contains_key),
			"a dispute of a missing claim",
		)?;
		ensure_invariant(
			RecordDeposits::<T>::iter_keys().all(Claims::<T>::contains_key),
			"a record deposit of a pruned claim",
		)?;
		ensure_invariant(
			WithdrawnAt::<T>::iter_keys().all(|claim_id| {
				Claims::<T>::get(claim_id).is_some_and(|c| c.status == ClaimStatus::Withdrawn)
			}),
			"a withdrawal block of a claim not withdrawn",
		)?;
		ensure_invariant(
			VotesPrunedIn::<T>::iter_keys().all(|claim_id| {
				Claims::<T>::get(claim_id).is_some_and(|c| {
					c.status.is_final() && matches!(c.kind, ClaimKind::Alliance { .. })
				})
			}),
			"votes pruned of a claim that is not a finished alliance claim",
		)?;
		ensure_invariant(
			OpenClaims::<T>::iter().all(|(who, open)| open_claims.get(&who) == Some(&open))
				&& open_claims.iter().all(|(who, open)| OpenClaims::<T>::get(who) == *open),
			"open claims per account differ from the claims",
		)?;
		// Each plan's queue holds exactly its open claims, oldest first, linked both ways.
		let mut queued = 0usize;
		let mut places = 0usize;
		for (plan, queue) in OpenQueues::<T>::iter() {
			let mut at = Some(queue.oldest);
			let mut previous: Option<ClaimId> = None;
			while let Some(claim_id) = at {
				let link = OpenLinks::<T>::get(claim_id)
					.ok_or(DispatchError::Other("a queued claim without its link"))?;
				if let Some(place) = IndexEventPlaces::<T>::get(claim_id) {
					ensure_invariant(
						place.plan == plan && !Claims::<T>::contains_key(claim_id),
						"an index event's place in another plan's queue, or a claim's id",
					)?;
					places += 1;
				} else {
					let claim = Claims::<T>::get(claim_id)
						.ok_or(DispatchError::Other("a queued claim that does not exist"))?;
					ensure_invariant(
						claim.plan == plan && !claim.status.is_final(),
						"a queued claim of another plan, or closed",
					)?;
				}
				ensure_invariant(link.older == previous, "an open claim's older link is wrong")?;
				ensure_invariant(
					previous.is_none_or(|older| older < claim_id),
					"a plan's open claims out of filing order",
				)?;
				queued += 1;
				if link.newer.is_none() {
					ensure_invariant(queue.newest == claim_id, "a queue's newest claim is wrong")?;
				}
				previous = Some(claim_id);
				at = link.newer;
			}
		}
		let open_total: u32 = open_claims.values().sum();
		ensure_invariant(
			queued == open_total as usize + places
				&& OpenLinks::<T>::iter_keys().count() == queued
				&& IndexEventPlaces::<T>::iter_keys().count() == places,
			"the plans' queues differ from the open claims and index events",
		)?;
		// Each index event's place counts its open pulls, and is found by its event.
		for (place, entry) in IndexEventPlaces::<T>::iter() {
			let pulls = Claims::<T>::iter_values()
				.filter(|claim| {
					claim.plan == entry.plan
						&& claim.kind
							== ClaimKind::Parametric { region: entry.region, period: entry.period }
						&& !claim.status.is_final()
				})
				.count();
			ensure_invariant(
				pulls == entry.open_pulls as usize
					&& IndexEventPlaceIds::<T>::get((entry.plan, entry.region, entry.period))
						== Some(place) && IndexEvents::<T>::contains_key(
					entry.plan,
					(entry.region, entry.period),
				),
				"an index event's place miscounts its pulls or lost its event",
			)?;
		}
		ensure_invariant(
			IndexEventPlaceIds::<T>::iter_keys().count() == places,
			"an index event's place id without its place",
		)?;
		ensure_invariant(
			open_claims.values().all(|open| *open <= T::MaxOpenClaims::get()),
			"an account with more open claims than allowed",
		)?;

		let mut agenda: Vec<(BlockNumberFor<T>, Lane, ClaimId)> = Vec::new();
		for (at, lane, claims) in Agenda::<T>::iter() {
			ensure_invariant(at > tick, "an agenda of a past tick")?;
			ensure_invariant(
				claims.len() as u32 <= T::MaxDuePerBlock::get(),
				"agenda over its bound",
			)?;
			agenda.extend(claims.into_iter().map(|claim| (at, lane, claim)));
		}
		// An index event's place is on the agenda until its claim period is over.
		scheduled.extend(
			IndexEventPlaces::<T>::iter()
				.filter(|(_, entry)| entry.claims_until > tick)
				.map(|(place, entry)| (entry.claims_until, Lane::Windows, place)),
		);
		agenda.sort();
		scheduled.sort();
		ensure_invariant(agenda == scheduled, "the agenda differs from the claims' due states")?;

		let held = |reason: HoldReason, bonds: BTreeMap<T::AccountId, BalanceOf<T>>| {
			bonds
				.iter()
				.all(|(who, amount)| T::Currency::balance_on_hold(&reason.into(), who) == *amount)
		};
		ensure_invariant(held(HoldReason::ClaimBond, claim_bonds), "claim bonds held differ")?;
		ensure_invariant(
			held(HoldReason::DisputeBond, dispute_bonds),
			"dispute bonds held differ",
		)?;
		ensure_invariant(held(HoldReason::JurorBond, juror_bonds), "juror bonds held differ")?;
		ensure_invariant(
			held(HoldReason::RecordDeposit, record_deposits),
			"record deposits held differ",
		)?;

		// A pruned claim leaves its evidence commitment, paid index payout and audit behind.
		let next = NextClaimId::<T>::get();
		// Each index payout and audit entry names a claim of its plan, DID, region and period.
		let names = |(plan, region, period): (PlanId, RegionId, u32), did, claim_id, audit| {
			Claims::<T>::get(claim_id).map_or(claim_id < next, |claim: ClaimOf<T>| {
				let kind = if audit {
					ClaimKind::Audit { region, period }
				} else {
					ClaimKind::Parametric { region, period }
				};
				claim.plan == plan && claim.claimant_did == did && claim.kind == kind
			})
		};
		ensure_invariant(
			IndexClaims::<T>::iter().all(|(key, did, claim)| names(key, did, claim, false))
				&& AuditClaims::<T>::iter().all(|(key, did, claim)| names(key, did, claim, true)),
			"an index payout or audit entry of another claim",
		)?;
		for (evidence, claim_id) in EvidenceClaims::<T>::iter() {
			ensure_invariant(
				Claims::<T>::get(claim_id)
					.map_or(claim_id < next, |claim| claim.evidence == evidence),
				"evidence commitment of a missing claim",
			)?;
		}
		exposure.retain(|_, at_risk| !at_risk.is_zero());
		ensure_invariant(
			AttesterExposure::<T>::iter()
				.all(|(did, at_risk)| exposure.get(&did) == Some(&at_risk))
				&& exposure
					.iter()
					.all(|(did, at_risk)| AttesterExposure::<T>::get(did) == *at_risk),
			"an institution's exposure differs from its open attestations",
		)?;
		let episodes = BrakeEpisodes::<T>::get();
		ensure_invariant(
			episodes.iter().all(|(start, end)| start < end)
				&& episodes.windows(2).all(|pair| match pair {
					[(_, end), (start, _)] => end <= start,
					_ => true,
				}),
			"brake episodes out of order or overlapping",
		)?;
		let operators = OracleOperators::<T>::get();
		ensure_invariant(
			operators.windows(2).all(|pair| pair.first() < pair.last()),
			"oracle operators unsorted or repeated",
		)?;
		Ok(())
	}
}
