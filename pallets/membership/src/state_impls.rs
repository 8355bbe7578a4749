//! Genesis building and the pallet's invariants (`try_state`).

use crate::{pallet::*, *};
#[cfg(any(feature = "try-runtime", test))]
use {
	alloc::{collections::btree_map::BTreeMap, vec::Vec},
	frame_support::traits::fungible::InspectHold,
	frame_system::pallet_prelude::BlockNumberFor,
	huzhu_primitives::ensure_invariant,
	sp_runtime::{
		traits::{One, Saturating},
		TryRuntimeError,
	},
};

impl<T: Config> Pallet<T> {
	/// Builds the genesis state. Panics on inconsistent genesis input (a chain spec error,
	/// caught when the spec is built).
	pub(crate) fn build_genesis(config: &GenesisConfig<T>) {
		for (name, schema_hash, issuer_bond) in &config.credential_types {
			let name =
				Label::try_from(name.clone()).expect("genesis credential type name too long");
			Self::do_register_credential_type(name, *schema_hash, *issuer_bond)
				.expect("genesis credential type is valid");
		}
		for (controller, authentication) in &config.dids {
			Self::do_create_did(controller.clone(), authentication.clone())
				.expect("genesis DID controller has no DID and can pay the deposit");
		}
		for (credential_type, controller) in &config.issuers {
			Self::do_request_accreditation(controller, *credential_type)
				.expect("genesis issuer has a DID and can pay the bond");
			let issuer = DidOf::<T>::get(controller).expect("genesis issuer has a DID");
			Self::do_accredit_issuer(*credential_type, issuer).expect("just requested");
		}
		for (subject, credential_type, issuer, commitment) in &config.credentials {
			let subject = DidOf::<T>::get(subject).expect("genesis credential subject has a DID");
			Self::do_attest_credential(issuer, subject, *credential_type, *commitment, None)
				.expect("genesis credential issuer is accredited, personhood commitments unique");
		}
		for terms in &config.plans {
			Self::do_create_plan(terms.clone()).expect("genesis plan terms are valid");
		}
		for (plan, controller, deposit, region) in &config.founders {
			Self::do_join_plan_waiting(controller, *plan, *deposit, *region, false)
				.expect("genesis founder holds the plan's credentials and can pay the deposit");
		}
	}

	/// The pallet's invariants, checked by the `try_state` hook and after every unit test:
	///
	/// - every DID is below `NextDidId`, its controller maps back to it, and exactly its recorded
	///   deposit is held from the controller for DIDs; it lists at most its endpoints;
	/// - each DID's `issuer_roles` is its number of accreditations, and the bonds held from each
	///   account are the sum of its accreditations' bonds;
	/// - every membership belongs to an existing plan and is listed in its DID's
	///   `MembershipsOf` and nowhere else; each plan's waiting/active/lapsed counts,
	///   `ActiveMembershipsOf` and `ActiveMemberDids` equal recounts of the records, and so do
	///   `VoterMembershipsOf` and `VoterDids` over the plans requiring the personhood credential;
	/// - every `PersonOf` entry names a live DID holding the personhood credential of that issuer
	///   with that commitment;
	/// - the activation queue: the cursor is at most one block after the current one; every
	///   entry and every block count is at or after the cursor, each entry's `seq` is below its
	///   block's count, a count is never zero, and a cursor inside a block (`next > 0`) has
	///   entries of it left to serve; every waiting membership has an entry, not yet served, in
	///   the block its waiting period ends in. Entries of exited or re-joined memberships may
	///   remain: they are passed over when served.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_did = NextDidId::<T>::get();
		let mut bonds_by_account: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut roles_by_did: BTreeMap<DidId, u32> = BTreeMap::new();
		for (credential_type, issuer, accreditation) in Accreditations::<T>::iter() {
			ensure_invariant(
				CredentialTypes::<T>::contains_key(credential_type),
				"accreditation for an unknown credential type",
			)?;
			let bond = bonds_by_account.entry(accreditation.bonded_account.clone()).or_default();
			*bond = bond.saturating_add(accreditation.bond);
			let roles = roles_by_did.entry(issuer).or_default();
			*roles = roles.saturating_add(1);
		}
		for (account, bonds) in &bonds_by_account {
			ensure_invariant(
				T::Currency::balance_on_hold(&HoldReason::IssuerBond.into(), account) == *bonds,
				"issuer bonds held differ from the accreditations' bonds",
			)?;
		}

		let mut dids = 0u64;
		for (did, record) in Dids::<T>::iter() {
			dids = dids.saturating_add(1);
			ensure_invariant(did < next_did, "DID id at or above NextDidId")?;
			ensure_invariant(
				DidOf::<T>::get(&record.controller) == Some(did),
				"controller does not map back to its DID",
			)?;
			ensure_invariant(
				T::Currency::balance_on_hold(&HoldReason::DidDeposit.into(), &record.controller)
					== record.deposit,
				"DID deposit held differs from the record",
			)?;
			ensure_invariant(
				roles_by_did.get(&did).copied().unwrap_or_default() == record.issuer_roles,
				"issuer_roles differs from the DID's accreditations",
			)?;
		}
		ensure_invariant(DidOf::<T>::iter().count() as u64 == dids, "DidOf entries without a DID")?;
		for (did, _) in ServiceEndpoints::<T>::iter() {
			ensure_invariant(Dids::<T>::contains_key(did), "service endpoints of a missing DID")?;
		}
		for (credential_type, _) in CredentialTypes::<T>::iter() {
			ensure_invariant(
				credential_type < NextCredentialTypeId::<T>::get(),
				"credential type id at or above NextCredentialTypeId",
			)?;
		}

		// Recount memberships.
		let mut counts: BTreeMap<PlanId, (u32, u32, u32)> = BTreeMap::new();
		let mut active_of: BTreeMap<DidId, u32> = BTreeMap::new();
		let mut voter_of: BTreeMap<DidId, u32> = BTreeMap::new();
		let mut plans_of: BTreeMap<DidId, Vec<PlanId>> = BTreeMap::new();
		let mut waiting: Vec<(BlockNumberFor<T>, PlanId, DidId)> = Vec::new();
		let now = Pallet::<T>::now();
		for (plan, did, membership) in Members::<T>::iter() {
			ensure_invariant(Plans::<T>::contains_key(plan), "membership of a missing plan")?;
			ensure_invariant(Dids::<T>::contains_key(did), "membership of a missing DID")?;
			let count = counts.entry(plan).or_default();
			match membership.status {
				MemberStatus::Waiting => {
					count.0 = count.0.saturating_add(1);
					// Its waiting period may be over while the queue has no room yet.
					waiting.push((membership.waiting_until, plan, did));
				}
				MemberStatus::Active => {
					count.1 = count.1.saturating_add(1);
					let active = active_of.entry(did).or_default();
					*active = active.saturating_add(1);
					if Plans::<T>::get(plan)
						.is_some_and(|plan| Self::requires_personhood(&plan.terms))
					{
						let voter = voter_of.entry(did).or_default();
						*voter = voter.saturating_add(1);
					}
					ensure_invariant(
						membership.active_since.is_some(),
						"active without active_since",
					)?;
				}
				MemberStatus::Lapsed(_) => count.2 = count.2.saturating_add(1),
			}
			plans_of.entry(did).or_default().push(plan);
		}
		for (plan_id, plan) in Plans::<T>::iter() {
			ensure_invariant(plan_id < NextPlanId::<T>::get(), "plan id at or above NextPlanId")?;
			let (waiting_members, active_members, lapsed_members) =
				counts.get(&plan_id).copied().unwrap_or_default();
			ensure_invariant(plan.waiting_members == waiting_members, "waiting count differs")?;
			ensure_invariant(plan.active_members == active_members, "active count differs")?;
			ensure_invariant(plan.lapsed_members == lapsed_members, "lapsed count differs")?;
			for slot in 0..plan.active_members {
				let did = ActiveSlots::<T>::get(plan_id, slot).ok_or("active slot empty")?;
				ensure_invariant(
					ActiveSlotOf::<T>::get(plan_id, did) == Some(slot),
					"ActiveSlotOf differs from ActiveSlots",
				)?;
				ensure_invariant(
					Members::<T>::get(plan_id, did)
						.is_some_and(|membership| membership.status == MemberStatus::Active),
					"active slot of a membership that is not active",
				)?;
			}
			ensure_invariant(
				ActiveSlots::<T>::iter_prefix(plan_id).count() == active_members as usize,
				"active slots beyond the active count",
			)?;
			ensure_invariant(
				ActiveSlotOf::<T>::iter_prefix(plan_id).count() == active_members as usize,
				"ActiveSlotOf entries beyond the active count",
			)?;
		}
		for (did, plans) in MembershipsOf::<T>::iter() {
			let mut listed = plans.into_inner();
			listed.sort();
			let mut recorded = plans_of.remove(&did).unwrap_or_default();
			recorded.sort();
			ensure_invariant(listed == recorded, "MembershipsOf differs from the memberships")?;
		}
		ensure_invariant(plans_of.is_empty(), "memberships missing from MembershipsOf")?;
		for (did, active) in ActiveMembershipsOf::<T>::iter() {
			ensure_invariant(
				active_of.remove(&did) == Some(active) && active > 0,
				"ActiveMembershipsOf differs from the active memberships",
			)?;
		}
		ensure_invariant(
			active_of.is_empty(),
			"active memberships missing from ActiveMembershipsOf",
		)?;
		ensure_invariant(
			ActiveMemberDids::<T>::get() as usize == ActiveMembershipsOf::<T>::iter().count(),
			"ActiveMemberDids differs from the DIDs with active memberships",
		)?;
		let active_dids = ActiveMemberDids::<T>::get();
		for did in ActiveMembershipsOf::<T>::iter_keys() {
			let slot = ActiveDidSlotOf::<T>::get(did);
			ensure_invariant(
				slot.is_some_and(|slot| {
					slot < active_dids && ActiveDidSlots::<T>::get(slot) == Some(did)
				}),
				"an active member DID without its chain-wide slot",
			)?;
		}
		ensure_invariant(
			ActiveDidSlots::<T>::iter().count() as u32 == active_dids
				&& ActiveDidSlotOf::<T>::iter().count() as u32 == active_dids,
			"chain-wide slots differ from the active member DIDs",
		)?;

		for (did, memberships) in VoterMembershipsOf::<T>::iter() {
			ensure_invariant(
				voter_of.remove(&did) == Some(memberships) && memberships > 0,
				"VoterMembershipsOf differs from the active memberships of personhood plans",
			)?;
		}
		ensure_invariant(
			voter_of.is_empty(),
			"active memberships of personhood plans missing from VoterMembershipsOf",
		)?;
		ensure_invariant(
			VoterDids::<T>::get() as usize == VoterMembershipsOf::<T>::iter().count(),
			"VoterDids differs from the DIDs with active memberships of personhood plans",
		)?;
		for did in VoterMembershipsOf::<T>::iter_keys() {
			ensure_invariant(
				Dids::<T>::get(did).is_some_and(|record| {
					<T::Electorate as frame_support::traits::RankedMembers>::rank_of(
						&record.controller,
					)
					.is_some()
				}),
				"a voter's controller is not on the voters' roll",
			)?;
		}
		for (issuer, commitment, did) in PersonOf::<T>::iter() {
			ensure_invariant(
				Dids::<T>::contains_key(did) && Self::holds_person(did, issuer, commitment),
				"a PersonOf entry names a DID without that personhood credential",
			)?;
		}

		Self::activation_queue_try_state(now, waiting)?;
		for (plan, did, _notice) in ExitNotices::<T>::iter() {
			ensure_invariant(
				Members::<T>::contains_key(plan, did),
				"an exit notice without its membership",
			)?;
		}
		Ok(())
	}

	/// The activation queue's invariants (see [`Self::do_try_state`]), given the waiting
	/// memberships as `(waiting_until, plan, did)`.
	#[cfg(any(feature = "try-runtime", test))]
	fn activation_queue_try_state(
		now: BlockNumberFor<T>,
		mut waiting: Vec<(BlockNumberFor<T>, PlanId, DidId)>,
	) -> Result<(), TryRuntimeError> {
		let cursor = ActivationCursor::<T>::get();
		let not_served = |block: BlockNumberFor<T>, seq: u32| {
			block > cursor.block || (block == cursor.block && seq >= cursor.next)
		};
		ensure_invariant(
			cursor.block <= now.saturating_add(One::one()),
			"activation cursor beyond the next block",
		)?;
		let mut unserved: u32 = 0;
		for (block, due) in ActivationsDue::<T>::iter() {
			ensure_invariant(due > 0, "an activation count of zero stored")?;
			ensure_invariant(block >= cursor.block, "an activation count before the cursor")?;
			let served = if block == cursor.block { cursor.next } else { 0 };
			unserved = unserved.saturating_add(due.saturating_sub(served));
		}
		ensure_invariant(
			ActivationsQueued::<T>::get() == unserved,
			"the count of queued activations is not the queue's",
		)?;
		// A block whose last entry is served is left at once.
		ensure_invariant(
			cursor.next == 0 || cursor.next < ActivationsDue::<T>::get(cursor.block),
			"activation cursor at or beyond its block's entries",
		)?;
		let mut queued: Vec<(BlockNumberFor<T>, PlanId, DidId)> = Vec::new();
		for (block, seq, (plan, did)) in Activations::<T>::iter() {
			ensure_invariant(
				seq < ActivationsDue::<T>::get(block),
				"an activation entry at or beyond its block's count",
			)?;
			ensure_invariant(not_served(block, seq), "an activation entry already served")?;
			queued.push((block, plan, did));
		}
		queued.sort();
		waiting.sort();
		// Each waiting membership has its own entry; `queued` may hold stale ones besides. Both
		// are sorted, so one walk finds them.
		let mut entries = queued.iter();
		for membership in &waiting {
			let found = loop {
				match entries.next() {
					Some(entry) if entry == membership => break true,
					Some(entry) if entry < membership => continue,
					_ => break false,
				}
			};
			ensure_invariant(found, "a waiting membership without its activation entry")?;
		}
		Ok(())
	}
}
