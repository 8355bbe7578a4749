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
		ensure!(spec.min_value <= value && value <= spec.max_value, Error::<T>::ReadingOutOfRange);
		let (_, end) = Self::period_bounds(&spec, key.period)?;
		let now = Self::now();
		ensure!(now >= end, Error::<T>::PeriodNotOver);
		ensure!(now < end.saturating_add(spec.submission_window), Error::<T>::StaleReading);
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
		let now = Self::now();
		ensure!(now >= end, Error::<T>::PeriodNotOver);
		ensure!(
			!IndexEvents::<T>::contains_key(plan, (region, period)),
			Error::<T>::EventAlreadyOpen
		);
		let reading = T::Readings::aggregated(&ReadingKey { region, period, metric })
			.ok_or(Error::<T>::NoAggregatedReading)?;
		let payout_fraction = payout_fraction(trigger_value, exit_value, reading)
			.ok_or(Error::<T>::ThresholdNotCrossed)?;
		let payout = payout_fraction.mul_floor(terms.max_payout_per_claim);
		ensure!(!payout.is_zero(), Error::<T>::ThresholdNotCrossed);
		let claims_until = now.saturating_add(Self::params().index_claim_period);
		IndexEvents::<T>::insert(
			plan,
			(region, period),
			IndexEvent { reading, payout_fraction, payout, opened_at: now, claims_until },
		);
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
		ensure!(T::Membership::is_active_member(plan, &who), Error::<T>::NotCovered);
		let claimant_did = T::Membership::did_of(&who).ok_or(Error::<T>::NoDid)?;
		let region = T::Membership::member_region(plan, &who).ok_or(Error::<T>::NoRegion)?;
		let event =
			IndexEvents::<T>::get(plan, (region, period)).ok_or(Error::<T>::NoIndexEvent)?;
		let now = Self::now();
		ensure!(now < event.claims_until, Error::<T>::IndexClaimPeriodOver);
		let spec = Metrics::<T>::get(metric).ok_or(Error::<T>::UnknownMetric)?;
		let (start, _) = Self::period_bounds(&spec, period)?;
		let since = T::Membership::active_since(plan, &who).ok_or(Error::<T>::NotCovered)?;
		ensure!(since <= start, Error::<T>::NotCoveredDuringPeriod);
		ensure!(
			!IndexClaims::<T>::contains_key((plan, region, period), claimant_did),
			Error::<T>::AlreadyClaimed
		);
		let claim_id = Self::next_claim_id()?;
		let window_ends = Self::schedule(claim_id, now.saturating_add(terms.challenge_period))?;
		let bond = T::ClaimBond::get();
		Self::hold_bond(HoldReason::ClaimBond, &who, bond)?;
		IndexClaims::<T>::insert((plan, region, period), claimant_did, claim_id);
		Claims::<T>::insert(
			claim_id,
			Claim {
				plan,
				claimant: who.clone(),
				claimant_did,
				kind: ClaimKind::Parametric { region, period },
				amount: event.payout,
				approved_amount: event.payout,
				evidence: H256::zero(),
				bond,
				filed_at: now,
				status: ClaimStatus::Challengeable { window_ends },
				decided_by: Some(Decision::Triggered),
				tally: Default::default(),
			},
		);
		Self::deposit_event(Event::ClaimFiled {
			claim: claim_id,
			plan,
			claimant: who,
			amount: event.payout,
			evidence: H256::zero(),
		});
		Self::deposit_event(Event::ClaimDecided {
			claim: claim_id,
			decision: Decision::Triggered,
			amount: event.payout,
			window_ends,
		});
		Ok(())
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
