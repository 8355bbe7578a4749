//! Unit tests of every call and error, and of the election at realistic sizes.
//! `ExtBuilder::build_and_execute` checks `do_try_state` after every test.

use crate::{mock::*, *};
use frame_election_provider_support::{ElectionProvider, Support};
use frame_support::{assert_noop, assert_ok, traits::ConstU32};
use pallet_session::SessionManager;
use sp_runtime::{DispatchError, DispatchResult, Perbill};
use std::collections::BTreeMap;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> Event<Test> {
	election_events().pop().expect("an event")
}

/// The winners of an election now, best first, and their supports.
fn elect() -> Vec<(AccountId, Support<AccountId>)> {
	<Elections as ElectionProvider>::elect(0)
		.expect("the election succeeds")
		.into_iter()
		.map(|(winner, support)| (winner, support.into()))
		.collect()
}

fn winners() -> Vec<AccountId> {
	elect().into_iter().map(|(winner, _)| winner).collect()
}

/// Issue #15 route 9: candidate slots filled and abandoned (chilled or unbonded in the staking
/// system directly) must not block registration until a runtime upgrade.
mod seats {
	use super::*;

	fn register(who: AccountId) -> DispatchResult {
		Elections::register_candidate(signed(who), Perbill::from_percent(10), described("h"))
			.map(|_| ())
			.map_err(|error| error.error)
	}

	fn dropped(who: AccountId) -> Event<Test> {
		Event::CandidateRemoved { candidate: who, reason: RemovalReason::Ineligible }
	}

	fn removed_events() -> Vec<Event<Test>> {
		election_events()
			.into_iter()
			.filter(|event| matches!(event, Event::CandidateRemoved { .. }))
			.collect()
	}

	#[test]
	fn abandoned_candidacies_fill_every_slot_and_drop_by_themselves_after_two_elections() {
		ExtBuilder::build_and_execute(|| {
			// The attack: fill all 40 slots, then walk away in the staking system — even
			// accounts only chill (their bond stays), odd ones chill and unbond everything.
			let attackers: Vec<AccountId> = (100..140).collect();
			for &who in &attackers {
				candidate(who, MIN_SELF_BOND);
			}
			for &who in &attackers {
				if who % 2 == 0 {
					chill(who);
				} else {
					chill_and_unbond_directly(who);
				}
			}
			assert_eq!(Candidates::<Test>::count(), 40);
			// An honest candidate of the minimum self-bond cannot displace the ones that only
			// chilled (their bond stays; see `seat_attacks` for the unbonded ones).
			bond(1, MIN_SELF_BOND);
			set_keys(1);
			// The unbonded ones cannot even leave by themselves (the staking system refuses).
			assert_noop!(
				Elections::leave_candidacy(signed(101)),
				DispatchError::Other("not bonded")
			);

			// First election (it fails: nobody is eligible): every one is marked, none dropped.
			assert_eq!(
				<Elections as ElectionProvider>::elect(0),
				Err(ElectionError::TooFewCandidates)
			);
			assert!(attackers.iter().all(|who| IneligibleSince::<Test>::get(who) == Some(1)));
			assert_eq!(Candidates::<Test>::count(), 40);
			assert!(removed_events().is_empty());
			// A second election in the same block counts as the same one.
			assert!(<Elections as ElectionProvider>::elect(0).is_err());
			assert_eq!(Candidates::<Test>::count(), 40);
			assert!(removed_events().is_empty());

			// The next election (an era later): all of them are dropped, best effort.
			let attempts = withdrawal_attempts();
			System::set_block_number(100);
			assert_eq!(
				<Elections as ElectionProvider>::elect(0),
				Err(ElectionError::TooFewCandidates)
			);
			assert_eq!(Candidates::<Test>::count(), 0);
			assert_eq!(IneligibleSince::<Test>::iter().count(), 0);
			assert_eq!(
				removed_events(),
				attackers.iter().map(|&who| dropped(who)).collect::<Vec<_>>()
			);
			// Every withdrawal was attempted: the chilled ones now unbond, the unbonded ones'
			// refusal did not stop their removal.
			assert_eq!(withdrawal_attempts(), attempts + 40);
			assert!(attackers.iter().all(|&who| is_unbonding(who)));
			assert!(attackers.iter().all(|&who| declared_commission(who).is_none()));

			// The honest candidate registers now, and is elected with three others.
			assert_ok!(register(1));
			for who in 2..=4 {
				candidate(who, MIN_SELF_BOND);
			}
			System::set_block_number(200);
			assert!(winners().contains(&1));
		});
	}

	#[test]
	fn governance_removes_a_candidate() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Elections::remove_candidate(RuntimeOrigin::root(), 1),
				Error::<Test>::NotCandidate
			);
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND);
			}
			assert_noop!(Elections::remove_candidate(signed(2), 1), DispatchError::BadOrigin);
			assert_noop!(Elections::remove_candidate(signed(1), 1), DispatchError::BadOrigin);
			assert_noop!(
				Elections::remove_candidate(RuntimeOrigin::root(), 6),
				Error::<Test>::NotCandidate
			);
			// 1 lost its keys: the election marks it; the removal clears the mark.
			purge_keys(1);
			elect();
			assert_eq!(IneligibleSince::<Test>::get(1), Some(1));
			assert_ok!(Elections::remove_candidate(RuntimeOrigin::root(), 1));
			assert_eq!(
				last_event(),
				Event::CandidateRemoved { candidate: 1, reason: RemovalReason::Governance }
			);
			assert!(!Candidates::<Test>::contains_key(1));
			assert!(!IneligibleSince::<Test>::contains_key(1));
			assert_eq!(declared_commission(1), None);
			assert!(is_unbonding(1));
			assert_noop!(
				Elections::remove_candidate(RuntimeOrigin::root(), 1),
				Error::<Test>::NotCandidate
			);
			// Best effort: 2 already chilled and unbonded by itself; the staking system refuses
			// the withdrawal, and the removal goes on.
			chill_and_unbond_directly(2);
			let attempts = withdrawal_attempts();
			assert_ok!(Elections::remove_candidate(RuntimeOrigin::root(), 2));
			assert_eq!(withdrawal_attempts(), attempts + 1);
			assert_eq!(
				last_event(),
				Event::CandidateRemoved { candidate: 2, reason: RemovalReason::Governance }
			);
			assert!(!Candidates::<Test>::contains_key(2));
			assert_eq!(Candidates::<Test>::count(), 3);
		});
	}

	#[test]
	fn a_candidate_ineligible_at_one_election_then_eligible_again_is_not_dropped() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND);
			}
			slash_to(1, MIN_SELF_BOND - 1);
			assert!(!winners().contains(&1));
			assert_eq!(IneligibleSince::<Test>::get(1), Some(1));
			// It tops its bond up within the era: the next election elects it and clears the
			// mark.
			bond(1, MIN_SELF_BOND);
			System::set_block_number(100);
			assert!(winners().contains(&1));
			assert_eq!(IneligibleSince::<Test>::get(1), None);
			// Ineligible again later: a new streak starts, it is not dropped.
			chill(1);
			System::set_block_number(200);
			assert!(!winners().contains(&1));
			assert_eq!(IneligibleSince::<Test>::get(1), Some(200));
			assert!(Candidates::<Test>::contains_key(1));
			assert!(removed_events().is_empty());
			// Declaring itself a validator again (a new commission) makes it eligible.
			assert_ok!(Elections::update_candidate(
				signed(1),
				Perbill::from_percent(11),
				described("v")
			));
			System::set_block_number(300);
			assert!(winners().contains(&1));
			assert_eq!(IneligibleSince::<Test>::get(1), None);
			assert_eq!(Candidates::<Test>::count(), 5);
		});
	}

	#[test]
	fn a_candidate_that_lost_its_session_keys_is_dropped_after_two_elections() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND + who as Balance);
			}
			nominate(60, 1_000, vec![3]);
			assert_eq!(winners().first(), Some(&3));
			purge_keys(3);
			System::set_block_number(100);
			assert!(!winners().contains(&3), "a candidate without keys is not elected");
			let ranking = Elections::ranking();
			let entry = ranking.iter().find(|entry| entry.candidate == 3).unwrap();
			assert!(!entry.eligible && !entry.would_be_elected);
			assert_eq!(IneligibleSince::<Test>::get(3), Some(100));
			System::set_block_number(200);
			assert!(!winners().contains(&3));
			assert!(election_events().contains(&dropped(3)));
			assert!(!Candidates::<Test>::contains_key(3));
			assert!(!IneligibleSince::<Test>::contains_key(3));
			// Its bond was still there: the withdrawal went through.
			assert_eq!(declared_commission(3), None);
			assert!(is_unbonding(3));
			assert_eq!(Candidates::<Test>::count(), 4);
		});
	}

	#[test]
	fn leaving_clears_the_mark() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND);
			}
			chill(2);
			elect();
			assert_eq!(IneligibleSince::<Test>::get(2), Some(1));
			assert_ok!(Elections::leave_candidacy(signed(2)));
			assert_eq!(last_event(), Event::CandidateLeft { candidate: 2 });
			assert!(!IneligibleSince::<Test>::contains_key(2));
		});
	}
}

mod candidacy {
	use super::*;

	#[test]
	fn a_bonded_account_with_keys_registers_and_declares_its_commission() {
		ExtBuilder::build_and_execute(|| {
			bond(1, MIN_SELF_BOND);
			set_keys(1);
			assert_ok!(Elections::register_candidate(
				signed(1),
				Perbill::from_percent(5),
				described("Alpha")
			));
			assert_eq!(
				last_event(),
				Event::CandidateRegistered { candidate: 1, commission: Perbill::from_percent(5) }
			);
			let candidate = Candidates::<Test>::get(1).expect("registered");
			assert_eq!(candidate.description, described("Alpha"));
			assert_eq!(candidate.registered_at, 1);
			assert_eq!(declared_commission(1), Some(Perbill::from_percent(5)));
			assert_eq!(Candidates::<Test>::count(), 1);
		});
	}

	#[test]
	fn registration_errors() {
		ExtBuilder::build_and_execute(|| {
			let register = |who, percent| {
				Elections::register_candidate(
					signed(who),
					Perbill::from_percent(percent),
					described("x"),
				)
			};
			bond(1, MIN_SELF_BOND);
			assert_noop!(register(1, 10), Error::<Test>::NoSessionKeys);
			set_keys(2);
			bond(2, MIN_SELF_BOND - 1);
			assert_noop!(register(2, 10), Error::<Test>::InsufficientSelfBond);
			set_keys(1);
			assert_noop!(register(1, 51), Error::<Test>::CommissionTooHigh);
			assert_ok!(register(1, 50));
			assert_noop!(register(1, 10), Error::<Test>::AlreadyCandidate);
			for who in 100..139 {
				candidate(who, MIN_SELF_BOND);
			}
			assert_eq!(Candidates::<Test>::count(), 40);
			bond(3, MIN_SELF_BOND);
			set_keys(3);
			assert_noop!(register(3, 10), Error::<Test>::TooManyCandidates);
		});
	}

	#[test]
	fn a_candidate_updates_its_commission_and_description() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Elections::update_candidate(signed(1), Perbill::zero(), described("y")),
				Error::<Test>::NotCandidate
			);
			candidate(1, MIN_SELF_BOND);
			assert_noop!(
				Elections::update_candidate(signed(1), Perbill::from_percent(60), described("y")),
				Error::<Test>::CommissionTooHigh
			);
			assert_ok!(Elections::update_candidate(
				signed(1),
				Perbill::from_percent(20),
				described("y")
			));
			assert_eq!(
				last_event(),
				Event::CandidateUpdated { candidate: 1, commission: Perbill::from_percent(20) }
			);
			assert_eq!(Candidates::<Test>::get(1).unwrap().description, described("y"));
			assert_eq!(declared_commission(1), Some(Perbill::from_percent(20)));
		});
	}

	#[test]
	fn a_candidate_leaves_and_its_stake_unbonds() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Elections::leave_candidacy(signed(1)), Error::<Test>::NotCandidate);
			candidate(1, MIN_SELF_BOND);
			assert_ok!(Elections::leave_candidacy(signed(1)));
			assert_eq!(last_event(), Event::CandidateLeft { candidate: 1 });
			assert!(!Candidates::<Test>::contains_key(1));
			assert_eq!(declared_commission(1), None);
			assert!(is_unbonding(1));
		});
	}

	#[test]
	fn governance_sets_parameters_within_bounds() {
		ExtBuilder::build_and_execute(|| {
			let params = ElectionParams { seats: 7, min_seats: 2, min_self_bond: 50, max_votes: 3 };
			assert_noop!(Elections::set_params(signed(1), params), DispatchError::BadOrigin);
			for bad in [
				ElectionParams { min_seats: 0, ..params },
				ElectionParams { min_seats: 8, ..params },
				ElectionParams { seats: 22, ..params },
				ElectionParams { max_votes: 0, ..params },
				ElectionParams { max_votes: MAX_NOMINATIONS + 1, ..params },
				ElectionParams { min_self_bond: 0, ..params },
			] {
				assert_noop!(
					Elections::set_params(RuntimeOrigin::root(), bad),
					Error::<Test>::InvalidParams
				);
			}
			assert_ok!(Elections::set_params(RuntimeOrigin::root(), params));
			assert_eq!(last_event(), Event::ParamsSet { params });
			assert_eq!(Elections::params(), params);
		});
	}
}

mod election {
	use super::*;

	/// Candidates 1..=30 (self-bonds 100..=129); 300 voters of stake 10, each approving three
	/// of candidates 10..=30 in rotation (every one of those gets 42 or 43 approvals).
	fn thirty_candidates_three_hundred_voters() {
		for who in 1..=30 {
			candidate(who, MIN_SELF_BOND + who as Balance - 1);
		}
		for voter in 0..300u64 {
			let pick = |offset: u64| 10 + (voter + offset) % 21;
			nominate(1_000 + voter, 10, vec![pick(0), pick(7), pick(14)]);
		}
	}

	#[test]
	fn thirty_candidates_and_hundreds_of_voters_elect_the_21_most_backed() {
		ExtBuilder::build_and_execute(|| {
			thirty_candidates_three_hundred_voters();
			let result = elect();
			let mut seated: Vec<AccountId> = result.iter().map(|(winner, _)| *winner).collect();
			assert_eq!(seated.len(), 21);
			seated.sort();
			assert_eq!(seated, (10..=30).collect::<Vec<_>>());
			// An independent tally: self-bond plus 10 for every approval.
			let mut expected: BTreeMap<AccountId, u128> =
				(10..=30).map(|who| (who, (MIN_SELF_BOND + who as Balance - 1))).collect();
			for voter in 0..300u64 {
				for offset in [0, 7, 14] {
					*expected.get_mut(&(10 + (voter + offset) % 21)).unwrap() += 10;
				}
			}
			let ranking = Elections::ranking();
			for entry in ranking.iter().filter(|entry| entry.candidate >= 10) {
				assert_eq!(entry.total_backing, expected[&entry.candidate]);
				assert!(entry.would_be_elected);
			}
			assert!(ranking
				.iter()
				.filter(|entry| entry.candidate < 10)
				.all(|e| !e.would_be_elected));
			assert_eq!(ranking.len(), 30);
			// Exposures: each voter's 10 is split among its three winners (4 + 3 + 3); every
			// winner's exposure is its own bond plus its share of each approval.
			let mut exposed: BTreeMap<AccountId, u128> = BTreeMap::new();
			for (_, support) in &result {
				assert_eq!(
					support.total,
					support.voters.iter().map(|(_, stake)| stake).sum::<u128>()
				);
				for (voter, stake) in &support.voters {
					*exposed.entry(*voter).or_default() += stake;
				}
			}
			for voter in 0..300u64 {
				assert_eq!(exposed[&(1_000 + voter)], 10, "a voter's exposures sum to its stake");
			}
			assert!(matches!(last_event(), Event::Elected { voters: 330, candidates: 30, .. }));
			assert_eq!(LastWinners::<Test>::get().len(), 21);
		});
	}

	#[test]
	fn ties_go_to_the_earlier_registration_then_the_smaller_account() {
		ExtBuilder::build_and_execute(|| {
			assert_ok!(Elections::set_params(
				RuntimeOrigin::root(),
				ElectionParams {
					seats: 2,
					min_seats: 1,
					min_self_bond: MIN_SELF_BOND,
					max_votes: 16
				}
			));
			System::set_block_number(5);
			candidate(9, MIN_SELF_BOND);
			candidate(8, MIN_SELF_BOND);
			System::set_block_number(6);
			candidate(7, MIN_SELF_BOND);
			// 8 and 9 registered first; between them the smaller account wins the first place.
			assert_eq!(winners(), vec![8, 9]);
			// Backing beats registration.
			nominate(50, 1, vec![7]);
			assert_eq!(winners(), vec![7, 8]);
		});
	}

	#[test]
	fn too_few_candidates_keep_the_previous_set_but_enough_seat_all() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=3 {
				candidate(who, MIN_SELF_BOND);
			}
			assert_eq!(
				<Elections as ElectionProvider>::elect(0),
				Err(ElectionError::TooFewCandidates)
			);
			assert_eq!(
				last_event(),
				Event::ElectionFailed { error: ElectionError::TooFewCandidates }
			);
			candidate(4, MIN_SELF_BOND);
			candidate(5, MIN_SELF_BOND);
			assert_eq!(winners().len(), 5, "fewer than 21, at least the minimum: all are seated");
			assert_eq!(<Elections as ElectionProvider>::elect(1), Err(ElectionError::NoSuchPage));
		});
	}

	#[test]
	fn a_candidate_leaving_mid_era_is_not_elected_again() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND + who as Balance);
			}
			assert!(winners().contains(&3));
			assert_ok!(Elections::leave_candidacy(signed(3)));
			// Its voters' stake no longer counts for it.
			nominate(60, 1_000, vec![3, 4]);
			let seated = winners();
			assert!(!seated.contains(&3));
			assert_eq!(seated.first(), Some(&4));
		});
	}

	#[test]
	fn a_slashed_validator_below_the_minimum_self_bond_is_not_elected() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND);
			}
			nominate(60, 1_000, vec![2]);
			assert_eq!(winners().first(), Some(&2));
			slash_to(2, MIN_SELF_BOND - 1);
			assert!(!winners().contains(&2));
			let ranking = Elections::ranking();
			let slashed = ranking.iter().find(|entry| entry.candidate == 2).unwrap();
			assert!(!slashed.eligible && !slashed.would_be_elected);
			assert_eq!(ranking.last().map(|entry| entry.candidate), Some(2));
		});
	}

	#[test]
	fn only_max_votes_approvals_count_and_voters_are_read_within_the_bound() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=6 {
				candidate(who, MIN_SELF_BOND);
			}
			assert_ok!(Elections::set_params(
				RuntimeOrigin::root(),
				ElectionParams {
					seats: 4,
					min_seats: 1,
					min_self_bond: MIN_SELF_BOND,
					max_votes: 2
				}
			));
			// Approvals beyond the second (and repeats) are ignored.
			nominate(60, 1_000, vec![5, 5, 6, 1, 2]);
			let ranking = Elections::ranking();
			let backing = |who| ranking.iter().find(|e| e.candidate == who).unwrap().total_backing;
			assert_eq!((backing(5), backing(6), backing(1)), (1_100, 1_100, 100));
			// 1 500 voters: the election reads 1 000 (the bound).
			for voter in 0..1_500 {
				nominate(10_000 + voter, 1, vec![1]);
			}
			elect();
			assert_eq!(voter_reads().last(), Some(&1_000));
			assert!(matches!(last_event(), Event::Elected { voters: 1_000, .. }));
		});
	}

	#[test]
	fn the_session_adapter_elects_every_nth_session() {
		ExtBuilder::build_and_execute(|| {
			type Sessions = ElectedSessions<Test, ConstU32<2>>;
			assert_eq!(Sessions::new_session(0), None, "an election that fails keeps the set");
			for who in 1..=5 {
				candidate(who, MIN_SELF_BOND + who as Balance);
			}
			assert_eq!(Sessions::new_session(1), None, "not an election session");
			assert_eq!(Sessions::new_session(2), Some(vec![5, 4, 3, 2, 1]));
			Sessions::start_session(2);
			Sessions::end_session(2);
		});
	}

	#[test]
	fn status_reports_the_weight_at_the_bounds() {
		ExtBuilder::build_and_execute(|| {
			assert_eq!(
				<Elections as ElectionProvider>::status(),
				Ok(Some(
					<() as WeightInfo>::elect(1_000, 40)
						.saturating_add(<() as WeightInfo>::remove_candidate().saturating_mul(40))
				))
			);
			assert_eq!(<Elections as ElectionProvider>::start(), Ok(()));
			assert_eq!(<Elections as ElectionProvider>::duration(), 0);
		});
	}
}

/// Attacks by the reviewer (branch `attack`).
mod seat_attacks {
	use super::*;

	fn register(who: AccountId) -> DispatchResult {
		Elections::register_candidate(signed(who), Perbill::from_percent(10), described("h"))
			.map(|_| ())
			.map_err(|error| error.error)
	}

	/// Defended (the attack worked on 2a4e450): eligible squatters — bonded, with keys,
	/// declared, never elected — filled every slot, first come, first served, and no honest
	/// candidate could register. Now a full list gives the weakest candidate the last election
	/// did not seat up to a registrant with a larger self-bond: holding every slot costs more
	/// than any honest newcomer brings, every time one comes.
	#[test]
	fn eligible_squatters_are_displaced_by_a_stronger_registrant() {
		ExtBuilder::build_and_execute(|| {
			let squatters: Vec<AccountId> = (100..140).collect();
			for &who in &squatters {
				candidate(who, MIN_SELF_BOND);
			}
			// Honest validator with real backing.
			bond(1, 10 * MIN_SELF_BOND);
			set_keys(1);
			nominate(500, 1_000 * MIN_SELF_BOND, vec![1]);
			for era in 1..=10u64 {
				System::set_block_number(era * 100);
				let _ = <Elections as ElectionProvider>::elect(0);
			}
			assert_eq!(Candidates::<Test>::count(), 40);
			// The squatters have equal bonds: the latest registration goes.
			assert_ok!(register(1));
			assert_eq!(Candidates::<Test>::count(), 40);
			assert!(Candidates::<Test>::contains_key(1));
			assert!(!Candidates::<Test>::contains_key(139));
			assert!(is_unbonding(139) && declared_commission(139).is_none());
			assert!(election_events().contains(&Event::CandidateRemoved {
				candidate: 139,
				reason: RemovalReason::Displaced
			}));
			// Re-registering the squatter's slot needs more than the weakest's bond again.
			bond(140, MIN_SELF_BOND);
			set_keys(140);
			assert_noop!(register(140), Error::<Test>::TooManyCandidates);
			bond(141, MIN_SELF_BOND + 1);
			set_keys(141);
			assert_ok!(register(141));
			assert!(!Candidates::<Test>::contains_key(138));
		});
	}

	/// An abandoned candidacy that unbonded in the staking system is ineligible: it ranks last,
	/// and the next registrant takes its slot, without waiting for it to be dropped.
	#[test]
	fn an_abandoned_candidacy_is_displaced_first() {
		ExtBuilder::build_and_execute(|| {
			for who in 100..140 {
				candidate(who, MIN_SELF_BOND);
			}
			chill_and_unbond_directly(117);
			let _ = <Elections as ElectionProvider>::elect(0);
			bond(1, MIN_SELF_BOND);
			set_keys(1);
			assert_ok!(register(1));
			assert!(!Candidates::<Test>::contains_key(117));
			assert!(Candidates::<Test>::contains_key(1));
		});
	}

	/// Nobody is displaced before the first election; then the candidates nobody votes for go
	/// first, a runner-up with voters after them, and a candidate that registered since the
	/// last election — it has not stood yet — not at all (a displacement timed just before an
	/// election cannot knock out a newcomer with voters behind it).
	#[test]
	fn the_lowest_ranked_candidate_that_stood_goes_first() {
		ExtBuilder::build_and_execute(|| {
			// A runner-up with voters, and squatters nobody votes for.
			candidate(5, MIN_SELF_BOND);
			nominate(505, 100 * MIN_SELF_BOND, vec![5]);
			for who in 100..139 {
				candidate(who, MIN_SELF_BOND);
			}
			bond(1, 10 * MIN_SELF_BOND);
			set_keys(1);
			assert_noop!(register(1), Error::<Test>::TooManyCandidates);
			let _ = <Elections as ElectionProvider>::elect(0);
			// A squatter leaves; a newcomer with voters takes the free slot before the next
			// election.
			assert_ok!(Elections::leave_candidacy(signed(138)));
			System::set_block_number(2);
			candidate(2, MIN_SELF_BOND);
			nominate(502, 100 * MIN_SELF_BOND, vec![2]);
			// A stronger registrant displaces the lowest-ranked squatter that stood, neither the
			// runner-up nor the newcomer.
			assert_ok!(register(1));
			assert!(!Candidates::<Test>::contains_key(137));
			for who in [2, 5] {
				assert!(Candidates::<Test>::contains_key(who));
			}
			// After the next election the newcomer has stood, and ranks above the squatters.
			System::set_block_number(100);
			let _ = <Elections as ElectionProvider>::elect(0);
			let ranking = LastRanking::<Test>::get().expect("ranked").1;
			let position = |who| ranking.iter().position(|ranked| *ranked == who);
			assert!(position(2) < position(100) && position(5) < position(100));
		});
	}

	/// A full list refuses a registrant whose self-bond is not larger than the weakest's, and
	/// changes nothing.
	#[test]
	fn a_full_list_refuses_a_registrant_no_stronger_than_the_weakest() {
		ExtBuilder::build_and_execute(|| {
			for who in 100..140 {
				candidate(who, 2 * MIN_SELF_BOND);
			}
			let _ = <Elections as ElectionProvider>::elect(0);
			bond(1, 2 * MIN_SELF_BOND);
			set_keys(1);
			assert_noop!(register(1), Error::<Test>::TooManyCandidates);
			assert!(declared_commission(1).is_none());
		});
	}

	/// The last election's winners are never displaced, however small their self-bond; the
	/// weakest of the others is.
	#[test]
	fn seated_validators_are_never_displaced() {
		ExtBuilder::build_and_execute(|| {
			// 100..=103 small bonds but elected (heavily backed); the rest larger bonds.
			for who in 100..104 {
				candidate(who, MIN_SELF_BOND);
				nominate(who + 400, 1_000 * MIN_SELF_BOND, vec![who]);
			}
			for who in 104..140 {
				candidate(who, 3 * MIN_SELF_BOND);
			}
			let seated = winners();
			assert!((100..104).all(|who| seated.contains(&who)), "{seated:?}");
			let _ = <Elections as ElectionProvider>::elect(0);
			bond(1, 3 * MIN_SELF_BOND + 1);
			set_keys(1);
			assert_ok!(register(1));
			assert!((100..104).all(Candidates::<Test>::contains_key));
			assert_eq!(Candidates::<Test>::count(), 40);
			assert!(!Candidates::<Test>::contains_key(139), "the lowest-ranked unseated");
		});
	}

	/// F4 of the seats review: governance may set `min_seats` below the staking system's
	/// minimum, so an election can "succeed" with winners that the staking system refuses,
	/// keeping the older set. The set that validates now is never displaced either, whatever
	/// the last election recorded.
	#[test]
	fn the_set_that_validates_now_is_never_displaced() {
		ExtBuilder::build_and_execute(|| {
			for who in 100..140 {
				candidate(who, MIN_SELF_BOND + Balance::from(who - 100));
			}
			let _ = <Elections as ElectionProvider>::elect(0);
			// 100 ranks last; the staking system kept it (and 101) seated.
			assert_eq!(Elections::displaceable(), Some(100));
			set_active_validators(vec![100, 101]);
			assert_eq!(Elections::displaceable(), Some(102));
			bond(1, 10 * MIN_SELF_BOND);
			set_keys(1);
			assert_ok!(register(1));
			assert!(Candidates::<Test>::contains_key(100) && Candidates::<Test>::contains_key(101));
			assert!(!Candidates::<Test>::contains_key(102), "the lowest-ranked not validating");
		});
	}

	/// A registration on a list with room is charged the plain registration; a displacing one
	/// the full list's scan and the removal.
	#[test]
	fn a_registration_with_room_is_refunded_the_displacement() {
		ExtBuilder::build_and_execute(|| {
			bond(1, MIN_SELF_BOND);
			set_keys(1);
			let info =
				Elections::register_candidate(signed(1), Perbill::from_percent(10), described("h"))
					.expect("room on the list");
			assert_eq!(info.actual_weight, Some(<() as WeightInfo>::register_candidate()),);
			for who in 100..139 {
				candidate(who, MIN_SELF_BOND);
			}
			let _ = <Elections as ElectionProvider>::elect(0);
			bond(2, 2 * MIN_SELF_BOND);
			set_keys(2);
			let info =
				Elections::register_candidate(signed(2), Perbill::from_percent(10), described("h"))
					.expect("displaces");
			assert_eq!(info.actual_weight, None, "charged the displacing weight");
		});
	}

	/// Defended: a candidate chilled in the staking system repairs its declaration within the
	/// era through `update_candidate` — but only by changing its commission (the same
	/// commission does not re-declare it; a usability trap, not a hole).
	#[test]
	fn a_chilled_candidate_redeclares_only_with_a_new_commission() {
		ExtBuilder::build_and_execute(|| {
			candidate(1, MIN_SELF_BOND);
			chill(1);
			assert_ok!(Elections::update_candidate(
				signed(1),
				Perbill::from_percent(10),
				described("v")
			));
			assert_eq!(declared_commission(1), None, "same commission: still chilled");
			assert_ok!(Elections::update_candidate(
				signed(1),
				Perbill::from_percent(11),
				described("v")
			));
			assert_eq!(declared_commission(1), Some(Perbill::from_percent(11)));
		});
	}
}
