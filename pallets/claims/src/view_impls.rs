//! The reads behind [`ClaimsApi`](crate::runtime_api::ClaimsApi): bounded, paginated, never
//! called by a transaction.

use crate::{
	pallet::*,
	runtime_api::{ClaimDetails, ClockView, DisputeView, JuryDuty, Page, MAX_PAGE, MAX_SCAN},
	*,
};
use alloc::vec::Vec;
use sp_runtime::traits::{One, Saturating, Zero};

/// A claim's details as the runtime API returns them.
pub type ClaimDetailsOf<T> =
	ClaimDetails<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A juror's seat as the runtime API returns it.
pub type JuryDutyOf<T> = JuryDuty<BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// `claim_id` with its record deposit, its dispute and when its record may be pruned.
	pub fn claim_details(claim_id: ClaimId) -> Option<ClaimDetailsOf<T>> {
		Claims::<T>::get(claim_id).map(|claim| Self::details(claim_id, claim))
	}

	fn details(id: ClaimId, claim: ClaimOf<T>) -> ClaimDetailsOf<T> {
		let dispute = Disputes::<T>::get(id).map(|dispute| DisputeView {
			cause: dispute.cause,
			challengers: dispute.challengers.into_inner(),
			reason: dispute.reason,
			appeal: dispute.appeal,
			jurors: dispute.jurors.into_inner(),
			first_jurors: dispute.first_jurors.into_inner(),
			revealed: dispute.revealed.into_inner(),
		});
		let prunable_from = Self::ended_at(id, &claim)
			.map(|ended| ended.saturating_add(Self::params().record_retention));
		let prunable_now = prunable_from.is_some_and(|from| Self::block() >= from)
			&& match claim.kind {
				ClaimKind::Parametric { region, period } | ClaimKind::Audit { region, period } => {
					Self::pulls_over(claim.plan, region, period)
				}
				ClaimKind::Alliance { .. } => VotesPrunedIn::<T>::get(id) != Some(Self::block()),
				ClaimKind::Attestation { .. } => true,
			};
		ClaimDetails {
			id,
			record_deposit: RecordDeposits::<T>::get(id).unwrap_or_default(),
			dispute,
			prunable_from,
			prunable_now,
			claim,
		}
	}

	/// The claims `who` filed, newest first, among the [`MAX_SCAN`] claim ids below `before`
	/// (below [`NextClaimId`] when `None`).
	pub fn claims_of(
		who: &T::AccountId,
		before: Option<ClaimId>,
		limit: u32,
	) -> Page<ClaimDetailsOf<T>, ClaimId> {
		let limit = Self::page_size(limit);
		let mut id = before.unwrap_or_else(NextClaimId::<T>::get).min(NextClaimId::<T>::get());
		let mut items = Vec::new();
		let mut scanned = 0;
		while !id.is_zero() && items.len() < limit && scanned < MAX_SCAN {
			id = id.saturating_sub(One::one());
			scanned += 1;
			if let Some(claim) = Claims::<T>::get(id).filter(|claim| claim.claimant == *who) {
				items.push(Self::details(id, claim));
			}
		}
		Page { items, next: (!id.is_zero()).then_some(id) }
	}

	/// `plan`'s open claims, oldest first, after the claim id `after` (from the oldest when
	/// `None`), following the plan's queue ([`OpenQueues`], [`OpenLinks`]), which is in filing
	/// (id) order. Index events hold places in the queue too; they are passed over (see
	/// [`Pallet::index_events`]). If `after` has left the queue since, the walk goes on from the
	/// plan's first queued id above it, looked for among the next [`MAX_SCAN`] ids.
	pub fn open_claims(
		plan: PlanId,
		after: Option<ClaimId>,
		limit: u32,
	) -> Page<ClaimDetailsOf<T>, ClaimId> {
		let limit = Self::page_size(limit);
		let in_plan = |id: ClaimId| {
			Claims::<T>::get(id)
				.map(|claim| claim.plan)
				.or_else(|| IndexEventPlaces::<T>::get(id).map(|place| place.plan))
				== Some(plan)
		};
		let mut scanned = 0;
		let mut next = match after {
			None => OpenQueues::<T>::get(plan).map(|queue| queue.oldest),
			Some(after) => match OpenLinks::<T>::get(after).filter(|_| in_plan(after)) {
				Some(link) => link.newer,
				None => {
					// The cursor left the queue: the queue is in id order, so the walk goes on
					// from the plan's first queued id above it.
					let end = NextClaimId::<T>::get();
					let mut id = after;
					loop {
						id = id.saturating_add(One::one());
						if id >= end {
							break None;
						}
						if scanned >= MAX_SCAN {
							// Not found within the budget: go on from here next time.
							return Page { items: Vec::new(), next: Some(id) };
						}
						scanned += 1;
						if OpenLinks::<T>::contains_key(id) && in_plan(id) {
							break Some(id);
						}
					}
				}
			},
		};
		let mut items = Vec::new();
		let mut last = None;
		while let Some(id) = next {
			if items.len() >= limit || scanned >= MAX_SCAN {
				break;
			}
			scanned += 1;
			last = Some(id);
			if let Some(claim) = Claims::<T>::get(id) {
				items.push(Self::details(id, claim));
			}
			next = OpenLinks::<T>::get(id).and_then(|link| link.newer);
		}
		Page { items, next: last.filter(|_| next.is_some()) }
	}

	/// The jury seats `who` holds, over at most [`MAX_SCAN`] open disputes after the dispute of
	/// `after`, in storage order.
	pub fn jury_duty(
		who: &T::AccountId,
		after: Option<ClaimId>,
		limit: u32,
	) -> Page<JuryDutyOf<T>, ClaimId> {
		let limit = Self::page_size(limit);
		let mut disputes = match after {
			Some(after) => Disputes::<T>::iter_from(Disputes::<T>::hashed_key_for(after)),
			None => Disputes::<T>::iter(),
		};
		let mut items = Vec::new();
		let mut last = None;
		for (id, dispute) in disputes.by_ref().take(MAX_SCAN as usize) {
			last = Some(id);
			let Some(seat) = dispute.jurors.iter().find(|seat| seat.juror == *who) else {
				continue;
			};
			let Some(ClaimStatus::Disputed { phase, round, .. }) =
				Claims::<T>::get(id).map(|claim| claim.status)
			else {
				continue;
			};
			items.push(JuryDuty {
				claim: id,
				round,
				bond: seat.bond,
				phase,
				committed: seat.commitment.is_some(),
				revealed: seat.revealed.is_some(),
			});
			if items.len() >= limit {
				break;
			}
		}
		let more = disputes.next().is_some();
		Page { items, next: last.filter(|_| more) }
	}

	/// `plan`'s index events, at most [`MAX_SCAN`] after the event of `after`, in storage order.
	pub fn index_events(
		plan: PlanId,
		after: Option<(RegionId, u32)>,
		limit: u32,
	) -> Page<((RegionId, u32), IndexEventOf<T>), (RegionId, u32)> {
		let limit = Self::page_size(limit);
		let mut events = match after {
			Some(after) => IndexEvents::<T>::iter_prefix_from(
				plan,
				IndexEvents::<T>::hashed_key_for(plan, after),
			),
			None => IndexEvents::<T>::iter_prefix(plan),
		};
		let items: Vec<_> = events.by_ref().take(limit).collect();
		let next = items.last().map(|(key, _)| *key).filter(|_| events.next().is_some());
		Page { items, next }
	}

	/// The adjudication clock, whether the brake holds it, and the periods in force.
	pub fn clock() -> ClockView<BlockNumberFor<T>> {
		ClockView {
			tick: Self::tick(),
			braked: T::Brake::engaged(),
			braked_since: BrakedSince::<T>::get(),
			params: Self::params(),
		}
	}

	/// How many items a page holds: what was asked, at least one and at most [`MAX_PAGE`].
	fn page_size(limit: u32) -> usize {
		limit.clamp(1, MAX_PAGE) as usize
	}
}
