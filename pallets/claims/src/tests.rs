//! Unit tests of every call, transition and error, and of the attacks the design resists.
//! `ExtBuilder::build_and_execute` checks `do_try_state` after every test.

use crate::{jury_impls::coprime_stride, mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		SortedMembers,
	},
};
use huzhu_primitives::membership::credential_types::{MEDICAL_INSTITUTION, WEATHER_ORACLE};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};
use Verdict::{Reject, Uphold};

type Status = ClaimStatus<u64, Balance>;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn evidence(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn claim(id: ClaimId) -> ClaimOf<Test> {
	Claims::<Test>::get(id).expect("claim exists")
}

fn status(id: ClaimId) -> Status {
	claim(id).status
}

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> Event<Test> {
	claims_events().pop().expect("an event")
}

fn has_event(event: Event<Test>) -> bool {
	claims_events().contains(&event)
}

fn salt(juror: AccountId) -> [u8; 32] {
	[juror as u8; 32]
}

fn tick() -> u64 {
	ClaimsPallet::tick()
}

fn block() -> u64 {
	System::block_number()
}

/// Runs blocks until the adjudication clock reaches `t` (the brake must be off).
fn run_to_tick(t: u64) {
	while tick() < t {
		run_to_block(block() + 1);
	}
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

/// The tick of the claim's jury draw.
fn draw_at(id: ClaimId) -> u64 {
	match status(id) {
		ClaimStatus::Disputed { phase: JuryPhase::Drawing { draw_at }, .. } => draw_at,
		other => panic!("no draw scheduled: {other:?}"),
	}
}

/// Runs to the claim's jury draw; returns the jurors drawn.
fn seat(id: ClaimId) -> Vec<AccountId> {
	run_to_tick(draw_at(id));
	jurors(id)
}

/// `who` challenges the claim and the jury is drawn; returns the jurors.
fn challenged(id: ClaimId, who: AccountId) -> Vec<AccountId> {
	assert_ok!(ClaimsPallet::challenge(signed(who), id, evidence(77)));
	seat(id)
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
		ClaimStatus::Disputed {
			phase: JuryPhase::Sitting { commit_ends, reveal_ends }, ..
		} => (commit_ends, reveal_ends),
		other => panic!("no jury sitting: {other:?}"),
	}
}

fn appealable(id: ClaimId) -> (bool, u64) {
	match status(id) {
		ClaimStatus::Disputed { phase: JuryPhase::Appealable { upheld, appeal_ends }, .. } => {
			(upheld, appeal_ends)
		}
		other => panic!("not appealable: {other:?}"),
	}
}

/// Runs the sitting jury's round where jurors vote as given (`None`: does not reveal); returns
/// the jurors.
fn jury_round(id: ClaimId, votes: &[Option<Verdict>]) -> Vec<AccountId> {
	let seated = jurors(id);
	assert_eq!(seated.len(), votes.len(), "one vote per seat");
	let voting: Vec<(AccountId, Verdict)> = seated
		.iter()
		.zip(votes)
		.filter_map(|(juror, vote)| vote.map(|vote| (*juror, vote)))
		.collect();
	commit_all(id, &voting);
	let (commit_ends, reveal_ends) = phases(id);
	run_to_tick(commit_ends);
	reveal_all(id, &voting);
	run_to_tick(reveal_ends);
	seated
}

fn pool_free(plan: PlanId) -> Balance {
	free(pool_account(plan))
}

mod filing {
	use super::*;

	#[test]
	fn a_covered_member_files_with_a_bond() {
		ExtBuilder::build_and_execute(|| {
			assert_eq!(tick(), 1);
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
			assert_eq!(
				filed.kind,
				ClaimKind::Attestation {
					confirmed_by: Default::default(),
					denied_by: Default::default()
				}
			);
			assert_eq!(filed.status, ClaimStatus::Filed { decide_by: 1 + DECISION_PERIOD });
			assert_eq!(filed.bond, CLAIM_BOND);
			assert_eq!(held(HoldReason::ClaimBond, 1), CLAIM_BOND);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			assert_eq!(OpenClaims::<Test>::get(1), 1);
			assert_eq!(EvidenceClaims::<Test>::get(evidence(1)), Some(id));
			assert_eq!(
				Agenda::<Test>::get(1 + DECISION_PERIOD, Lane::Filings).into_inner(),
				vec![id]
			);
			assert_eq!(status(id).due_at(), Some((1 + DECISION_PERIOD, Lane::Filings)));
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
			// A member whose account has no DID.
			add_member(ATTEST_PLAN, NO_DID, 0, None);
			assert_noop!(file(NO_DID, ATTEST_PLAN, 10, 1), Error::<Test>::NoDid);
			remove_member(ATTEST_PLAN, NO_DID);
			run_to_block(2);
			assert_ok!(file(30, ATTEST_PLAN, 10, 1));
			assert_noop!(file(2, ATTEST_PLAN, 10, 1), Error::<Test>::EvidenceAlreadyClaimed);
			// A member who cannot hold the bond.
			add_member(ATTEST_PLAN, 150, 0, None);
			assert_noop!(file(150, ATTEST_PLAN, 10, 2), TokenError::FundsUnavailable);
			assert_eq!(NextClaimId::<Test>::get(), 1);
		});
	}

	#[test]
	fn governance_sets_the_adjudication_periods() {
		ExtBuilder::build_and_execute(|| {
			let params = AdjudicationParams {
				decision_period: 3,
				draw_delay: 1,
				commit_period: 1,
				reveal_period: 1,
				appeal_period: 1,
				index_claim_period: 1,
				record_retention: 1,
			};
			assert_noop!(ClaimsPallet::set_params(signed(1), params), DispatchError::BadOrigin);
			for bad in [
				AdjudicationParams { reveal_period: 0, ..params },
				AdjudicationParams { draw_delay: 0, ..params },
				AdjudicationParams { decision_period: 0, ..params },
				AdjudicationParams { record_retention: 0, ..params },
			] {
				assert_noop!(
					ClaimsPallet::set_params(RuntimeOrigin::root(), bad),
					Error::<Test>::InvalidParams
				);
			}
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
			assert_eq!(
				last_event(),
				Event::ClaimRejected { claim: id, reason: RejectionReason::Expired }
			);
			assert_eq!(held(HoldReason::ClaimBond, 1), 0);
			assert_eq!(free(1), STARTING_BALANCE);
			assert_eq!(OpenClaims::<Test>::get(1), 0);
			assert_eq!(reserve_of(ATTEST_PLAN), 0);
		});
	}

	#[test]
	fn a_full_agenda_moves_a_claim_to_the_next_tick_with_room() {
		ExtBuilder::build_and_execute(|| {
			// Four claims fill tick 21 of the filings lane; the fifth goes to tick 22.
			for who in 1..=5 {
				file(who, 100, who as u8);
			}
			assert_eq!(Agenda::<Test>::get(21, Lane::Filings).len(), 4);
			assert_eq!(status(4), ClaimStatus::Filed { decide_by: 22 });
			// Fill ticks 22..=24; 24 is the last tick a claim due at 21 can take.
			for who in 6..=16 {
				file(who, 100, who as u8);
			}
			assert_eq!(Agenda::<Test>::get(24, Lane::Filings).len(), 4);
			assert_noop!(
				ClaimsPallet::file_claim(signed(17), ATTEST_PLAN, 100, evidence(17)),
				Error::<Test>::AgendaFull
			);
			assert_eq!(free(17), STARTING_BALANCE);
			run_to_block(24);
			assert!((0..16).all(|id| matches!(status(id), ClaimStatus::Rejected { .. })));
			assert!((1..=16).all(|who| free(who) == STARTING_BALANCE));
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
			assert_eq!(OpenClaims::<Test>::get(1), 0);
			assert_noop!(
				ClaimsPallet::withdraw_claim(signed(1), filed),
				Error::<Test>::CannotWithdraw
			);

			let window = decided(2, 500, 2);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(2), window));
			run_to_block(20);
			assert_eq!(status(window), ClaimStatus::Withdrawn);
			assert_eq!(free(2), STARTING_BALANCE);

			// A disputed claim cannot be withdrawn.
			let disputed = decided(3, 500, 3);
			assert_ok!(ClaimsPallet::challenge(signed(4), disputed, evidence(7)));
			assert_noop!(
				ClaimsPallet::withdraw_claim(signed(3), disputed),
				Error::<Test>::CannotWithdraw
			);
			// A denied claim can.
			let denied = file(5, 500, 5);
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[0]),
				denied,
				evidence(200),
				None
			));
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[1]),
				denied,
				evidence(201),
				None
			));
			assert!(matches!(status(denied), ClaimStatus::Denied { .. }));
			assert_ok!(ClaimsPallet::withdraw_claim(signed(5), denied));
			assert_eq!(free(5), STARTING_BALANCE);
			assert_eq!(reserve_of(ATTEST_PLAN), 0);
		});
	}

	#[test]
	fn each_plan_queues_its_open_claims_oldest_first() {
		ExtBuilder::build_and_execute(|| {
			assert_eq!(ClaimsPallet::oldest_open_claim(ATTEST_PLAN), None);
			let (first, second, third) = (file(1, 100, 1), file(2, 100, 2), file(3, 100, 3));
			assert_eq!(ClaimsPallet::next_claim_id(), third + 1);
			assert_eq!(
				OpenQueues::<Test>::get(ATTEST_PLAN),
				Some(OpenQueue { oldest: first, newest: third })
			);
			// Closing one in the middle keeps the oldest; closing the oldest moves it on.
			assert_ok!(ClaimsPallet::withdraw_claim(signed(2), second));
			assert_eq!(ClaimsPallet::oldest_open_claim(ATTEST_PLAN), Some(first));
			assert_eq!(
				OpenLinks::<Test>::get(first),
				Some(OpenLink { older: None, newer: Some(third) })
			);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(1), first));
			assert_eq!(ClaimsPallet::oldest_open_claim(ATTEST_PLAN), Some(third));
			assert_ok!(ClaimsPallet::withdraw_claim(signed(3), third));
			assert_eq!(ClaimsPallet::oldest_open_claim(ATTEST_PLAN), None);
			assert_eq!(OpenLinks::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn a_member_has_at_most_max_open_claims() {
		ExtBuilder::build_and_execute(|| {
			let first = file(1, 100, 1);
			file(1, 100, 2);
			file(1, 100, 3);
			assert_eq!(OpenClaims::<Test>::get(1), 3);
			assert_noop!(
				ClaimsPallet::file_claim(signed(1), ATTEST_PLAN, 100, evidence(4)),
				Error::<Test>::TooManyOpenClaims
			);
			assert_eq!(held(HoldReason::ClaimBond, 1), 3 * CLAIM_BOND);
			// A finished claim frees its place.
			assert_ok!(ClaimsPallet::withdraw_claim(signed(1), first));
			file(1, 100, 4);
			assert_eq!(OpenClaims::<Test>::get(1), 3);
			assert_eq!(free(1), STARTING_BALANCE - 3 * CLAIM_BOND);
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
			assert_eq!(
				status(id),
				ClaimStatus::Challengeable {
					decision: Decision::Attested,
					amount: 600,
					window_ends
				}
			);
			assert_eq!(
				claim(id).kind,
				ClaimKind::Attestation {
					confirmed_by: vec![HOSPITALS[0], HOSPITALS[1]].try_into().unwrap(),
					denied_by: Default::default()
				}
			);
			assert_eq!(
				Attestations::<Test>::get(id, HOSPITALS[1]),
				Some(Attestation {
					diagnosis: evidence(201),
					confirmed_amount: Some(600),
					at_risk: 600
				})
			);
			// The filing's expiry left the agenda; the window's end entered it.
			assert!(Agenda::<Test>::get(1 + DECISION_PERIOD, Lane::Filings).is_empty());
			assert_eq!(Agenda::<Test>::get(window_ends, Lane::Windows).into_inner(), vec![id]);
			// Nothing is paid during the window ...
			run_to_block(window_ends - 1);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			// ... and it is paid in its first block after, with no transaction.
			run_to_block(window_ends);
			assert_eq!(status(id), ClaimStatus::Paid { at: window_ends, amount: 600 });
			assert!(has_event(Event::ClaimApproved { claim: id, amount: 600 }));
			assert!(has_event(Event::ClaimPaid {
				claim: id,
				member: 1,
				amount: 600,
				block: window_ends
			}));
			assert_eq!(free(1), STARTING_BALANCE + 600);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE - 600);
			assert_eq!(OpenClaims::<Test>::get(1), 0);
		});
	}

	#[test]
	fn as_many_denials_deny_and_an_undisputed_denial_rejects_with_the_bond_returned() {
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
			let dispute_ends = 1 + APPEAL_PERIOD;
			assert_eq!(status(id), ClaimStatus::Denied { dispute_ends });
			assert_eq!(
				claim(id).kind,
				ClaimKind::Attestation {
					confirmed_by: vec![HOSPITALS[1]].try_into().unwrap(),
					denied_by: vec![HOSPITALS[0], HOSPITALS[2]].try_into().unwrap()
				}
			);
			assert_eq!(Agenda::<Test>::get(dispute_ends, Lane::Windows).into_inner(), vec![id]);
			run_to_block(dispute_ends - 1);
			assert_eq!(held(HoldReason::ClaimBond, 1), CLAIM_BOND);
			run_to_block(dispute_ends);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: dispute_ends, reason: RejectionReason::Denied }
			);
			assert_eq!(free(1), STARTING_BALANCE);
			// Nobody was judged: no institution is penalized.
			assert!(slashed_issuers().is_empty());
			assert_noop!(
				ClaimsPallet::dispute_denial(signed(1), id, evidence(5)),
				Error::<Test>::NotDenied
			);
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
			assert_eq!(status(id), ClaimStatus::Approved { amount: 500 });
			// (The error's message is not encoded into the event.)
			assert!(matches!(last_event(), Event::PayoutFailed { claim, .. } if claim == id));
			assert_eq!(held(HoldReason::ClaimBond, 1), CLAIM_BOND);
			assert_eq!(OpenClaims::<Test>::get(1), 1);
			assert_noop!(
				ClaimsPallet::retry_payout(signed(7), id),
				DispatchError::Other("pool cannot pay")
			);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE);
			set_payouts_fail(false);
			run_to_block(15);
			assert_ok!(ClaimsPallet::retry_payout(signed(7), id));
			assert_eq!(status(id), ClaimStatus::Paid { at: 15, amount: 500 });
			assert_eq!(free(1), STARTING_BALANCE + 500);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE - 500);
			assert_noop!(ClaimsPallet::retry_payout(signed(7), id), Error::<Test>::NotApproved);
		});
	}
}

mod alliance {
	use super::*;

	pub(super) fn file_alliance(who: AccountId) -> ClaimId {
		let id = NextClaimId::<Test>::get();
		assert_ok!(ClaimsPallet::file_claim(signed(who), ALLIANCE_PLAN, 300, evidence(who as u8)));
		id
	}

	#[test]
	fn enterprises_approve_by_threshold_of_the_other_members() {
		ExtBuilder::build_and_execute(|| {
			// Six members: five others may vote; 60 % of five is three ayes.
			let id = file_alliance(1);
			assert_eq!(claim(id).kind, ClaimKind::Alliance { ayes: 0, nays: 0, electorate: 5 });
			assert_ok!(ClaimsPallet::vote_alliance(signed(2), id, true));
			assert_eq!(last_event(), Event::AllianceVoted { claim: id, voter: 2, approve: true });
			assert_ok!(ClaimsPallet::vote_alliance(signed(3), id, false));
			assert_ok!(ClaimsPallet::vote_alliance(signed(4), id, true));
			assert!(matches!(status(id), ClaimStatus::Filed { .. }));
			assert_ok!(ClaimsPallet::vote_alliance(signed(5), id, true));
			assert_eq!(
				status(id),
				ClaimStatus::Challengeable {
					decision: Decision::Voted,
					amount: 300,
					window_ends: 1 + CHALLENGE_PERIOD
				}
			);
			assert_eq!(claim(id).kind, ClaimKind::Alliance { ayes: 3, nays: 1, electorate: 5 });
			assert_eq!(AllianceVotes::<Test>::get(id, 3), Some(false));
			run_to_block(1 + CHALLENGE_PERIOD);
			assert_eq!(free(1), STARTING_BALANCE + 300);
			assert_eq!(pool_free(ALLIANCE_PLAN), POOL_BALANCE - 300);
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
			assert_eq!(pool_free(ALLIANCE_PLAN), POOL_BALANCE);
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

	#[test]
	fn a_challenge_schedules_a_later_draw_and_co_challengers_join_until_it() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(77)));
			// No jury is drawn in the call: the draw is DRAW_DELAY ticks later.
			let draw = 1 + DRAW_DELAY;
			assert_eq!(
				status(id),
				ClaimStatus::Disputed {
					amount: 500,
					round: JuryRound::First,
					phase: JuryPhase::Drawing { draw_at: draw }
				}
			);
			assert!(jurors(id).is_empty());
			assert!((1..=20).all(|who| held(HoldReason::JurorBond, who) == 0));
			assert!(has_event(Event::JuryScheduled {
				claim: id,
				round: JuryRound::First,
				draw_at: draw
			}));
			assert!(has_event(Event::ClaimChallenged {
				claim: id,
				challenger: 2,
				reason: evidence(77)
			}));
			assert_eq!(held(HoldReason::DisputeBond, 2), CHALLENGE_BOND);
			assert_eq!(Agenda::<Test>::get(draw, Lane::Disputes).into_inner(), vec![id]);
			assert!(Agenda::<Test>::get(1 + CHALLENGE_PERIOD, Lane::Windows).is_empty());
			// Others join before the draw.
			assert_ok!(ClaimsPallet::challenge(signed(3), id, evidence(78)));
			assert_noop!(
				ClaimsPallet::challenge(signed(3), id, evidence(78)),
				Error::<Test>::AlreadyChallenging
			);
			assert_ok!(ClaimsPallet::challenge(signed(4), id, evidence(79)));
			assert_noop!(
				ClaimsPallet::challenge(signed(5), id, evidence(80)),
				Error::<Test>::TooManyChallengers
			);
			assert_eq!(held(HoldReason::DisputeBond, 3), CHALLENGE_BOND);
			assert_eq!(held(HoldReason::DisputeBond, 4), CHALLENGE_BOND);
			assert_eq!(Disputes::<Test>::get(id).unwrap().challengers.len(), 3);
			run_to_block(draw - 1);
			assert!(jurors(id).is_empty());
			// The draw happens in on_initialize.
			run_to_block(draw);
			let seated = jurors(id);
			assert_eq!(seated.len(), 3);
			assert!(seated.iter().all(|juror| (5..=20).contains(juror)));
			for juror in &seated {
				assert_eq!(held(HoldReason::JurorBond, *juror), JUROR_BOND);
				assert_eq!(free(*juror), STARTING_BALANCE - JUROR_BOND);
			}
			let commit_ends = draw + COMMIT_PERIOD;
			let reveal_ends = commit_ends + REVEAL_PERIOD;
			assert_eq!(
				status(id),
				ClaimStatus::Disputed {
					amount: 500,
					round: JuryRound::First,
					phase: JuryPhase::Sitting { commit_ends, reveal_ends }
				}
			);
			assert!(has_event(Event::JuryDrawn {
				claim: id,
				round: JuryRound::First,
				jurors: seated.clone(),
				commit_ends,
				reveal_ends
			}));
			// Nobody joins after the draw.
			assert_noop!(
				ClaimsPallet::challenge(signed(6), id, evidence(81)),
				Error::<Test>::NotChallengeable
			);
			// The window's payout was taken off the agenda.
			run_to_block(1 + CHALLENGE_PERIOD);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE);
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
				Error::<Test>::NotActiveMember
			);
			assert_noop!(
				ClaimsPallet::challenge(signed(NO_DID), id, evidence(7)),
				Error::<Test>::NoDid
			);
			// An attester of the claim, even as a member, cannot challenge it.
			add_member(INDEX_PLAN, HOSPITALS[0], 0, None);
			assert_noop!(
				ClaimsPallet::challenge(signed(HOSPITALS[0]), id, evidence(7)),
				Error::<Test>::PartyCannotDecide
			);
			// A member who cannot hold the bond.
			add_member(ATTEST_PLAN, 150, 0, None);
			assert_noop!(
				ClaimsPallet::challenge(signed(150), id, evidence(7)),
				TokenError::FundsUnavailable
			);
			// After the window it is paid, and no longer challengeable.
			run_to_block(1 + CHALLENGE_PERIOD);
			assert!(matches!(status(id), ClaimStatus::Paid { .. }));
			assert_noop!(
				ClaimsPallet::challenge(signed(2), id, evidence(7)),
				Error::<Test>::NotChallengeable
			);
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
			let seated = challenged(id, 2);
			assert_eq!(seated.len(), 3);
			assert!(!seated.contains(&150));
			assert_eq!(free(150), 0);
		});
	}

	#[test]
	fn a_draw_short_of_a_quorum_ends_the_claim_unproven() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			// Before the draw, every member but the parties leaves.
			for plan in [ATTEST_PLAN, INDEX_PLAN, ALLIANCE_PLAN, UNMETERED_PLAN] {
				for who in 3..=20 {
					remove_member(plan, who);
				}
			}
			run_to_block(1 + DRAW_DELAY);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: 1 + DRAW_DELAY, reason: RejectionReason::Unproven }
			);
			// No jury could sit: nobody is at fault, every bond returns.
			assert_eq!(free(1), STARTING_BALANCE);
			assert_eq!(free(2), STARTING_BALANCE);
			assert_eq!(reserve_of(ATTEST_PLAN), 0);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE);
			// Silence stopped the claim, not a verdict: its evidence may back a new filing.
			assert_eq!(EvidenceClaims::<Test>::get(evidence(1)), None);
			let again = file(1, 500, 1);
			assert_eq!(EvidenceClaims::<Test>::get(evidence(1)), Some(again));
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
	fn quorums_are_sixty_percent_of_the_seats() {
		assert_eq!(ClaimsPallet::quorum(JuryRound::First), 2);
		assert_eq!(ClaimsPallet::quorum(JuryRound::Final), 3);
		assert_eq!(ClaimsPallet::jury_size(JuryRound::Final), 5);
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
			// No jury before the draw.
			assert_noop!(
				ClaimsPallet::commit_vote(signed(3), id, evidence(1)),
				Error::<Test>::NoJury
			);
			let seated = seat(id);
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
			run_to_tick(commit_ends);
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
			// One reveal of three seats is no quorum: a final jury is scheduled.
			run_to_tick(reveal_ends);
			assert!(has_event(Event::JuryVerdict {
				claim: id,
				round: JuryRound::First,
				outcome: JuryOutcome::NoQuorum,
				upholds: 1,
				rejects: 0,
				absent: 2
			}));
			assert!(matches!(
				status(id),
				ClaimStatus::Disputed {
					round: JuryRound::Final,
					phase: JuryPhase::Drawing { .. },
					..
				}
			));
			assert_noop!(
				ClaimsPallet::reveal_vote(signed(first), id, Uphold, salt(first), evidence(9)),
				Error::<Test>::NoJury
			);
			// The absent jurors' bonds went to the juror who revealed.
			assert_eq!(free(first), STARTING_BALANCE + 2 * JUROR_BOND);
			assert_eq!(free(second), STARTING_BALANCE - JUROR_BOND);
			assert_eq!(reserve_of(ATTEST_PLAN), 0);
		});
	}

	#[test]
	fn an_upheld_claim_unappealed_is_paid_and_the_challenger_pays_for_it() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			// Two uphold, one juror never reveals.
			challenged(id, 2);
			let seated = jury_round(id, &[Some(Uphold), Some(Uphold), None]);
			let now = tick();
			assert!(has_event(Event::JuryVerdict {
				claim: id,
				round: JuryRound::First,
				outcome: JuryOutcome::Upheld,
				upholds: 2,
				rejects: 0,
				absent: 1
			}));
			assert_eq!(appealable(id), (true, now + APPEAL_PERIOD));
			// The absent juror's bond goes to the two jurors who revealed.
			assert_eq!(free(seated[2]), STARTING_BALANCE - JUROR_BOND);
			assert_eq!(free(seated[0]), STARTING_BALANCE + JUROR_BOND / 2);
			assert_eq!(free(seated[1]), STARTING_BALANCE + JUROR_BOND / 2);
			assert_eq!(reserve_of(ATTEST_PLAN), 0);
			assert!(has_event(Event::SlashDistributed {
				claim: id,
				to_winners: JUROR_BOND,
				to_reserve: 0
			}));
			assert!(seated.iter().all(|juror| held(HoldReason::JurorBond, *juror) == 0));
			// The claimant cannot appeal a verdict it won.
			assert_noop!(ClaimsPallet::appeal(signed(1), id), Error::<Test>::NoStandingToAppeal);
			run_to_tick(now + APPEAL_PERIOD);
			assert_eq!(status(id), ClaimStatus::Paid { at: now + APPEAL_PERIOD, amount: 500 });
			// The challenger's 20: 20 % (4) to the two revealing jurors, half of the rest (8) to
			// the claimant, 8 to the reserve.
			assert_eq!(free(1), STARTING_BALANCE + 500 + 8);
			assert_eq!(free(2), STARTING_BALANCE - CHALLENGE_BOND);
			assert_eq!(free(seated[0]), STARTING_BALANCE + JUROR_BOND / 2 + 2);
			assert_eq!(free(seated[1]), STARTING_BALANCE + JUROR_BOND / 2 + 2);
			assert_eq!(reserve_of(ATTEST_PLAN), 8);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE - 500 + 8);
			assert!(Disputes::<Test>::get(id).is_none());
			// The attesters were right.
			assert!(slashed_issuers().is_empty());
			assert_noop!(ClaimsPallet::appeal(signed(2), id), Error::<Test>::NotAppealable);
		});
	}

	#[test]
	fn a_tie_upholds_the_claim() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			jury_round(id, &[Some(Uphold), Some(Reject), None]);
			assert!(appealable(id).0);
		});
	}

	#[test]
	fn a_rejection_slashes_the_claimant_and_the_attesters() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			jury_round(id, &[Some(Reject), Some(Reject), Some(Uphold)]);
			let (upheld, appeal_ends) = appealable(id);
			assert!(!upheld);
			// Only the claimant may appeal a rejection.
			assert_noop!(ClaimsPallet::appeal(signed(2), id), Error::<Test>::NoStandingToAppeal);
			assert_noop!(ClaimsPallet::appeal(signed(7), id), Error::<Test>::NoStandingToAppeal);
			run_to_tick(appeal_ends);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: appeal_ends, reason: RejectionReason::Jury }
			);
			// The claim bond (10): 2 for three jurors rounds to nothing each, half of the rest
			// (5) to the challenger, 5 to the reserve.
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			assert_eq!(free(2), STARTING_BALANCE + CLAIM_BOND / 2);
			// Each confirming hospital loses the 500 it confirmed to the plan's pool.
			assert_eq!(
				slashed_issuers(),
				vec![
					(HOSPITALS[0], MEDICAL_INSTITUTION, 500),
					(HOSPITALS[1], MEDICAL_INSTITUTION, 500)
				]
			);
			assert!(has_event(Event::AttesterSlashed {
				claim: id,
				attester: HOSPITALS[0],
				amount: 500
			}));
			assert_eq!(free(HOSPITALS[0]), STARTING_BALANCE - 500);
			assert_eq!(free(HOSPITALS[2]), STARTING_BALANCE);
			assert!(!MockCredentials::is_accredited_issuer(HOSPITALS[0], MEDICAL_INSTITUTION));
			assert!(MockCredentials::is_accredited_issuer(HOSPITALS[2], MEDICAL_INSTITUTION));
			assert_eq!(reserve_of(ATTEST_PLAN), CLAIM_BOND / 2 + 1_000);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE + CLAIM_BOND / 2 + 1_000);
			assert_eq!(OpenClaims::<Test>::get(1), 0);
		});
	}

	#[test]
	fn an_appeal_goes_to_a_larger_jury_without_the_first_jurors() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			let first = jury_round(id, &[Some(Reject), Some(Reject), Some(Reject)]);
			assert_ok!(ClaimsPallet::appeal(signed(1), id));
			assert_eq!(
				last_event(),
				Event::VerdictAppealed { claim: id, appellant: 1, side: Side::Claimant }
			);
			assert_eq!(held(HoldReason::DisputeBond, 1), APPEAL_BOND);
			assert!(matches!(
				status(id),
				ClaimStatus::Disputed {
					round: JuryRound::Final,
					phase: JuryPhase::Drawing { .. },
					..
				}
			));
			// Only one appeal.
			assert_noop!(ClaimsPallet::appeal(signed(1), id), Error::<Test>::NotAppealable);
			let second = seat(id);
			assert_eq!(second.len(), 5);
			assert!(second
				.iter()
				.all(|juror| !first.contains(juror) && *juror != 1 && *juror != 2));
			// The appeal jury upholds: final, paid at once.
			jury_round(id, &[Some(Uphold); 5]);
			let now = block();
			assert_eq!(status(id), ClaimStatus::Paid { at: now, amount: 500 });
			// The claimant's appeal bond returns; the challenger's 20 is slashed: 4 for five
			// jurors rounds to nothing each, 10 to the claimant's side, 10 to the reserve.
			assert_eq!(held(HoldReason::DisputeBond, 1), 0);
			assert_eq!(free(1), STARTING_BALANCE + 500 + 10);
			assert_eq!(free(2), STARTING_BALANCE - CHALLENGE_BOND);
			assert_eq!(reserve_of(ATTEST_PLAN), 10);
			assert!(first
				.iter()
				.chain(second.iter())
				.all(|juror| free(*juror) == STARTING_BALANCE));
			assert_noop!(ClaimsPallet::appeal(signed(2), id), Error::<Test>::NotAppealable);
		});
	}

	#[test]
	fn a_challenger_that_loses_its_appeal_loses_both_bonds() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			jury_round(id, &[Some(Uphold), Some(Uphold), Some(Uphold)]);
			assert_ok!(ClaimsPallet::appeal(signed(2), id));
			assert_eq!(
				last_event(),
				Event::VerdictAppealed { claim: id, appellant: 2, side: Side::Challengers }
			);
			seat(id);
			let second = jury_round(id, &[Some(Uphold), Some(Uphold), Some(Reject), None, None]);
			assert!(matches!(status(id), ClaimStatus::Paid { amount: 500, .. }));
			let lost = CHALLENGE_BOND + APPEAL_BOND;
			assert_eq!(free(2), STARTING_BALANCE - lost);
			// 60: 12 to the three revealing jurors, 24 to the claimant, 24 to the reserve.
			assert_eq!(free(1), STARTING_BALANCE + 500 + 24);
			assert_eq!(reserve_of(ATTEST_PLAN), 24);
			// Absent jurors' bonds went to those who revealed (4 each), plus 4 each of the 12.
			for juror in &second[..3] {
				assert_eq!(free(*juror), STARTING_BALANCE + 4 + 4);
			}
			for juror in &second[3..] {
				assert_eq!(free(*juror), STARTING_BALANCE - JUROR_BOND);
			}
		});
	}

	#[test]
	fn any_member_not_a_party_may_appeal_an_upheld_verdict() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			let first = jury_round(id, &[Some(Uphold), Some(Uphold), Some(Uphold)]);
			assert_noop!(ClaimsPallet::appeal(signed(1), id), Error::<Test>::NoStandingToAppeal);
			assert_noop!(ClaimsPallet::appeal(signed(50), id), Error::<Test>::NotActiveMember);
			assert_noop!(ClaimsPallet::appeal(signed(NO_DID), id), Error::<Test>::NoDid);
			add_member(INDEX_PLAN, HOSPITALS[1], 0, None);
			assert_noop!(
				ClaimsPallet::appeal(signed(HOSPITALS[1]), id),
				Error::<Test>::PartyCannotDecide
			);
			let appellant = (3..=20).find(|who| !first.contains(who)).unwrap();
			assert_ok!(ClaimsPallet::appeal(signed(appellant), id));
			assert_eq!(held(HoldReason::DisputeBond, appellant), APPEAL_BOND);
			let second = seat(id);
			assert!(!second.contains(&appellant) && !second.contains(&2) && !second.contains(&1));
			jury_round(id, &[Some(Reject); 5]);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: block(), reason: RejectionReason::Jury }
			);
			// The claim bond (10): 2 for five jurors rounds to nothing, 5 split between the two
			// challengers' side (2 each), 6 to the reserve; their bonds return.
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			assert_eq!(free(2), STARTING_BALANCE + 2);
			assert_eq!(free(appellant), STARTING_BALANCE + 2);
			assert_eq!(slashed_issuers().len(), 2);
			assert_eq!(reserve_of(ATTEST_PLAN), 6 + 1_000);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE + 6 + 1_000);
		});
	}

	#[test]
	fn a_silent_first_jury_is_replaced_and_a_silent_final_jury_proves_nothing() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			let first = jury_round(id, &[None, None, None]);
			assert!(has_event(Event::JuryVerdict {
				claim: id,
				round: JuryRound::First,
				outcome: JuryOutcome::NoQuorum,
				upholds: 0,
				rejects: 0,
				absent: 3
			}));
			assert!(has_event(Event::JuryScheduled {
				claim: id,
				round: JuryRound::Final,
				draw_at: tick() + DRAW_DELAY
			}));
			// Nobody revealed: the absent jurors' bonds go to the reserve.
			assert_eq!(reserve_of(ATTEST_PLAN), 3 * JUROR_BOND);
			let second = seat(id);
			assert_eq!(second.len(), 5);
			assert!(second.iter().all(|juror| !first.contains(juror)));
			jury_round(id, &[None, None, None, None, None]);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: block(), reason: RejectionReason::Unproven }
			);
			// Silence pays nothing and slashes no party.
			// Juries sat and stayed silent on the challenge: it cost its challenger a fifth of its
			// bond (4), all to the reserve — nobody gains from a challenge's failure.
			let forfeit = JurorShare::get().mul_floor(CHALLENGE_BOND);
			assert_eq!(forfeit, 4);
			assert_eq!(free(1), STARTING_BALANCE);
			assert_eq!(free(2), STARTING_BALANCE - forfeit);
			assert_eq!(reserve_of(ATTEST_PLAN), 8 * JUROR_BOND + forfeit);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE + 8 * JUROR_BOND + forfeit);
			// Silence stopped the claim, not a verdict: its evidence may back a new filing.
			assert_eq!(EvidenceClaims::<Test>::get(evidence(1)), None);
			assert!(slashed_issuers().is_empty());
			assert!(first
				.iter()
				.chain(second.iter())
				.all(|j| free(*j) == STARTING_BALANCE - JUROR_BOND));
		});
	}

	#[test]
	fn appeal_errors() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			assert_noop!(ClaimsPallet::appeal(signed(1), 99), Error::<Test>::ClaimNotFound);
			assert_noop!(ClaimsPallet::appeal(signed(1), id), Error::<Test>::NotAppealable);
			challenged(id, 2);
			assert_noop!(ClaimsPallet::appeal(signed(5), id), Error::<Test>::NotAppealable);
			jury_round(id, &[Some(Uphold); 3]);
			// A member who cannot hold the appeal bond.
			add_member(ATTEST_PLAN, 150, 0, None);
			assert_noop!(ClaimsPallet::appeal(signed(150), id), TokenError::FundsUnavailable);
		});
	}
}

mod denial {
	use super::*;

	fn denied(who: AccountId, amount: Balance, byte: u8) -> ClaimId {
		let id = file(who, amount, byte);
		assert_ok!(ClaimsPallet::attest_claim(signed(HOSPITALS[0]), id, evidence(200), None));
		assert_ok!(ClaimsPallet::attest_claim(signed(HOSPITALS[1]), id, evidence(201), None));
		id
	}

	#[test]
	fn an_upheld_disputed_denial_pays_and_penalizes_the_deniers() {
		ExtBuilder::build_and_execute(|| {
			let id = denied(1, 800, 1);
			assert_eq!(status(id), ClaimStatus::Denied { dispute_ends: 1 + APPEAL_PERIOD });
			assert_noop!(
				ClaimsPallet::dispute_denial(signed(1), 99, evidence(5)),
				Error::<Test>::ClaimNotFound
			);
			assert_noop!(
				ClaimsPallet::dispute_denial(signed(2), id, evidence(5)),
				Error::<Test>::NotClaimant
			);
			let filed = file(1, 100, 2);
			assert_noop!(
				ClaimsPallet::dispute_denial(signed(1), filed, evidence(5)),
				Error::<Test>::NotDenied
			);
			assert_ok!(ClaimsPallet::dispute_denial(signed(1), id, evidence(5)));
			assert!(has_event(Event::DenialDisputed { claim: id, reason: evidence(5) }));
			assert_eq!(held(HoldReason::DisputeBond, 1), APPEAL_BOND);
			assert_eq!(
				status(id),
				ClaimStatus::Disputed {
					amount: 800,
					round: JuryRound::First,
					phase: JuryPhase::Drawing { draw_at: 1 + DRAW_DELAY }
				}
			);
			assert_noop!(
				ClaimsPallet::withdraw_claim(signed(1), id),
				Error::<Test>::CannotWithdraw
			);
			// The hospitals cannot be challengers here, and a co-challenge of a denial is not one.
			assert_noop!(
				ClaimsPallet::challenge(signed(3), id, evidence(7)),
				Error::<Test>::NotChallengeable
			);
			let seated = seat(id);
			assert!(!seated.contains(&1));
			jury_round(id, &[Some(Uphold); 3]);
			let (upheld, appeal_ends) = appealable(id);
			assert!(upheld);
			run_to_tick(appeal_ends);
			assert_eq!(status(id), ClaimStatus::Paid { at: appeal_ends, amount: 800 });
			// Nobody bonded against the claim: the claimant pays the jury's fee from its bond.
			let fee = JurorShare::get().mul_floor(CLAIM_BOND);
			assert!(has_event(Event::BondSlashed { claim: id, who: 1, amount: fee }));
			assert_eq!(free(1), STARTING_BALANCE + 800 - CLAIM_BOND - fee);
			assert_eq!(held(HoldReason::DisputeBond, 1), 0);
			// The deniers each lose the 800 asked, to the plan's pool, and are suspended.
			assert_eq!(
				slashed_issuers(),
				vec![
					(HOSPITALS[0], MEDICAL_INSTITUTION, 800),
					(HOSPITALS[1], MEDICAL_INSTITUTION, 800)
				]
			);
			assert_eq!(free(HOSPITALS[0]), STARTING_BALANCE - 800);
			assert!(!MockCredentials::is_accredited_issuer(HOSPITALS[1], MEDICAL_INSTITUTION));
			// (The claimant's 2 of jury fee is 0 per juror: it stays in the reserve.)
			assert_eq!(reserve_of(ATTEST_PLAN), 1_600 + fee);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE - 800 + 1_600 + fee);
		});
	}

	#[test]
	fn a_rejected_disputed_denial_costs_the_claimant_its_bonds() {
		ExtBuilder::build_and_execute(|| {
			let id = denied(1, 800, 1);
			assert_ok!(ClaimsPallet::dispute_denial(signed(1), id, evidence(5)));
			seat(id);
			let seated = jury_round(id, &[Some(Reject); 3]);
			let (upheld, appeal_ends) = appealable(id);
			assert!(!upheld);
			run_to_tick(appeal_ends);
			assert_eq!(
				status(id),
				ClaimStatus::Rejected { at: appeal_ends, reason: RejectionReason::Jury }
			);
			// 50 (claim and dispute bonds), no winning party: all to the jurors, 16 each, 2 left
			// to the reserve.
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND - APPEAL_BOND);
			assert!(seated.iter().all(|juror| free(*juror) == STARTING_BALANCE + 16));
			assert_eq!(reserve_of(ATTEST_PLAN), 2);
			// The deniers were right.
			assert!(slashed_issuers().is_empty());
		});
	}
}

mod index {
	use super::*;

	pub(super) fn key(region: RegionId, period: u32) -> ReadingKey {
		ReadingKey { region, period, metric: 0 }
	}

	/// Three oracles report `value` for period 0 of region 7 (after the period, in its window);
	/// the window closes at block 15.
	pub(super) fn report_drought(value: i64) {
		run_to_block(10);
		for oracle in &ORACLES[..3] {
			assert_ok!(ClaimsPallet::submit_reading(signed(*oracle), key(7, 0), value));
		}
	}

	/// Reports a drought of `value` and opens its event after the submission window.
	pub(super) fn open_drought(value: i64) {
		report_drought(value);
		run_to_block(15);
		assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0));
	}

	#[test]
	fn governance_registers_metrics() {
		ExtBuilder::build_and_execute(|| {
			let spec = MetricSpec {
				min_value: -500,
				max_value: 600,
				period_length: 5,
				submission_window: 1,
				outlier_tolerance: 7,
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
			assert_noop!(submit(NO_DID, key(7, 0), 100), Error::<Test>::NotAccreditedOracle);
			assert_noop!(submit(ORACLES[0], key(7, 0), -1), Error::<Test>::ReadingOutOfRange);
			assert_noop!(submit(ORACLES[0], key(7, 0), 10_001), Error::<Test>::ReadingOutOfRange);
			assert_ok!(submit(ORACLES[1], key(7, 0), 200));
			assert_ok!(submit(ORACLES[0], key(7, 0), 300));
			assert_eq!(
				last_event(),
				Event::ReadingSubmitted { oracle: ORACLES[0], key: key(7, 0), value: 300 }
			);
			assert_eq!(OracleOperators::<Test>::get().into_inner(), vec![ORACLES[0], ORACLES[1]]);
			// Two readings are no aggregate.
			assert_eq!(ClaimsPallet::aggregate(&key(7, 0), 100), None);
			run_to_block(15);
			assert_noop!(submit(ORACLES[2], key(7, 0), 300), Error::<Test>::StaleReading);
			// The operator set is bounded.
			run_to_block(20);
			assert_ok!(submit(ORACLES[2], key(7, 1), 300));
			assert_ok!(submit(ORACLES[3], key(7, 1), 300));
			set_accredited(84, WEATHER_ORACLE, true);
			assert_noop!(submit(84, key(7, 1), 300), Error::<Test>::TooManyOracleOperators);
		});
	}

	#[test]
	fn an_oracle_with_a_stake_in_the_region_cannot_report_on_it() {
		ExtBuilder::build_and_execute(|| {
			add_member(INDEX_PLAN, ORACLES[0], 0, Some(8));
			run_to_block(10);
			assert_noop!(
				ClaimsPallet::submit_reading(signed(ORACLES[0]), key(8, 0), 100),
				Error::<Test>::OracleHasStake
			);
			// Region 7 of the same plan: its payouts are shared by the oracle's deposit.
			assert_noop!(
				ClaimsPallet::submit_reading(signed(ORACLES[0]), key(7, 0), 100),
				Error::<Test>::OracleHasStake
			);
			// A region no plan of the oracle covers.
			assert_ok!(ClaimsPallet::submit_reading(signed(ORACLES[0]), key(9, 0), 100));
		});
	}

	#[test]
	fn operators_who_lose_accreditation_leave_the_oracle() {
		ExtBuilder::build_and_execute(|| {
			report_drought(200);
			assert_eq!(
				<ClaimsPallet as SortedMembers<_>>::sorted_members(),
				vec![ORACLES[0], ORACLES[1], ORACLES[2]]
			);
			assert!(<ClaimsPallet as SortedMembers<_>>::contains(&ORACLES[0]));
			assert_eq!(<ClaimsPallet as SortedMembers<_>>::count(), 3);
			assert_noop!(
				ClaimsPallet::remove_oracle_operator(signed(5), ORACLES[0]),
				Error::<Test>::StillAccredited
			);
			set_accredited(ORACLES[0], WEATHER_ORACLE, false);
			// No longer an operator for the oracle, even before removal.
			assert!(!<ClaimsPallet as SortedMembers<_>>::contains(&ORACLES[0]));
			assert_eq!(
				<ClaimsPallet as SortedMembers<_>>::sorted_members(),
				vec![ORACLES[1], ORACLES[2]]
			);
			assert_ok!(ClaimsPallet::remove_oracle_operator(signed(5), ORACLES[0]));
			assert_eq!(last_event(), Event::OracleOperatorRemoved { oracle: ORACLES[0] });
			assert_eq!(OracleOperators::<Test>::get().into_inner(), vec![ORACLES[1], ORACLES[2]]);
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
			open_drought(300);
			let event = IndexEvents::<Test>::get(INDEX_PLAN, (7, 0)).expect("open");
			assert_eq!(event.payout, MAX_PAYOUT / 2);
			assert_eq!(event.reading, 300);
			assert_eq!(event.opened_at, 15);
			assert_eq!(event.claims_until, 15 + INDEX_CLAIM_PERIOD);
			assert_eq!(
				last_event(),
				Event::IndexEventOpened {
					plan: INDEX_PLAN,
					region: 7,
					period: 0,
					reading: 300,
					payout: MAX_PAYOUT / 2,
					claims_until: 15 + INDEX_CLAIM_PERIOD
				}
			);
			run_to_block(17);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			// Id 0 is the event's place in the plan's queue of open claims.
			let id = 1;
			assert_eq!(claim(id).kind, ClaimKind::Parametric { region: 7, period: 0 });
			assert_eq!(
				status(id),
				ClaimStatus::Challengeable {
					decision: Decision::Triggered,
					amount: MAX_PAYOUT / 2,
					window_ends: 17 + CHALLENGE_PERIOD
				}
			);
			assert_eq!(held(HoldReason::ClaimBond, 3), CLAIM_BOND);
			assert_eq!(IndexClaims::<Test>::get((INDEX_PLAN, 7, 0), 3), Some(id));
			run_to_block(17 + CHALLENGE_PERIOD);
			assert_eq!(
				status(id),
				ClaimStatus::Paid { at: 17 + CHALLENGE_PERIOD, amount: MAX_PAYOUT / 2 }
			);
			assert_eq!(free(3), STARTING_BALANCE + MAX_PAYOUT / 2);
			assert_eq!(pool_free(INDEX_PLAN), POOL_BALANCE - MAX_PAYOUT / 2);
		});
	}

	/// An index event's loss is public before any member pulls: the event takes a place in the
	/// plan's queue when it opens, so a notice given then stays liable for the payouts, until
	/// the claim period is over and the last pull is closed.
	#[test]
	fn an_open_index_event_holds_a_place_in_the_queue_until_its_pulls_are_closed() {
		ExtBuilder::build_and_execute(|| {
			open_drought(300);
			// Before any pull: the event's place (id 0) is the plan's oldest open claim, so a
			// notice given now (liable below 1) waits for it.
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::next_claim_id(), 1);
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::oldest_open_claim(INDEX_PLAN), Some(0));
			let place = IndexEventPlaces::<Test>::get(0).expect("the event's place");
			assert_eq!((place.open_pulls, place.claims_until), (0, 15 + INDEX_CLAIM_PERIOD));
			// Two pulls; the second is still in its window when the claim period ends.
			run_to_block(17);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			run_to_block(15 + INDEX_CLAIM_PERIOD - 1);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(4), INDEX_PLAN, 0));
			assert_eq!(IndexEventPlaces::<Test>::get(0).map(|p| p.open_pulls), Some(1));
			// The claim period is over, but a pull is open: the place stays.
			run_to_block(15 + INDEX_CLAIM_PERIOD + 1);
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::oldest_open_claim(INDEX_PLAN), Some(0));
			// The last pull is paid: the place leaves with it, and the queue is empty.
			run_to_block(15 + INDEX_CLAIM_PERIOD - 1 + CHALLENGE_PERIOD);
			assert!(matches!(status(2), ClaimStatus::Paid { .. }));
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::oldest_open_claim(INDEX_PLAN), None);
			assert_eq!(IndexEventPlaces::<Test>::iter().count(), 0);
			assert_eq!(IndexEventPlaceIds::<Test>::iter().count(), 0);
		});
	}

	/// The v5 migration gives the periods governance set the default retention of the public
	/// record, and keeps the rest.
	#[test]
	fn the_v5_migration_adds_the_record_retention() {
		use crate::migrations::v5::{MigrateToV5, OldAdjudicationParams};
		use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
		ExtBuilder::build_and_execute(|| {
			let old = OldAdjudicationParams {
				decision_period: 3u64,
				draw_delay: 4,
				commit_period: 5,
				reveal_period: 6,
				appeal_period: 7,
				index_claim_period: 8,
			};
			frame_support::storage::unhashed::put(&Params::<Test>::hashed_key(), &old);
			assert_eq!(Params::<Test>::get(), None);
			StorageVersion::new(4).put::<ClaimsPallet>();
			MigrateToV5::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<ClaimsPallet>(), 5);
			assert_eq!(
				Params::<Test>::get(),
				Some(AdjudicationParams {
					decision_period: 3,
					draw_delay: 4,
					commit_period: 5,
					reveal_period: 6,
					appeal_period: 7,
					index_claim_period: 8,
					record_retention: RECORD_RETENTION,
				})
			);
			// A second run is a no-op.
			MigrateToV5::<Test>::on_runtime_upgrade();
			assert_eq!(Params::<Test>::get().map(|params| params.decision_period), Some(3));
		});
	}

	/// From version 0, the migrations hand the periods on in each version's layout: the v1
	/// migration writes the layout of versions 1 to 4, which the v5 migration reads.
	#[test]
	fn the_periods_of_version_0_reach_version_5() {
		use crate::migrations::{v1, v2, v3, v4, v5};
		use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
		ExtBuilder::build_and_execute(|| {
			let old = v1::old::AdjudicationParams {
				decision_period: 3u64,
				commit_period: 5,
				reveal_period: 6,
				appeal_period: 7,
				index_claim_period: 8,
			};
			frame_support::storage::unhashed::put(&Params::<Test>::hashed_key(), &old);
			StorageVersion::new(0).put::<ClaimsPallet>();
			v1::MigrateToV1::<Test>::on_runtime_upgrade();
			v2::MigrateToV2::<Test>::on_runtime_upgrade();
			v3::MigrateToV3::<Test>::on_runtime_upgrade();
			v4::MigrateToV4::<Test>::on_runtime_upgrade();
			v5::MigrateToV5::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<ClaimsPallet>(), 5);
			assert_eq!(
				Params::<Test>::get(),
				Some(AdjudicationParams {
					decision_period: 3,
					draw_delay: DRAW_DELAY,
					commit_period: 5,
					reveal_period: 6,
					appeal_period: 7,
					index_claim_period: 8,
					record_retention: RECORD_RETENTION,
				})
			);
		});
	}

	/// The v4 migration gives an index event opened under version 3 its place, after the
	/// claims already queued, with its open pulls counted.
	#[test]
	fn the_v4_migration_gives_open_index_events_their_place() {
		use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
		ExtBuilder::build_and_execute(|| {
			open_drought(300);
			run_to_block(17);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			// Version 3 had no places.
			ClaimsPallet::dequeue_open(INDEX_PLAN, 0);
			IndexEventPlaces::<Test>::remove(0);
			IndexEventPlaceIds::<Test>::remove((INDEX_PLAN, 7, 0));
			ClaimsPallet::unschedule(0, 15 + INDEX_CLAIM_PERIOD, Lane::Windows);
			StorageVersion::new(3).put::<ClaimsPallet>();
			crate::migrations::v4::MigrateToV4::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<ClaimsPallet>(), 4);
			let place = IndexEventPlaces::<Test>::get(2).expect("a place after the pull (1)");
			assert_eq!((place.open_pulls, place.claims_until), (1, 15 + INDEX_CLAIM_PERIOD));
			assert_eq!(IndexEventPlaceIds::<Test>::get((INDEX_PLAN, 7, 0)), Some(2));
			assert_eq!(
				OpenQueues::<Test>::get(INDEX_PLAN),
				Some(OpenQueue { oldest: 1, newest: 2 })
			);
			ClaimsPallet::do_try_state().expect("consistent");
			// The pull is paid; the place leaves at the end of the claim period.
			run_to_block(15 + INDEX_CLAIM_PERIOD);
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::oldest_open_claim(INDEX_PLAN), None);
		});
	}

	/// An event nobody pulls leaves the queue when its claim period ends.
	#[test]
	fn an_index_event_without_pulls_leaves_the_queue_at_the_end_of_its_claim_period() {
		ExtBuilder::build_and_execute(|| {
			open_drought(300);
			run_to_block(15 + INDEX_CLAIM_PERIOD - 1);
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::oldest_open_claim(INDEX_PLAN), Some(0));
			run_to_block(15 + INDEX_CLAIM_PERIOD);
			assert_eq!(<ClaimsPallet as OpenClaimsInspect>::oldest_open_claim(INDEX_PLAN), None);
			assert_eq!(IndexEventPlaces::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn opening_an_event_checks_plan_region_window_and_readings() {
		ExtBuilder::build_and_execute(|| {
			let open = |plan, region, period| {
				ClaimsPallet::open_index_event(signed(40), plan, region, period)
			};
			let submit = |oracle: usize, period, value| {
				assert_ok!(ClaimsPallet::submit_reading(
					signed(ORACLES[oracle]),
					key(7, period),
					value
				));
			};
			assert_noop!(open(9, 7, 0), Error::<Test>::PlanNotFound);
			assert_noop!(open(ATTEST_PLAN, 7, 0), Error::<Test>::NotParametric);
			assert_noop!(open(INDEX_PLAN, 9, 0), Error::<Test>::RegionNotCovered);
			assert_noop!(open(UNMETERED_PLAN, 7, 0), Error::<Test>::UnknownMetric);
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::SubmissionWindowOpen);
			// Period 0: two readings are not enough.
			run_to_block(10);
			submit(0, 0, 300);
			submit(1, 0, 200);
			run_to_block(14);
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::SubmissionWindowOpen);
			run_to_block(15);
			assert_noop!(open(INDEX_PLAN, 7, 0), Error::<Test>::NoAggregatedReading);
			// Period 1: a median above the trigger does not open; readings may change in the
			// window.
			run_to_block(20);
			submit(0, 1, 600);
			submit(1, 1, 700);
			submit(2, 1, 650);
			run_to_block(25);
			assert_noop!(open(INDEX_PLAN, 7, 1), Error::<Test>::ThresholdNotCrossed);
			// Period 2: the oracles report a drought.
			run_to_block(30);
			submit(0, 2, 600);
			submit(1, 2, 700);
			submit(2, 2, 650);
			submit(1, 2, 100);
			submit(2, 2, 200);
			run_to_block(35);
			assert_ok!(open(INDEX_PLAN, 7, 2));
			assert_eq!(IndexEvents::<Test>::get(INDEX_PLAN, (7, 2)).unwrap().reading, 200);
			assert_noop!(open(INDEX_PLAN, 7, 2), Error::<Test>::EventAlreadyOpen);
		});
	}

	#[test]
	fn pulling_a_payout_checks_cover_region_and_timing() {
		ExtBuilder::build_and_execute(|| {
			report_drought(100);
			run_to_block(15);
			let pull = |who| ClaimsPallet::claim_index_payout(signed(who), INDEX_PLAN, 0);
			assert_noop!(pull(3), Error::<Test>::NoIndexEvent);
			assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0));
			assert_noop!(
				ClaimsPallet::claim_index_payout(signed(3), ATTEST_PLAN, 0),
				Error::<Test>::NotParametric
			);
			assert_noop!(
				ClaimsPallet::claim_index_payout(signed(3), 9, 0),
				Error::<Test>::PlanNotFound
			);
			assert_noop!(pull(40), Error::<Test>::NoRegion);
			assert_noop!(pull(13), Error::<Test>::NoRegion);
			// Region 8 had no event.
			assert_noop!(pull(11), Error::<Test>::NoIndexEvent);
			// Covered only after the period began.
			add_member(INDEX_PLAN, 30, 1, Some(7));
			assert_noop!(pull(30), Error::<Test>::NotCoveredDuringPeriod);
			// A member whose deposit no longer covers it.
			set_deposit_exhausted(5, true);
			assert_noop!(pull(5), Error::<Test>::DepositBelowMinimum);
			assert_ok!(pull(3));
			assert_eq!(claim(1).amount, MAX_PAYOUT);
			assert_noop!(pull(3), Error::<Test>::AlreadyClaimed);
			run_to_block(15 + INDEX_CLAIM_PERIOD);
			assert_noop!(pull(4), Error::<Test>::IndexClaimPeriodOver);
			assert_eq!(free(4), STARTING_BALANCE);
		});
	}

	#[test]
	fn a_basis_risk_audit_is_decided_by_a_jury() {
		ExtBuilder::build_and_execute(|| {
			let audit = |who, plan, period, amount, byte| {
				ClaimsPallet::request_audit(signed(who), plan, period, amount, evidence(byte))
			};
			assert_noop!(audit(3, INDEX_PLAN, 0, 100, 1), Error::<Test>::PeriodNotOver);
			run_to_block(10);
			assert_noop!(audit(3, ATTEST_PLAN, 0, 100, 1), Error::<Test>::NotParametric);
			assert_noop!(audit(3, 9, 0, 100, 1), Error::<Test>::PlanNotFound);
			assert_noop!(audit(3, INDEX_PLAN, 0, 0, 1), Error::<Test>::ZeroAmount);
			assert_noop!(
				audit(3, INDEX_PLAN, 0, MAX_PAYOUT + 1, 1),
				Error::<Test>::AmountAboveMaximum
			);
			assert_noop!(audit(40, INDEX_PLAN, 0, 100, 1), Error::<Test>::NotCovered);
			assert_noop!(audit(13, INDEX_PLAN, 0, 100, 1), Error::<Test>::NoRegion);
			assert_noop!(audit(1, UNMETERED_PLAN, 0, 100, 1), Error::<Test>::UnknownMetric);
			assert_noop!(audit(3, INDEX_PLAN, 1, 100, 1), Error::<Test>::PeriodNotOver);
			assert_ok!(audit(3, INDEX_PLAN, 0, 400, 1));
			assert_noop!(audit(4, INDEX_PLAN, 0, 100, 1), Error::<Test>::EvidenceAlreadyClaimed);
			assert_eq!(held(HoldReason::ClaimBond, 3), AUDIT_BOND);
			assert!(has_event(Event::AuditRequested { claim: 0, member: 3, amount: 400 }));
			assert_eq!(claim(0).kind, ClaimKind::Audit { region: 7, period: 0 });
			assert_eq!(AuditClaims::<Test>::get((INDEX_PLAN, 7, 0), 3), Some(0));
			assert_eq!(
				status(0),
				ClaimStatus::Disputed {
					amount: 400,
					round: JuryRound::First,
					phase: JuryPhase::Drawing { draw_at: 10 + DRAW_DELAY }
				}
			);
			// Audits have no challengers.
			assert_noop!(
				ClaimsPallet::challenge(signed(5), 0, evidence(7)),
				Error::<Test>::NotChallengeable
			);
			assert!(!seat(0).contains(&3));
			jury_round(0, &[Some(Uphold), Some(Uphold), Some(Reject)]);
			let (upheld, appeal_ends) = appealable(0);
			assert!(upheld);
			run_to_tick(appeal_ends);
			assert_eq!(status(0), ClaimStatus::Paid { at: appeal_ends, amount: 400 });
			// The member pays the jurors who revealed a fee from its audit bond: 10, 3 each.
			let fee = JurorShare::get().mul_floor(AUDIT_BOND);
			assert_eq!(fee, 10);
			assert_eq!(free(3), STARTING_BALANCE + 400 - fee);
			assert_eq!(pool_free(INDEX_PLAN), POOL_BALANCE - 400 + fee % 3);

			// A rejected audit's bond goes to the jurors: there is no challenger.
			let four_before = free(4);
			let worth = |who: AccountId| free(who) + held(HoldReason::ClaimBond, who);
			let before: Vec<Balance> = (0..=100).map(worth).collect();
			assert_ok!(audit(4, INDEX_PLAN, 0, 400, 2));
			seat(1);
			let seated = jury_round(1, &[Some(Reject), Some(Reject), Some(Reject)]);
			let (upheld, appeal_ends) = appealable(1);
			assert!(!upheld);
			run_to_tick(appeal_ends);
			assert_eq!(
				status(1),
				ClaimStatus::Rejected { at: appeal_ends, reason: RejectionReason::Jury }
			);
			assert_eq!(free(4), four_before - AUDIT_BOND);
			let to_jurors: Balance =
				seated.iter().map(|juror| worth(*juror) - before[*juror as usize]).sum();
			assert_eq!(to_jurors, 48);
			// (plus the 1 left of the first audit's fee of 10 among three jurors)
			assert_eq!(reserve_of(INDEX_PLAN), AUDIT_BOND - 48 + 1);
		});
	}
}

/// The public record: each claim's record holds a deposit until it is pruned, after its
/// retention; what guards against paying twice stays.
mod records {
	use super::{alliance::file_alliance, index::*, *};

	fn prune(id: ClaimId) -> sp_runtime::DispatchResult {
		ClaimsPallet::prune_claim(signed(40), id).map(|_| ()).map_err(|e| e.error)
	}

	/// Governance keeps finished claims as the public record for one block only.
	fn retain_one_block() {
		let params = ClaimsPallet::params();
		assert_ok!(ClaimsPallet::set_params(
			RuntimeOrigin::root(),
			AdjudicationParams { record_retention: 1, ..params }
		));
	}

	/// With a retention of one block and readings taken late (see [`late_readings`]), member 3
	/// audits period 0 (claim 0) and both juries stay silent: the audit ends unproven (and
	/// stays spent). Returns the block it ended in.
	fn unproven_audit() -> u64 {
		retain_one_block();
		late_readings();
		run_to_block(10);
		assert_ok!(ClaimsPallet::request_audit(signed(3), INDEX_PLAN, 0, 400, evidence(1)));
		while !status(0).is_final() {
			run_to_block(block() + 1);
		}
		let ClaimStatus::Rejected { at, reason: RejectionReason::Unproven } = status(0) else {
			panic!("unproven")
		};
		at
	}

	/// Readings of period 0 (blocks 0..10) are taken until block 60, so its index event may
	/// open until block 110.
	fn late_readings() {
		let spec = Metrics::<Test>::get(0).expect("the test metric");
		assert_ok!(ClaimsPallet::set_metric(
			RuntimeOrigin::root(),
			0,
			MetricSpec { submission_window: 50, ..spec }
		));
	}

	#[test]
	fn a_claim_holds_its_record_deposit_until_it_is_pruned_after_its_retention() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 500, 1);
			assert_eq!(record_deposits(1), RECORD_DEPOSIT);
			assert_eq!(RecordDeposits::<Test>::get(id), Some(RECORD_DEPOSIT));
			assert_eq!(Balances::balance(&1), STARTING_BALANCE - CLAIM_BOND - RECORD_DEPOSIT);
			assert_noop!(prune(7), Error::<Test>::ClaimNotFound);
			assert_noop!(prune(id), Error::<Test>::NotFinished);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(1), id));
			// The bond comes back at once; the record deposit stays with the record.
			assert_eq!(held(HoldReason::ClaimBond, 1), 0);
			assert_eq!(record_deposits(1), RECORD_DEPOSIT);
			// A withdrawn claim's retention counts from its filing (block 1).
			run_to_block(RECORD_RETENTION);
			assert_noop!(prune(id), Error::<Test>::RecordRetained);
			run_to_block(1 + RECORD_RETENTION);
			assert_ok!(prune(id));
			assert_eq!(last_event(), Event::ClaimPruned { claim: id, deposit: RECORD_DEPOSIT });
			assert!(!Claims::<Test>::contains_key(id));
			assert_eq!(RecordDeposits::<Test>::get(id), None);
			assert_eq!(record_deposits(1), 0);
			assert_eq!(Balances::balance(&1), STARTING_BALANCE);
			assert_noop!(prune(id), Error::<Test>::ClaimNotFound);
			// The evidence commitment still backs that claim, for ever.
			assert_eq!(EvidenceClaims::<Test>::get(evidence(1)), Some(id));
			assert_noop!(
				ClaimsPallet::file_claim(signed(2), ATTEST_PLAN, 500, evidence(1)),
				Error::<Test>::EvidenceAlreadyClaimed
			);
		});
	}

	/// A member who cannot hold the record deposit (besides the bond) cannot file.
	#[test]
	fn a_member_who_cannot_hold_the_record_deposit_cannot_file() {
		ExtBuilder::build_and_execute(|| {
			let spare = Balances::balance(&1) - CLAIM_BOND - RECORD_DEPOSIT + 1;
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::transfer(
				&1,
				&2,
				spare,
				frame_support::traits::tokens::Preservation::Expendable,
			));
			assert_noop!(
				ClaimsPallet::file_claim(signed(1), ATTEST_PLAN, 500, evidence(1)),
				TokenError::FundsUnavailable
			);
		});
	}

	/// A claim held open long after its filing (the brake held the clock) and then withdrawn
	/// stays as the public record for the whole retention after its withdrawal.
	#[test]
	fn a_withdrawn_claims_retention_counts_from_its_withdrawal() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			set_brake(true);
			run_to_block(80);
			set_brake(false);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(1), id));
			assert_eq!(WithdrawnAt::<Test>::get(id), Some(80));
			run_to_block(79 + RECORD_RETENTION);
			assert_noop!(prune(id), Error::<Test>::RecordRetained);
			run_to_block(80 + RECORD_RETENTION);
			assert_ok!(prune(id));
			assert_eq!(WithdrawnAt::<Test>::get(id), None);
		});
	}

	/// Attack: with an audit rejected, governance moves the plan off its index for a while;
	/// pruning the audit then, so that it counts as one that may pay, would block the member's
	/// pull once the plan is parametric again and the event opens. The audit stays until its
	/// period's event can no longer open under the plan's own index.
	#[test]
	fn an_audit_of_a_plan_off_its_index_is_kept() {
		ExtBuilder::build_and_execute(|| {
			unproven_audit();
			let trigger = ClaimsPallet::terms(INDEX_PLAN).expect("the plan").trigger;
			set_trigger(INDEX_PLAN, TriggerKind::Attestation { attestations_required: 1 });
			run_to_block(200);
			assert_noop!(prune(0), Error::<Test>::PullsStillOpen);
			set_trigger(INDEX_PLAN, trigger);
			assert_ok!(prune(0));
		});
	}

	/// Filing and withdrawing in a loop leaves a record each time, and each record holds
	/// its deposit until its retention is over: spam costs the spammer, not the chain.
	#[test]
	fn records_left_by_file_and_withdraw_spam_each_hold_a_deposit() {
		ExtBuilder::build_and_execute(|| {
			for round in 0..6u8 {
				let id = file(1, 500, 10 + round);
				assert_ok!(ClaimsPallet::withdraw_claim(signed(1), id));
			}
			assert_eq!(OpenClaims::<Test>::get(1), 0);
			assert_eq!(record_deposits(1), 6 * RECORD_DEPOSIT);
			assert!((0..6).all(|id| prune(id) == Err(Error::<Test>::RecordRetained.into())));
		});
	}

	#[test]
	fn a_paid_claim_is_pruned_with_its_attestations() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			run_to_block(1 + CHALLENGE_PERIOD);
			let ClaimStatus::Paid { at, .. } = status(id) else { panic!("paid") };
			assert_eq!(Attestations::<Test>::iter_prefix(id).count(), 2);
			run_to_block(at + RECORD_RETENTION - 1);
			assert_noop!(prune(id), Error::<Test>::RecordRetained);
			run_to_block(at + RECORD_RETENTION);
			assert_ok!(prune(id));
			assert_eq!(Attestations::<Test>::iter_prefix(id).count(), 0);
			assert_eq!(record_deposits(1), 0);
			assert_eq!(free(1), STARTING_BALANCE + 500);
		});
	}

	/// An alliance claim's votes go at most `MaxPrunedVotes` a call; its record and deposit go
	/// with the last.
	#[test]
	fn alliance_votes_are_pruned_in_bounded_steps() {
		ExtBuilder::build_and_execute(|| {
			let id = file_alliance(1);
			for voter in 2..=6 {
				assert_ok!(ClaimsPallet::vote_alliance(signed(voter), id, false));
				if status(id).is_final() {
					break;
				}
			}
			let votes = AllianceVotes::<Test>::iter_prefix(id).count() as u32;
			assert_eq!(votes, 3);
			assert!(votes > MAX_PRUNED_VOTES);
			run_to_block(1 + RECORD_RETENTION);
			assert_ok!(prune(id));
			assert_eq!(
				last_event(),
				Event::AllianceVotesPruned { claim: id, removed: MAX_PRUNED_VOTES }
			);
			assert!(Claims::<Test>::contains_key(id));
			assert_eq!(record_deposits(1), RECORD_DEPOSIT);
			// Not again in the same block (each call would step over the votes deleted before
			// it, uncharged); in the next, the last vote and the record.
			assert_noop!(prune(id), Error::<Test>::VotesPrunedThisBlock);
			run_to_block(2 + RECORD_RETENTION);
			assert_ok!(prune(id));
			assert_eq!(VotesPrunedIn::<Test>::get(id), None);
			assert_eq!(last_event(), Event::ClaimPruned { claim: id, deposit: RECORD_DEPOSIT });
			assert_eq!(AllianceVotes::<Test>::iter_prefix(id).count(), 0);
			assert_eq!(record_deposits(1), 0);
		});
	}

	/// Attack: prune one's paid index payout, then ask an audit for the plan's whole cover. The
	/// paid pull's entry stays, so the audit is netted against the event's payout.
	#[test]
	fn a_pruned_paid_pull_still_nets_an_audit() {
		ExtBuilder::build_and_execute(|| {
			retain_one_block();
			open_drought(300);
			run_to_block(17);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			let pull = 1;
			run_to_block(17 + CHALLENGE_PERIOD);
			assert!(matches!(status(pull), ClaimStatus::Paid { .. }));
			// Payouts of the period may still be pulled: the pull guards against a second.
			run_to_block(17 + CHALLENGE_PERIOD + 1);
			// The runtime API tells a pruner so: the retention is over, the pulls are not.
			let details = ClaimsPallet::claim_details(pull).expect("the record");
			assert!(details.prunable_from.is_some_and(|from| from <= block()));
			assert!(!details.prunable_now);
			assert_noop!(prune(pull), Error::<Test>::PullsStillOpen);
			run_to_tick(15 + INDEX_CLAIM_PERIOD);
			assert!(ClaimsPallet::claim_details(pull).is_some_and(|details| details.prunable_now));
			assert_ok!(prune(pull));
			assert_eq!(IndexClaims::<Test>::get((INDEX_PLAN, 7, 0), 3), Some(pull));
			let audit =
				|amount| ClaimsPallet::request_audit(signed(3), INDEX_PLAN, 0, amount, evidence(9));
			assert_noop!(audit(MAX_PAYOUT), Error::<Test>::AboveCover);
			assert_noop!(audit(MAX_PAYOUT / 2 + 1), Error::<Test>::AboveCover);
			assert_ok!(audit(MAX_PAYOUT / 2));
		});
	}

	/// Each prune is charged for the path it took (the call's weight is the dearest path's).
	#[test]
	fn a_prune_is_charged_for_its_path() {
		use frame_support::{dispatch::GetDispatchInfo, traits::Get};
		ExtBuilder::build_and_execute(|| {
			retain_one_block();
			let attested = decided(1, 500, 1);
			open_drought(300);
			run_to_block(17);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			let pull = NextClaimId::<Test>::get() - 1;
			assert_ok!(ClaimsPallet::withdraw_claim(signed(3), pull));
			run_to_tick(15 + INDEX_CLAIM_PERIOD);
			let charged = |id| {
				let call = crate::Call::<Test>::prune_claim { claim: id };
				let declared = call.get_dispatch_info().call_weight;
				let info = ClaimsPallet::prune_claim(signed(40), id).expect("prunes");
				let actual = info.actual_weight.expect("refunded");
				assert!(actual.all_lte(declared));
				actual
			};
			assert!(status(attested).is_final());
			assert_eq!(charged(attested), <() as WeightInfo>::prune_claim_attested());
			assert_eq!(
				charged(pull),
				<() as WeightInfo>::prune_claim_index().saturating_add(
					<<Test as frame_system::Config>::DbWeight as Get<
						frame_support::weights::RuntimeDbWeight,
					>>::get()
					.reads_writes(1, 1)
				)
			);
		});
	}

	/// A withdrawn pull, pruned once no payout can be pulled, no longer counts against its
	/// member's audit.
	#[test]
	fn a_pruned_withdrawn_pull_frees_its_member() {
		ExtBuilder::build_and_execute(|| {
			retain_one_block();
			open_drought(300);
			run_to_block(17);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			assert_ok!(ClaimsPallet::withdraw_claim(signed(3), 1));
			run_to_block(18);
			assert_noop!(prune(1), Error::<Test>::PullsStillOpen);
			run_to_tick(15 + INDEX_CLAIM_PERIOD);
			assert_ok!(prune(1));
			assert_eq!(IndexClaims::<Test>::get((INDEX_PLAN, 7, 0), 3), None);
			assert_noop!(
				ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0),
				Error::<Test>::IndexClaimPeriodOver
			);
			assert_ok!(ClaimsPallet::request_audit(
				signed(3),
				INDEX_PLAN,
				0,
				MAX_PAYOUT,
				evidence(9)
			));
		});
	}

	/// An audit of a period whose event never opened is pruned only once the event can no
	/// longer open (no pull could then be made beside it); its entry stays, so a second audit
	/// of the period is refused.
	#[test]
	fn an_audit_is_pruned_once_its_periods_event_can_no_longer_open() {
		ExtBuilder::build_and_execute(|| {
			let at = unproven_audit();
			assert!(at + 1 < 110);
			run_to_block(at + 1);
			assert_noop!(prune(0), Error::<Test>::PullsStillOpen);
			run_to_block(110);
			assert_ok!(prune(0));
			assert_eq!(AuditClaims::<Test>::get((INDEX_PLAN, 7, 0), 3), Some(0));
			assert_noop!(
				ClaimsPallet::request_audit(signed(3), INDEX_PLAN, 0, 400, evidence(2)),
				Error::<Test>::AlreadyAudited
			);
		});
	}
}

mod views {
	//! The reads behind the runtime API.
	use super::{alliance::file_alliance, index::open_drought, *};
	use crate::runtime_api::{Page, MAX_PAGE, MAX_SCAN};

	fn ids(page: &Page<ClaimDetailsOf<Test>, ClaimId>) -> Vec<ClaimId> {
		page.items.iter().map(|details| details.id).collect()
	}

	#[test]
	fn a_claims_details_show_its_deposit_dispute_and_pruning_block() {
		ExtBuilder::build_and_execute(|| {
			assert_eq!(ClaimsPallet::claim_details(0), None);
			let id = decided(1, 500, 1);
			let details = ClaimsPallet::claim_details(id).expect("the claim");
			assert_eq!(details.id, id);
			assert_eq!(details.claim, claim(id));
			assert_eq!(details.record_deposit, RECORD_DEPOSIT);
			assert_eq!(details.dispute, None);
			assert_eq!(details.prunable_from, None, "not finished");

			let jury = challenged(id, 2);
			let dispute = ClaimsPallet::claim_details(id).and_then(|d| d.dispute).expect("dispute");
			assert_eq!(dispute.cause, DisputeCause::Challenge);
			assert_eq!(dispute.challengers.iter().map(|c| c.who).collect::<Vec<_>>(), vec![2]);
			assert_eq!(dispute.jurors.iter().map(|seat| seat.juror).collect::<Vec<_>>(), jury);
			assert_eq!(dispute.reason, evidence(77));
			assert!(dispute.revealed.is_empty(), "no jury counted yet");

			let withdrawn = file(3, 400, 2);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(3), withdrawn));
			let details = ClaimsPallet::claim_details(withdrawn).expect("the record");
			assert_eq!(details.prunable_from, Some(block() + RECORD_RETENTION));
			assert!(!details.prunable_now);
			run_to_block(block() + RECORD_RETENTION);
			let details = ClaimsPallet::claim_details(withdrawn).expect("the record");
			assert!(details.prunable_now);
			assert_ok!(ClaimsPallet::prune_claim(signed(40), withdrawn));
		});
	}

	#[test]
	fn a_members_claims_are_listed_newest_first_page_by_page() {
		ExtBuilder::build_and_execute(|| {
			let mut mine = Vec::new();
			for n in 0..4u8 {
				mine.push(file(1, 100, 10 + n));
				assert_ok!(ClaimsPallet::withdraw_claim(signed(1), *mine.last().unwrap()));
				file(2 + AccountId::from(n), 100, 20 + n);
			}
			mine.reverse();
			let first = ClaimsPallet::claims_of(&1, None, 3);
			assert_eq!(ids(&first), mine[..3].to_vec());
			assert!(first.items.iter().all(|details| details.claim.claimant == 1));
			let cursor = first.next.expect("more below");
			assert_eq!(cursor, mine[2]);
			let second = ClaimsPallet::claims_of(&1, Some(cursor), 3);
			assert_eq!(ids(&second), mine[3..].to_vec());
			assert_eq!(second.next, None, "scanned down to claim 0");
			assert!(ClaimsPallet::claims_of(&40, None, 10).items.is_empty());
			// A cursor beyond the last claim is the last claim; a limit beyond a page is a page.
			assert_eq!(ClaimsPallet::claims_of(&1, Some(9_999), 10).items.len(), 4);
			assert!(ClaimsPallet::claims_of(&1, None, u32::MAX).items.len() <= MAX_PAGE as usize);
		});
	}

	#[test]
	fn a_page_of_a_members_claims_scans_a_bounded_range_of_ids() {
		ExtBuilder::build_and_execute(|| {
			let id = file(1, 100, 1);
			// As if many claims of others had been filed and pruned since.
			let next = id + 5 + MAX_SCAN as ClaimId;
			NextClaimId::<Test>::put(next);
			let page = ClaimsPallet::claims_of(&1, None, 10);
			assert!(page.items.is_empty());
			assert_eq!(page.next, Some(next - MAX_SCAN as ClaimId));
			let page = ClaimsPallet::claims_of(&1, page.next, 10);
			assert_eq!(ids(&page), vec![id]);
			assert_eq!(page.next, None);
		});
	}

	#[test]
	fn a_plans_open_claims_are_listed_oldest_first_and_survive_a_cursor_that_closed() {
		ExtBuilder::build_and_execute(|| {
			let a = file(1, 100, 11);
			let elsewhere = file_alliance(2);
			let b = file(2, 100, 12);
			let c = file(3, 100, 13);
			let first = ClaimsPallet::open_claims(ATTEST_PLAN, None, 2);
			assert_eq!(ids(&first), vec![a, b]);
			assert_eq!(first.next, Some(b));
			let second = ClaimsPallet::open_claims(ATTEST_PLAN, first.next, 2);
			assert_eq!(ids(&second), vec![c]);
			assert_eq!(second.next, None);
			// The cursor's claim closes between two pages: the walk passes over what it saw.
			assert_ok!(ClaimsPallet::withdraw_claim(signed(2), b));
			assert_eq!(ids(&ClaimsPallet::open_claims(ATTEST_PLAN, Some(b), 2)), vec![c]);
			// A cursor of another plan's claim does not lead into that plan's queue.
			assert_eq!(ids(&ClaimsPallet::open_claims(ATTEST_PLAN, Some(elsewhere), 5)), vec![c]);
			assert_eq!(ids(&ClaimsPallet::open_claims(ALLIANCE_PLAN, None, 5)), vec![elsewhere]);
			assert!(ClaimsPallet::open_claims(INDEX_PLAN, None, 5).items.is_empty());
		});
	}

	/// A cursor whose claim left the queue goes on from the next queued id above it, never
	/// back: an item is seen once, and a gap of more than a page's scan takes several calls.
	#[test]
	fn a_closed_cursor_never_moves_back() {
		ExtBuilder::build_and_execute(|| {
			let a = file(1, 100, 1);
			let b = file(2, 100, 2);
			// As if many claims had been filed and closed in between.
			NextClaimId::<Test>::put(b + 5 + MAX_SCAN as ClaimId);
			let c = file(3, 100, 3);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(2), b));
			let first = ClaimsPallet::open_claims(ATTEST_PLAN, Some(b), 10);
			assert!(first.items.is_empty());
			let cursor = first.next.expect("not at the end yet");
			assert!(cursor > b && cursor < c, "it moved forward: {cursor}");
			let second = ClaimsPallet::open_claims(ATTEST_PLAN, Some(cursor), 10);
			assert_eq!(ids(&second), vec![c]);
			assert_eq!(second.next, None);
			// From the start, the queue links over the gap at once.
			assert_eq!(ids(&ClaimsPallet::open_claims(ATTEST_PLAN, None, 10)), vec![a, c]);
		});
	}

	/// A limit of zero asks for one item: every cursor moves.
	#[test]
	fn a_page_holds_at_least_one_item() {
		ExtBuilder::build_and_execute(|| {
			let a = file(1, 100, 1);
			let b = file(1, 100, 2);
			let page = ClaimsPallet::claims_of(&1, None, 0);
			assert_eq!((ids(&page), page.next), (vec![b], Some(b)));
			let page = ClaimsPallet::open_claims(ATTEST_PLAN, None, 0);
			assert_eq!((ids(&page), page.next), (vec![a], Some(a)));
		});
	}

	#[test]
	fn an_index_events_place_in_the_queue_is_not_listed_as_a_claim() {
		ExtBuilder::build_and_execute(|| {
			open_drought(300);
			let place = NextClaimId::<Test>::get() - 1;
			assert!(IndexEventPlaces::<Test>::contains_key(place));
			let pull = NextClaimId::<Test>::get();
			assert_ok!(ClaimsPallet::claim_index_payout(signed(3), INDEX_PLAN, 0));
			let page = ClaimsPallet::open_claims(INDEX_PLAN, None, 10);
			assert_eq!(ids(&page), vec![pull]);
			let events = ClaimsPallet::index_events(INDEX_PLAN, None, 10);
			assert_eq!(events.items.len(), 1);
			assert_eq!(events.items[0].0, (7, 0));
			assert_eq!(Some(events.items[0].1), IndexEvents::<Test>::get(INDEX_PLAN, (7, 0)));
			assert_eq!(events.next, None);
			assert!(ClaimsPallet::index_events(INDEX_PLAN, Some((7, 0)), 10).items.is_empty());
			assert!(ClaimsPallet::index_events(ATTEST_PLAN, None, 10).items.is_empty());
		});
	}

	#[test]
	fn a_jurors_duty_shows_each_seat_and_what_is_left_to_do() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			let jury = challenged(id, 2);
			let juror = jury[0];
			let duty = ClaimsPallet::jury_duty(&juror, None, 10);
			assert_eq!(duty.items.len(), 1);
			assert_eq!(duty.next, None);
			let seat = &duty.items[0];
			assert_eq!(
				(seat.claim, seat.bond, seat.committed, seat.revealed),
				(id, JUROR_BOND, false, false)
			);
			assert_eq!(seat.round, JuryRound::First);
			let (commit_ends, reveal_ends) = phases(id);
			assert_eq!(seat.phase, JuryPhase::Sitting { commit_ends, reveal_ends });
			commit_all(id, &[(juror, Uphold)]);
			assert!(ClaimsPallet::jury_duty(&juror, None, 10).items[0].committed);
			run_to_tick(commit_ends);
			reveal_all(id, &[(juror, Uphold)]);
			assert!(ClaimsPallet::jury_duty(&juror, None, 10).items[0].revealed);
			let outsider = (1..=20).find(|who| !jury.contains(who)).expect("not every member sits");
			assert!(ClaimsPallet::jury_duty(&outsider, None, 10).items.is_empty());
			assert!(ClaimsPallet::jury_duty(&juror, Some(id), 10).items.is_empty());
		});
	}

	#[test]
	fn the_clock_shows_the_tick_the_brake_and_the_periods() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(3);
			let clock = ClaimsPallet::clock();
			assert_eq!((clock.tick, clock.braked, clock.braked_since), (tick(), false, None));
			assert_eq!(clock.params, ClaimsPallet::params());
			set_brake(true);
			let now = ClaimsPallet::clock();
			assert!(now.braked && now.braked_since.is_none(), "on now; the next block holds it");
			run_to_block(5);
			let braked = ClaimsPallet::clock();
			assert_eq!(braked.tick, clock.tick, "the clock stands still");
			assert!(braked.braked && braked.braked_since.is_some());
			set_brake(false);
		});
	}
}

/// Each attack route on the claims process, as a test in which the attack fails.
mod attacks {
	use super::{index::*, *};

	/// (a) A member audits a period it was not covered for, or farms a passive jury.
	#[test]
	fn passive_jury_audit_pays_nothing() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(10);
			// Joined after period 0 began.
			add_member(INDEX_PLAN, 30, 5, Some(7));
			assert_noop!(
				ClaimsPallet::request_audit(signed(30), INDEX_PLAN, 0, MAX_PAYOUT, evidence(1)),
				Error::<Test>::NotCoveredDuringPeriod
			);
			// A covered member audits, and its jury never reveals.
			assert_ok!(ClaimsPallet::request_audit(
				signed(3),
				INDEX_PLAN,
				0,
				MAX_PAYOUT,
				evidence(1)
			));
			assert_noop!(
				ClaimsPallet::request_audit(signed(3), INDEX_PLAN, 0, 100, evidence(2)),
				Error::<Test>::AlreadyAudited
			);
			let first = seat(0);
			jury_round(0, &[None, None, None]);
			assert!(matches!(
				status(0),
				ClaimStatus::Disputed {
					round: JuryRound::Final,
					phase: JuryPhase::Drawing { .. },
					..
				}
			));
			let second = seat(0);
			assert!(second.iter().all(|juror| !first.contains(juror) && *juror != 3));
			jury_round(0, &[None, None, None, None, None]);
			assert_eq!(
				status(0),
				ClaimStatus::Rejected { at: block(), reason: RejectionReason::Unproven }
			);
			assert!(!claims_events().iter().any(|event| matches!(event, Event::ClaimPaid { .. })));
			// Nothing paid: the claimant's bond returns, the pool only gained the absent
			// jurors' bonds (nobody revealed, so they went to the reserve).
			assert_eq!(free(3), STARTING_BALANCE);
			assert_eq!(reserve_of(INDEX_PLAN), 8 * JUROR_BOND);
			assert_eq!(pool_free(INDEX_PLAN), POOL_BALANCE + 8 * JUROR_BOND);
			// The audit is spent.
			assert_noop!(
				ClaimsPallet::request_audit(signed(3), INDEX_PLAN, 0, 100, evidence(2)),
				Error::<Test>::AlreadyAudited
			);
		});
	}

	/// (a) An audit asks at most the plan maximum less the index payout taken.
	#[test]
	fn an_audit_asks_at_most_the_cover_left() {
		ExtBuilder::build_and_execute(|| {
			open_drought(300);
			assert_ok!(ClaimsPallet::claim_index_payout(signed(4), INDEX_PLAN, 0));
			assert_eq!(claim(1).amount, 500);
			assert_noop!(
				ClaimsPallet::request_audit(signed(4), INDEX_PLAN, 0, 501, evidence(1)),
				Error::<Test>::AboveCover
			);
			assert_ok!(ClaimsPallet::request_audit(signed(4), INDEX_PLAN, 0, 500, evidence(1)));
			// A member who took nothing may ask the whole maximum.
			assert_ok!(ClaimsPallet::request_audit(
				signed(5),
				INDEX_PLAN,
				0,
				MAX_PAYOUT,
				evidence(2)
			));
			assert_eq!(held(HoldReason::ClaimBond, 4), CLAIM_BOND + AUDIT_BOND);
		});
	}

	/// (b) Two members of a small plan cannot wave each other's claims through: outsiders
	/// challenge, and the jury is drawn chain-wide without parties or voters.
	#[test]
	fn a_small_plan_is_judged_chain_wide() {
		ExtBuilder::build_and_execute(|| {
			for who in 3..=6 {
				remove_member(ALLIANCE_PLAN, who);
			}
			let id = super::alliance::file_alliance(1);
			assert_eq!(claim(id).kind, ClaimKind::Alliance { ayes: 0, nays: 0, electorate: 1 });
			assert_ok!(ClaimsPallet::vote_alliance(signed(2), id, true));
			assert!(matches!(status(id), ClaimStatus::Challengeable { .. }));
			// Member 10 is not in the alliance plan, and challenges.
			assert!(!MockMembership::is_active_member(ALLIANCE_PLAN, &10));
			// The alliance voter may not.
			assert_noop!(
				ClaimsPallet::challenge(signed(2), id, evidence(7)),
				Error::<Test>::PartyCannotDecide
			);
			let seated = challenged(id, 10);
			assert_eq!(seated.len(), 3);
			for juror in &seated {
				assert!(![1, 2, 10].contains(juror));
				assert!((3..=20).contains(juror));
				assert!(!MockMembership::is_active_member(ALLIANCE_PLAN, juror));
			}
			jury_round(id, &[Some(Reject); 3]);
			let (upheld, appeal_ends) = appealable(id);
			assert!(!upheld);
			run_to_tick(appeal_ends);
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			assert_eq!(free(10), STARTING_BALANCE + CLAIM_BOND / 2);
			assert_eq!(pool_free(ALLIANCE_PLAN), POOL_BALANCE + CLAIM_BOND / 2);
		});
	}

	/// (c) The jury cannot be predicted at the challenge: it is drawn at `draw_at` from that
	/// block's randomness.
	#[test]
	fn the_jury_depends_on_the_draw_block_not_the_challenge() {
		let draw = |delay: u64| {
			let mut seated = Vec::new();
			ExtBuilder::build_and_execute(|| {
				let mut params = ClaimsPallet::params();
				params.draw_delay = delay;
				assert_ok!(ClaimsPallet::set_params(RuntimeOrigin::root(), params));
				let id = decided(1, 500, 1);
				assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
				assert!(jurors(id).is_empty());
				seated = seat(id);
				assert!(claims_events().iter().any(|event| matches!(
					event,
					Event::JuryDrawn { claim, .. } if *claim == id
				)));
			});
			seated
		};
		// Same challenge, same block; only the draw's block differs.
		let juries: Vec<Vec<AccountId>> = (1..=6).map(draw).collect();
		assert!(juries.iter().any(|jury| *jury != juries[0]));
	}

	/// (d) A hospital that confirms a false claim pays all it vouched for, and it can never vouch
	/// for more than its bond pays: its open attestations are capped by the bond, and the bond
	/// stays held until they are decided for good.
	#[test]
	fn hospitals_confirming_a_rejected_claim_lose_what_they_vouched_for() {
		ExtBuilder::build_and_execute(|| {
			set_max_payout(ATTEST_PLAN, 5_000);
			let id = file(1, 3_000, 1);
			// A 1 000 bond cannot answer for a 3 000 confirmation.
			assert_noop!(
				ClaimsPallet::attest_claim(signed(HOSPITALS[0]), id, evidence(200), Some(3_000)),
				Error::<Test>::AttesterOverexposed
			);
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[0]),
				id,
				evidence(200),
				Some(900)
			));
			assert_eq!(AttesterExposure::<Test>::get(HOSPITALS[0]), 900);
			assert!(<ClaimsPallet as IssuerExposure>::is_exposed(
				HOSPITALS[0],
				MEDICAL_INSTITUTION
			));
			// Its bond is taken by what it signed: a second confirmation of 200 is too much,
			// and so is a denial of a 200 claim (it risks the amount asked).
			let other = file(3, 200, 3);
			assert_noop!(
				ClaimsPallet::attest_claim(signed(HOSPITALS[0]), other, evidence(200), Some(200)),
				Error::<Test>::AttesterOverexposed
			);
			assert_noop!(
				ClaimsPallet::attest_claim(signed(HOSPITALS[0]), other, evidence(200), None),
				Error::<Test>::AttesterOverexposed
			);
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[1]),
				id,
				evidence(201),
				Some(400)
			));
			assert_eq!(
				status(id),
				ClaimStatus::Challengeable {
					decision: Decision::Attested,
					amount: 400,
					window_ends: 1 + CHALLENGE_PERIOD
				}
			);
			challenged(id, 2);
			jury_round(id, &[Some(Reject); 3]);
			run_to_tick(appealable(id).1);
			assert!(matches!(
				status(id),
				ClaimStatus::Rejected { reason: RejectionReason::Jury, .. }
			));
			assert_eq!(
				slashed_issuers(),
				vec![
					(HOSPITALS[0], MEDICAL_INSTITUTION, 900),
					(HOSPITALS[1], MEDICAL_INSTITUTION, 400)
				]
			);
			assert_eq!(free(HOSPITALS[0]), STARTING_BALANCE - 900);
			assert_eq!(free(HOSPITALS[1]), STARTING_BALANCE - 400);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE + 900 + 400 + CLAIM_BOND / 2);
			assert_eq!(reserve_of(ATTEST_PLAN), 900 + 400 + CLAIM_BOND / 2);
			// Decided for good: nothing is exposed any more.
			assert_eq!(AttesterExposure::<Test>::iter().count(), 0);
			assert!(!<ClaimsPallet as IssuerExposure>::is_exposed(
				HOSPITALS[0],
				MEDICAL_INSTITUTION
			));
			// Suspended: they can no longer attest.
			let next = file(4, 100, 4);
			assert_noop!(
				ClaimsPallet::attest_claim(signed(HOSPITALS[0]), next, evidence(200), Some(100)),
				Error::<Test>::NotAccreditedAttester
			);
		});
	}

	/// (d) Exposure ends with the claim however it ends: paid, withdrawn, denied, unproven.
	#[test]
	fn exposure_is_released_when_a_claim_is_decided_for_good() {
		ExtBuilder::build_and_execute(|| {
			let paid = decided(1, 300, 1);
			let withdrawn = decided(3, 200, 3);
			assert_eq!(AttesterExposure::<Test>::get(HOSPITALS[0]), 500);
			assert_ok!(ClaimsPallet::withdraw_claim(signed(3), withdrawn));
			assert_eq!(AttesterExposure::<Test>::get(HOSPITALS[0]), 300);
			run_to_tick(1 + CHALLENGE_PERIOD);
			assert!(matches!(status(paid), ClaimStatus::Paid { amount: 300, .. }));
			assert_eq!(AttesterExposure::<Test>::iter().count(), 0);
			let denied = file(4, 100, 4);
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[0]),
				denied,
				evidence(200),
				None
			));
			assert_eq!(AttesterExposure::<Test>::get(HOSPITALS[0]), 100);
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[1]),
				denied,
				evidence(201),
				None
			));
			run_to_tick(ClaimsPallet::tick() + APPEAL_PERIOD);
			assert!(matches!(
				status(denied),
				ClaimStatus::Rejected { reason: RejectionReason::Denied, .. }
			));
			assert_eq!(AttesterExposure::<Test>::iter().count(), 0);
		});
	}

	/// (e) The median of at least three readings: one outlier oracle moves nothing.
	#[test]
	fn an_outlier_oracle_cannot_move_the_median() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(10);
			let submit = |oracle: usize, period, value| {
				assert_ok!(ClaimsPallet::submit_reading(
					signed(ORACLES[oracle]),
					key(7, period),
					value
				));
			};
			submit(0, 0, 300);
			submit(1, 0, 310);
			assert_eq!(ClaimsPallet::aggregate(&key(7, 0), 100), None);
			submit(2, 0, 9_000);
			assert_eq!(
				ClaimsPallet::aggregate(&key(7, 0), 100),
				Some((310, vec![(ORACLES[2], 9_000)]))
			);
			// No opening before the window closes: no reading can be sandwiched.
			run_to_block(14);
			assert_noop!(
				ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0),
				Error::<Test>::SubmissionWindowOpen
			);
			run_to_block(15);
			assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0));
			assert!(has_event(Event::OutlierReading {
				oracle: ORACLES[2],
				key: key(7, 0),
				value: 9_000,
				median: 310
			}));
			let event = IndexEvents::<Test>::get(INDEX_PLAN, (7, 0)).unwrap();
			assert_eq!(event.reading, 310);
			assert_eq!(event.payout, Perbill::from_rational(190u32, 400u32).mul_floor(MAX_PAYOUT));
			// Even count: the mean of the two middle readings, rounded down.
			run_to_block(20);
			submit(0, 1, 100);
			submit(1, 1, 301);
			submit(2, 1, 302);
			submit(3, 1, 900);
			assert_eq!(
				ClaimsPallet::aggregate(&key(7, 1), 100),
				Some((301, vec![(ORACLES[0], 100), (ORACLES[3], 900)]))
			);
			run_to_block(25);
			assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 1));
			assert_eq!(IndexEvents::<Test>::get(INDEX_PLAN, (7, 1)).unwrap().reading, 301);
		});
	}

	/// (f) While the brake is on nothing is paid and no juror is slashed; deadlines move by the
	/// time held.
	#[test]
	fn the_brake_holds_every_deadline() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			let window_ends = 1 + CHALLENGE_PERIOD;
			run_to_block(4);
			set_brake(true);
			run_to_block(10);
			assert_eq!(tick(), 4);
			assert!(has_event(Event::ClockStopped { tick: 4 }));
			assert_eq!(BrakedSince::<Test>::get(), Some(5));
			// Well past the window's end in blocks: nothing is paid.
			run_to_block(window_ends + 3);
			assert_eq!(tick(), 4);
			assert!(matches!(status(id), ClaimStatus::Challengeable { .. }));
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND);
			ClaimsPallet::do_try_state().unwrap();
			set_brake(false);
			run_to_block(window_ends + 4);
			let held_blocks = window_ends + 4 - 5;
			assert!(has_event(Event::ClockResumed { tick: 5, blocks_held: held_blocks }));
			// Paid only after its full window: the deadline moved by the blocks held.
			run_to_block(window_ends + held_blocks - 1);
			assert!(matches!(status(id), ClaimStatus::Challengeable { .. }));
			run_to_block(window_ends + held_blocks);
			assert_eq!(tick(), window_ends);
			assert_eq!(
				status(id),
				ClaimStatus::Paid { at: window_ends + held_blocks, amount: 500 }
			);
			assert_eq!(free(1), STARTING_BALANCE + 500);
		});
	}

	/// (f) A jury's count waits for the brake to come off.
	#[test]
	fn no_juror_is_slashed_while_braked() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			let seated = challenged(id, 2);
			let (_, reveal_ends) = phases(id);
			run_to_tick(reveal_ends - 1);
			set_brake(true);
			run_to_block(block() + 20);
			assert!(seated.iter().all(|juror| held(HoldReason::JurorBond, *juror) == JUROR_BOND));
			assert!(!claims_events()
				.iter()
				.any(|event| matches!(event, Event::JuryVerdict { .. })));
			assert_eq!(phases(id).1, reveal_ends);
			set_brake(false);
			run_to_tick(reveal_ends);
			assert!(has_event(Event::JuryVerdict {
				claim: id,
				round: JuryRound::First,
				outcome: JuryOutcome::NoQuorum,
				upholds: 0,
				rejects: 0,
				absent: 3
			}));
			assert!(seated.iter().all(|juror| free(*juror) == STARTING_BALANCE - JUROR_BOND));
		});
	}

	/// (g) A flood of filings cannot crowd out windows or disputes; members have a bound.
	#[test]
	fn filings_cannot_crowd_out_windows_and_disputes() {
		ExtBuilder::build_and_execute(|| {
			let mut flood = Vec::new();
			for who in 1..=16 {
				flood.push(file(who, 100, who as u8));
			}
			assert!((21..=24).all(|t| Agenda::<Test>::get(t, Lane::Filings).len() == 4));
			assert_noop!(
				ClaimsPallet::file_claim(signed(17), ATTEST_PLAN, 100, evidence(17)),
				Error::<Test>::AgendaFull
			);
			// The last filing's decision still schedules its window ...
			let last = flood[15];
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[0]),
				last,
				evidence(200),
				Some(100)
			));
			assert_ok!(ClaimsPallet::attest_claim(
				signed(HOSPITALS[1]),
				last,
				evidence(201),
				Some(100)
			));
			assert!(matches!(status(last), ClaimStatus::Challengeable { .. }));
			// ... and its challenge its draw.
			assert_ok!(ClaimsPallet::challenge(signed(20), last, evidence(7)));
			assert_eq!(draw_at(last), 1 + DRAW_DELAY);
			// Its place in the filings lane is free again.
			assert_ok!(ClaimsPallet::file_claim(signed(17), ATTEST_PLAN, 100, evidence(17)));
			// The flooder's own bound (one tick later, the lane has room again).
			run_to_block(2);
			assert_ok!(ClaimsPallet::file_claim(signed(1), ALLIANCE_PLAN, 100, evidence(30)));
			assert_ok!(ClaimsPallet::file_claim(signed(1), ALLIANCE_PLAN, 100, evidence(31)));
			assert_noop!(
				ClaimsPallet::file_claim(signed(1), ALLIANCE_PLAN, 100, evidence(32)),
				Error::<Test>::TooManyOpenClaims
			);
			assert_eq!(held(HoldReason::ClaimBond, 1), 3 * CLAIM_BOND);
		});
	}

	/// (h) A member whose settled deposit is below the minimum is not covered.
	#[test]
	fn an_insolvent_member_cannot_claim() {
		ExtBuilder::build_and_execute(|| {
			set_deposit_exhausted(1, true);
			assert_noop!(
				ClaimsPallet::file_claim(signed(1), ATTEST_PLAN, 100, evidence(1)),
				Error::<Test>::DepositBelowMinimum
			);
			run_to_block(10);
			assert_noop!(
				ClaimsPallet::request_audit(signed(1), INDEX_PLAN, 0, 100, evidence(1)),
				Error::<Test>::DepositBelowMinimum
			);
			assert_eq!(free(1), STARTING_BALANCE);
			assert_eq!(OpenClaims::<Test>::get(1), 0);
			set_deposit_exhausted(1, false);
			file(1, 100, 1);
		});
	}

	/// (i) A plan that lowers its maximum does not strand approved claims: they are paid the
	/// new maximum.
	#[test]
	fn a_lowered_maximum_pays_the_new_maximum() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			set_max_payout(ATTEST_PLAN, 300);
			run_to_block(1 + CHALLENGE_PERIOD);
			assert_eq!(status(id), ClaimStatus::Paid { at: 1 + CHALLENGE_PERIOD, amount: 300 });
			assert_eq!(free(1), STARTING_BALANCE + 300);
			assert_eq!(pool_free(ATTEST_PLAN), POOL_BALANCE - 300);

			// The same for a claim left approved by a refused payout.
			set_max_payout(ATTEST_PLAN, MAX_PAYOUT);
			let second = decided(2, 800, 2);
			set_payouts_fail(true);
			run_to_block(block() + CHALLENGE_PERIOD);
			assert_eq!(status(second), ClaimStatus::Approved { amount: 800 });
			set_max_payout(ATTEST_PLAN, 250);
			set_payouts_fail(false);
			assert_ok!(ClaimsPallet::retry_payout(signed(9), second));
			assert_eq!(status(second), ClaimStatus::Paid { at: block(), amount: 250 });
			assert_eq!(free(2), STARTING_BALANCE + 250);
		});
	}

	/// (b) The voters of an alliance claim cannot sit on its jury, and a plan whose members
	/// mostly voted must not leave a challenge without a jury: a challenger would end a good
	/// claim unproven at no cost.
	#[test]
	fn a_challenge_of_a_widely_voted_claim_still_gets_a_jury() {
		ExtBuilder::build_and_execute(|| {
			// Eight members: claimant 1, voters 2..=6, challenger 7, and member 8.
			add_member(ALLIANCE_PLAN, 7, 0, None);
			add_member(ALLIANCE_PLAN, 8, 0, None);
			let id = super::alliance::file_alliance(1);
			for voter in 2..=6 {
				assert_ok!(ClaimsPallet::vote_alliance(signed(voter), id, true));
			}
			assert!(matches!(status(id), ClaimStatus::Challengeable { .. }));
			let seated = challenged(id, 7);
			assert_eq!(seated.len(), 3, "a full jury is drawn");
			assert!(seated.iter().all(|juror| !(1..=7).contains(juror)));
			jury_round(id, &[Some(Uphold); 3]);
			run_to_tick(appealable(id).1);
			assert_eq!(status(id), ClaimStatus::Paid { at: block(), amount: 300 });
			assert_eq!(free(7), STARTING_BALANCE - CHALLENGE_BOND);
		});
	}

	/// (b) Voters are skipped in the draw without starving it, whatever the draw's randomness.
	#[test]
	fn a_large_alliance_vote_leaves_room_for_a_jury() {
		for delay in 1..=12 {
			ExtBuilder::build_and_execute(|| {
				for who in 7..=30 {
					add_member(ALLIANCE_PLAN, who, 0, None);
				}
				let mut params = ClaimsPallet::params();
				params.draw_delay = delay;
				assert_ok!(ClaimsPallet::set_params(RuntimeOrigin::root(), params));
				let id = super::alliance::file_alliance(1);
				// 29 others: 18 ayes decide.
				for voter in 2..=19 {
					crate::mock::set_alliance_credential(voter);
					assert_ok!(ClaimsPallet::vote_alliance(signed(voter), id, true));
				}
				assert!(matches!(status(id), ClaimStatus::Challengeable { .. }));
				let seated = challenged(id, 25);
				assert_eq!(seated.len(), 3, "draw delay {delay}: a full jury is drawn");
				assert!(seated.iter().all(|juror| (20..=30).contains(juror) && *juror != 25));
			});
		}
	}

	/// (j) A due step that fails is rolled back and postponed, and the claim goes on.
	#[test]
	fn a_failed_draw_is_postponed_and_the_claim_goes_on() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(17, 500, 17);
			assert_ok!(ClaimsPallet::challenge(signed(19), id, evidence(7)));
			let draw = 1 + DRAW_DELAY;
			// Sixteen later draws fill the disputes lane where the jury's count would go
			// (ticks 13..=16).
			let reveal_ends = draw + COMMIT_PERIOD + REVEAL_PERIOD;
			let mut params = ClaimsPallet::params();
			params.draw_delay = reveal_ends - 1;
			assert_ok!(ClaimsPallet::set_params(RuntimeOrigin::root(), params));
			for who in 1..=16 {
				let other = decided(who, 10, who as u8);
				assert_ok!(ClaimsPallet::challenge(signed(20), other, evidence(8)));
			}
			assert!((reveal_ends..reveal_ends + 4)
				.all(|t| Agenda::<Test>::get(t, Lane::Disputes).len() == 4));
			run_to_block(draw);
			assert!(has_event(Event::StepPostponed {
				claim: id,
				error: Error::<Test>::AgendaFull.into(),
				retry_at: draw + 1
			}));
			assert_eq!(draw_at(id), draw + 1);
			// The failed draw was rolled back: nobody holds a juror bond.
			assert!((1..=20).all(|who| held(HoldReason::JurorBond, who) == 0));
			ClaimsPallet::do_try_state().unwrap();
			// The retry finds room after the filled ticks.
			run_to_block(draw + 1);
			let (commit_ends, count_at) = phases(id);
			assert_eq!(commit_ends, draw + 1 + COMMIT_PERIOD);
			assert_eq!(count_at, reveal_ends + 4);
			assert_eq!(jurors(id).len(), 3);
			jury_round(id, &[Some(Uphold); 3]);
			run_to_tick(appealable(id).1);
			assert_eq!(status(id), ClaimStatus::Paid { at: block(), amount: 500 });
			// (17 may sit on the later juries: count its held juror bonds too.)
			assert_eq!(Balances::total_balance(&17), STARTING_BALANCE + 500 + 8);
			assert_eq!(held(HoldReason::ClaimBond, 17), 0);
		});
	}
}

/// Random sequences of calls, brakes and refused payouts over ~30 accounts and 200 blocks:
/// the invariants (`do_try_state`) hold after every block, and no money is made or lost.
/// `CLAIMS_PROPTEST_CASES` sets the number of cases (default 200, the CI run) and
/// `CLAIMS_PROPTEST_FIRST_SEED` the first seed (to split a long run over several processes);
/// `CLAIMS_PROPTEST_VERBOSE` prints the events of each case.
mod properties {
	use super::*;
	use std::collections::BTreeMap;

	/// xorshift64*: small, deterministic, no crates.
	/// The jurors sitting on `id` for whom `pending` holds, and one in five of the others.
	fn sitting(
		id: ClaimId,
		rng: &mut Rng,
		pending: impl Fn(&JurorSeatOf<Test>) -> bool,
	) -> Vec<AccountId> {
		Disputes::<Test>::get(id)
			.map(|dispute| {
				dispute
					.jurors
					.iter()
					.filter(|seat| pending(seat) || rng.below(5) == 0)
					.map(|seat| seat.juror)
					.collect()
			})
			.unwrap_or_default()
	}

	struct Rng(u64);
	impl Rng {
		fn next(&mut self) -> u64 {
			self.0 ^= self.0 >> 12;
			self.0 ^= self.0 << 25;
			self.0 ^= self.0 >> 27;
			self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
		}
		fn below(&mut self, n: u64) -> u64 {
			self.next() % n.max(1)
		}
		fn pick<T: Copy>(&mut self, items: &[T]) -> T {
			items[self.below(items.len() as u64) as usize]
		}
	}

	const ACCOUNTS: u64 = 30;
	const BLOCKS: u64 = 200;

	/// Every balance the tests can touch: members, hospitals, oracles, pools.
	fn money() -> Balance {
		(1..=100u64)
			.chain([150, NO_DID])
			.chain((0..4).map(pool_account))
			.map(|who| Balances::total_balance(&who))
			.sum()
	}

	fn run_case(seed: u64) {
		ExtBuilder::build_and_execute(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
			for who in 21..=ACCOUNTS {
				add_member(ATTEST_PLAN, who, 0, None);
			}
			let total = money();
			assert_eq!(total, Balances::total_issuance());
			let mut votes: BTreeMap<(ClaimId, AccountId), Verdict> = BTreeMap::new();
			let mut next_evidence = 0u32;
			for _ in 0..BLOCKS {
				for _ in 0..rng.below(7) {
					const ACTIONS: [u64; 34] = [
						0, 0, 3, 3, 3, 3, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 7, 9, 9, 9, 9, 9, 9, 9, 11,
						11, 12, 13, 13, 14, 15, 15, 16, 16,
					];
					let action = rng.pick(&ACTIONS);
					// Mostly a claim in the state the action needs, sometimes any claim.
					let wanted = |status: &Status| match action {
						3..=5 => matches!(status, ClaimStatus::Filed { .. }),
						6 => matches!(
							status,
							ClaimStatus::Challengeable { .. }
								| ClaimStatus::Disputed { phase: JuryPhase::Drawing { .. }, .. }
						),
						7 | 8 => matches!(
							status,
							ClaimStatus::Disputed { phase: JuryPhase::Sitting { commit_ends, .. }, .. }
								if tick() < *commit_ends
						),
						9 | 10 => matches!(
							status,
							ClaimStatus::Disputed { phase: JuryPhase::Sitting { commit_ends, .. }, .. }
								if tick() >= *commit_ends
						),
						11 => matches!(
							status,
							ClaimStatus::Disputed { phase: JuryPhase::Appealable { .. }, .. }
						),
						13 => matches!(status, ClaimStatus::Denied { .. }),
						14 => matches!(status, ClaimStatus::Approved { .. }),
						16 => status.is_final(),
						_ => !status.is_final(),
					};
					let candidates: Vec<ClaimId> = Claims::<Test>::iter()
						.filter(|(_, claim)| wanted(&claim.status))
						.map(|(id, _)| id)
						.collect();
					let claims = NextClaimId::<Test>::get();
					let id = if !candidates.is_empty() && rng.below(10) > 0 {
						rng.pick(&candidates)
					} else if claims == 0 {
						0
					} else {
						rng.below(claims) as ClaimId
					};
					let who = 1 + rng.below(ACCOUNTS);
					let claimant = Claims::<Test>::get(id).map(|c| c.claimant).unwrap_or(who);
					let asked = Claims::<Test>::get(id).map_or(1_000, |c| c.amount);
					let _ = match action {
						0..=2 => {
							next_evidence += 1;
							let plan = if rng.below(4) == 0 { ALLIANCE_PLAN } else { ATTEST_PLAN };
							let evidence = H256::from_low_u64_be(next_evidence as u64);
							ClaimsPallet::file_claim(
								signed(who),
								plan,
								1 + rng.below(1_200),
								evidence,
							)
						}
						3 | 4 => {
							let amount = (rng.below(4) > 0).then(|| {
								if rng.below(4) == 0 {
									1 + rng.below(asked + 1)
								} else {
									asked
								}
							});
							ClaimsPallet::attest_claim(
								signed(rng.pick(&HOSPITALS)),
								id,
								evidence(1),
								amount,
							)
						}
						5 => ClaimsPallet::vote_alliance(
							signed(2 + rng.below(5)),
							id,
							rng.below(3) > 0,
						),
						6 => ClaimsPallet::challenge(signed(who), id, evidence(2)),
						7 | 8 => {
							// Mostly jurors who have not committed yet; now and then a change.
							let seated = sitting(id, &mut rng, |seat| seat.commitment.is_none());
							if seated.is_empty() {
								Ok(())
							} else {
								let juror = rng.pick(&seated);
								let verdict = if rng.below(2) == 0 { Uphold } else { Reject };
								votes.insert((id, juror), verdict);
								let commitment =
									ClaimsPallet::vote_commitment(id, verdict, salt(juror));
								ClaimsPallet::commit_vote(signed(juror), id, commitment)
							}
						}
						9 | 10 => {
							let seated = sitting(id, &mut rng, |seat| seat.revealed.is_none());
							if seated.is_empty() {
								Ok(())
							} else {
								let juror = rng.pick(&seated);
								let verdict = votes.get(&(id, juror)).copied().unwrap_or(Uphold);
								ClaimsPallet::reveal_vote(
									signed(juror),
									id,
									verdict,
									salt(juror),
									evidence(3),
								)
							}
						}
						11 => {
							let appellant = if rng.below(2) == 0 { claimant } else { who };
							ClaimsPallet::appeal(signed(appellant), id)
						}
						12 => ClaimsPallet::withdraw_claim(signed(claimant), id),
						13 => ClaimsPallet::dispute_denial(signed(claimant), id, evidence(4)),
						14 => ClaimsPallet::retry_payout(signed(who), id),
						16 => ClaimsPallet::prune_claim(signed(who), id)
							.map(|_| ())
							.map_err(|e| e.error),
						_ => {
							match rng.below(4) {
								0 => {
									let engaged = <MockBrake as AdjudicationBrake>::engaged();
									set_brake(if engaged {
										rng.below(2) == 0
									} else {
										rng.below(4) == 0
									})
								}
								1 => set_payouts_fail(rng.below(3) == 0),
								_ => set_deposit_exhausted(who, rng.below(2) == 0),
							}
							Ok(())
						}
					};
				}
				// The block-number source sometimes moves several blocks at once, or none (a
				// relay chain seen from a parachain): ticks are owed and served in order.
				match rng.below(16) {
					0 | 1 => ClockLead::set(ClockLead::get() + 1 + rng.below(4)),
					2 if ClockLead::get() > 0 => ClockLead::set(ClockLead::get() - 1),
					_ => {}
				}
				run_to_block(block() + 1);
				ClaimsPallet::do_try_state()
					.unwrap_or_else(|e| panic!("seed {seed}, block {}: {e:?}", block()));
				assert_eq!(money(), total, "seed {seed}, block {}: money changed", block());
			}
			// With the brake off and the pool paying, every claim ends.
			set_brake(false);
			set_payouts_fail(false);
			run_to_block(block() + 200);
			for (id, claim) in Claims::<Test>::iter() {
				if matches!(claim.status, ClaimStatus::Approved { .. }) {
					assert_ok!(ClaimsPallet::retry_payout(signed(1), id));
				}
			}
			assert!(
				Claims::<Test>::iter().all(|(_, claim)| claim.status.is_final()),
				"seed {seed}: a claim never ended"
			);
			assert!(Agenda::<Test>::iter().next().is_none());
			assert!(Disputes::<Test>::iter().next().is_none());
			// Every bond came back or was paid out: nothing is left on hold.
			for who in 1..=100 {
				for reason in
					[HoldReason::ClaimBond, HoldReason::DisputeBond, HoldReason::JurorBond]
				{
					assert_eq!(held(reason, who), 0, "seed {seed}: {who} still holds a bond");
				}
			}
			assert!(OpenClaims::<Test>::iter().next().is_none());
			// Once their retention is over, every record can be pruned, and every record
			// deposit comes back.
			run_to_block(block() + RECORD_RETENTION);
			let ids: Vec<ClaimId> = Claims::<Test>::iter_keys().collect();
			for id in ids {
				while Claims::<Test>::contains_key(id) {
					match ClaimsPallet::prune_claim(signed(1), id) {
						Ok(_) => {}
						// An alliance claim's next votes go in a later block.
						Err(e) if e.error == Error::<Test>::VotesPrunedThisBlock.into() => {
							run_to_block(block() + 1)
						}
						Err(e) => panic!("seed {seed}: claim {id} not pruned: {e:?}"),
					}
				}
			}
			ClaimsPallet::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
			assert!(RecordDeposits::<Test>::iter().next().is_none());
			assert!(Attestations::<Test>::iter().next().is_none());
			assert!(AllianceVotes::<Test>::iter().next().is_none());
			for who in 1..=100 {
				assert_eq!(record_deposits(who), 0, "seed {seed}: {who} still holds a deposit");
			}
			if std::env::var("CLAIMS_PROPTEST_VERBOSE").is_ok() {
				let mut kinds: BTreeMap<String, u32> = BTreeMap::new();
				for event in claims_events() {
					let name = format!("{event:?}");
					let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_string();
					*kinds.entry(name).or_default() += 1;
				}
				eprintln!("seed {seed}: {kinds:?}");
			}
			assert_eq!(money(), total);
			assert_eq!(money(), Balances::total_issuance());
		});
	}

	#[test]
	fn random_sequences_keep_the_invariants_and_the_money() {
		let cases: u64 = std::env::var("CLAIMS_PROPTEST_CASES")
			.ok()
			.and_then(|cases| cases.parse().ok())
			.unwrap_or(200);
		let first: u64 = std::env::var("CLAIMS_PROPTEST_FIRST_SEED")
			.ok()
			.and_then(|seed| seed.parse().ok())
			.unwrap_or(0);
		for seed in first..first.saturating_add(cases) {
			run_case(seed);
		}
	}
}

mod migration {
	use super::*;
	use crate::migrations::{
		v1::{old, old_agenda, old_attestations, MigrateToV1},
		v2::MigrateToV2,
		v3::MigrateToV3,
	};
	use frame_support::{
		traits::{GetStorageVersion, Hooks, OnRuntimeUpgrade, StorageVersion},
		BoundedVec,
	};

	/// A version-0 claim of member `who` in its public window until `window_ends`.
	fn old_claim(who: AccountId, window_ends: u64) -> crate::migrations::v1::OldClaimOf<Test> {
		old::Claim {
			plan: ATTEST_PLAN,
			claimant: who,
			claimant_did: who,
			kind: old::ClaimKind::Attestation,
			amount: 500,
			approved_amount: 400,
			evidence: evidence(who as u8),
			bond: CLAIM_BOND,
			filed_at: 1,
			status: old::ClaimStatus::Challengeable { window_ends },
			decided_by: Some(old::Decision::Attested),
			tally: old::DecisionTally {
				confirmed_by: vec![HOSPITALS[0]].try_into().expect("one"),
				..Default::default()
			},
		}
	}

	#[test]
	fn version_0_claims_and_agenda_become_typed_states_in_lanes() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(5);
			StorageVersion::new(0).put::<ClaimsPallet>();
			// Claim 0 is due at block 8; claim 1's deadline (block 3) was let pass by version 0.
			for (id, who, window_ends) in [(0u64, 1u64, 8u64), (1, 2, 3)] {
				let key = Claims::<Test>::hashed_key_for(id);
				frame_support::storage::unhashed::put(&key, &old_claim(who, window_ends));
				EvidenceClaims::<Test>::insert(evidence(who as u8), id);
				old_attestations::Attestations::<Test>::insert(
					id,
					HOSPITALS[0],
					old::Attestation { diagnosis: evidence(200), confirmed_amount: Some(400) },
				);
				assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
					&HoldReason::ClaimBond.into(),
					&who,
					CLAIM_BOND
				));
			}
			NextClaimId::<Test>::put(2);
			old_agenda::Agenda::<Test>::insert(8, BoundedVec::truncate_from(vec![0]));

			// The upgrade block: the migration runs before `on_initialize`.
			System::set_block_number(6);
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(ClaimsPallet::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Clock::<Test>::get(), 5);
			assert_eq!(
				claim(0).status,
				ClaimStatus::Challengeable {
					decision: Decision::Attested,
					amount: 400,
					window_ends: 8
				}
			);
			assert_eq!(
				claim(0).kind,
				ClaimKind::Attestation {
					confirmed_by: vec![HOSPITALS[0]].try_into().expect("one"),
					denied_by: Default::default(),
				}
			);
			assert_eq!(Agenda::<Test>::get(8, Lane::Windows).into_inner(), vec![0]);
			// The overdue claim is due at the next tick instead of never.
			assert_eq!(Agenda::<Test>::get(6, Lane::Windows).into_inner(), vec![1]);
			assert_eq!((OpenClaims::<Test>::get(1), OpenClaims::<Test>::get(2)), (1, 1));
			// Version 2 sums what the confirming hospital still risks.
			assert_eq!(AttesterExposure::<Test>::iter().count(), 0);
			MigrateToV2::<Test>::on_runtime_upgrade();
			assert_eq!(ClaimsPallet::on_chain_storage_version(), StorageVersion::new(2));
			// Each attestation records what it risks; the hospital confirmed two open claims.
			assert_eq!(
				Attestations::<Test>::get(0, HOSPITALS[0]),
				Some(Attestation {
					diagnosis: evidence(200),
					confirmed_amount: Some(400),
					at_risk: 400
				})
			);
			assert_eq!(AttesterExposure::<Test>::get(HOSPITALS[0]), 800);
			// Version 3 queues each plan's open claims, oldest first.
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(ClaimsPallet::on_chain_storage_version(), StorageVersion::new(3));
			assert_eq!(
				OpenQueues::<Test>::get(claim(0).plan),
				Some(OpenQueue { oldest: 0, newest: 1 })
			);
			assert_eq!(ClaimsPallet::oldest_open_claim(claim(0).plan), Some(0));
			ClaimsPallet::do_try_state().expect("the migrated state holds");

			// Both are paid when their ticks come.
			ClaimsPallet::on_initialize(6);
			assert!(matches!(status(1), ClaimStatus::Paid { amount: 400, .. }));
			run_to_block(8);
			assert!(matches!(status(0), ClaimStatus::Paid { amount: 400, .. }));
			assert_eq!(OpenQueues::<Test>::iter().count(), 0, "paid claims leave the queue");
			// Run again, they change nothing (the version is 3 now).
			let (clock, paid) = (Clock::<Test>::get(), claim(0));
			MigrateToV1::<Test>::on_runtime_upgrade();
			MigrateToV2::<Test>::on_runtime_upgrade();
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!((Clock::<Test>::get(), claim(0)), (clock, paid));
			assert_eq!(AttesterExposure::<Test>::iter().count(), 0);
		});
	}
}

mod review {
	use super::*;
	use crate::tests::index::open_drought;

	/// An audit and an index payout of the same period never both pay: a pull after an audit is
	/// refused (an audit after a pull is netted against it).
	#[test]
	fn one_period_pays_once_through_audit_or_index() {
		ExtBuilder::build_and_execute(|| {
			open_drought(300);
			assert_ok!(ClaimsPallet::request_audit(
				signed(4),
				INDEX_PLAN,
				0,
				MAX_PAYOUT,
				evidence(1)
			));
			assert_noop!(
				ClaimsPallet::claim_index_payout(signed(4), INDEX_PLAN, 0),
				Error::<Test>::AlreadyAudited
			);
			// Another member of the region pulls as usual.
			assert_ok!(ClaimsPallet::claim_index_payout(signed(5), INDEX_PLAN, 0));
		});
	}

	/// The claimant of an audit must convince the jury: a tie rejects it.
	#[test]
	fn a_tie_rejects_an_audit() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(10);
			let id = NextClaimId::<Test>::get();
			assert_ok!(ClaimsPallet::request_audit(signed(4), INDEX_PLAN, 0, 300, evidence(1)));
			run_to_tick(draw_at(id));
			jury_round(id, &[Some(Verdict::Uphold), Some(Verdict::Reject), None]);
			assert!(!appealable(id).0, "a tie goes against the claimant of an audit");
		});
	}

	/// Nothing is paid while the brake is on, not even a retried payout.
	#[test]
	fn no_retried_payout_under_the_brake() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			set_payouts_fail(true);
			run_to_tick(1 + CHALLENGE_PERIOD);
			assert_eq!(status(id), ClaimStatus::Approved { amount: 500 });
			set_payouts_fail(false);
			set_brake(true);
			assert_noop!(ClaimsPallet::retry_payout(signed(9), id), Error::<Test>::Braked);
			set_brake(false);
			assert_ok!(ClaimsPallet::retry_payout(signed(9), id));
			assert!(matches!(status(id), ClaimStatus::Paid { amount: 500, .. }));
		});
	}
}

/// The routes an attacking review of the first fixes found: a plan large enough to judge
/// itself, an institution vouching beyond its bond, a brake over the oracles' window, a late
/// opening, a challenge nobody answered.
mod second_review {
	use super::*;
	use crate::tests::index::key;

	/// A plan's juries always seat members of other plans, in proportion to their share of the
	/// chain (a majority for a small plan): a cartel of its members cannot approve and judge
	/// alone.
	#[test]
	fn a_plan_is_judged_with_outsiders_in_proportion() {
		ExtBuilder::build_and_execute(|| {
			for outsider in 30..=45 {
				add_member(UNMETERED_PLAN, outsider, 0, None);
			}
			for claimant in 1..=6 {
				let id = decided(claimant, 100, claimant as u8);
				let seated = challenged(id, 19);
				assert_eq!(seated.len(), 3);
				let outsiders = seated
					.iter()
					.filter(|juror| !MockMembership::is_active_member(ATTEST_PLAN, juror))
					.count() as u32;
				assert!(outsiders >= ClaimsPallet::outside_seats(ATTEST_PLAN, 3), "{seated:?}");
			}
		});
	}

	/// How many of the cartel's six claims an honest challenge and appeal fail to stop in the
	/// mock's draws (a uniform chain-wide draw would let about one in twenty through).
	const PAID_AGAINST_HONEST_APPEALS: usize = 0;

	/// The members of the claim's plan sitting on a jury.
	fn plan_members_on(seated: &[AccountId]) -> usize {
		seated.iter().filter(|juror| MockMembership::is_active_member(ATTEST_PLAN, juror)).count()
	}

	/// A cartel's co-challengers (parties are skipped) do not change how many seats go to
	/// members of other plans: that share is counted on the chain, not on the dispute.
	#[test]
	fn co_challengers_do_not_change_the_outsiders_share() {
		ExtBuilder::build_and_execute(|| {
			for who in 12..=20 {
				remove_member(ATTEST_PLAN, who);
			}
			for outsider in 30..=35 {
				add_member(UNMETERED_PLAN, outsider, 0, None);
			}
			let reserved = ClaimsPallet::outside_seats(ATTEST_PLAN, 3);
			assert_eq!(reserved, 1);
			for claimant in 4..=8u64 {
				let id = decided(claimant, 50, claimant as u8);
				assert_ok!(ClaimsPallet::challenge(signed(12), id, evidence(77)));
				assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(78)));
				assert_ok!(ClaimsPallet::challenge(signed(3), id, evidence(79)));
				let seated = seat(id);
				assert_eq!(seated.len(), 3);
				assert!(seated.len() - plan_members_on(&seated) >= reserved as usize, "{seated:?}");
			}
			// A small plan's claims get a majority from outside.
			assert_eq!(ClaimsPallet::outside_seats(ALLIANCE_PLAN, 3), 2);
			assert_eq!(ClaimsPallet::outside_seats(ALLIANCE_PLAN, 5), 3);
		});
	}

	/// Votes as a cartel would: its members uphold, everyone else rejects; all reveal.
	fn cartel_round(id: ClaimId, cartel: &[AccountId]) -> usize {
		let seated = jurors(id);
		let votes: Vec<Option<Verdict>> = seated
			.iter()
			.map(|juror| Some(if cartel.contains(juror) { Uphold } else { Reject }))
			.collect();
		jury_round(id, &votes);
		seated.iter().filter(|juror| cartel.contains(juror)).count()
	}

	/// Ten sybil DIDs in a cheap other plan (a third of the chain) do not own the juries of a
	/// large plan: outsiders get their share of the seats, not a majority, so an honest
	/// challenge and appeal stop the cartel's claims about as often as under a uniform draw.
	#[test]
	fn a_cartel_outside_a_large_plan_weighs_only_its_share() {
		ExtBuilder::build_and_execute(|| {
			let cartel: Vec<AccountId> = (30..=39).collect();
			for sybil in &cartel {
				add_member(UNMETERED_PLAN, *sybil, 0, None);
			}
			add_member(ATTEST_PLAN, 21, 0, None);
			assert_eq!(ClaimsPallet::outside_seats(ATTEST_PLAN, 3), 0);
			assert_eq!(ClaimsPallet::outside_seats(ATTEST_PLAN, 5), 1);
			let (mut paid, mut cartel_seats, mut seats) = (0, 0, 0);
			for n in 0..6u8 {
				for hospital in HOSPITALS {
					set_accredited(hospital, MEDICAL_INSTITUTION, true);
				}
				let id = decided(21, 100, 100 + n);
				challenged(id, 2);
				cartel_seats += cartel_round(id, &cartel);
				seats += 3;
				if appealable(id).0 {
					assert_ok!(ClaimsPallet::appeal(signed(3), id));
					seat(id);
					cartel_seats += cartel_round(id, &cartel);
					seats += 5;
				} else {
					run_to_tick(appealable(id).1);
				}
				if matches!(status(id), ClaimStatus::Paid { .. }) {
					paid += 1;
				}
			}
			assert_eq!(paid, PAID_AGAINST_HONEST_APPEALS, "cartel seats {cartel_seats} of {seats}");
			// About its third of the chain, not a majority.
			assert!(cartel_seats * 2 < seats, "cartel seats {cartel_seats} of {seats}");
		});
	}

	/// A dispute whose verdict was already counted keeps it when a full disputes lane leaves no
	/// room for its next step: the appealed rejection stands, with the claimant paying for it.
	#[test]
	fn a_counted_verdict_stands_when_the_lane_is_full() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(17, 500, 17);
			challenged(id, 19);
			jury_round(id, &[Some(Reject); 3]);
			assert!(!appealable(id).0);
			let draw = tick() + DRAW_DELAY;
			assert_ok!(ClaimsPallet::appeal(signed(17), id));
			// Four draws due at each retry tick and at each tick where the count would go.
			let mut next = 0u64;
			let count = draw + COMMIT_PERIOD + REVEAL_PERIOD;
			for at in (draw + 1..=draw + 4).chain(count..=count + 3) {
				let mut params = ClaimsPallet::params();
				params.draw_delay = at - tick();
				assert_ok!(ClaimsPallet::set_params(RuntimeOrigin::root(), params));
				for _ in 0..4 {
					let who = 1 + (next % 16);
					let other = decided(who, 10, 120 + next as u8);
					assert_ok!(ClaimsPallet::challenge(signed(20), other, evidence(8)));
					next += 1;
				}
			}
			run_to_tick(draw);
			assert!(matches!(
				status(id),
				ClaimStatus::Rejected { reason: RejectionReason::Jury, .. }
			));
			assert_eq!(free(17), STARTING_BALANCE - CLAIM_BOND - APPEAL_BOND);
			assert!(free(19) > STARTING_BALANCE);
		});
	}

	/// A losing challenger who appeals into a final jury that cannot be drawn does not undo
	/// the verdict: it stands, and the challengers pay for it.
	#[test]
	fn an_undrawable_final_jury_leaves_the_first_verdict_standing() {
		ExtBuilder::build_and_execute(|| {
			for plan in [ATTEST_PLAN, INDEX_PLAN] {
				for who in 9..=20 {
					remove_member(plan, who);
				}
			}
			let id = decided(1, 500, 1);
			for challenger in [2, 3, 4] {
				assert_ok!(ClaimsPallet::challenge(signed(challenger), id, evidence(7)));
			}
			assert_eq!(seat(id).len(), 3);
			jury_round(id, &[Some(Uphold); 3]);
			assert!(appealable(id).0);
			assert_ok!(ClaimsPallet::appeal(signed(2), id));
			run_to_tick(draw_at(id));
			assert!(matches!(status(id), ClaimStatus::Paid { amount: 500, .. }));
			assert!(free(1) > STARTING_BALANCE + 500 - CLAIM_BOND);
			assert_eq!(free(2), STARTING_BALANCE - CHALLENGE_BOND - APPEAL_BOND);
			assert_eq!(free(3), STARTING_BALANCE - CHALLENGE_BOND);
			assert_eq!(free(4), STARTING_BALANCE - CHALLENGE_BOND);
		});
	}

	/// An appealed verdict also stands when the final jury sits and stays silent.
	#[test]
	fn a_silent_final_jury_leaves_the_first_verdict_standing() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			challenged(id, 2);
			jury_round(id, &[Some(Reject); 3]);
			assert!(!appealable(id).0);
			assert_ok!(ClaimsPallet::appeal(signed(1), id));
			seat(id);
			jury_round(id, &[None; 5]);
			assert!(matches!(
				status(id),
				ClaimStatus::Rejected { reason: RejectionReason::Jury, .. }
			));
			assert_eq!(free(1), STARTING_BALANCE - CLAIM_BOND - APPEAL_BOND);
			// Nobody revealed in the final jury: half the claimant's bonds to the challenger.
			assert_eq!(free(2), STARTING_BALANCE + (CLAIM_BOND + APPEAL_BOND) / 2);
		});
	}

	/// A claimant's friend joining an honest challenge whose jury cannot be drawn makes nobody
	/// pay: no jury sat, so nobody forfeits.
	#[test]
	fn a_friendly_co_challenger_cannot_make_the_honest_challenger_pay() {
		ExtBuilder::build_and_execute(|| {
			for plan in [ATTEST_PLAN, INDEX_PLAN, ALLIANCE_PLAN] {
				for who in 5..=20 {
					remove_member(plan, who);
				}
			}
			let id = decided(1, 500, 1);
			assert_ok!(ClaimsPallet::challenge(signed(2), id, evidence(7)));
			assert_ok!(ClaimsPallet::challenge(signed(3), id, evidence(8)));
			run_to_tick(draw_at(id));
			assert!(matches!(
				status(id),
				ClaimStatus::Rejected { reason: RejectionReason::Unproven, .. }
			));
			assert_eq!([free(1), free(2), free(3)], [STARTING_BALANCE; 3]);
		});
	}

	/// A brake over the oracles' submission window moves it, and the event's opening window,
	/// by the blocks spent under it; an event that nobody opened in time stays closed.
	#[test]
	fn the_brake_moves_the_submission_window_and_late_openings_fail() {
		ExtBuilder::build_and_execute(|| {
			// Period 0 ends at block 10; its window would close at 15 and opening at 20.
			run_to_block(11);
			set_brake(true);
			run_to_block(17);
			set_brake(false);
			run_to_block(18);
			// Six blocks (12..=17) under the brake: the window closes at 21.
			assert_eq!(ClaimsPallet::submission_closes(&rainfall(), 10), 21);
			for oracle in &ORACLES[..3] {
				assert_ok!(ClaimsPallet::submit_reading(signed(*oracle), key(7, 0), 300));
			}
			run_to_block(20);
			assert_noop!(
				ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0),
				Error::<Test>::SubmissionWindowOpen
			);
			run_to_block(21);
			assert_noop!(
				ClaimsPallet::submit_reading(signed(ORACLES[3]), key(7, 0), 0),
				Error::<Test>::StaleReading
			);
			// Opening closes one window later, at 26; region 8 was never opened.
			run_to_block(26);
			assert_noop!(
				ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0),
				Error::<Test>::EventOpeningOver
			);
			assert_eq!(IndexEvents::<Test>::iter().count(), 0);
			assert_eq!(BrakeEpisodes::<Test>::get().into_inner(), vec![(12, 18)]);
		});
	}

	/// A brake that starts after the window closed does not reopen it.
	#[test]
	fn a_later_brake_does_not_reopen_the_window() {
		ExtBuilder::build_and_execute(|| {
			crate::tests::index::report_drought(300);
			run_to_block(16);
			set_brake(true);
			run_to_block(19);
			set_brake(false);
			run_to_block(20);
			assert_noop!(
				ClaimsPallet::submit_reading(signed(ORACLES[3]), key(7, 0), 0),
				Error::<Test>::StaleReading
			);
			// The opening window (15..20) moved by the three blocks held: open until 23.
			assert_ok!(ClaimsPallet::open_index_event(signed(40), INDEX_PLAN, 7, 0));
		});
	}

	/// An institution's bond stays held while a claim it attested can still go against it.
	#[test]
	fn an_exposed_institution_keeps_its_bond() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 300, 1);
			assert!(<ClaimsPallet as IssuerExposure>::is_exposed(
				HOSPITALS[0],
				MEDICAL_INSTITUTION
			));
			assert!(!<ClaimsPallet as IssuerExposure>::is_exposed(
				HOSPITALS[2],
				MEDICAL_INSTITUTION
			));
			challenged(id, 2);
			assert!(<ClaimsPallet as IssuerExposure>::is_exposed(
				HOSPITALS[0],
				MEDICAL_INSTITUTION
			));
			jury_round(id, &[Some(Uphold); 3]);
			run_to_tick(appealable(id).1);
			assert!(matches!(status(id), ClaimStatus::Paid { amount: 300, .. }));
			assert!(!<ClaimsPallet as IssuerExposure>::is_exposed(
				HOSPITALS[0],
				MEDICAL_INSTITUTION
			));
		});
	}
}

/// The adjudication clock on a block-number source that is not the system's (a relay chain's,
/// seen from a parachain): blocks of the source become ticks, served in order and at most
/// [`MAX_TICKS_PER_BLOCK`] a block.
mod clock_source {
	use super::*;

	/// The source's current block.
	fn source() -> u64 {
		block() + ClockLead::get()
	}

	/// Moves the source `blocks` blocks in the next block (instead of one), and runs that block.
	pub(super) fn next_block_skipping(blocks: u64) {
		ClockLead::set(ClockLead::get() + blocks - 1);
		run_to_block(block() + 1);
	}

	fn owed() -> u64 {
		ClockSync::<Test>::get().expect("the clock has synced").owed
	}

	/// The served clock (without the ticks owed).
	fn clock() -> u64 {
		Clock::<Test>::get()
	}

	/// A relay chain that moved five blocks since the parachain's last block owes five ticks:
	/// two are served in that block, the rest carried, and a claim whose window ends inside the
	/// jump is paid at its own tick, in order, with nothing skipped.
	#[test]
	fn skipped_blocks_become_ticks_served_in_order_at_most_two_a_block() {
		ExtBuilder::build_and_execute(|| {
			let id = decided(1, 500, 1);
			let Status::Challengeable { window_ends, .. } = status(id) else {
				panic!("in its window")
			};
			run_to_tick(window_ends - 3);
			let start = clock();
			assert_eq!(tick(), start, "nothing owed yet");
			next_block_skipping(5);
			assert_eq!(clock(), start + 2);
			assert_eq!(owed(), 3);
			// Deadlines count from the tick the source reached.
			assert_eq!(tick(), start + 5);
			assert!(matches!(status(id), Status::Challengeable { .. }));
			run_to_block(block() + 1);
			assert_eq!(clock(), start + 4);
			assert_eq!(owed(), 2);
			assert!(matches!(status(id), Status::Paid { amount: 500, .. }));
			// Paid at the source's block: the record keeps the source's time.
			assert!(has_event(Event::ClaimPaid {
				claim: id,
				member: 1,
				amount: 500,
				block: source()
			}));
			run_to_block(block() + 2);
			assert_eq!(owed(), 0);
			// Caught up: every block of the source since the claim's window was a tick.
			assert_eq!(clock(), start + 5 + 3);
			run_to_block(block() + 1);
			assert_eq!(clock(), start + 9);
		});
	}

	/// Two parachain blocks on one relay-chain parent: the second moves the clock by nothing.
	#[test]
	fn a_block_in_which_the_source_did_not_move_moves_no_tick() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(5);
			let start = clock();
			ClockLead::set(ClockLead::get() - 1);
			run_to_block(6);
			assert_eq!(clock(), start);
			assert_eq!(ClockSync::<Test>::get().map(|sync| sync.seen), Some(source()));
			run_to_block(7);
			assert_eq!(clock(), start + 1);
		});
	}

	/// Blocks of the source that pass under the brake are not owed, and ticks owed before the
	/// brake are not lost: they are served after it.
	#[test]
	fn the_brake_holds_owed_ticks_and_owes_none_of_its_own() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(5);
			let start = clock();
			next_block_skipping(6);
			assert_eq!((clock(), owed()), (start + 2, 4));
			set_brake(true);
			next_block_skipping(20);
			run_to_block(block() + 3);
			assert_eq!((clock(), owed()), (start + 2, 4));
			set_brake(false);
			// The first block after the brake owes its own block and the four from before.
			run_to_block(block() + 1);
			assert_eq!((clock(), owed()), (start + 4, 3));
			run_to_block(block() + 3);
			assert_eq!((clock(), owed()), (start + 10, 0));
		});
	}

	/// A parachain's first block sees the relay chain far ahead of anything stored: the clock
	/// moves one tick, not millions, and then follows the source.
	#[test]
	fn the_first_block_moves_one_tick_wherever_the_source_starts() {
		ExtBuilder::build_and_execute(|| {
			ClockSync::<Test>::kill();
			let start = clock();
			ClockLead::set(20_000_000);
			run_to_block(block() + 1);
			assert_eq!((clock(), owed()), (start + 1, 0));
			next_block_skipping(2);
			assert_eq!((clock(), owed()), (start + 3, 0));
		});
	}

	/// The claim's record and the weather periods keep the source's time: a claim filed while
	/// the source runs ahead is filed at the source's block.
	#[test]
	fn the_record_is_in_the_sources_blocks() {
		ExtBuilder::build_and_execute(|| {
			next_block_skipping(40);
			let id = file(1, 500, 1);
			assert_eq!(claim(id).filed_at, source());
			assert_ne!(claim(id).filed_at, block());
		});
	}

	/// The upgrade to storage version 6 leaves the clock where it was and makes the upgrade's
	/// block move it one tick, as every block before did.
	#[test]
	fn the_v6_migration_makes_the_upgrade_block_move_one_tick() {
		use frame_support::traits::{GetStorageVersion, Hooks, OnRuntimeUpgrade, StorageVersion};
		ExtBuilder::build_and_execute(|| {
			run_to_block(9);
			ClockSync::<Test>::kill();
			StorageVersion::new(5).put::<ClaimsPallet>();
			let start = clock();
			System::set_block_number(10);
			crate::migrations::v6::MigrateToV6::<Test>::on_runtime_upgrade();
			assert_eq!(ClaimsPallet::on_chain_storage_version(), 6);
			assert_eq!(clock(), start);
			assert_eq!(ClockSync::<Test>::get(), Some(ClockSyncPoint { seen: 9, owed: 0 }));
			ClaimsPallet::on_initialize(10);
			assert_eq!(clock(), start + 1);
		});
	}
}

/// The clock's source seen at its worst: a parachain's relay-chain number, zero before the first
/// block is imported, a lagging clock while new deadlines are set, and a brake across a skip.
mod clock_source_attacks {
	use super::{clock_source::next_block_skipping, *};
	use frame_support::traits::Hooks;

	/// A source still at zero in the first block, at the relay chain's height in the second:
	/// one tick each, not twenty million.
	#[test]
	fn a_source_at_zero_then_at_the_relay_height_owes_one_tick_each() {
		ExtBuilder::build_and_execute(|| {
			ClockSync::<Test>::kill();
			let start = Clock::<Test>::get();
			// The source reads 0 in this block.
			System::set_block_number(0);
			ClaimsPallet::on_initialize(0);
			assert_eq!(Clock::<Test>::get(), start + 1);
			assert_eq!(ClockSync::<Test>::get().map(|sync| sync.seen), Some(0));
			ClockLead::set(20_000_000);
			run_to_block(1);
			assert_eq!(Clock::<Test>::get(), start + 2);
			run_to_block(2);
			assert_eq!(Clock::<Test>::get(), start + 3);
			assert_eq!(ClockSync::<Test>::get().map(|sync| sync.owed), Some(0));
		});
	}

	/// A window opened while the clock catches up after a stall lasts its whole period in the
	/// source's blocks: the lag does not shorten it.
	#[test]
	fn a_window_opened_while_the_clock_lags_lasts_its_period_in_source_blocks() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(5);
			// A stall of 40 blocks of the source.
			next_block_skipping(41);
			let opened_at = block() + ClockLead::get();
			let id = decided(1, 500, 1);
			let Status::Challengeable { window_ends, .. } = status(id) else {
				panic!("in its window")
			};
			assert_eq!(window_ends, ClaimsPallet::tick() + CHALLENGE_PERIOD);
			// Challengeable until the source has moved CHALLENGE_PERIOD blocks on, however fast
			// the clock runs meanwhile to catch up.
			while block() + ClockLead::get() < opened_at + CHALLENGE_PERIOD - 1 {
				run_to_block(block() + 1);
				assert!(matches!(status(id), Status::Challengeable { .. }));
			}
			assert!(ClaimsPallet::tick() < window_ends);
		});
	}

	/// A brake engaged after a skip: the blocks of the source before the brake was seen count
	/// as free, the episode starts at the first block seen braked, and a brake lifted before
	/// any block of the source passed notes no empty episode.
	#[test]
	fn brake_episodes_are_the_source_blocks_seen_braked() {
		ExtBuilder::build_and_execute(|| {
			run_to_block(5);
			let seen = block() + ClockLead::get();
			set_brake(true);
			next_block_skipping(10);
			assert_eq!(BrakedSince::<Test>::get(), Some(seen + 1));
			set_brake(false);
			next_block_skipping(3);
			let resumed = block() + ClockLead::get();
			assert_eq!(BrakeEpisodes::<Test>::get().last().copied(), Some((seen + 1, resumed - 2)));
			// Braked and lifted without the source moving: nothing held, nothing noted.
			let episodes = BrakeEpisodes::<Test>::get().len();
			set_brake(true);
			ClockLead::set(ClockLead::get() - 1);
			run_to_block(block() + 1);
			set_brake(false);
			ClockLead::set(ClockLead::get() - 1);
			run_to_block(block() + 1);
			assert_eq!(BrakeEpisodes::<Test>::get().len(), episodes);
		});
	}
}
