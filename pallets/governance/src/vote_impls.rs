//! Voting, vote removal and delegation.

use crate::*;
use frame_support::{
	ensure,
	traits::{Get, PollStatus},
};
use huzhu_primitives::membership::DidId;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The electorate of the support ratio: DIDs with an active membership of a plan requiring
	/// the personhood credential ([`MembershipInspect::voter_count`], an upper bound of the
	/// voters, which only makes support harder to reach).
	pub fn electorate() -> u32 {
		T::Members::voter_count()
	}

	/// The DID of `who`, which must be a voter now.
	fn voter_did(who: &T::AccountId) -> Result<DidId, DispatchError> {
		let did = T::Members::did_of(who).ok_or(Error::<T>::NoDid)?;
		ensure!(T::Members::is_voter(did), Error::<T>::NotVoter);
		Ok(did)
	}

	/// Whether `poll` is ongoing.
	fn is_ongoing(poll: PollIndexOf<T>) -> bool {
		T::Polls::as_ongoing(poll).is_some()
	}

	/// Whether `did` was a voter before `poll` was submitted, on its current standing: the
	/// electorate of a poll is fixed at its submission, so later joiners, and a personhood
	/// credential moved from one DID to another (or re-attested), do not vote on it.
	fn ensure_in_electorate(did: DidId, poll: PollIndexOf<T>) -> DispatchResult {
		let submitted = T::PollStart::submitted(poll).ok_or(Error::<T>::NotOngoing)?;
		let since = T::Members::voter_since(did).ok_or(Error::<T>::NotVoter)?;
		ensure!(since < submitted, Error::<T>::NotInElectorate);
		Ok(())
	}

	pub(crate) fn do_vote(
		who: &T::AccountId,
		poll: PollIndexOf<T>,
		vote: MemberVote,
	) -> DispatchResult {
		let did = Self::voter_did(who)?;
		let weight = T::Polls::try_access_poll(poll, |status| {
			let PollStatus::Ongoing(tally, class) = status else {
				return Err(Error::<T>::NotOngoing.into());
			};
			VotingFor::<T>::try_mutate(did, &class, |voting| {
				let Voting::Casting { votes, delegators } = voting else {
					return Err(Error::<T>::AlreadyDelegating.into());
				};
				let weight = delegators.saturating_add(1);
				match votes.binary_search_by_key(&poll, |(index, _)| *index) {
					Ok(position) => {
						let (_, previous) = votes.get_mut(position).ok_or(Error::<T>::NotVoted)?;
						tally.remove(*previous, weight);
						*previous = vote;
					}
					Err(_) => {
						// A first vote: only from the poll's electorate.
						Self::ensure_in_electorate(did, poll)?;
						// Forget the polls that have ended (their tallies are frozen): the record
						// holds ongoing votes and the new one.
						votes.retain(|(index, _)| Self::is_ongoing(*index));
						let position = votes
							.binary_search_by_key(&poll, |(index, _)| *index)
							.unwrap_or_else(|position| position);
						votes
							.try_insert(position, (poll, vote))
							.map_err(|_| Error::<T>::MaxVotesReached)?;
					}
				}
				tally.add(vote, weight);
				Ok::<u32, DispatchError>(weight)
			})
		})?;
		Self::deposit_event(Event::Voted { did, poll, vote, weight });
		Ok(())
	}

	/// Removes `did`'s vote on `poll`. `by_other`: the caller is not the voter, which is allowed
	/// on an ongoing poll only when the DID is no longer a voter.
	pub(crate) fn do_remove_vote(
		did: DidId,
		class: Option<ClassOf<T>>,
		poll: PollIndexOf<T>,
		by_other: bool,
	) -> DispatchResult {
		T::Polls::try_access_poll(poll, |status| match status {
			PollStatus::Ongoing(tally, poll_class) => {
				ensure!(!by_other || !T::Members::is_voter(did), Error::<T>::VoterStillActive);
				let (vote, weight) = Self::take_vote(did, &poll_class, poll)?;
				if let Some(weight) = weight {
					tally.remove(vote, weight);
				}
				Ok(())
			}
			PollStatus::Completed(..) | PollStatus::None => {
				let class = class.ok_or(Error::<T>::ClassNeeded)?;
				Self::take_vote(did, &class, poll).map(|_| ())
			}
		})?;
		Self::deposit_event(Event::VoteRemoved { did, poll });
		Ok(())
	}

	/// Removes the vote of `did` on `poll` from its record on `class`: the vote, and the weight
	/// it counted with.
	fn take_vote(
		did: DidId,
		class: &ClassOf<T>,
		poll: PollIndexOf<T>,
	) -> Result<(MemberVote, Option<u32>), DispatchError> {
		VotingFor::<T>::try_mutate_exists(did, class, |maybe_voting| {
			let Some(Voting::Casting { votes, delegators }) = maybe_voting else {
				return Err(Error::<T>::NotVoted.into());
			};
			let position = votes
				.binary_search_by_key(&poll, |(index, _)| *index)
				.map_err(|_| Error::<T>::NotVoted)?;
			let (_, vote) = votes.remove(position);
			let weight = delegators.saturating_add(1);
			if maybe_voting.as_ref().is_some_and(|voting| voting.is_empty()) {
				*maybe_voting = None;
			}
			Ok((vote, Some(weight)))
		})
	}

	pub(crate) fn do_delegate(
		who: &T::AccountId,
		class: ClassOf<T>,
		to: &T::AccountId,
	) -> DispatchResult {
		let did = Self::voter_did(who)?;
		ensure!(T::Polls::classes().contains(&class), Error::<T>::BadClass);
		let target = T::Members::did_of(to).ok_or(Error::<T>::TargetNoDid)?;
		ensure!(target != did, Error::<T>::SelfDelegation);
		ensure!(T::Members::is_voter(target), Error::<T>::TargetNotVoter);

		VotingFor::<T>::try_mutate(did, &class, |voting| -> DispatchResult {
			match voting {
				Voting::Delegating { .. } => Err(Error::<T>::AlreadyDelegating.into()),
				Voting::Casting { votes, delegators } => {
					ensure!(*delegators == 0, Error::<T>::HasDelegators);
					ensure!(
						votes.iter().all(|(poll, _)| !Self::is_ongoing(*poll)),
						Error::<T>::AlreadyVoting
					);
					// Votes on ended polls are forgotten with the record.
					*voting = Voting::Delegating { target };
					Ok(())
				}
			}
		})?;
		VotingFor::<T>::try_mutate(target, &class, |voting| -> DispatchResult {
			let Voting::Casting { votes, delegators } = voting else {
				return Err(Error::<T>::TargetDelegating.into());
			};
			ensure!(*delegators < T::MaxDelegators::get(), Error::<T>::TooManyDelegators);
			*delegators = delegators.saturating_add(1);
			Self::adjust_ongoing(votes, |tally, vote| tally.add(vote, 1));
			Ok(())
		})?;
		Self::deposit_event(Event::Delegated { did, target, class });
		Ok(())
	}

	/// Ends `did`'s delegation on `class`. `lapsed_only`: the caller is not the delegator, which
	/// is allowed only when the delegator is no longer a voter.
	pub(crate) fn do_undelegate(
		did: DidId,
		class: ClassOf<T>,
		lapsed_only: bool,
	) -> DispatchResult {
		let Voting::Delegating { target } = VotingFor::<T>::get(did, &class) else {
			return Err(Error::<T>::NotDelegating.into());
		};
		ensure!(!lapsed_only || !T::Members::is_voter(did), Error::<T>::DelegatorStillActive);
		VotingFor::<T>::remove(did, &class);
		VotingFor::<T>::mutate_exists(target, &class, |maybe_voting| {
			if let Some(Voting::Casting { votes, delegators }) = maybe_voting {
				*delegators = delegators.saturating_sub(1);
				Self::adjust_ongoing(votes, |tally, vote| tally.remove(vote, 1));
			}
			if maybe_voting.as_ref().is_some_and(|voting| voting.is_empty()) {
				*maybe_voting = None;
			}
		});
		Self::deposit_event(Event::Undelegated { did, target, class });
		Ok(())
	}

	/// Applies `change` to the tally of every ongoing poll among `votes`.
	fn adjust_ongoing(
		votes: &[(PollIndexOf<T>, MemberVote)],
		change: impl Fn(&mut TallyOf<T>, MemberVote),
	) {
		for (poll, vote) in votes {
			T::Polls::access_poll(*poll, |status| {
				if let PollStatus::Ongoing(tally, _) = status {
					change(tally, *vote);
				}
			});
		}
	}
}
