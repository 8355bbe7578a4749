//! The pallet's invariants, checked by `try_state` and after every unit test.

#[cfg(any(feature = "try-runtime", test))]
use crate::{pallet::*, *};
#[cfg(any(feature = "try-runtime", test))]
use {
	alloc::{collections::btree_map::BTreeMap, vec::Vec},
	frame_support::traits::{fungible::InspectHold, Get},
	huzhu_primitives::ensure_invariant,
	sp_core::H256,
	sp_runtime::{traits::Saturating, DispatchError},
};

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks, over all of the pallet's storage:
	/// - every claim is in exactly one state: a state that ends by time is in the agenda of its
	///   block, once, and nothing else is in the agenda; the agenda's blocks are all ahead;
	/// - a dispute exists exactly for the claims under jury or open to appeal; a jury sits
	///   exactly while the claim is under jury;
	/// - the bonds held for each reason equal the bonds of the open claims, disputes and juries;
	/// - every evidence commitment and index claim points back at its claim;
	/// - the oracle operators are sorted without repeats.
	pub fn do_try_state() -> Result<(), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut scheduled: Vec<(BlockNumberFor<T>, ClaimId)> = Vec::new();
		let mut claim_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut dispute_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut juror_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
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
			if let Some(due) = claim.status.due_at() {
				ensure_invariant(due > now, "a claim's state ended in a past block")?;
				scheduled.push((due, claim_id));
			}
			if !claim.status.is_final() {
				add(&mut claim_bonds, &claim.claimant, claim.bond);
			}
			ensure_invariant(
				claim.approved_amount <= claim.amount,
				"approved amount above the amount asked",
			)?;
			let dispute = Disputes::<T>::get(claim_id);
			ensure_invariant(
				dispute.is_some() == claim.status.is_disputed(),
				"a dispute without a disputed claim, or the reverse",
			)?;
			if let Some(dispute) = dispute {
				let sitting = matches!(claim.status, ClaimStatus::UnderJury { .. });
				ensure_invariant(
					sitting != dispute.jurors.is_empty(),
					"a jury sits exactly while the claim is under jury",
				)?;
				if let Some((challenger, bond)) = &dispute.challenger {
					add(&mut dispute_bonds, challenger, *bond);
				}
				if let Some((appellant, bond)) = &dispute.appeal {
					add(&mut dispute_bonds, appellant, *bond);
				}
				for seat in dispute.jurors.iter() {
					add(&mut juror_bonds, &seat.juror, seat.bond);
				}
			}
			if claim.evidence != H256::zero() {
				ensure_invariant(
					EvidenceClaims::<T>::get(claim.evidence) == Some(claim_id),
					"evidence commitment not recorded for its claim",
				)?;
			}
			if let ClaimKind::Parametric { region, period } = claim.kind {
				ensure_invariant(
					IndexClaims::<T>::get((claim.plan, region, period), claim.claimant_did)
						== Some(claim_id),
					"index claim not recorded",
				)?;
			}
		}
		ensure_invariant(
			Disputes::<T>::iter_keys().all(|claim_id| Claims::<T>::contains_key(claim_id)),
			"a dispute of a missing claim",
		)?;

		let mut agenda: Vec<(BlockNumberFor<T>, ClaimId)> = Vec::new();
		for (block, claims) in Agenda::<T>::iter() {
			ensure_invariant(block > now, "an agenda of a past block")?;
			ensure_invariant(
				claims.len() as u32 <= T::MaxDuePerBlock::get(),
				"agenda over its bound",
			)?;
			agenda.extend(claims.into_iter().map(|claim| (block, claim)));
		}
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

		for (evidence, claim_id) in EvidenceClaims::<T>::iter() {
			ensure_invariant(
				Claims::<T>::get(claim_id).is_some_and(|claim| claim.evidence == evidence),
				"evidence commitment of a missing claim",
			)?;
		}
		let operators = OracleOperators::<T>::get();
		ensure_invariant(
			operators.windows(2).all(|pair| pair.first() < pair.last()),
			"oracle operators unsorted or repeated",
		)?;
		Ok(())
	}
}
