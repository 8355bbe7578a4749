//! The approval-weighted election, its exposures, the `ElectionProvider` for `pallet-staking`
//! and the `SessionManager` adapter for runtimes without it.

use crate::{pallet::*, *};
use alloc::{
	collections::{btree_map::BTreeMap, btree_set::BTreeSet},
	vec::Vec,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_election_provider_support::{
	bounds::DataProviderBounds, BoundedSupportsOf, ElectionDataProvider, ElectionProvider,
	PageIndex, Support, VoterOf,
};
use frame_support::{
	dispatch::DispatchClass,
	traits::{ConstU32, Get},
	weights::Weight,
};
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, BoundedVec};

/// Why an election failed (the staking system then keeps the previous validator set).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ElectionError {
	/// The data provider could not give the voters.
	DataProvider,
	/// Fewer eligible candidates than the minimum number of seats.
	TooFewCandidates,
	/// Only one page is supported.
	NoSuchPage,
}

/// One candidate's tally while ranking.
struct Tally<AccountId, BlockNumber> {
	candidate: AccountId,
	backing: u128,
	voters: u32,
	registered_at: BlockNumber,
	eligible: bool,
}

impl<T: Config> Pallet<T> {
	/// The voters an election reads, within [`Config::MaxElectingVoters`].
	fn electing_voters() -> Result<Vec<VoterOf<T::DataProvider>>, ElectionError> {
		let bounds =
			DataProviderBounds { count: Some(T::MaxElectingVoters::get().into()), size: None };
		T::DataProvider::electing_voters(bounds, 0).map_err(|_| ElectionError::DataProvider)
	}

	/// The candidates a voter's stake counts for: its first `max_votes` distinct approvals of
	/// registered candidates.
	fn counted_approvals(
		targets: &[T::AccountId],
		is_candidate: impl Fn(&T::AccountId) -> bool,
		max_votes: u32,
	) -> Vec<&T::AccountId> {
		let mut counted: Vec<&T::AccountId> = Vec::new();
		for target in targets {
			if counted.len() as u32 >= max_votes {
				break;
			}
			if is_candidate(target) && !counted.contains(&target) {
				counted.push(target);
			}
		}
		counted
	}

	/// Every candidate with its backing and voters, best first: eligible before ineligible,
	/// then more backing, then earlier registration, then the smaller account id.
	fn tally(voters: &[VoterOf<T::DataProvider>]) -> Vec<Tally<T::AccountId, BlockNumberFor<T>>> {
		let max_votes = Self::params().max_votes;
		let mut tallies: BTreeMap<T::AccountId, Tally<T::AccountId, BlockNumberFor<T>>> =
			Candidates::<T>::iter()
				.map(|(candidate, record)| {
					let eligible = Self::is_eligible(&candidate);
					let tally = Tally {
						candidate: candidate.clone(),
						backing: 0,
						voters: 0,
						registered_at: record.registered_at,
						eligible,
					};
					(candidate, tally)
				})
				.collect();
		for (_, weight, targets) in voters {
			let approvals =
				Self::counted_approvals(targets, |target| tallies.contains_key(target), max_votes);
			for approved in approvals {
				if let Some(tally) = tallies.get_mut(approved) {
					tally.backing = tally.backing.saturating_add(u128::from(*weight));
					tally.voters = tally.voters.saturating_add(1);
				}
			}
		}
		let mut ranking: Vec<_> = tallies.into_values().collect();
		ranking.sort_by(|a, b| {
			b.eligible
				.cmp(&a.eligible)
				.then(b.backing.cmp(&a.backing))
				.then(a.registered_at.cmp(&b.registered_at))
				.then(a.candidate.cmp(&b.candidate))
		});
		ranking
	}

	/// The current ranking, for [`runtime_api::ElectionsApi`]: an election over the voters now.
	pub fn ranking() -> Vec<RankedCandidate<T::AccountId>> {
		let voters = Self::electing_voters().unwrap_or_default();
		let seats = Self::params().seats as usize;
		Self::tally(&voters)
			.into_iter()
			.enumerate()
			.map(|(position, tally)| RankedCandidate {
				would_be_elected: tally.eligible && position < seats,
				candidate: tally.candidate,
				total_backing: tally.backing,
				voters: tally.voters,
				eligible: tally.eligible,
			})
			.collect()
	}

	/// Marks the candidates found ineligible, clears the mark of those found eligible, and drops
	/// those an election at an earlier block already marked ([`RemovalReason::Ineligible`]).
	/// One pass over the ranking (every candidate once): at most one mark read and one write or
	/// best-effort removal per candidate. Returns how many were dropped.
	fn review_eligibility(ranking: &[Tally<T::AccountId, BlockNumberFor<T>>]) -> u32 {
		let now = Pallet::<T>::now();
		let mut dropped = 0u32;
		for tally in ranking {
			let marked = IneligibleSince::<T>::get(&tally.candidate);
			match (tally.eligible, marked) {
				(true, None) => {}
				(true, Some(_)) => IneligibleSince::<T>::remove(&tally.candidate),
				(false, None) => IneligibleSince::<T>::insert(&tally.candidate, now),
				(false, Some(since)) if since < now => {
					Self::remove(tally.candidate.clone(), RemovalReason::Ineligible);
					dropped = dropped.saturating_add(1);
				}
				// Marked by an election in this same block: it has not had its era.
				(false, Some(_)) => {}
			}
		}
		dropped
	}

	/// The weight of an election over `voters` voters and `candidates` candidates, `dropped` of
	/// which it drops as ineligible (each charged as a governance removal, the same work).
	pub fn elect_weight(voters: u32, candidates: u32, dropped: u32) -> Weight {
		T::WeightInfo::elect(voters, candidates)
			.saturating_add(T::WeightInfo::remove_candidate().saturating_mul(dropped.into()))
	}

	/// Runs the election: reviews every candidate's eligibility (marking, unmarking, dropping —
	/// also when the election then fails), then the top `seats` eligible candidates by approval,
	/// and each winner's exposure (each voter's stake split equally among the winners it
	/// approves).
	pub fn do_elect() -> Result<BoundedSupportsOf<Self>, ElectionError> {
		let voters = Self::electing_voters()?;
		let params = Self::params();
		let ranking = Self::tally(&voters);
		LastRanking::<T>::put((
			Pallet::<T>::now(),
			BoundedVec::truncate_from(
				ranking.iter().map(|tally| tally.candidate.clone()).collect::<Vec<_>>(),
			),
		));
		let dropped = Self::review_eligibility(&ranking);
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			Self::elect_weight(voters.len() as u32, ranking.len() as u32, dropped),
			DispatchClass::Mandatory,
		);
		// The candidates the tally counted approvals for (dropped ones included, so that a
		// voter's exposures follow the same approvals as its backing), from the one read of the
		// (bounded) candidate list, not one per voter and approval.
		let candidates: BTreeSet<T::AccountId> =
			ranking.iter().map(|tally| tally.candidate.clone()).collect();
		let winners: Vec<T::AccountId> = ranking
			.into_iter()
			.filter(|tally| tally.eligible)
			.take(params.seats as usize)
			.map(|tally| tally.candidate)
			.collect();
		if winners.is_empty() || (winners.len() as u32) < params.min_seats {
			Self::deposit_event(Event::ElectionFailed { error: ElectionError::TooFewCandidates });
			return Err(ElectionError::TooFewCandidates);
		}
		let seated: BTreeSet<&T::AccountId> = winners.iter().collect();
		let mut supports: BTreeMap<T::AccountId, Support<T::AccountId>> =
			winners.iter().map(|winner| (winner.clone(), Default::default())).collect();
		for (voter, weight, targets) in &voters {
			let backed = Self::counted_approvals(
				targets,
				|target| candidates.contains(target),
				params.max_votes,
			)
			.into_iter()
			.filter(|target| seated.contains(target))
			.collect::<Vec<_>>();
			let Ok(count) = u128::try_from(backed.len()) else { continue };
			if count.is_zero() {
				continue;
			}
			let stake = u128::from(*weight);
			let (share, remainder) = (stake / count, stake % count);
			for (position, winner) in backed.into_iter().enumerate() {
				let amount = if position == 0 { share.saturating_add(remainder) } else { share };
				if amount.is_zero() {
					continue;
				}
				if let Some(support) = supports.get_mut(winner) {
					support.total = support.total.saturating_add(amount);
					support.voters.push((voter.clone(), amount));
				}
			}
		}
		let ordered: Vec<(T::AccountId, Support<T::AccountId>)> = winners
			.iter()
			.filter_map(|winner| supports.remove(winner).map(|support| (winner.clone(), support)))
			.collect();
		let (bounded, _, _) = BoundedSupportsOf::<Self>::sorted_truncate_from(ordered);
		LastWinners::<T>::put(BoundedVec::truncate_from(winners.clone()));
		Self::deposit_event(Event::Elected {
			winners,
			voters: voters.len() as u32,
			candidates: Candidates::<T>::count(),
		});
		Ok(bounded)
	}
}

impl<T: Config> ElectionProvider for Pallet<T> {
	type AccountId = T::AccountId;
	type BlockNumber = BlockNumberFor<T>;
	type Error = ElectionError;
	type MaxWinnersPerPage = T::MaxWinners;
	type MaxBackersPerWinner = T::MaxBackersPerWinner;
	type MaxBackersPerWinnerFinal = T::MaxBackersPerWinner;
	type Pages = ConstU32<1>;
	type DataProvider = T::DataProvider;

	fn elect(page: PageIndex) -> Result<BoundedSupportsOf<Self>, Self::Error> {
		if page != 0 {
			return Err(ElectionError::NoSuchPage);
		}
		Self::do_elect()
	}

	fn start() -> Result<(), Self::Error> {
		Ok(())
	}

	fn duration() -> Self::BlockNumber {
		Zero::zero()
	}

	fn status() -> Result<Option<Weight>, ()> {
		let most = T::MaxCandidates::get();
		Ok(Some(Self::elect_weight(T::MaxElectingVoters::get(), most, most)))
	}
}

/// A `pallet_session::SessionManager` for runtimes without `pallet-staking`: every `N`-th
/// session it runs the election and plans its winners as the next validator (collator) set; when
/// the election fails, the set stays.
pub struct ElectedSessions<T, N>(PhantomData<(T, N)>);

impl<T: Config, N: Get<u32>> pallet_session::SessionManager<T::AccountId>
	for ElectedSessions<T, N>
{
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		let every = N::get().max(1);
		if !new_index.is_multiple_of(every) {
			return None;
		}
		Pallet::<T>::do_elect()
			.ok()
			.map(|supports| supports.into_iter().map(|(winner, _)| winner).collect::<Vec<_>>())
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}
