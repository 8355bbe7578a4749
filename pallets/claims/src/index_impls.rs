//! Parametric plans: index metrics, oracle readings (through `pallet-oracle`), index events and
//! the payouts members pull from them.

use crate::{pallet::*, *};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{Get, SortedMembers},
};
use huzhu_primitives::membership::credential_types::WEATHER_ORACLE;
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult, Perbill,
};

impl<T: Config> Pallet<T> {
	/// The first and the first-after-last block of `period` of a metric.
	pub fn period_bounds(
		spec: &MetricSpecOf<T>,
		period: u32,
	) -> Result<(BlockNumberFor<T>, BlockNumberFor<T>), DispatchError> {
		let start = spec
			.period_length
			.checked_mul(&BlockNumberFor::<T>::from(period))
			.ok_or(ArithmeticError::Overflow)?;
		let end = start.checked_add(&spec.period_length).ok_or(ArithmeticError::Overflow)?;
		Ok((start, end))
	}

	/// The block at which readings of a period that ended at `end` stop being accepted: the
	/// metric's submission window later, moved by the time spent under the brake.
	pub fn submission_closes(spec: &MetricSpecOf<T>, end: BlockNumberFor<T>) -> BlockNumberFor<T> {
		Self::unbraked_deadline(end, spec.submission_window)
	}

	/// Whether `who`'s DID is an accredited weather oracle now.
	pub fn is_accredited_oracle(who: &T::AccountId) -> bool {
		T::Membership::did_of(who)
			.is_some_and(|did| T::Credentials::is_accredited_issuer(did, WEATHER_ORACLE))
	}

	pub(crate) fn do_set_metric(metric: MetricId, spec: MetricSpecOf<T>) -> DispatchResult {
		ensure!(
			spec.min_value <= spec.max_value
				&& !spec.period_length.is_zero()
				&& !spec.submission_window.is_zero(),
			Error::<T>::InvalidMetric
		);
		Metrics::<T>::insert(metric, spec);
		Self::deposit_event(Event::MetricSet { metric, spec });
		Ok(())
	}

	pub(crate) fn do_submit_reading(
		who: T::AccountId,
		key: ReadingKey,
		value: i64,
	) -> DispatchResult {
		let spec = Metrics::<T>::get(key.metric).ok_or(Error::<T>::UnknownMetric)?;
		ensure!(Self::is_accredited_oracle(&who), Error::<T>::NotAccreditedOracle);
		ensure!(!T::Membership::is_member_in_region(&who, key.region), Error::<T>::OracleHasStake);
		ensure!(spec.min_value <= value && value <= spec.max_value, Error::<T>::ReadingOutOfRange);
		let (_, end) = Self::period_bounds(&spec, key.period)?;
		let now = Self::block();
		ensure!(now >= end, Error::<T>::PeriodNotOver);
		ensure!(now < Self::submission_closes(&spec, end), Error::<T>::StaleReading);
		OracleOperators::<T>::try_mutate(|operators| match operators.binary_search(&who) {
			Ok(_) => Ok(()),
			Err(position) => operators
				.try_insert(position, who.clone())
				.map_err(|_| Error::<T>::TooManyOracleOperators),
		})?;
		T::Readings::feed(&who, key, value)?;
		Self::deposit_event(Event::ReadingSubmitted { oracle: who, key, value });
		Ok(())
	}

	pub(crate) fn do_remove_oracle_operator(oracle: T::AccountId) -> DispatchResult {
		ensure!(!Self::is_accredited_oracle(&oracle), Error::<T>::StillAccredited);
		OracleOperators::<T>::try_mutate(|operators| {
			let position =
				operators.binary_search(&oracle).map_err(|_| Error::<T>::StillAccredited)?;
			operators.remove(position);
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::OracleOperatorRemoved { oracle });
		Ok(())
	}

	/// The aggregated reading of `key`: the median of its readings once at least
	/// [`Config::MinReadings`] exist (an even count takes the mean of the two middle readings,
	/// rounded down), with the readings farther from it than the metric's `outlier_tolerance`.
	pub fn aggregate(key: &ReadingKey, tolerance: u64) -> Option<(i64, Vec<(T::AccountId, i64)>)> {
		let mut readings = T::Readings::readings(key);
		if (readings.len() as u32) < T::MinReadings::get() {
			return None;
		}
		let mut values: Vec<i64> = readings.iter().map(|(_, value)| *value).collect();
		values.sort_unstable();
		let middle = values.len() / 2;
		let upper = i128::from(*values.get(middle)?);
		let median = if values.len().is_multiple_of(2) {
			let lower = i128::from(*values.get(middle.checked_sub(1)?)?);
			i64::try_from((lower + upper).div_euclid(2)).ok()?
		} else {
			i64::try_from(upper).ok()?
		};
		readings.retain(|(_, value)| {
			(i128::from(*value) - i128::from(median)).unsigned_abs() > u128::from(tolerance)
		});
		Some((median, readings))
	}

	pub(crate) fn do_open_index_event(
		plan: PlanId,
		region: RegionId,
		period: u32,
	) -> DispatchResult {
		let terms = Self::terms(plan)?;
		let TriggerKind::Parametric { metric, trigger_value, exit_value } = terms.trigger else {
			return Err(Error::<T>::NotParametric.into());
		};
		ensure!(terms.regions.contains(&region), Error::<T>::RegionNotCovered);
		let spec = Metrics::<T>::get(metric).ok_or(Error::<T>::UnknownMetric)?;
		let (_, end) = Self::period_bounds(&spec, period)?;
		// Only once no reading can be added: nobody can open an event right after a reading of
		// its own and freeze it before the others report. And only within one more window:
		// nobody can wait for the oracles' accreditations, or the plan's terms, to change.
		let closes = Self::submission_closes(&spec, end);
		let now = Self::block();
		ensure!(now >= closes, Error::<T>::SubmissionWindowOpen);
		ensure!(
			now < Self::unbraked_deadline(closes, spec.submission_window),
			Error::<T>::EventOpeningOver
		);
		ensure!(
			!IndexEvents::<T>::contains_key(plan, (region, period)),
			Error::<T>::EventAlreadyOpen
		);
		let key = ReadingKey { region, period, metric };
		let (reading, outliers) =
			Self::aggregate(&key, spec.outlier_tolerance).ok_or(Error::<T>::NoAggregatedReading)?;
		let payout_fraction = payout_fraction(trigger_value, exit_value, reading)
			.ok_or(Error::<T>::ThresholdNotCrossed)?;
		let payout = payout_fraction.mul_floor(terms.max_payout_per_claim);
		ensure!(!payout.is_zero(), Error::<T>::ThresholdNotCrossed);
		let opened_at = Self::block();
		let claims_until = Self::tick().saturating_add(Self::params().index_claim_period);
		// The event's loss is public from now on: it takes a place in the plan's queue of open
		// claims, so that a member giving notice now stays liable for its payouts.
		let place = Self::take_next_claim_id()?;
		let closes_at = Self::schedule(place, claims_until, Lane::Windows)?;
		Self::enqueue_open(plan, place);
		IndexEventPlaces::<T>::insert(
			place,
			IndexEventPlace { plan, region, period, open_pulls: 0, claims_until: closes_at },
		);
		IndexEventPlaceIds::<T>::insert((plan, region, period), place);
		IndexEvents::<T>::insert(
			plan,
			(region, period),
			IndexEvent { reading, payout_fraction, payout, opened_at, claims_until },
		);
		for (oracle, value) in outliers {
			Self::deposit_event(Event::OutlierReading { oracle, key, value, median: reading });
		}
		Self::deposit_event(Event::IndexEventOpened {
			plan,
			region,
			period,
			reading,
			payout,
			claims_until,
		});
		Ok(())
	}

	pub(crate) fn do_claim_index_payout(
		who: T::AccountId,
		plan: PlanId,
		period: u32,
	) -> DispatchResult {
		let terms = Self::terms(plan)?;
		let TriggerKind::Parametric { metric, .. } = terms.trigger else {
			return Err(Error::<T>::NotParametric.into());
		};
		let region = T::Membership::member_region(plan, &who).ok_or(Error::<T>::NoRegion)?;
		let event =
			IndexEvents::<T>::get(plan, (region, period)).ok_or(Error::<T>::NoIndexEvent)?;
		ensure!(Self::tick() < event.claims_until, Error::<T>::IndexClaimPeriodOver);
		let spec = Metrics::<T>::get(metric).ok_or(Error::<T>::UnknownMetric)?;
		let (start, _) = Self::period_bounds(&spec, period)?;
		let since = T::Membership::active_since(plan, &who).ok_or(Error::<T>::NotCovered)?;
		ensure!(since <= start, Error::<T>::NotCoveredDuringPeriod);
		let claimant_did = Self::covered_claimant(plan, &who)?;
		let key = (plan, region, period);
		ensure!(!IndexClaims::<T>::contains_key(key, claimant_did), Error::<T>::AlreadyClaimed);
		// An audit of the same period that may still pay covers the loss already: one period's
		// cover pays once (an audit asked after a pull is netted against it instead).
		// A pruned audit counts as one that may pay (it was pruned once no pull was possible).
		let audited = AuditClaims::<T>::get(key, claimant_did).is_some_and(|audit| {
			Claims::<T>::get(audit).is_none_or(|audit| {
				!matches!(audit.status, ClaimStatus::Rejected { .. } | ClaimStatus::Withdrawn)
			})
		});
		ensure!(!audited, Error::<T>::AlreadyAudited);
		let claim_id = Self::open_claim(
			who,
			claimant_did,
			plan,
			ClaimKind::Parametric { region, period },
			event.payout,
			H256::zero(),
			T::ClaimBond::get(),
			|claim_id| Self::challengeable(claim_id, plan, Decision::Triggered, event.payout),
		)?;
		IndexClaims::<T>::insert(key, claimant_did, claim_id);
		if let Some(place) = IndexEventPlaceIds::<T>::get(key) {
			IndexEventPlaces::<T>::mutate(place, |entry| {
				if let Some(entry) = entry {
					entry.open_pulls = entry.open_pulls.saturating_add(1);
				}
			});
		}
		Ok(())
	}

	/// An index event's place leaves its plan's queue once its claim period is over (`tick` at
	/// or past it) and none of its pulls is open.
	pub(crate) fn release_event_place(place: ClaimId, tick: BlockNumberFor<T>) {
		let Some(entry) = IndexEventPlaces::<T>::get(place) else { return };
		if entry.open_pulls == 0 && tick >= entry.claims_until {
			IndexEventPlaces::<T>::remove(place);
			IndexEventPlaceIds::<T>::remove((entry.plan, entry.region, entry.period));
			Self::dequeue_open(entry.plan, place);
		}
	}

	/// A pull of an index event closed: one fewer holds the event's place.
	pub(crate) fn pull_closed(plan: PlanId, region: RegionId, period: u32) {
		let Some(place) = IndexEventPlaceIds::<T>::get((plan, region, period)) else { return };
		IndexEventPlaces::<T>::mutate(place, |entry| {
			if let Some(entry) = entry {
				entry.open_pulls = entry.open_pulls.saturating_sub(1);
			}
		});
		// The served clock, not the tick reached: the place leaves the agenda's queue when its
		// tick is served, never before.
		Self::release_event_place(place, Clock::<T>::get());
	}
}

/// `pallet-oracle`'s operators: the accounts that fed readings through
/// [`submit_reading`](Pallet::submit_reading) and are accredited weather oracles now.
impl<T: Config> SortedMembers<T::AccountId> for Pallet<T> {
	fn sorted_members() -> Vec<T::AccountId> {
		OracleOperators::<T>::get()
			.into_iter()
			.filter(|operator| Self::is_accredited_oracle(operator))
			.collect()
	}

	fn contains(who: &T::AccountId) -> bool {
		OracleOperators::<T>::get().binary_search(who).is_ok() && Self::is_accredited_oracle(who)
	}

	fn count() -> usize {
		Self::sorted_members().len()
	}
}

/// Whether `reading` crosses a parametric trigger, and how far towards the exit value: `None`
/// below the trigger, a fraction growing linearly to 100 % at the exit value (and beyond).
pub fn payout_fraction(trigger_value: i64, exit_value: i64, reading: i64) -> Option<Perbill> {
	let (depth, span) = if exit_value < trigger_value {
		// Pays as the reading falls (drought).
		(
			i128::from(trigger_value) - i128::from(reading),
			i128::from(trigger_value) - i128::from(exit_value),
		)
	} else {
		// Pays as the reading rises (flood, heat).
		(
			i128::from(reading) - i128::from(trigger_value),
			i128::from(exit_value) - i128::from(trigger_value),
		)
	};
	if depth <= 0 || span <= 0 {
		return None;
	}
	let depth = u128::try_from(depth.min(span)).ok()?;
	let span = u128::try_from(span).ok()?;
	Some(Perbill::from_rational(depth, span))
}
