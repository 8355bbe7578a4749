//! Plans, memberships and their lifecycle: joining, the activation queue, lapses and cures,
//! exits; and the counts kept for each.
//!
//! The activation queue ([`Activations`], [`ActivationsDue`], [`ActivationCursor`]) is described
//! in the crate docs' member lifecycle.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{Get, RankedMembers},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, One, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

/// A status change, in the words of the event it emits.
enum Transition {
	Activated,
	Lapsed(LapseReason),
}

impl<T: Config> Pallet<T> {
	/// Checks terms before they are stored.
	fn ensure_valid_terms(terms: &PlanTermsOf<T>) -> DispatchResult {
		ensure!(!terms.name.is_empty(), Error::<T>::EmptyPlanName);
		for (position, credential_type) in terms.required_credentials.iter().enumerate() {
			ensure!(
				CredentialTypes::<T>::contains_key(credential_type),
				Error::<T>::CredentialTypeNotFound
			);
			ensure!(
				!terms.required_credentials.iter().skip(position + 1).any(|c| c == credential_type),
				Error::<T>::DuplicateRequiredCredential
			);
		}
		ensure!(!terms.max_payout_per_claim.is_zero(), Error::<T>::ZeroMaxPayout);
		ensure!(!terms.challenge_period.is_zero(), Error::<T>::ZeroChallengePeriod);
		ensure!(
			terms.member_share_cap_per_claim <= terms.member_share_cap_per_year,
			Error::<T>::ShareCapAboveYearlyCap
		);
		// A member reaching the minimum still pays its full share of the claim that takes it
		// there (the pool counts it until one lapse step, a sixteenth of the cap, past it),
		// with the management fee on top of the cap if the pool charges it so.
		let cap = terms.member_share_cap_per_claim;
		let lapse_margin = cap
			.saturating_add(terms.management_fee.mul_floor(cap))
			.saturating_add(cap / 16u32.into());
		ensure!(terms.min_deposit >= lapse_margin, Error::<T>::MinimumBelowShareCap);
		match terms.trigger {
			TriggerKind::Attestation { attestations_required } => {
				ensure!(attestations_required > 0, Error::<T>::NoAttestationsRequired);
				ensure!(
					attestations_required <= MAX_ATTESTATIONS_REQUIRED,
					Error::<T>::TooManyAttestationsRequired
				);
			}
			TriggerKind::Alliance { approval_threshold } => {
				ensure!(!approval_threshold.is_zero(), Error::<T>::ZeroApprovalThreshold)
			}
			TriggerKind::Parametric { trigger_value, exit_value, .. } => {
				ensure!(!terms.regions.is_empty(), Error::<T>::ParametricPlanNeedsRegions);
				ensure!(trigger_value != exit_value, Error::<T>::ExitEqualsTrigger);
			}
		}
		if !matches!(terms.trigger, TriggerKind::Parametric { .. }) {
			ensure!(terms.regions.is_empty(), Error::<T>::RegionsOnlyForParametricPlans);
		}
		for (position, region) in terms.regions.iter().enumerate() {
			ensure!(
				!terms.regions.iter().skip(position + 1).any(|r| r == region),
				Error::<T>::DuplicateRegion
			);
		}
		Ok(())
	}

	pub(crate) fn do_create_plan(terms: PlanTermsOf<T>) -> Result<PlanId, DispatchError> {
		Self::ensure_valid_terms(&terms)?;
		let plan = NextPlanId::<T>::get();
		let next = plan.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Plans::<T>::insert(
			plan,
			Plan {
				terms,
				open: true,
				created_at: Pallet::<T>::now(),
				waiting_members: 0,
				active_members: 0,
				lapsed_members: 0,
			},
		);
		NextPlanId::<T>::put(next);
		Self::deposit_event(Event::PlanCreated { plan });
		Ok(plan)
	}

	pub(crate) fn do_update_plan_terms(plan_id: PlanId, terms: PlanTermsOf<T>) -> DispatchResult {
		Self::ensure_valid_terms(&terms)?;
		Plans::<T>::try_mutate(plan_id, |plan| {
			let plan = plan.as_mut().ok_or(Error::<T>::PlanNotFound)?;
			// Whether the plan's members vote is fixed: the voter counts follow its active
			// members without recounting them.
			ensure!(
				Self::requires_personhood(&plan.terms) == Self::requires_personhood(&terms),
				Error::<T>::PersonhoodRequirementFixed
			);
			plan.terms = terms;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::PlanTermsUpdated { plan: plan_id });
		Ok(())
	}

	pub(crate) fn do_set_plan_open(plan_id: PlanId, open: bool) -> DispatchResult {
		Plans::<T>::try_mutate(plan_id, |plan| {
			let plan = plan.as_mut().ok_or(Error::<T>::PlanNotFound)?;
			ensure!(plan.open != open, Error::<T>::PlanOpenUnchanged);
			plan.open = open;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::PlanOpenSet { plan: plan_id, open });
		Ok(())
	}

	pub(crate) fn do_join_plan(
		who: &T::AccountId,
		plan_id: PlanId,
		deposit: BalanceOf<T>,
		region: Option<RegionId>,
	) -> Result<bool, DispatchError> {
		Self::do_join_plan_waiting(who, plan_id, deposit, region, true)
	}

	/// Joins `plan_id`; `wait`: whether the plan's waiting period applies (it does not for the
	/// founding members of a genesis, who are covered at once). Returns whether the membership
	/// was activated (or lapsed) in the call, as it is when there is no waiting period.
	pub(crate) fn do_join_plan_waiting(
		who: &T::AccountId,
		plan_id: PlanId,
		deposit: BalanceOf<T>,
		region: Option<RegionId>,
		wait: bool,
	) -> Result<bool, DispatchError> {
		let did = Self::did_of_controller(who)?;
		let mut plan = Plans::<T>::get(plan_id).ok_or(Error::<T>::PlanNotFound)?;
		ensure!(plan.open, Error::<T>::PlanClosed);
		ensure!(!Members::<T>::contains_key(plan_id, did), Error::<T>::AlreadyMember);
		ensure!(
			Self::holds_required_credentials(&plan.terms, did),
			Error::<T>::MissingRequiredCredential
		);
		ensure!(deposit >= plan.terms.min_deposit, Error::<T>::DepositBelowMinimum);
		match (plan.terms.trigger, region) {
			(TriggerKind::Parametric { .. }, None) => Err(Error::<T>::RegionRequired)?,
			(TriggerKind::Parametric { .. }, Some(region)) => {
				ensure!(plan.terms.regions.contains(&region), Error::<T>::RegionNotCovered)
			}
			(_, Some(_)) => Err(Error::<T>::RegionNotApplicable)?,
			(_, None) => {}
		}
		let mut memberships = MembershipsOf::<T>::get(did);
		memberships.try_push(plan_id).map_err(|_| Error::<T>::TooManyMemberships)?;

		let now = Pallet::<T>::now();
		let waiting_period = if wait { plan.terms.waiting_period } else { Zero::zero() };
		let waiting_until = now.checked_add(&waiting_period).ok_or(ArithmeticError::Overflow)?;
		// The entry's place in the activation queue: the next in its block.
		let queued = if waiting_until > now {
			let seq = ActivationsDue::<T>::get(waiting_until);
			Some((seq, seq.checked_add(1).ok_or(ArithmeticError::Overflow)?))
		} else {
			None
		};
		// Last of the checks, as it moves funds: everything before it can still fail without
		// effect.
		T::Deposits::deposit(plan_id, who, deposit)?;

		if let Some((seq, due)) = queued {
			Activations::<T>::insert(waiting_until, seq, (plan_id, did));
			ActivationsDue::<T>::insert(waiting_until, due);
			let queued = ActivationsQueued::<T>::get();
			// The first entry of an empty queue: nothing is due before now, so the cursor starts
			// here rather than wherever it stood (a parachain's first block).
			if queued == 0 && ActivationCursor::<T>::get().block < now {
				ActivationCursor::<T>::put(ActivationPosition { block: now, next: 0 });
			}
			ActivationsQueued::<T>::put(queued.saturating_add(1));
		}

		plan.waiting_members = plan.waiting_members.saturating_add(1);
		Plans::<T>::insert(plan_id, plan);
		MembershipsOf::<T>::insert(did, memberships);
		Members::<T>::insert(
			plan_id,
			did,
			MemberRecord {
				status: MemberStatus::Waiting,
				joined_at: now,
				waiting_until,
				active_since: None,
				region,
			},
		);
		Self::deposit_event(Event::MemberJoined { plan: plan_id, did, deposit, waiting_until });
		let at_once = waiting_until <= now;
		if at_once {
			Self::activate_or_lapse(plan_id, did, now);
		}
		Ok(at_once)
	}

	pub(crate) fn do_exit_plan(who: &T::AccountId, plan_id: PlanId) -> DispatchResult {
		let did = Self::did_of_controller(who)?;
		let membership = Members::<T>::get(plan_id, did).ok_or(Error::<T>::NotMember)?;
		if matches!(membership.status, MemberStatus::Active | MemberStatus::Lapsed(_)) {
			// A member that was covered is liable for every claim filed before its notice,
			// lapsed or not: it shares them until they are closed.
			let (notice, given_now) = match ExitNotices::<T>::get(plan_id, did) {
				Some(notice) => (notice, false),
				None => {
					let notice = ExitNotice {
						given_at: Pallet::<T>::now(),
						liable_below: T::Claims::next_claim_id(),
					};
					ExitNotices::<T>::insert(plan_id, did, notice);
					Self::deposit_event(Event::ExitNoticeGiven {
						plan: plan_id,
						did,
						liable_below: notice.liable_below,
					});
					(notice, true)
				}
			};
			let liable = T::Claims::oldest_open_claim(plan_id)
				.is_some_and(|oldest| oldest < notice.liable_below);
			if liable {
				// The notice runs until those claims are closed.
				ensure!(given_now, Error::<T>::ClaimsStillOpen);
				return Ok(());
			}
		}
		ExitNotices::<T>::remove(plan_id, did);
		// Cover stops first (the pool settles the member), then the pool hears of the exit.
		Self::count_status(plan_id, did, Some(membership.status), None);
		T::Deposits::member_exited(plan_id, who)?;

		// A waiting member's activation entry stays: it is passed over when served.
		MembershipsOf::<T>::mutate_exists(did, |plans| {
			if let Some(list) = plans {
				list.retain(|plan| *plan != plan_id);
				if list.is_empty() {
					*plans = None;
				}
			}
		});
		Members::<T>::remove(plan_id, did);
		Self::deposit_event(Event::MemberExited { plan: plan_id, did });
		Ok(())
	}

	/// The status `did`'s membership of `plan_id` should have now, given its credentials and
	/// deposit, if that differs from `current`. Waiting memberships are the queue's business.
	fn due_transition(
		plan: &PlanOf<T>,
		plan_id: PlanId,
		did: DidId,
		current: MemberStatus,
	) -> Option<Transition> {
		let credentials_valid = Self::holds_required_credentials(&plan.terms, did);
		let deposit_sufficient = Dids::<T>::get(did).is_some_and(|record| {
			T::Deposits::is_sufficient(plan_id, &record.controller, plan.terms.min_deposit)
		});
		match (current, credentials_valid, deposit_sufficient) {
			(MemberStatus::Active, false, _) => {
				Some(Transition::Lapsed(LapseReason::CredentialInvalid))
			}
			(MemberStatus::Active, true, false) => {
				Some(Transition::Lapsed(LapseReason::DepositExhausted))
			}
			(MemberStatus::Lapsed(_), true, true) => Some(Transition::Activated),
			(MemberStatus::Lapsed(LapseReason::DepositExhausted), false, _) => {
				Some(Transition::Lapsed(LapseReason::CredentialInvalid))
			}
			(MemberStatus::Lapsed(LapseReason::CredentialInvalid), true, false) => {
				Some(Transition::Lapsed(LapseReason::DepositExhausted))
			}
			_ => None,
		}
	}

	pub(crate) fn do_refresh_membership(plan_id: PlanId, did: DidId) -> DispatchResult {
		let plan = Plans::<T>::get(plan_id).ok_or(Error::<T>::PlanNotFound)?;
		let membership = Members::<T>::get(plan_id, did).ok_or(Error::<T>::NotMember)?;
		let transition = Self::due_transition(&plan, plan_id, did, membership.status)
			.ok_or(Error::<T>::MembershipUnchanged)?;
		Self::apply_transition(plan_id, did, membership, transition);
		Ok(())
	}

	/// Writes a status change into the membership, the counts and the events.
	fn apply_transition(
		plan_id: PlanId,
		did: DidId,
		mut membership: MemberRecordOf<T>,
		transition: Transition,
	) {
		let old = membership.status;
		match transition {
			Transition::Activated => {
				membership.status = MemberStatus::Active;
				membership.active_since = Some(Pallet::<T>::now());
				Self::deposit_event(Event::MemberActivated { plan: plan_id, did });
			}
			Transition::Lapsed(reason) => {
				membership.status = MemberStatus::Lapsed(reason);
				membership.active_since = None;
				Self::deposit_event(Event::MemberLapsed { plan: plan_id, did, reason });
			}
		}
		Self::count_status(plan_id, did, Some(old), Some(membership.status));
		Members::<T>::insert(plan_id, did, membership);
	}

	/// Moves one membership between the counts: out of `from` (if any), into `to` (if any). The
	/// one place where the plan counts, [`ActiveMembershipsOf`] and [`ActiveMemberDids`] change,
	/// and, for a plan requiring the personhood credential, [`VoterMembershipsOf`] and
	/// [`VoterDids`].
	/// Counts saturate: each is bounded by the number of DIDs, far below `u32::MAX` in practice,
	/// and `try_state` recounts them.
	fn count_status(
		plan_id: PlanId,
		did: DidId,
		from: Option<MemberStatus>,
		to: Option<MemberStatus>,
	) {
		if from == to {
			return;
		}
		let mut personhood = false;
		Plans::<T>::mutate(plan_id, |plan| {
			if let Some(plan) = plan {
				personhood = Self::requires_personhood(&plan.terms);
				if let Some(status) = from {
					let count = Self::plan_counter(plan, status);
					*count = count.saturating_sub(1);
				}
				if let Some(status) = to {
					let count = Self::plan_counter(plan, status);
					*count = count.saturating_add(1);
				}
			}
		});
		let was_active = from == Some(MemberStatus::Active);
		let is_active = to == Some(MemberStatus::Active);
		if was_active != is_active {
			Self::move_active_slot(plan_id, did, is_active);
			// A lapse does not stop the member sharing the plan's claims: only leaving does (the
			// pool hears of it through `member_exited`), or a deposit run down to the minimum
			// (the pool stops counting it itself). So nobody sheds a known claim by letting a
			// credential lapse.
			if is_active {
				if let Some(record) = Dids::<T>::get(did) {
					T::Deposits::cover_started(plan_id, &record.controller);
				}
			}
		}
		if personhood && was_active != is_active {
			Self::count_voter_membership(did, is_active);
		}
		if was_active && !is_active {
			let remaining = ActiveMembershipsOf::<T>::get(did).saturating_sub(1);
			if remaining == 0 {
				ActiveMembershipsOf::<T>::remove(did);
				let dids = ActiveMemberDids::<T>::mutate(|dids| {
					*dids = dids.saturating_sub(1);
					*dids
				});
				Self::free_did_slot(did, dids);
			} else {
				ActiveMembershipsOf::<T>::insert(did, remaining);
			}
		} else if is_active && !was_active {
			let previous = ActiveMembershipsOf::<T>::get(did);
			if previous == 0 {
				let slot = ActiveMemberDids::<T>::mutate(|dids| {
					let slot = *dids;
					*dids = dids.saturating_add(1);
					slot
				});
				ActiveDidSlots::<T>::insert(slot, did);
				ActiveDidSlotOf::<T>::insert(did, slot);
			}
			ActiveMembershipsOf::<T>::insert(did, previous.saturating_add(1));
		}
	}

	/// One active membership of a plan requiring the personhood credential more
	/// (`activated`) or less for `did`, in [`VoterMembershipsOf`] and [`VoterDids`]. Counts
	/// saturate like the others.
	fn count_voter_membership(did: DidId, activated: bool) {
		let previous = VoterMembershipsOf::<T>::get(did);
		let now = if activated { previous.saturating_add(1) } else { previous.saturating_sub(1) };
		if now == 0 {
			VoterMembershipsOf::<T>::remove(did);
		} else {
			VoterMembershipsOf::<T>::insert(did, now);
		}
		match (previous, now) {
			(0, 1..) => {
				VoterDids::<T>::mutate(|dids| *dids = dids.saturating_add(1));
				Self::enrol_voter(did);
			}
			(1.., 0) => {
				VoterDids::<T>::mutate(|dids| *dids = dids.saturating_sub(1));
				Self::strike_voter(did);
			}
			_ => {}
		}
	}

	/// One block's share of the voters' sweep (see [`VoterSweep`]), within `limit`: each voter
	/// looked at costs [`WeightInfo::sweep_voters`]' per-voter part, plus, for one that no longer
	/// votes, a refresh of each of its memberships. Stops before a voter whose worst case (a
	/// refresh of [`Config::MaxMembershipsPerDid`] memberships) would exceed `limit`, at
	/// [`Config::MaxVoterSweepPerBlock`], or at the end of a pass. Returns the weight used.
	pub(crate) fn do_sweep_voters(limit: Weight) -> Weight {
		let base = T::WeightInfo::sweep_voters(0);
		let per_voter = T::WeightInfo::sweep_voters(1).saturating_sub(base);
		let refresh = T::WeightInfo::refresh_membership();
		let worst_strike = refresh.saturating_mul(u64::from(T::MaxMembershipsPerDid::get()));
		let mut used = base;
		if !limit.all_gte(used.saturating_add(per_voter).saturating_add(worst_strike)) {
			return Weight::zero();
		}
		let mut last = VoterSweep::<T>::get();
		let mut dids = match last {
			Some(did) => VoterMembershipsOf::<T>::iter_keys_from(
				VoterMembershipsOf::<T>::hashed_key_for(did),
			),
			None => VoterMembershipsOf::<T>::iter_keys(),
		};
		for _ in 0..T::MaxVoterSweepPerBlock::get() {
			if !limit.all_gte(used.saturating_add(per_voter).saturating_add(worst_strike)) {
				break;
			}
			let Some(did) = dids.next() else {
				// The pass is over; the next block starts another from the first voter.
				last = None;
				break;
			};
			last = Some(did);
			used = used.saturating_add(per_voter);
			if !Self::is_voter_did(did) {
				for plan in MembershipsOf::<T>::get(did) {
					// Only memberships with a due change move; the others are unchanged.
					let _ = Self::do_refresh_membership(plan, did);
					used = used.saturating_add(refresh);
				}
			}
		}
		match last {
			Some(did) => VoterSweep::<T>::put(did),
			None => VoterSweep::<T>::kill(),
		}
		used
	}

	/// Puts `did`'s controller on the voters' roll ([`Config::Electorate`]), at its lowest rank.
	pub(crate) fn enrol_voter(did: DidId) {
		let Some(record) = Dids::<T>::get(did) else { return };
		if T::Electorate::rank_of(&record.controller).is_none() {
			if let Err(error) = T::Electorate::induct(&record.controller) {
				frame_support::defensive!("the voters' roll refused a voter", error);
			}
		}
	}

	/// Takes `did`'s controller off the voters' roll ([`Config::Electorate`]): one demotion
	/// from its lowest rank, the only rank this pallet gives.
	pub(crate) fn strike_voter(did: DidId) {
		let Some(record) = Dids::<T>::get(did) else { return };
		if T::Electorate::rank_of(&record.controller).is_none() {
			return;
		}
		let removed = T::Electorate::demote(&record.controller)
			.map_err(|_| ())
			.and_then(|()| T::Electorate::rank_of(&record.controller).map_or(Ok(()), |_| Err(())));
		if removed.is_err() {
			frame_support::defensive!("the voters' roll kept a former voter");
		}
	}

	/// Hands the chain-wide slot of a DID that is no longer an active member to the last slot,
	/// `last` (the count of active member DIDs after the decrement).
	fn free_did_slot(did: DidId, last: u32) {
		let Some(slot) = ActiveDidSlotOf::<T>::take(did) else { return };
		match ActiveDidSlots::<T>::take(last) {
			Some(moved) if slot != last => {
				ActiveDidSlots::<T>::insert(slot, moved);
				ActiveDidSlotOf::<T>::insert(moved, slot);
			}
			_ => {
				ActiveDidSlots::<T>::remove(slot);
			}
		}
	}

	/// Gives an activated membership the next free slot of [`ActiveSlots`], or hands a
	/// deactivated membership's slot to the plan's last slot. Called after the plan's active count
	/// changed, so it counts the slots `0..active_members`.
	fn move_active_slot(plan_id: PlanId, did: DidId, activated: bool) {
		let active_members = Plans::<T>::get(plan_id).map(|plan| plan.active_members).unwrap_or(0);
		if activated {
			let slot = active_members.saturating_sub(1);
			ActiveSlots::<T>::insert(plan_id, slot, did);
			ActiveSlotOf::<T>::insert(plan_id, did, slot);
			return;
		}
		let Some(slot) = ActiveSlotOf::<T>::take(plan_id, did) else { return };
		// After the decrement, `active_members` is the index of the last occupied slot.
		let last = active_members;
		match ActiveSlots::<T>::take(plan_id, last) {
			Some(moved) if slot != last => {
				ActiveSlots::<T>::insert(plan_id, slot, moved);
				ActiveSlotOf::<T>::insert(plan_id, moved, slot);
			}
			_ => {
				ActiveSlots::<T>::remove(plan_id, slot);
			}
		}
	}

	/// The plan's count of members in `status`.
	fn plan_counter(plan: &mut PlanOf<T>, status: MemberStatus) -> &mut u32 {
		match status {
			MemberStatus::Waiting => &mut plan.waiting_members,
			MemberStatus::Active => &mut plan.active_members,
			MemberStatus::Lapsed(_) => &mut plan.lapsed_members,
		}
	}

	/// Ends a waiting period: the member becomes active, or lapses if a required credential or
	/// its deposit is not in order now. Does nothing unless the membership is waiting and its
	/// waiting period is over, so a stale activation entry (left by an exit, or a second one
	/// after an exit and a re-join) changes nothing, and no membership is activated twice.
	fn activate_or_lapse(plan_id: PlanId, did: DidId, now: BlockNumberFor<T>) {
		let Some(membership) = Members::<T>::get(plan_id, did) else { return };
		if membership.status != MemberStatus::Waiting || membership.waiting_until > now {
			return;
		}
		let Some(plan) = Plans::<T>::get(plan_id) else { return };
		let transition = match Self::due_transition(&plan, plan_id, did, MemberStatus::Active) {
			Some(lapse) => lapse,
			None => Transition::Activated,
		};
		Self::apply_transition(plan_id, did, membership, transition);
	}

	/// `on_initialize`: serves the activation queue from its cursor, in order (block, then join
	/// order), while the cursor's block is not after `now`, with at most
	/// [`Config::MaxActivationsPerBlock`] units of work: an entry served is one (moving on from
	/// the block it completes comes with it), and so is a block passed over with nothing left to
	/// serve. Returns the weight of the entries served plus a read per block passed over.
	pub(crate) fn do_activate_due(now: BlockNumberFor<T>) -> Weight {
		let budget = T::MaxActivationsPerBlock::get();
		let mut cursor = ActivationCursor::<T>::get();
		let mut queued = ActivationsQueued::<T>::get();
		if queued == 0 {
			// Nothing to serve before now: the cursor need not pass over the blocks one by one.
			if cursor.block < now {
				ActivationCursor::<T>::put(ActivationPosition { block: now, next: 0 });
			}
			return T::WeightInfo::activate_memberships(0)
				.saturating_add(T::DbWeight::get().reads_writes(1, 1));
		}
		let mut units: u32 = 0;
		let mut served: u32 = 0;
		let mut passed_over: u32 = 0;
		'blocks: while cursor.block <= now && units < budget {
			let due = ActivationsDue::<T>::get(cursor.block);
			if cursor.next >= due {
				units = units.saturating_add(1);
				passed_over = passed_over.saturating_add(1);
			}
			while cursor.next < due {
				if units >= budget {
					break 'blocks;
				}
				units = units.saturating_add(1);
				served = served.saturating_add(1);
				queued = queued.saturating_sub(1);
				if let Some((plan_id, did)) = Activations::<T>::take(cursor.block, cursor.next) {
					Self::activate_or_lapse(plan_id, did, now);
				}
				cursor.next = cursor.next.saturating_add(1);
			}
			// Every entry of the block is served: on to the next block.
			if due > 0 {
				ActivationsDue::<T>::remove(cursor.block);
			}
			let Some(block) = cursor.block.checked_add(&One::one()) else { break };
			cursor = ActivationPosition { block, next: 0 };
		}
		ActivationCursor::<T>::put(cursor);
		ActivationsQueued::<T>::put(queued);
		T::WeightInfo::activate_memberships(served)
			.saturating_add(T::DbWeight::get().reads(u64::from(passed_over)))
			// The count of queued entries, read and written.
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}

	/// The pool reports a member's deposit exhausted: an active membership lapses.
	pub(crate) fn do_deposit_exhausted(plan_id: PlanId, who: &T::AccountId) -> DispatchResult {
		let did = Self::did_of_controller(who)?;
		let membership = Members::<T>::get(plan_id, did).ok_or(Error::<T>::NotMember)?;
		if membership.status == MemberStatus::Active {
			Self::apply_transition(
				plan_id,
				did,
				membership,
				Transition::Lapsed(LapseReason::DepositExhausted),
			);
		}
		Ok(())
	}

	/// The pool reports a member's deposit sufficient again: a lapsed membership is cured if its
	/// credentials are in order.
	pub(crate) fn do_deposit_restored(plan_id: PlanId, who: &T::AccountId) -> DispatchResult {
		let did = Self::did_of_controller(who)?;
		let plan = Plans::<T>::get(plan_id).ok_or(Error::<T>::PlanNotFound)?;
		let membership = Members::<T>::get(plan_id, did).ok_or(Error::<T>::NotMember)?;
		if let MemberStatus::Lapsed(_) = membership.status {
			if let Some(transition) = Self::due_transition(&plan, plan_id, did, membership.status) {
				Self::apply_transition(plan_id, did, membership, transition);
			}
		}
		Ok(())
	}
}
