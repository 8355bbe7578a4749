//! The pallet's invariants, checked by `try_state` and after every unit test.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::traits::Get;
use huzhu_primitives::{ensure_invariant, membership::DidId};

impl<T: Config> Pallet<T> {
	/// The tallies of the ongoing polls that have recorded votes, recomputed from the records:
	/// each vote counts `1 + delegators` of its voter on the poll's track.
	pub fn recorded_tallies() -> BTreeMap<PollIndexOf<T>, TallyOf<T>> {
		let mut tallies = BTreeMap::<PollIndexOf<T>, TallyOf<T>>::new();
		for (_, class, voting) in VotingFor::<T>::iter() {
			let Voting::Casting { votes, delegators } = voting else { continue };
			for (poll, vote) in votes {
				match T::Polls::as_ongoing(poll) {
					Some((_, poll_class)) if poll_class == class => {
						tallies
							.entry(poll)
							.or_insert_with(|| Tally::from_counts(0, 0, 0))
							.add(vote, delegators.saturating_add(1));
					}
					_ => {}
				}
			}
		}
		tallies
	}

	/// Checks the invariants listed in the module documentation.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut delegations = BTreeMap::<(DidId, ClassOf<T>), u32>::new();
		let mut delegators_recorded = BTreeMap::<(DidId, ClassOf<T>), u32>::new();
		for (did, class, voting) in VotingFor::<T>::iter() {
			ensure_invariant(!voting.is_empty(), "an empty voting record is stored")?;
			match voting {
				Voting::Casting { votes, delegators } => {
					ensure_invariant(
						votes.windows(2).all(|pair| pair[0].0 < pair[1].0),
						"a member's votes are not sorted by poll, or a poll appears twice",
					)?;
					for (poll, _) in votes.iter() {
						if let Some((_, poll_class)) = T::Polls::as_ongoing(*poll) {
							ensure_invariant(
								poll_class == class,
								"a vote on an ongoing poll is recorded under another track",
							)?;
						}
					}
					delegators_recorded.insert((did, class), delegators);
				}
				Voting::Delegating { target } => {
					ensure_invariant(target != did, "a member delegates to itself")?;
					ensure_invariant(
						matches!(
							VotingFor::<T>::get(target, &class),
							Voting::Casting { delegators, .. } if delegators > 0
						),
						"a member delegates to a member that is not casting with delegators",
					)?;
					let count = delegations.entry((target, class)).or_default();
					*count = count.saturating_add(1);
				}
			}
		}
		for (key, recorded) in delegators_recorded {
			ensure_invariant(
				delegations.remove(&key).unwrap_or(0) == recorded,
				"a member's delegator count differs from the members delegating to it",
			)?;
			ensure_invariant(
				recorded <= T::MaxDelegators::get(),
				"a member has more delegators than allowed",
			)?;
		}
		ensure_invariant(delegations.is_empty(), "delegations to a member without a record")?;
		for (poll, expected) in Self::recorded_tallies() {
			let tally = T::Polls::as_ongoing(poll).map(|(tally, _)| tally);
			ensure_invariant(
				tally.as_ref() == Some(&expected),
				"an ongoing poll's tally differs from its recorded votes",
			)?;
		}
		Ok(())
	}
}
