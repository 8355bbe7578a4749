//! Unit tests of every call, transition and error. `ExtBuilder::build_and_execute` checks
//! `do_try_state` after every test.

use crate::{jury_impls::coprime_stride, mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, SortedMembers},
};
use huzhu_primitives::membership::credential_types::{MEDICAL_INSTITUTION, WEATHER_ORACLE};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn evidence(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn claim(id: ClaimId) -> ClaimOf<Test> {
	Claims::<Test>::get(id).expect("claim exists")
}

fn status(id: ClaimId) -> ClaimStatus<u64> {
	claim(id).status
}

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> Event<Test> {
	claims_events().pop().expect("an event")
}

fn salt(juror: AccountId) -> [u8; 32] {
	[juror as u8; 32]
}

/// Files a claim of `amount` under the attestation plan for `who`; returns its id.
fn file(who: AccountId, amount: Balance, evidence_byte: u8) -> ClaimId {
	let id = NextClaimId::<Test>::get();
	assert_ok!(ClaimsPallet::file_claim(signed(who), ATTEST_PLAN, amount, evidence(evidence_byte)));
	id
}

/// Files and has two hospitals confirm: the claim enters its window.
fn decided(who: AccountId, amount: Balance, evidence_byte: u8) -> ClaimId {
	let id = file(who, amount, evidence_byte);
	assert_ok!(ClaimsPallet::attest_claim(signed(HOSPITALS[0]), id, evidence(200), Some(amount)));
	assert_ok!(ClaimsPallet::attest_claim(signed(HOSPITALS[1]), id, evidence(201), Some(amount)));
	id
}

fn jurors(id: ClaimId) -> Vec<AccountId> {
	Disputes::<Test>::get(id).expect("dispute").jurors.iter().map(|seat| seat.juror).collect()
}

/// Each `(juror, verdict)` commits now; the caller moves to the reveal phase.
fn commit_all(id: ClaimId, votes: &[(AccountId, Verdict)]) {
	for (juror, verdict) in votes {
		let commitment = ClaimsPallet::vote_commitment(id, *verdict, salt(*juror));
		assert_ok!(ClaimsPallet::commit_vote(signed(*juror), id, commitment));
	}
}

fn reveal_all(id: ClaimId, votes: &[(AccountId, Verdict)]) {
	for (juror, verdict) in votes {
		assert_ok!(ClaimsPallet::reveal_vote(
			signed(*juror),
			id,
			*verdict,
			salt(*juror),
			evidence(99)
		));
	}
}

fn phases(id: ClaimId) -> (u64, u64) {
	match status(id) {
		ClaimStatus::UnderJury { commit_ends, reveal_ends, .. } => (commit_ends, reveal_ends),
		other => panic!("not under jury: {other:?}"),
	}
}

/// Runs a whole jury round where jurors vote as given (`None`: does not reveal).
fn jury_round(id: ClaimId, votes: &[Option<Verdict>]) -> Vec<AccountId> {
	let seated = jurors(id);
	let voting: Vec<(AccountId, Verdict)> = seated
		.iter()
		.zip(votes)
		.filter_map(|(juror, vote)| vote.map(|vote| (*juror, vote)))
		.collect();
	commit_all(id, &voting);
	let (commit_ends, reveal_ends) = phases(id);
	run_to_block(commit_ends);
	reveal_all(id, &voting);
	run_to_block(reveal_ends);
	seated
}

mod filing {
	use super::*;

	#[test]
	fn a_covered_member_files_with_a_bond() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 500, 1);
			assert_eq!(
				last_event(),
				Event::ClaimFiled {
					claim: id,
					plan: ATTEST_PLAN,
					claimant: 1,
					amount: 500,
					evidence: evidence(1)
				}
			);
			let filed = claim(id);
			assert_eq!(filed.kind, ClaimKind::Attestation);
			assert_eq!(filed.status, ClaimStatus::Filed { decide_by: 1 + DECISION_PERIOD });
			assert_eq!(held(HoldReason::ClaimBond, 1), CLAIM_BOND);
			assert_eq!(EvidenceClaims::<Test>::get(evidence(1)), Some(id));
			assert_eq!(Agenda::<Test>::get(1 + DECISION_PERIOD).into_inner(), vec![id]);
		});
	}

	#[test]
	fn filing_checks_plan_amount_cover_and_evidence() {
		ExtBuilder::build_and_execute(|| {
			let file = |who, plan, amount, byte| {
				ClaimsPallet::file_claim(signed(who), plan, amount, evidence(byte))
			};
			assert_noop!(file(1, 9, 10, 1), Error::<Test>::PlanNotFound);
			assert_noop!(file(1, INDEX_PLAN, 10, 1), Error::<Test>::UseIndexEvent);
			assert_noop!(file(1, ATTEST_PLAN, 0, 1), Error::<Test>::ZeroAmount);
			assert_noop!(
				file(1, ATTEST_PLAN, MAX_PAYOUT + 1, 1),
				Error::<Test>::AmountAboveMaximum
			);
			assert_noop!(file(50, ATTEST_PLAN, 10, 1), Error::<Test>::NotCovered);
			// Joined (cover started) in this very block.
			add_member(ATTEST_PLAN, 30, 1, None);
			assert_noop!(file(30, ATTEST_PLAN, 10, 1), Error::<Test>::CoverStartedThisBlock);
			run_to_block(2);
			assert_ok!(file(30, ATTEST_PLAN, 10, 1));
			assert_noop!(file(2, ATTEST_PLAN, 10, 1), Error::<Test>::EvidenceAlreadyClaimed);
			// A member who cannot hold the bond.
			add_member(ATTEST_PLAN, 150, 0, None);
			assert_noop!(file(150, ATTEST_PLAN, 10, 2), TokenError::FundsUnavailable);
		});
	}

	#[test]
	fn governance_sets_the_adjudication_periods() {
		ExtBuilder::build_and_execute(|| {
			let params = AdjudicationParams {
				decision_period: 3,
				commit_period: 1,
				reveal_period: 1,
				appeal_period: 1,
				index_claim_period: 1,
			};
			assert_noop!(ClaimsPallet::set_params(signed(1), params), DispatchError::BadOrigin);
			assert_noop!(
				ClaimsPallet::set_params(
					RuntimeOrigin::root(),
					AdjudicationParams { reveal_period: 0, ..params }
				),
				Error::<Test>::InvalidParams
			);
			assert_ok!(ClaimsPallet::set_params(RuntimeOrigin::root(), params));
			assert_eq!(last_event(), Event::ParamsSet { params });
			assert_eq!(ClaimsPallet::params(), params);
			let id = file(1, 500, 1);
			assert_eq!(status(id), ClaimStatus::Filed { decide_by: 4 });
		});
	}

	#[test]
	fn an_undecided_claim_expires_and_its_bond_returns() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 500, 1);
			run_to_block(DECISION_PERIOD);
			assert!(matches!(status(id), ClaimStatus::Filed { .. }));
			run_to_block(1 + DECISION_PERIOD);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: 1 + DECISION_PERIOD, reason: RejectionReason::Expired }
			);
			assert_eq!(held(HoldReason::ClaimBond, 1), 0);
			assert_eq!(free(1), STARTING_BALANCE);
		});
	}

	#[test]
	fn a_full_agenda_moves_a_claim_to_the_next_block_with_room() {
		ExtBuilder::build_and_execute(|| {
			// Four claims fill block 21; the fifth goes to block 22.
			for who in 1..=5 {
				file(who, 100, who as u8);
			}
			assert_eq!(Agenda::<Test>::get(21).len(), 4);
			assert_eq!(status(4), ClaimStatus::Filed { decide_by: 22 });
			// Fill blocks 22..=24; 25 is the last block a claim due at 21 can take.
			for who in 6..=16 {
				file(who, 100, who as u8);
			}
			assert_eq!(Agenda::<Test>::get(24).len(), 4);
			assert_noop!(
				ClaimsPallet::file_claim(signed(17), ATTEST_PLAN, 100, evidence(17)),
				Error::<Test>::AgendaFull
			);
			run_to_block(24);
			assert!((0..16).all(|id| matches!(status(id), ClaimStatus::Rejected { .. })));
		});
	}

	#[test]
	fn withdrawal_returns_the_bond_before_payout_or_dispute() {
		ExtBuilder::build_and_execute(|| {
			let filed = file(1, 500, 1);
			assert_noop!(
				ClaimsPallet::withdraw_claim(signed(2), filed),
				Error::<Test>::NotClaimant
			);
			assert_noop!(ClaimsPallet::withdraw_claim(signed(1), 99), Error::<Test>::ClaimNotFound);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(1), filed));
			assert_eq!(last_event(), Event::ClaimWithdrawn { claim: filed });
			assert_eq!(status(filed), ClaimStatus::Withdrawn);
			assert_eq!(held(HoldReason::ClaimBond, 1), 0);
			assert_noop!(
				ClaimsPallet::withdraw_claim(signed(1), filed),
				Error::<Test>::CannotWithdraw
			);

			let window = decided(2, 500, 2);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(2), window));
			run_to_block(20);
			assert_eq!(status(window), ClaimStatus::Withdrawn);
			assert_eq!(free(2), STARTING_BALANCE);
		});
	}
}

mod attestation {
	use super::*;

	#[test]
	fn two_confirmations_decide_at_the_smallest_amount_then_the_window_pays() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 800, 1);
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[0]),
				id,
				evidence(200),
				Some(800)
			));
			assert!(matches!(status(id), ClaimStatus::Filed { .. }));
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[1]),
				id,
				evidence(201),
				Some(600)
			));
			let window_ends = 1 + CHALLENGE_PERIOD;
			assert_eq!(
				last_event(),
				Event::ClaimDecided {
					claim: id,
					decision: Decision::Attested,
					amount: 600,
					window_ends
				}
			);
			assert_eq!(status(id), ClaimStatus::Challengeable { window_ends });
			assert_eq!(
				Attestations::<Test>::get(id, HOSPITALS[1]),
				Some(Attestation { diagnosis: evidence(201), confirmed_amount: Some(600) })
			);
			// Nothing is paid during the window ...
			run_to_block(window_ends - 1);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			// ... and it is paid in its first block after, with no transaction.
			run_to_block(window_ends);
			assert_eq!(status(id), ClaimStatus::Paid { at: window_ends });
			assert!(claims_events().contains(&Event::ClaimPaid {
				claim: id,
				member: 1,
				amount: 600,
				block: window_ends
			}));
			assert_eq!(free(1), STARTING_BALANCE + 600);
			assert_eq!(free(pool_account(ATTEST_PLAN)), POOL_BALANCE - 600);
			assert_eq!(claim(id).decided_by, Some(Decision::Attested));
		});
	}

	#[test]
	fn as_many_denials_reject_and_return_the_bond() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 800, 1);
			assert_ok!(ClaimsPallet::attest_claim(signed(HOSPITALS[0]), id, evidence(200), None));
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[1]),
				id,
				evidence(201),
				Some(700)
			));
			assert_ok!(ClaimsPallet::attest_claim(signed(HOSPITALS[2]), id, evidence(202), None));
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: 1, reason: RejectionReason::Denied }
			);
			assert_eq!(free(1), STARTING_BALANCE);
		});
	}

	#[test]
	fn attestation_errors() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 800, 1);
			let attest = |who, claim, amount| {
				ClaimsPallet::attest_claim(signed(who), claim, evidence(200), amount)
			};
			assert_noop!(attest(HOSPITALS[0], 99, Some(1)), Error::<Test>::ClaimNotFound);
			assert_noop!(attest(NO_DID, id, Some(1)), Error::<Test>::NoDid);
			assert_noop!(attest(2, id, Some(1)), Error::<Test>::NotAccreditedAttester);
			set_accredited(1, MEDICAL_INSTITUTION, true);
			assert_noop!(attest(1, id, Some(1)), Error::<Test>::PartyCannotDecide);
			assert_noop!(attest(HOSPITALS[0], id, Some(0)), Error::<Test>::InvalidConfirmedAmount);
			assert_noop!(
				attest(HOSPITALS[0], id, Some(801)),
				Error::<Test>::InvalidConfirmedAmount
			);
			assert_ok!(attest(HOSPITALS[0], id, Some(800)));
			assert_noop!(attest(HOSPITALS[0], id, None), Error::<Test>::AlreadyAttested);
			assert_ok!(attest(HOSPITALS[1], id, Some(800)));
			assert_noop!(attest(HOSPITALS[2], id, Some(800)), Error::<Test>::NotAwaitingDecision);
			// An alliance claim is not attested.
			assert_ok!(ClaimsPallet::file_claim(signed(1), ALLIANCE_PLAN, 100, evidence(2)));
			assert_noop!(attest(HOSPITALS[0], 1, Some(1)), Error::<Test>::WrongTrigger);
		});
	}

	#[test]
	fn a_refused_payout_leaves_the_claim_approved_until_a_retry() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_noop!(ClaimsPallet::retry_payout(signed(7), id), Error::<Test>::NotApproved);
			assert_noop!(ClaimsPallet::retry_payout(signed(7), 99), Error::<Test>::ClaimNotFound);
			set_payouts_fail(true);
			run_to_block(1 + CHALLENGE_PERIOD);
			assert_eq!(status(id), ClaimStatus::Approved);
			// (The error's message is not encoded into the event.)
			assert!(matches!(last_event(), Event::PayoutFailed { claim, .. } if claim == id));
			assert_eq!(held(HoldReason::ClaimBond, 1), CLAIM_BOND);
			assert_noop!(
				ClaimsPallet::retry_payout(signed(7), id),
				DispatchError::Other("pool cannot pay")
			);
			set_payouts_fail(false);
			run_to_block(15);
			assert_ok!(ClaimsPallet::retry_payout(signed(7), id));
			assert_eq!(status(id), ClaimStatus::Paid { at: 15 });
			assert_eq!(free(1), STARTING_BALANCE + 500);
		});
	}
}

mod alliance {
	use super::*;

	fn file_alliance(who: AccountId) -> ClaimId {
		let id = NextClaimId::<Test>::get();
		assert_ok!(ClaimsPallet::file_claim(signed(who), ALLIANCE_PLAN, 300, evidence(who as u8)));
		id
	}

	#[test]
	fn enterprises_approve_by_threshold_of_the_other_members() {
		ExtBuilder::build_and_execute(|| {
			// Six members: five others may vote; 60 % of five is three ayes.
			let id = file_alliance(1);
			assert_eq!(claim(id).tally.electorate, 5);
			assert_ok!(ClaimsPallet::vote_alliance(signed(2), id, true));
			assert_ok!(ClaimsPallet::vote_alliance(signed(3), id, false));
			assert_ok!(ClaimsPallet::vote_alliance(signed(4), id, true));
			assert!(matches!(status(id), ClaimStatus::Filed { .. }));
			assert_ok!(ClaimsPallet::vote_alliance(signed(5), id, true));
			assert_eq!(
				status(id),
				ClaimStatus::Challengeable { window_ends: 1 + CHALLENGE_PERIOD }
			);
			assert_eq!(claim(id).decided_by, Some(Decision::Voted));
			assert_eq!(AllianceVotes::<Test>::get(id, 3), Some(false));
			run_to_block(1 + CHALLENGE_PERIOD);
			assert_eq!(free(1), STARTING_BALANCE + 300);
		});
	}

	#[test]
	fn a_vote_that_can_no_longer_pass_rejects() {
		ExtBuilder::build_and_execute(|| {
			let id = file_alliance(1);
			assert_ok!(ClaimsPallet::vote_alliance(signed(2), id, false));
			assert!(matches!(status(id), ClaimStatus::Filed { .. }));
			// Two nays of five: at most 3/5 = 60 % can still approve.
			assert_ok!(ClaimsPallet::vote_alliance(signed(3), id, false));
			assert!(matches!(status(id), ClaimStatus::Filed { .. }));
			assert_ok!(ClaimsPallet::vote_alliance(signed(4), id, false));
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: 1, reason: RejectionReason::VotedDown }
			);
			assert_eq!(free(1), STARTING_BALANCE);
		});
	}

	#[test]
	fn alliance_vote_errors() {
		ExtBuilder::build_and_execute(|| {
			let id = file_alliance(1);
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(2), 99, true),
				Error::<Test>::ClaimNotFound
			);
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(NO_DID), id, true),
				Error::<Test>::NoDid
			);
			// Member 2 holds the credential too, but files; member 1 holds none.
			let own = file_alliance(2);
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(2), own, true),
				Error::<Test>::PartyCannotDecide
			);
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(1), own, true),
				Error::<Test>::NotAllianceEnterprise
			);
			// Not a member of the plan at all.
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(9), id, true),
				Error::<Test>::NotAllianceEnterprise
			);
			assert_ok!(ClaimsPallet::vote_alliance(signed(3), id, true));
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(3), id, false),
				Error::<Test>::AlreadyVoted
			);
			let attested = file(1, 10, 50);
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(3), attested, true),
				Error::<Test>::WrongTrigger
			);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(1), id));
			assert_noop!(
				ClaimsPallet::vote_alliance(signed(4), id, true),
				Error::<Test>::NotAwaitingDecision
			);
		});
	}
}

mod jury {
	use super::*;
	use Verdict::{Reject, Uphold};

	#[test]
	fn a_challenge_draws_a_jury_of_members_who_are_not_parties() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(77)));
			assert_eq!(held(HoldReason::DisputeBond, 2), CHALLENGE_BOND);
			let seated = jurors(id);
			assert_eq!(seated.len(), 3);
			assert!(!seated.contains(&1) && !seated.contains(&2));
			for juror in &seated {
				assert!((3..=20).contains(juror));
				assert_eq!(held(HoldReason::JurorBond, *juror), JUROR_BOND);
			}
			assert_eq!(
				status(id),
				ClaimStatus::UnderJury {
					round: 0,
					commit_ends: 1 + COMMIT_PERIOD,
					reveal_ends: 1 + COMMIT_PERIOD + REVEAL_PERIOD
				}
			);
			assert!(claims_events().contains(&Event::ClaimChallenged {
				claim: id,
				challenger: 2,
				reason: evidence(77)
			}));
			// The window's payout was taken off the agenda.
			run_to_block(1 + CHALLENGE_PERIOD);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
		});
	}

	#[test]
	fn challenge_errors() {
		ExtBuilder::build_and_execute(|| {
			let filed = file(1, 500, 1);
			assert_noop!(
				ClaimsPallet::challenge(signed(2), 99, evidence(7)),
				Error::<Test>::ClaimNotFound
			);
			assert_noop!(
				ClaimsPallet::challenge(signed(2), filed, evidence(7)),
				Error::<Test>::NotChallengeable
			);
			let id = decided(3, 500, 2);
			assert_noop!(
				ClaimsPallet::challenge(signed(3), id, evidence(7)),
				Error::<Test>::PartyCannotDecide
			);
			assert_noop!(
				ClaimsPallet::challenge(signed(50), id, evidence(7)),
				Error::<Test>::NotPlanMember
			);
			// A plan of two members leaves nobody for the jury.
			for who in 4..=20 {
				remove_member(ATTEST_PLAN, who);
			}
			remove_member(ATTEST_PLAN, 1);
			add_member(ATTEST_PLAN, 2, 0, None);
			assert_noop!(
				ClaimsPallet::challenge(signed(2), id, evidence(7)),
				Error::<Test>::NoJurorsAvailable
			);
		});
	}

	#[test]
	fn a_jury_of_a_small_plan_takes_every_member_who_is_not_a_party() {
		ExtBuilder::build_and_execute(|| {
			for who in 6..=20 {
				remove_member(ATTEST_PLAN, who);
			}
			// Members 1..=5: claimant 1, challenger 2, so the jury is 3, 4 and 5 whatever the draw.
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			let mut seated = jurors(id);
			seated.sort();
			assert_eq!(seated, vec![3, 4, 5]);
		});
	}

	#[test]
	fn members_who_cannot_hold_the_juror_bond_are_skipped() {
		ExtBuilder::build_and_execute(|| {
			for who in 6..=20 {
				remove_member(ATTEST_PLAN, who);
			}
			add_member(ATTEST_PLAN, 150, 0, None);
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			assert!(!jurors(id).contains(&150));
		});
	}

	#[test]
	fn strides_visit_every_slot() {
		for members in 1..60u64 {
			for random in [0u64, 1, 7, 12_345, u64::MAX] {
				let stride = coprime_stride(random, members);
				let mut seen: Vec<u64> = (0..members).map(|k| (3 + k * stride) % members).collect();
				seen.sort();
				seen.dedup();
				assert_eq!(seen.len() as u64, members, "stride {stride} of {members}");
			}
		}
	}

	#[test]
	fn commit_and_reveal_errors() {
		ExtBuilder::build_and_execute(|| {
			let filed = file(5, 500, 5);
			assert_noop!(
				ClaimsPallet::commit_vote(signed(3), filed, evidence(1)),
				Error::<Test>::NoJury
			);
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			let seated = jurors(id);
			let (first, second) = (seated[0], seated[1]);
			let outsider = (3..=20).find(|who| !seated.contains(who)).unwrap();
			assert_noop!(
				ClaimsPallet::commit_vote(signed(outsider), id, evidence(1)),
				Error::<Test>::NotJuror
			);
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(first), id, Uphold, salt(first), evidence(9)),
				Error::<Test>::NotRevealPhase
			);
			// A commitment may be replaced during the commit phase.
			assert_ok!(ClaimsPallet::commit_vote(signed(first), id, evidence(1)));
			commit_all(id, &[(first, Uphold)]);
			assert_eq!(last_event(), Event::VoteCommitted { claim: id, juror: first });
			let (commit_ends, reveal_ends) = phases(id);
			run_to_block(commit_ends);
			assert_noop!(
				ClaimsPallet::commit_vote(signed(second), id, evidence(1)),
				Error::<Test>::CommitPhaseOver
			);
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(second), id, Uphold, salt(second), evidence(9)),
				Error::<Test>::NoCommitment
			);
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(outsider), id, Uphold, salt(first), evidence(9)),
				Error::<Test>::NotJuror
			);
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(first), id, Reject, salt(first), evidence(9)),
				Error::<Test>::CommitmentMismatch
			);
			assert_ok!(ClaimsPallet::reveal_vote(
				signed(first),
				id,
				Uphold,
				salt(first),
				evidence(9)
			));
			assert_eq!(
				last_event(),
				Event::VoteRevealed {
					claim: id,
					juror: first,
					verdict: Uphold,
					rationale: evidence(9)
				}
			);
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(first), id, Uphold, salt(first), evidence(9)),
				Error::<Test>::AlreadyRevealed
			);
			run_to_block(reveal_ends);
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(first), id, Uphold, salt(first), evidence(9)),
				Error::<Test>::NoJury
			);
		});
	}

	#[test]
	fn an_upheld_claim_unappealed_is_paid_and_the_challenger_pays_for_it() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			// Two uphold, one juror never reveals.
			let seated = jury_round(id, &[Some(Uphold), Some(Uphold), None]);
			let now = System::block_number();
			assert!(claims_events().contains(&Event::JuryVerdict {
				claim: id,
				round: 0,
				upheld: true,
				upholds: 2,
				rejects: 0,
				absent: 1
			}));
			assert_eq!(
				status(id),
				ClaimStatus::Appealable { upheld: true, appeal_ends: now + APPEAL_PERIOD }
			);
			// The absent juror's bond: half (3) split between the two majority jurors (1 each,
			// rounded down), the rest (4) to the reserve.
			assert_eq!(free(seated[2]), STARTING_BALANCE - JUROR_BOND);
			assert_eq!(free(seated[0]), STARTING_BALANCE + 1);
			assert_eq!(free(seated[1]), STARTING_BALANCE + 1);
			assert_eq!(reserve_of(ATTEST_PLAN), 4);
			assert!(claims_events().contains(&Event::SlashDistributed {
				claim: id,
				to_winners: 2,
				to_reserve: 4
			}));
			assert!(seated.iter().all(|juror| held(HoldReason::JurorBond, *juror) == 0));
			// The claimant cannot appeal a verdict it won.
			assert_noop!(ClaimsPallet::appeal(signed(1), id), Error::<Test>::NotLosingParty);
			run_to_block(now + APPEAL_PERIOD);
			assert_eq!(status(id), ClaimStatus::Paid { at: now + APPEAL_PERIOD });
			// The challenger's bond: half to the claimant, half to the reserve.
			assert_eq!(free(1), STARTING_BALANCE + 500 + CHALLENGE_BOND / 2);
			assert_eq!(free(2), STARTING_BALANCE - CHALLENGE_BOND);
			assert_eq!(reserve_of(ATTEST_PLAN), 4 + CHALLENGE_BOND / 2);
			assert!(Disputes::<Test>::get(id).is_none());
			assert_noop!(ClaimsPallet::appeal(signed(2), id), Error::<Test>::NotAppealable);
		});
	}

	#[test]
	fn a_tie_upholds_the_claim() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			jury_round(id, &[Some(Uphold), Some(Reject), None]);
			assert!(matches!(status(id), ClaimStatus::Appealable { upheld: true, .. }));
		});
	}

	#[test]
	fn a_rejection_slashes_the_claimant_and_the_attesters() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			jury_round(id, &[Some(Reject), Some(Reject), Some(Uphold)]);
			let ClaimStatus::Appealable { upheld: false, appeal_ends } = status(id) else {
				panic!("appealable")
			};
			assert_noop!(ClaimsPallet::appeal(signed(2), id), Error::<Test>::NotLosingParty);
			run_to_block(appeal_ends);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: appeal_ends, reason: RejectionReason::Jury }
			);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			assert_eq!(free(2), STARTING_BALANCE + CLAIM_BOND / 2);
			assert_eq!(reserve_of(ATTEST_PLAN), CLAIM_BOND / 2);
			assert_eq!(
				slashed_issuers(),
				vec![
					(HOSPITALS[0], MEDICAL_INSTITUTION, Perbill::from_percent(10)),
					(HOSPITALS[1], MEDICAL_INSTITUTION, Perbill::from_percent(10))
				]
			);
			assert!(claims_events().contains(&Event::AttesterSlashed {
				claim: id,
				attester: HOSPITALS[0],
				amount: 100
			}));
			assert_eq!(free(pool_account(ATTEST_PLAN)), POOL_BALANCE + CLAIM_BOND / 2);
		});
	}

	#[test]
	fn an_appeal_goes_to_a_larger_jury_without_the_first_jurors() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			let first = jury_round(id, &[Some(Reject), Some(Reject), Some(Reject)]);
			assert_ok!(ClaimsPallet::appeal(signed(1), id));
			assert_eq!(last_event(), Event::VerdictAppealed { claim: id, appellant: 1 });
			assert_eq!(held(HoldReason::DisputeBond, 1), APPEAL_BOND);
			let second = jurors(id);
			assert_eq!(second.len(), 5);
			assert!(second
				.iter()
				.all(|juror| !first.contains(juror) && *juror != 1 && *juror != 2));
			assert!(matches!(status(id), ClaimStatus::UnderJury { round: 1, .. }));
			// The appeal jury upholds: final, paid at once.
			jury_round(id, &[Some(Uphold); 5]);
			let now = System::block_number();
			assert_eq!(status(id), ClaimStatus::Paid { at: now });
			assert_eq!(claim(id).decided_by, Some(Decision::Attested));
			// The claimant's appeal bond returns; the challenger's bond is slashed.
			assert_eq!(held(HoldReason::DisputeBond, 1), 0);
			assert_eq!(free(1), STARTING_BALANCE + 500 + CHALLENGE_BOND / 2);
			assert_eq!(free(2), STARTING_BALANCE - CHALLENGE_BOND);
			// Only one appeal.
			assert_noop!(ClaimsPallet::appeal(signed(2), id), Error::<Test>::NotAppealable);
		});
	}

	#[test]
	fn a_challenger_that_loses_its_appeal_loses_both_bonds() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			jury_round(id, &[Some(Uphold), Some(Uphold), Some(Uphold)]);
			assert_ok!(ClaimsPallet::appeal(signed(2), id));
			jury_round(id, &[Some(Uphold), Some(Uphold), Some(Reject), None, None]);
			assert!(matches!(status(id), ClaimStatus::Paid { .. }));
			let lost = CHALLENGE_BOND + APPEAL_BOND;
			assert_eq!(free(2), STARTING_BALANCE - lost);
			assert_eq!(free(1), STARTING_BALANCE + 500 + lost / 2);
		});
	}

	#[test]
	fn appeal_errors() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_noop!(ClaimsPallet::appeal(signed(1), 99), Error::<Test>::ClaimNotFound);
			assert_noop!(ClaimsPallet::appeal(signed(1), id), Error::<Test>::NotAppealable);
		});
	}
}

mod index {
	use super::*;

	fn key(region: RegionId, period: u32) -> ReadingKey {
		ReadingKey { region, period, metric: 0 }
	}

	/// Two oracles report `value` for period 0 of region 7 (after the period, in its window).
	fn report_drought(value: i64) {
		run_to_block(10);
		assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[0]), key(7, 0), value));
		assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[1]), key(7, 0), value));
	}

	#[test]
	fn governance_registers_metrics() {
		ExtBuilder::build_and_execute(|| {
			let spec = MetricSpec {
				min_value: -500,
				max_value: 600,
				period_length: 5,
				submission_window: 1,
			};
			assert_noop!(ClaimsPallet::set_metric(signed(1), 1, spec), DispatchError::BadOrigin);
			assert_ok!(ClaimsPallet::set_metric(RuntimeOrigin::root(), 1, spec));
			assert_eq!(last_event(), Event::MetricSet { metric: 1, spec });
			assert_eq!(Metrics::<Test>::get(1), Some(spec));
			for bad in [
				MetricSpec { min_value: 2, max_value: 1, ..spec },
				MetricSpec { period_length: 0, ..spec },
				MetricSpec { submission_window: 0, ..spec },
			] {
				assert_noop!(
					ClaimsPallet::set_metric(RuntimeOrigin::root(), 1, bad),
					Error::<Test>::InvalidMetric
				);
			}
		});
	}

	#[test]
	fn readings_are_checked_and_fed_to_the_oracle() {
		ExtBuilder::build_and_execute(|| {
			let submit = |who, key, value| ClaimsPallet::submit_reading(signed(who), key, value);
			assert_noop!(submit(ORACLES[0], key(7, 0), 100), Error::<Test>::PeriodNotOver);
			run_to_block(10);
			assert_noop!(
				submit(ORACLES[0], ReadingKey { metric: 5, ..key(7, 0) }, 100),
				Error::<Test>::UnknownMetric
			);
			assert_noop!(submit(3, key(7, 0), 100), Error::<Test>::NotAccreditedOracle);
			assert_noop!(submit(ORACLES[0], key(7, 0), -1), Error::<Test>::ReadingOutOfRange);
			assert_noop!(submit(ORACLES[0], key(7, 0), 10_001), Error::<Test>::ReadingOutOfRange);
			assert_ok!(submit(ORACLES[1], key(7, 0), 200));
			assert_ok!(submit(ORACLES[0], key(7, 0), 300));
			assert_eq!(
				last_event(),
				Event::ReadingSubmitted { oracle: ORACLES[0], key: key(7, 0), value: 300 }
			);
			assert_eq!(OracleOperators::<Test>::get().into_inner(), vec![ORACLES[0], ORACLES[1]]);
			assert_eq!(MockReadings::aggregated(&key(7, 0)), Some(300));
			run_to_block(15);
			assert_noop!(submit(ORACLES[2], key(7, 0), 300), Error::<Test>::StaleReading);
			// The operator set is bounded.
			run_to_block(20);
			assert_ok!(submit(ORACLES[2], key(7, 1), 300));
			set_accredited(83, WEATHER_ORACLE, true);
			assert_ok!(submit(83, key(7, 1), 300));
			set_accredited(84, WEATHER_ORACLE, true);
			assert_noop!(submit(84, key(7, 1), 300), Error::<Test>::TooManyOracleOperators);
		});
	}

	#[test]
	fn operators_who_lose_accreditation_leave_the_oracle() {
		ExtBuilder::build_and_execute(|| {
			report_drought(200);
			assert_eq!(
				<ClaimsPallet as SortedMembers<_>>::sorted_members(),
				vec![ORACLES[0], ORACLES[1]]
			);
			assert!(<ClaimsPallet as SortedMembers<_>>::contains(&ORACLES[0]));
			assert_noop!(
				ClaimsPallet::remove_oracle_operator(signed(5), ORACLES[0]),
				Error::<Test>::StillAccredited
			);
			set_accredited(ORACLES[0], WEATHER_ORACLE, false);
			// No longer an operator for the oracle, even before removal.
			assert!(!<ClaimsPallet as SortedMembers<_>>::contains(&ORACLES[0]));
			assert_eq!(<ClaimsPallet as SortedMembers<_>>::sorted_members(), vec![ORACLES[1]]);
			assert_ok!(ClaimsPallet::remove_oracle_operator(signed(5), ORACLES[0]));
			assert_eq!(last_event(), Event::OracleOperatorRemoved { oracle: ORACLES[0] });
			assert_eq!(OracleOperators::<Test>::get().into_inner(), vec![ORACLES[1]]);
			assert_noop!(
				ClaimsPallet::remove_oracle_operator(signed(5), ORACLES[0]),
				Error::<Test>::StillAccredited
			);
		});
	}

	#[test]
	fn payout_fraction_is_linear_between_trigger_and_exit() {
		use crate::index_impls::payout_fraction;
		// Falling index (drought): trigger 500, exit 100.
		assert_eq!(payout_fraction(500, 100, 500), None);
		assert_eq!(payout_fraction(500, 100, 800), None);
		assert_eq!(payout_fraction(500, 100, 300), Some(Perbill::from_percent(50)));
		assert_eq!(payout_fraction(500, 100, 100), Some(Perbill::one()));
		assert_eq!(payout_fraction(500, 100, -1_000), Some(Perbill::one()));
		// Rising index (flood): trigger 100, exit 200.
		assert_eq!(payout_fraction(100, 200, 100), None);
		assert_eq!(payout_fraction(100, 200, 125), Some(Perbill::from_percent(25)));
		assert_eq!(payout_fraction(100, 200, i64::MAX), Some(Perbill::one()));
		assert_eq!(
			payout_fraction(i64::MIN, i64::MAX, 0),
			Some(Perbill::from_rational(1u128 << 63, u128::MAX >> 64))
		);
		assert_eq!(payout_fraction(7, 7, 9), None);
	}

	#[test]
	fn an_event_opens_and_members_pull_their_payouts() {
		ExtBuilder::build_and_execute(|| {
			report_drought(300);
			assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0));
			let event = IndexEvents::<Test>::get(INDEX_PLAN, (7, 0)).expect("open");
			assert_eq!(event.payout, MAX_PAYOUT / 2);
			assert_eq!(event.claims_until, 10 + INDEX_CLAIM_PERIOD);
			assert_eq!(
				last_event(),
				Event::IndexEventOpened {
					plan: INDEX_PLAN,
					region: 7,
					period: 0,
					reading: 300,
					payout: MAX_PAYOUT / 2,
					claims_until: 10 + INDEX_CLAIM_PERIOD
				}
			);
			run_to_block(12);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			let id = 0;
			assert_eq!(claim(id).kind, ClaimKind::Parametric { region: 7, period: 0 });
			assert_eq!(claim(id).decided_by, Some(Decision::Triggered));
			assert_eq!(
				status(id),
				ClaimStatus::Challengeable { window_ends: 12 + CHALLENGE_PERIOD }
			);
			assert_eq!(IndexClaims::<Test>::get((INDEX_PLAN, 7, 0), 3), Some(id));
			run_to_block(12 + CHALLENGE_PERIOD);
			assert_eq!(status(id), ClaimStatus::Paid { at: 12 + CHALLENGE_PERIOD });
			assert_eq!(free(3), STARTING_BALANCE + MAX_PAYOUT / 2);
			assert_eq!(free(pool_account(INDEX_PLAN)), POOL_BALANCE - MAX_PAYOUT / 2);
		});
	}

	#[test]
	fn opening_an_event_checks_plan_region_period_and_readings() {
		ExtBuilder::build_and_execute(|| {
			let open = |plan, region, period| {
				ClaimsPallet::open_index_event(signed(40), plan, region, period)
			};
			assert_noop!(open(9, 7, 0), Error::<Test>::PlanNotFound);
			assert_noop!(open(ATTEST_PLAN, 7, 0), Error::<Test>::NotParametric);
			assert_noop!(open(INDEX_PLAN, 9, 0), Error::<Test>::RegionNotCovered);
			assert_noop!(open(UNMETERED_PLAN, 7, 0), Error::<Test>::UnknownMetric);
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::PeriodNotOver);
			run_to_block(10);
			assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[0]), key(7, 0), 300));
			// One reading is not enough for the median.
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::NoAggregatedReading);
			assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[1]), key(7, 0), 600));
			assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[2]), key(7, 0), 700));
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::ThresholdNotCrossed);
			assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[1]), key(7, 0), 100));
			assert_ok!(open(INDEX_PLAN, 7, 0));
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::EventAlreadyOpen);
		});
	}

	#[test]
	fn pulling_a_payout_checks_cover_region_and_timing() {
		ExtBuilder::build_and_execute(|| {
			report_drought(100);
			let pull = |who| ClaimsPallet::claim_index_payout(signed(who), INDEX_PLAN, 0);
			assert_noop!(pull(3), Error::<Test>::NoIndexEvent);
			assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0));
			assert_noop!(
				ClaimsPallet::claim_index_payout(signed(3), ATTEST_PLAN, 0),
				Error::<Test>::NotParametric
			);
			assert_noop!(pull(40), Error::<Test>::NotCovered);
			assert_noop!(pull(13), Error::<Test>::NoRegion);
			// Region 8 had no event.
			assert_noop!(pull(11), Error::<Test>::NoIndexEvent);
			// Covered only after the period began.
			add_member(INDEX_PLAN, 30, 1, Some(7));
			assert_noop!(pull(30), Error::<Test>::NotCoveredDuringPeriod);
			assert_ok!(pull(3));
			assert_eq!(claim(0).amount, MAX_PAYOUT);
			assert_noop!(pull(3), Error::<Test>::AlreadyClaimed);
			run_to_block(10 + INDEX_CLAIM_PERIOD);
			assert_noop!(pull(4), Error::<Test>::IndexClaimPeriodOver);
		});
	}

	#[test]
	fn a_basis_risk_audit_is_decided_by_a_jury() {
		use Verdict::{Reject, Uphold};
		ExtBuilder::build_and_execute(|| {
			run_to_block(10);
			let audit = |who, plan, period, amount, byte| {
				ClaimsPallet::request_audit(signed(who), plan, period, amount, evidence(byte))
			};
			assert_noop!(audit(3, ATTEST_PLAN, 0, 100, 1), Error::<Test>::NotParametric);
			assert_noop!(audit(3, INDEX_PLAN, 0, 0, 1), Error::<Test>::ZeroAmount);
			assert_noop!(audit(40, INDEX_PLAN, 0, 100, 1), Error::<Test>::NotCovered);
			assert_noop!(audit(13, INDEX_PLAN, 0, 100, 1), Error::<Test>::NoRegion);
			assert_noop!(audit(1, UNMETERED_PLAN, 0, 100, 1), Error::<Test>::UnknownMetric);
			assert_noop!(audit(3, INDEX_PLAN, 1, 100, 1), Error::<Test>::PeriodNotOver);
			assert_ok!(audit(3, INDEX_PLAN, 0, 400, 1));
			assert_noop!(audit(4, INDEX_PLAN, 0, 100, 1), Error::<Test>::EvidenceAlreadyClaimed);
			assert_eq!(held(HoldReason::ClaimBond, 3), AUDIT_BOND);
			assert!(claims_events().contains(&Event::AuditRequested {
				claim: 0,
				member: 3,
				amount: 400
			}));
			assert_eq!(claim(0).kind, ClaimKind::Audit { region: 7, period: 0 });
			assert!(!jurors(0).contains(&3));
			jury_round(0, &[Some(Uphold), Some(Uphold), Some(Reject)]);
			let ClaimStatus::Appealable { upheld: true, appeal_ends } = status(0) else {
				panic!("appealable")
			};
			run_to_block(appeal_ends);
			assert_eq!(status(0), ClaimStatus::Paid { at: appeal_ends });
			assert_eq!(claim(0).decided_by, Some(Decision::Adjudicated));
			assert_eq!(free(3), STARTING_BALANCE + 400);

			// A rejected audit's bond goes to the reserve: there is no challenger.
			assert_ok!(audit(4, INDEX_PLAN, 0, 400, 2));
			jury_round(1, &[Some(Reject), Some(Reject), Some(Reject)]);
			let ClaimStatus::Appealable { upheld: false, appeal_ends } = status(1) else {
				panic!("appealable")
			};
			run_to_block(appeal_ends);
			assert_eq!(free(4), STARTING_BALANCE - AUDIT_BOND);
			assert_eq!(reserve_of(INDEX_PLAN), AUDIT_BOND);
		});
	}
}
