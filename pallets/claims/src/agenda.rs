//! The adjudication clock and its agenda: claims whose state ends at a tick, served by
//! `on_initialize`; approval and payout.

use crate::{pallet::*, *};
use frame_support::{
	storage::with_storage_layer,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	weights::Weight,
};
use sp_runtime::{
	traits::{BlockNumberProvider, One, Saturating, Zero},
	DispatchError, DispatchResult,
};

/// The lanes in the order `on_initialize` serves them: disputes first, so that no flood of
/// filings or windows delays a verdict.
const LANES: [Lane; 3] = [Lane::Disputes, Lane::Windows, Lane::Filings];

impl<T: Config> Pallet<T> {
	/// The adjudication periods in force.
	pub fn params() -> AdjudicationParamsOf<T> {
		Params::<T>::get().unwrap_or_else(T::DefaultParams::get)
	}

	/// Whether every period lasts at least one tick.
	pub fn valid_params(params: &AdjudicationParamsOf<T>) -> bool {
		[
			params.decision_period,
			params.draw_delay,
			params.commit_period,
			params.reveal_period,
			params.appeal_period,
			params.index_claim_period,
			params.record_retention,
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

	/// The adjudication clock's current tick: every claim deadline is measured on it. It is
	/// the tick the block-number source has reached — the [`Clock`], whose agendas are served,
	/// plus the ticks owed ([`ClockSync`]), which only a source that skipped blocks leaves.
	pub fn tick() -> BlockNumberFor<T> {
		let owed = ClockSync::<T>::get().map_or(Zero::zero(), |sync| sync.owed);
		Clock::<T>::get().saturating_add(owed)
	}

	/// The current block of [`Config::BlockNumberProvider`] (for what happens in real time:
	/// cover, weather periods, the record).
	pub(crate) fn block() -> BlockNumberFor<T> {
		T::BlockNumberProvider::current_block_number()
	}

	/// Puts `claim` into `lane` of the agenda of tick `at`, or of the first later tick with room
	/// in that lane (at most [`Config::MaxDuePerBlock`] ticks later); returns that tick.
	pub(crate) fn schedule(
		claim: ClaimId,
		at: BlockNumberFor<T>,
		lane: Lane,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut tick = at;
		for _ in 0..T::MaxDuePerBlock::get() {
			let added = Agenda::<T>::try_mutate(tick, lane, |due| due.try_push(claim)).is_ok();
			if added {
				return Ok(tick);
			}
			tick = tick.saturating_add(One::one());
		}
		Err(Error::<T>::AgendaFull.into())
	}

	/// Takes `claim` out of `lane` of the agenda of tick `at`.
	pub(crate) fn unschedule(claim: ClaimId, at: BlockNumberFor<T>, lane: Lane) {
		Agenda::<T>::mutate_exists(at, lane, |due| {
			if let Some(claims) = due {
				claims.retain(|scheduled| *scheduled != claim);
				if claims.is_empty() {
					*due = None;
				}
			}
		});
	}

	/// Takes a claim's current state out of the agenda, if it ends by time.
	pub(crate) fn unschedule_status(claim: ClaimId, status: &ClaimStatusOf<T>) {
		if let Some((at, lane)) = status.due_at() {
			Self::unschedule(claim, at, lane);
		}
	}

	/// `on_initialize`: the blocks of [`Config::BlockNumberProvider`] since the last block
	/// ([`ClockSync`]) become ticks owed, unless the brake is on: then the clock stands still,
	/// nothing is served and those blocks are not owed. Otherwise the clock moves one tick per
	/// tick owed, at most [`Config::MaxTicksPerBlock`] in this block, and every state due at
	/// each of those ticks ends — disputes first, then windows, then filings — each in its own
	/// storage layer; a step that fails is postponed to the next tick with room, with
	/// [`Event::StepPostponed`]. On Huzhu's solochain every block owes one tick.
	///
	/// A source that has not started (block 0: a parachain's relay-chain number before its
	/// first block is imported) and the first block with no [`ClockSync`] each count as one
	/// block, so that the clock never owes the millions of blocks between zero and the relay
	/// chain's height.
	pub(crate) fn do_tick() -> Weight {
		let block = Self::block();
		let sync = ClockSync::<T>::get().filter(|sync| !sync.seen.is_zero());
		// No block of the source passed when two blocks share a relay-chain parent.
		let passed = sync.map_or(One::one(), |sync| block.saturating_sub(sync.seen));
		let owed = sync.map_or(Zero::zero(), |sync| sync.owed);
		// The first block of the source not seen before: where a brake episode starts or ends.
		let first_unseen = sync.map_or(block, |sync| sync.seen.saturating_add(One::one()));
		let mut weight = T::Brake::weight().saturating_add(T::DbWeight::get().reads_writes(1, 1));
		if T::Brake::engaged() {
			Self::do_hold_clock(first_unseen);
			ClockSync::<T>::put(ClockSyncPoint { seen: block, owed });
			return weight.saturating_add(T::WeightInfo::on_initialize_braked());
		}
		let mut owed = owed.saturating_add(passed);
		if let Some(since) = BrakedSince::<T>::take() {
			// Held from `since` to the first block seen free; nothing to note if no block of
			// the source passed under the brake.
			if since < first_unseen {
				BrakeEpisodes::<T>::mutate(|episodes| {
					if episodes.is_full() {
						episodes.remove(0);
					}
					// Room was just made: the push cannot fail.
					let _ = episodes.try_push((since, first_unseen));
				});
			}
			Self::deposit_event(Event::ClockResumed {
				tick: Clock::<T>::get().saturating_add(One::one()),
				blocks_held: first_unseen.saturating_sub(since),
			});
			weight = weight.saturating_add(T::DbWeight::get().reads_writes(2, 2));
		}
		// Each tick served moves one tick from owed to the clock: `Clock + owed`, the tick the
		// source has reached ([`Pallet::tick`]), stays the same throughout the block, so a
		// deadline set while the clock catches up lasts its whole period in the source's time.
		for _ in 0..T::MaxTicksPerBlock::get() {
			if owed.is_zero() {
				break;
			}
			owed = owed.saturating_sub(One::one());
			let tick = Clock::<T>::get().saturating_add(One::one());
			Clock::<T>::put(tick);
			ClockSync::<T>::put(ClockSyncPoint { seen: block, owed });
			weight = weight.saturating_add(Self::serve_tick(tick));
		}
		ClockSync::<T>::put(ClockSyncPoint { seen: block, owed });
		weight
	}

	/// Ends every state due at `tick`, lane by lane; returns the weight.
	fn serve_tick(tick: BlockNumberFor<T>) -> Weight {
		let mut weight = Weight::zero();
		for lane in LANES {
			let due = Agenda::<T>::take(tick, lane);
			let served = due.len() as u32;
			for claim in due {
				if let Err(error) = with_storage_layer(|| Self::serve(claim, tick)) {
					Self::postpone(claim, tick, error);
				}
			}
			// An expiry or a denial's end costs less than a closed window with its payout; a
			// dispute step is a draw or a count, each benchmarked at its worst.
			weight = weight.saturating_add(match lane {
				Lane::Filings | Lane::Windows => T::WeightInfo::on_initialize_window(served),
				// A draw may also walk past deciders of the claim (five reads each) in each of
				// its two walks, which the draw benchmark's pool does not hold.
				Lane::Disputes => T::WeightInfo::on_initialize_verdict(served).max(
					T::WeightInfo::on_initialize_draw(served).saturating_add(
						T::DbWeight::get()
							.reads(Self::max_decider_skips().saturating_mul(5 * 2))
							.saturating_mul(u64::from(served)),
					),
				),
			});
		}
		weight
	}

	/// A block under the brake: the clock stands still, and the block it stopped in is noted.
	pub(crate) fn do_hold_clock(block: BlockNumberFor<T>) {
		if !BrakedSince::<T>::exists() {
			BrakedSince::<T>::put(block);
			Self::deposit_event(Event::ClockStopped { tick: Self::tick() });
		}
	}

	/// The block by which `length` blocks with the brake off will have passed since `from`, as
	/// far as is known now: `from + length`, moved by every brake episode that began before the
	/// deadline it had reached ([`BrakeEpisodes`], then the brake under way, which moves it
	/// past the current block for as long as it lasts). Deadlines in blocks (the oracles'
	/// submission window and the opening of index events) move with the brake like ticks do.
	pub fn unbraked_deadline(
		from: BlockNumberFor<T>,
		length: BlockNumberFor<T>,
	) -> BlockNumberFor<T> {
		let next = Self::block().saturating_add(One::one());
		let ongoing = BrakedSince::<T>::get().map(|since| (since, next));
		let mut deadline = from.saturating_add(length);
		for (start, end) in BrakeEpisodes::<T>::get().into_iter().chain(ongoing) {
			if start < deadline && end > from {
				deadline = deadline.saturating_add(end.saturating_sub(start.max(from)));
			}
		}
		deadline
	}

	/// Ends the state of `claim_id` due at `tick`.
	fn serve(claim_id: ClaimId, tick: BlockNumberFor<T>) -> DispatchResult {
		let Some(claim) = Claims::<T>::get(claim_id) else {
			// Not a claim: an index event's queue place, whose claim period ends now.
			Self::release_event_place(claim_id, tick);
			return Ok(());
		};
		if claim.status.due_at().map(|(at, _)| at) != Some(tick) {
			return Ok(());
		}
		match claim.status {
			ClaimStatus::Filed { .. } => {
				Self::reject(claim_id, claim, RejectionReason::Expired);
				Ok(())
			}
			ClaimStatus::Denied { .. } => {
				Self::reject(claim_id, claim, RejectionReason::Denied);
				Ok(())
			}
			ClaimStatus::Challengeable { amount, .. } => {
				Self::approve(claim_id, claim, amount);
				Ok(())
			}
			ClaimStatus::Disputed { amount, round, phase } => match phase {
				JuryPhase::Drawing { .. } => Self::seat_jury(claim_id, claim, round),
				JuryPhase::Sitting { .. } => Self::count_verdict(claim_id, claim, amount, round),
				JuryPhase::Appealable { upheld, .. } => {
					Self::finalize(claim_id, claim, amount, upheld)
				}
			},
			ClaimStatus::Approved { .. }
			| ClaimStatus::Paid { .. }
			| ClaimStatus::Rejected { .. }
			| ClaimStatus::Withdrawn => Ok(()),
		}
	}

	/// A due step failed (its changes were rolled back): the claim's deadline moves to the
	/// first later tick with room in its lane. If the lane is full for as far as the agenda
	/// looks, a verdict already counted stands (the appealed one, or a first verdict waiting
	/// for its appeal period); without one, the claim ends unproven with every party's bond
	/// returned — nothing waits forever.
	fn postpone(claim_id: ClaimId, tick: BlockNumberFor<T>, error: DispatchError) {
		let Some(mut claim) = Claims::<T>::get(claim_id) else { return };
		let Some((_, lane)) = claim.status.due_at() else { return };
		match Self::schedule(claim_id, tick.saturating_add(One::one()), lane) {
			Ok(retry_at) => {
				claim.status = claim.status.with_deadline(retry_at);
				Claims::<T>::insert(claim_id, claim);
				Self::deposit_event(Event::StepPostponed { claim: claim_id, error, retry_at });
			}
			Err(_) => {
				let counted = match claim.status {
					ClaimStatus::Disputed {
						amount,
						phase: JuryPhase::Appealable { upheld, .. },
						..
					} => Some((amount, upheld)),
					ClaimStatus::Disputed { amount, .. } => Disputes::<T>::get(claim_id)
						.and_then(|dispute| dispute.appeal)
						.map(|appeal| (amount, appeal.first_upheld())),
					_ => None,
				};
				let stood = counted.is_some_and(|(amount, upheld)| {
					let standing = claim.clone();
					with_storage_layer(|| Self::finalize(claim_id, standing, amount, upheld))
						.is_ok()
				});
				if !stood {
					Self::end_unproven(claim_id, claim, crate::jury_impls::Unproven::NoJury);
				}
			}
		}
	}

	/// Releases `amount` of `who`'s bond held for `reason`.
	pub(crate) fn release_bond(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) {
		let _ = T::Currency::release(&reason.into(), who, amount, Precision::BestEffort);
	}

	/// The claim is finished: its claimant has one open claim fewer, and (unless its approval
	/// did so already) its attesters' exposure is released.
	pub(crate) fn close(claim_id: ClaimId, claim: &ClaimOf<T>) {
		OpenClaims::<T>::mutate_exists(&claim.claimant, |open| {
			let left = open.unwrap_or_default().saturating_sub(1);
			*open = (left > 0).then_some(left);
		});
		Self::dequeue_open(claim.plan, claim_id);
		if let ClaimKind::Parametric { region, period } = claim.kind {
			Self::pull_closed(claim.plan, region, period);
		}
		if !matches!(claim.status, ClaimStatus::Approved { .. }) {
			Self::release_exposure(claim_id, claim);
		}
	}

	/// What an institution's attestation of the claim may cost it, as it attests:
	/// [`Config::AttesterSlash`] of the amount it confirmed, or of the amount asked for a denial
	/// (stored with the attestation, so a later change of the constant changes nothing owed).
	pub(crate) fn at_risk(
		confirmed_amount: Option<BalanceOf<T>>,
		claim: &ClaimOf<T>,
	) -> BalanceOf<T> {
		T::AttesterSlash::get().mul_floor(confirmed_amount.unwrap_or(claim.amount))
	}

	/// The claim is decided for good (approved, rejected, withdrawn, unproven): no jury can find
	/// its attestations false any more, so its attesters' exposure falls by what they risked.
	fn release_exposure(claim_id: ClaimId, claim: &ClaimOf<T>) {
		let ClaimKind::Attestation { confirmed_by, denied_by } = &claim.kind else { return };
		for attester in confirmed_by.iter().chain(denied_by.iter()) {
			let released = Attestations::<T>::get(claim_id, attester)
				.map_or_else(Zero::zero, |attestation| attestation.at_risk);
			AttesterExposure::<T>::mutate_exists(attester, |exposure| {
				// `try_state` checks the sum; a shortfall here would be reported there.
				let left = exposure.unwrap_or_default().saturating_sub(released);
				*exposure = (!left.is_zero()).then_some(left);
			});
		}
	}

	/// Rejects a claim that is not disputed (denied, voted down, expired): the bond is returned.
	pub(crate) fn reject(claim_id: ClaimId, mut claim: ClaimOf<T>, reason: RejectionReason) {
		Self::unschedule_status(claim_id, &claim.status);
		Self::release_bond(HoldReason::ClaimBond, &claim.claimant, claim.bond);
		Self::close(claim_id, &claim);
		claim.status = ClaimStatus::Rejected { at: Self::block(), reason };
		Claims::<T>::insert(claim_id, claim);
		Self::deposit_event(Event::ClaimRejected { claim: claim_id, reason });
	}

	/// Approves a claim for `amount` and pays it in the same block.
	pub(crate) fn approve(claim_id: ClaimId, mut claim: ClaimOf<T>, amount: BalanceOf<T>) {
		Self::unschedule_status(claim_id, &claim.status);
		Self::release_exposure(claim_id, &claim);
		claim.status = ClaimStatus::Approved { amount };
		Self::deposit_event(Event::ClaimApproved { claim: claim_id, amount });
		// A refusal leaves the claim `Approved` (with `PayoutFailed`) for `retry_payout`.
		let _ = Self::pay(claim_id, claim, amount);
	}

	/// Pays an approved claim through the pool, at most the plan maximum in force now: `Paid`
	/// and the bond returned; or, if the pool refuses, `Approved` with [`Event::PayoutFailed`].
	/// A claim whose plan is gone ends rejected with its bond returned.
	/// Returns the pool's error when it refused (the state is then `Approved`).
	fn pay(claim_id: ClaimId, mut claim: ClaimOf<T>, amount: BalanceOf<T>) -> DispatchResult {
		let Ok(terms) = Self::terms(claim.plan) else {
			Self::end_unproven(claim_id, claim, crate::jury_impls::Unproven::NoJury);
			return Ok(());
		};
		let amount = amount.min(terms.max_payout_per_claim);
		match T::Payout::pay_claim(claim.plan, &claim.claimant, amount) {
			Ok(receipt) => {
				Self::release_bond(HoldReason::ClaimBond, &claim.claimant, claim.bond);
				Self::close(claim_id, &claim);
				let at = Self::block();
				claim.status = ClaimStatus::Paid { at, amount: receipt.paid };
				Self::deposit_event(Event::ClaimPaid {
					claim: claim_id,
					member: claim.claimant.clone(),
					amount: receipt.paid,
					block: at,
				});
				Claims::<T>::insert(claim_id, claim);
				Ok(())
			}
			Err(error) => {
				claim.status = ClaimStatus::Approved { amount };
				Claims::<T>::insert(claim_id, claim);
				Self::deposit_event(Event::PayoutFailed { claim: claim_id, error });
				Err(error)
			}
		}
	}

	pub(crate) fn do_retry_payout(claim_id: ClaimId) -> DispatchResult {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::ClaimNotFound)?;
		let ClaimStatus::Approved { amount } = claim.status else {
			return Err(Error::<T>::NotApproved.into());
		};
		// Nothing is paid while the brake holds the clock (a pause of another claims call).
		frame_support::ensure!(!T::Brake::engaged(), Error::<T>::Braked);
		// The pool's refusal is the call's error (and leaves the claim as it was).
		Self::pay(claim_id, claim, amount)
	}
}
