//! Unit tests: who may vote on a poll ([`Pallet::check_voter`] and the [`CheckElectorate`]
//! extension, with each refusal), the tally's quorum and threshold edges with an electorate
//! fixed at submission, sybils of credential-free plans, the track origins, the brake and the
//! storage migration.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::DispatchInfo,
	traits::{
		EnsureOrigin, GetStorageVersion, OnRuntimeUpgrade, PollStatus, Polling, StorageVersion,
		VoteTally,
	},
};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError, Perbill,
};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Governance(event) => Some(event),
			_ => None,
		})
		.next_back()
		.expect("a governance event")
}

/// What the stock collective does with a vote the extension let through: one vote, aye or nay,
/// replacing the voter's earlier vote on the poll (`earlier`).
fn count_vote(poll: u8, aye: bool, earlier: Option<bool>) {
	TestPolls::access_poll(poll, |status| {
		let PollStatus::Ongoing(tally, _) = status else { panic!("poll {poll} is not ongoing") };
		match earlier {
			Some(true) => {
				tally.bare_ayes -= 1;
				tally.ayes -= 1;
			}
			Some(false) => tally.nays -= 1,
			None => {}
		}
		if aye {
			tally.bare_ayes += 1;
			tally.ayes += 1;
		} else {
			tally.nays += 1;
		}
	});
}

/// `who` votes on `poll` as the runtime runs it: the electorate check of the signed
/// transaction, then the collective's count.
fn vote(who: AccountId, poll: u8, aye: bool) -> Result<(), TransactionValidityError> {
	CheckElectorate::<Test>::new().validate_only(
		signed(who),
		&vote_call(poll),
		&DispatchInfo::default(),
		0,
		TransactionSource::External,
		0,
	)?;
	count_vote(poll, aye, None);
	Ok(())
}

fn refused(refusal: VoteRefusal) -> Result<(), TransactionValidityError> {
	Err(InvalidTransaction::Custom(refusal as u8).into())
}

mod who_votes {
	use super::*;

	#[test]
	fn a_voter_in_the_electorate_votes_once_each_way() {
		test(|| {
			assert_eq!(Governance::check_voter(&1, 0), Ok(did(1)));
			assert_eq!(vote(1, 0, true), Ok(()));
			assert_eq!(vote(2, 0, false), Ok(()));
			assert_eq!(tally(0), (1, 1, 6));
			// Changing a vote is the collective's business: the check passes again.
			assert_eq!(Governance::check_voter(&1, 0), Ok(did(1)));
		});
	}

	/// What the runtime API tells a wallet before it asks anyone to sign.
	#[test]
	fn a_wallet_learns_a_voters_standing_before_signing() {
		test(|| {
			assert_eq!(Governance::voter_record(&NO_DID), None);
			let record = Governance::voter_record(&1).expect("a DID");
			assert_eq!((record.did, record.voter, record.since), (did(1), true, Some(0)));
			set_voter_since(8, 1);
			set_active(8, true);
			assert_eq!(Governance::voter_record(&8).map(|r| r.since), Some(Some(1)));
			set_active(2, false);
			let lapsed = Governance::voter_record(&2).expect("a DID");
			assert_eq!((lapsed.voter, lapsed.since), (false, None));
			// 1, 3, 4, 5, 6 and 8.
			assert_eq!(Governance::electorate(), 6);
		});
	}

	#[test]
	fn each_refusal_has_its_code_and_changes_nothing() {
		test(|| {
			assert_eq!(Governance::check_voter(&NO_DID, 0), Err(VoteRefusal::NoDid));
			assert_eq!(vote(NO_DID, 0, true), refused(VoteRefusal::NoDid));
			set_active(7, false);
			assert_eq!(vote(7, 0, true), refused(VoteRefusal::NotVoter));
			set_active(8, true);
			set_voter_since(8, 1);
			// Poll 0 was submitted in block 1, when 8 became a voter: not its electorate.
			assert_eq!(vote(8, 0, true), refused(VoteRefusal::NotInElectorate));
			assert_eq!(tally(0), (0, 0, 6));
			assert_eq!(VoteRefusal::NoDid as u8, 1);
			assert_eq!(VoteRefusal::NotVoter as u8, 2);
			assert_eq!(VoteRefusal::NotInElectorate as u8, 3);
		});
	}

	#[test]
	fn a_revoked_or_lapsed_member_is_refused_in_the_same_block() {
		test(|| {
			// Route 1: the check reads the standing live, with no refresh call.
			assert_eq!(vote(1, 0, true), Ok(()));
			set_active(1, false);
			assert_eq!(vote(1, 1, true), refused(VoteRefusal::NotVoter));
			// Its vote on poll 0 stays counted: it was in the electorate.
			assert_eq!(tally(0), (1, 0, 6));
		});
	}

	#[test]
	fn other_calls_and_unsigned_origins_pass_untouched_at_no_weight() {
		test(|| {
			let other = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
			let extension = CheckElectorate::<Test>::new();
			assert_eq!(extension.weight(&other), sp_runtime::Weight::zero());
			assert_ne!(extension.weight(&vote_call(0)), sp_runtime::Weight::zero());
			assert_ok!(extension.validate_only(
				signed(NO_DID),
				&other,
				&DispatchInfo::default(),
				0,
				TransactionSource::External,
				0,
			));
			// A vote needs a signed origin anyway: the collective refuses any other.
			let call = vote_call(0);
			assert!(extension
				.validate(
					RuntimeOrigin::none(),
					&call,
					&DispatchInfo::default(),
					0,
					(),
					&sp_runtime::traits::TxBaseImplication(&call),
					TransactionSource::External,
				)
				.is_ok());
		});
	}

	#[test]
	fn a_poll_that_is_not_ongoing_is_left_to_the_collective() {
		test(|| {
			end_poll(0);
			assert_eq!(Governance::check_voter(&1, 0), Ok(did(1)));
			assert_eq!(Governance::check_voter(&1, 9), Ok(did(1)));
		});
	}

	#[test]
	fn a_member_covered_only_in_a_credential_free_plan_cannot_vote() {
		test(|| {
			// Route 3: DIDs minted into a plan that requires no personhood credential.
			for sybil in 10..=20 {
				set_covered_not_voter(sybil);
			}
			assert_eq!(vote(10, 0, true), refused(VoteRefusal::NotVoter));
			// A voter that is then covered only there loses its vote.
			assert_eq!(vote(1, 0, true), Ok(()));
			set_covered_not_voter(1);
			assert_eq!(vote(1, 1, true), refused(VoteRefusal::NotVoter));
		});
	}
}

mod the_electorate {
	use super::*;

	#[test]
	fn a_voter_since_the_poll_was_submitted_does_not_vote_on_it() {
		test(|| {
			// Route 4: the electorate of poll 0 (submitted in block 5) is the voters since before.
			set_submitted(0, 5);
			set_voter_since(1, 4);
			set_voter_since(2, 5);
			set_voter_since(3, 6);
			assert_eq!(vote(1, 0, true), Ok(()));
			assert_eq!(vote(2, 0, true), refused(VoteRefusal::NotInElectorate));
			assert_eq!(vote(3, 0, true), refused(VoteRefusal::NotInElectorate));
			// A later poll takes them.
			set_submitted(1, 7);
			assert_eq!(vote(2, 1, true), Ok(()));
			assert_eq!(vote(3, 1, false), Ok(()));
		});
	}

	#[test]
	fn a_personhood_credential_moved_between_dids_votes_once() {
		test(|| {
			// Member 1 votes; its person's credential moves to DID 2 (a voter since then).
			set_submitted(0, 10);
			set_voter_since(1, 3);
			assert_eq!(vote(1, 0, true), Ok(()));
			set_voter_since(2, 11);
			assert_eq!(vote(2, 0, true), refused(VoteRefusal::NotInElectorate));
			assert_eq!(tally(0), (1, 0, 6));
		});
	}

	#[test]
	fn exits_and_joins_during_a_poll_do_not_move_its_quorum() {
		test(|| {
			// Route 4, the numbers: a poll that fails at 1 voter in 12 stays failing
			// when two members exit (it would have passed at 1/10 by its curve).
			for who in 7..=12 {
				set_active(who, true);
			}
			open_poll(5, 0);
			assert_eq!(tally(5), (0, 0, 12));
			assert_eq!(vote(1, 5, true), Ok(()));
			let before = poll_tally(5).support(0);
			assert_eq!(before, Perbill::from_rational(1u32, 12));
			set_active(11, false);
			set_active(12, false);
			assert_eq!(poll_tally(5).support(0), before);
			// And a hundred new voters do not dilute it either.
			for who in 100..200 {
				set_active(who, true);
			}
			assert_eq!(poll_tally(5).support(0), before);
			// The next poll is measured against the voters of its own submission.
			open_poll(6, 0);
			assert_eq!(tally(6).2, 110);
		});
	}

	#[test]
	fn support_counts_the_voters_not_the_covered_members() {
		test(|| {
			// A thousand sybils covered in a credential-free plan are not in the electorate.
			for sybil in 100..1_100 {
				set_covered_not_voter(sybil);
			}
			assert_eq!(Governance::electorate(), 6);
			open_poll(5, 0);
			assert_eq!(tally(5).2, 6);
		});
	}
}

#[test]
fn approval_and_support_at_their_edges() {
	test(|| {
		// Six voters in the electorate; nobody has voted.
		let empty = poll_tally(0);
		assert_eq!(empty.approval(0), Perbill::zero());
		assert_eq!(empty.support(0), Perbill::zero());
		assert_eq!(empty.ayes(0), 0);
		// One aye, one nay: exactly half — a "more than 50 %" curve does not pass it; support
		// is the turnout, nays included.
		assert_eq!(vote(2, 0, true), Ok(()));
		assert_eq!(vote(3, 0, false), Ok(()));
		assert_eq!(poll_tally(0).approval(0), Perbill::from_percent(50));
		assert_eq!(poll_tally(0).support(0), Perbill::from_rational(2u32, 6));
		// A vote changed from nay to aye.
		count_vote(0, true, Some(false));
		assert_eq!(poll_tally(0).approval(0), Perbill::one());
		// Unanimity of everyone.
		for who in 1..=6 {
			assert_eq!(vote(who, 1, true), Ok(()));
		}
		assert_eq!(poll_tally(1).approval(0), Perbill::one());
		assert_eq!(poll_tally(1).support(0), Perbill::one());
		assert_eq!(poll_tally(1).ayes(0), 6);
		// Support never exceeds 100 %, even if the electorate were undercounted.
		let odd = Tally::<Test>::from_counts(3, 1, 2);
		assert_eq!(odd.support(0), Perbill::one());
		assert_eq!(Tally::<Test>::from_counts(0, 0, 0).support(0), Perbill::zero());
	});
}

#[test]
fn track_origins_accept_only_their_track() {
	test(|| {
		let plan_terms: RuntimeOrigin = Origin::PlanTerms.into();
		assert!(<EnsurePlanTerms as EnsureOrigin<RuntimeOrigin>>::try_origin(plan_terms.clone())
			.is_ok());
		assert!(<EnsureAccreditation as EnsureOrigin<RuntimeOrigin>>::try_origin(
			plan_terms.clone()
		)
		.is_err());
		assert!(<EnsureTreasuryCustody as EnsureOrigin<RuntimeOrigin>>::try_origin(
			plan_terms.clone()
		)
		.is_err());
		assert!(<EnsureEmergency as EnsureOrigin<RuntimeOrigin>>::try_origin(plan_terms).is_err());
		assert!(<EnsureAccreditation as EnsureOrigin<RuntimeOrigin>>::try_origin(
			Origin::Accreditation.into()
		)
		.is_ok());
		assert!(<EnsureTreasuryCustody as EnsureOrigin<RuntimeOrigin>>::try_origin(
			Origin::TreasuryCustody.into()
		)
		.is_ok());
		assert!(<EnsureEmergency as EnsureOrigin<RuntimeOrigin>>::try_origin(
			Origin::Emergency.into()
		)
		.is_ok());
		// Neither root nor a signed account is a track origin.
		assert!(
			<EnsurePlanTerms as EnsureOrigin<RuntimeOrigin>>::try_origin(RuntimeOrigin::root())
				.is_err()
		);
		assert!(<EnsureEmergency as EnsureOrigin<RuntimeOrigin>>::try_origin(signed(1)).is_err());
	});
}

mod brake {
	use super::*;
	use frame_support::traits::SafeMode;

	fn pull(who: AccountId) -> sp_runtime::DispatchResult {
		Governance::pull_brake(signed(who))
	}

	fn regulator(index: u64) -> AccountId {
		REGULATORS.start() + index
	}

	/// Ends safe mode, as the members' emergency track would.
	fn members_end_safe_mode() {
		assert!(TestSafeMode::exit().is_ok());
	}

	#[test]
	fn only_brakers_pull_the_brake() {
		test(|| {
			assert_noop!(pull(1), DispatchError::BadOrigin);
			assert_noop!(Governance::pull_brake(RuntimeOrigin::root()), DispatchError::BadOrigin);
			assert_ok!(pull(regulator(0)));
			assert!(TestSafeMode::is_entered());
			let until = 1 + BRAKE_DURATION;
			assert_eq!(
				last_event(),
				Event::BrakePulled { by: Braker::Regulator(did(regulator(0))), until }
			);
			assert_eq!(LastBrake::<Test>::get(Braker::Regulator(did(regulator(0)))), Some(until));
			assert_eq!(RecentBrakes::<Test>::get().into_inner(), vec![1]);
		});
	}

	#[test]
	fn a_braker_cannot_hold_the_brake_by_pulling_again_when_it_ends() {
		test(|| {
			// Route 6: one regulator enters safe mode, and again the block after it ends.
			assert_ok!(pull(regulator(0)));
			assert_noop!(pull(regulator(0)), Error::<Test>::BrakeCoolingDown);
			// Another braker cannot stack a brake on it.
			assert_noop!(pull(regulator(1)), Error::<Test>::AlreadyBraked);
			System::set_block_number(1 + BRAKE_DURATION);
			assert!(!TestSafeMode::is_entered());
			assert_noop!(pull(regulator(0)), Error::<Test>::BrakeCoolingDown);
			// Its cooldown runs from the end of its brake, whoever ended it.
			let ready = 1 + BRAKE_DURATION + BrakeCooldown::get();
			System::set_block_number(ready - 1);
			assert_noop!(pull(regulator(0)), Error::<Test>::BrakeCoolingDown);
			System::set_block_number(ready);
			assert_ok!(pull(regulator(0)));
		});
	}

	#[test]
	fn brakers_together_pull_at_most_the_budget_of_a_period() {
		test(|| {
			// Five regulators and the council take turns, each as soon as the last brake ends.
			let brakers = [regulator(0), regulator(1), COUNCIL, regulator(2), regulator(3)];
			let mut now = 1;
			for (turn, who) in brakers.iter().enumerate() {
				System::set_block_number(now);
				if turn < MaxBrakesPerPeriod::get() as usize {
					assert_ok!(pull(*who));
					now += BRAKE_DURATION;
				} else {
					assert_noop!(pull(*who), Error::<Test>::BrakeBudgetSpent);
				}
			}
			assert_eq!(
				RecentBrakes::<Test>::get().into_inner(),
				vec![1, 1 + BRAKE_DURATION, 1 + 2 * BRAKE_DURATION]
			);
			// A period after the first pull, its slot is free again (the window slides).
			System::set_block_number(BrakePeriod::get());
			assert_noop!(pull(regulator(4)), Error::<Test>::BrakeBudgetSpent);
			System::set_block_number(1 + BrakePeriod::get());
			assert_ok!(pull(regulator(4)));
			assert_eq!(
				RecentBrakes::<Test>::get().into_inner(),
				vec![1 + BRAKE_DURATION, 1 + 2 * BRAKE_DURATION, 1 + BrakePeriod::get()]
			);
		});
	}

	#[test]
	fn a_zero_duration_disables_the_brake() {
		test(|| {
			BrakeLength::set(0);
			assert_noop!(pull(COUNCIL), Error::<Test>::BrakeDisabled);
			assert!(!TestSafeMode::is_entered());
			assert!(RecentBrakes::<Test>::get().is_empty());
		});
	}

	#[test]
	fn a_brake_the_members_ended_early_still_counts_and_cools_down() {
		test(|| {
			assert_ok!(pull(COUNCIL));
			members_end_safe_mode();
			System::set_block_number(2);
			assert_noop!(pull(COUNCIL), Error::<Test>::BrakeCoolingDown);
			// Another braker may pull, within the budget.
			assert_ok!(pull(regulator(1)));
			assert_eq!(RecentBrakes::<Test>::get().len(), 2);
		});
	}
}

/// Attacks on the brake (reviewer's branch `attack`).
mod brake_attacks {
	use super::*;
	use frame_support::traits::SafeMode;

	fn pull(who: AccountId) -> sp_runtime::DispatchResult {
		Governance::pull_brake(signed(who))
	}

	fn regulator(index: u64) -> AccountId {
		REGULATORS.start() + index
	}

	/// Attack review of 2a4e450: with a fixed budget window that started at the first pull,
	/// brakers spent the end of one window and the whole of the next back to back: five
	/// durations of safe mode in a row where the budget promised three (on the real chain 5
	/// consecutive days within 30, with five braker identities). The window now slides
	/// ([`RecentBrakes`]): at most three pulls in any period.
	#[test]
	fn attack_brake_budget_straddles_two_windows() {
		test(|| {
			// The window opens at block 1 with a pull.
			assert_ok!(pull(regulator(0)));
			// Its last two pulls at its very end...
			let end = 1 + BrakePeriod::get();
			let mut now = end - 2 * BRAKE_DURATION;
			let mut on = Vec::new();
			for who in [regulator(1), COUNCIL, regulator(2), regulator(3), regulator(4)] {
				System::set_block_number(now);
				assert!(!TestSafeMode::is_entered());
				if pull(who).is_ok() {
					on.push(now);
				}
				now += BRAKE_DURATION;
			}
			// ...then the next window's three, back to back: safe mode from `end - 20` to
			// `end + 30` without a break. The budget should have refused at least two of these.
			let consecutive = on.len() as u64 * BRAKE_DURATION;
			assert!(
				on.len() <= MaxBrakesPerPeriod::get() as usize,
				"{consecutive} consecutive blocks of safe mode in a period of {} (budget {}): \
				 pulls at {on:?}",
				BrakePeriod::get(),
				MaxBrakesPerPeriod::get()
			);
		});
	}

	/// Defended: a brake that ends as the window ends does not reset anything by itself, and a
	/// pull with a spent budget leaves no trace (the cooldown is not started).
	#[test]
	fn a_refused_pull_changes_nothing() {
		test(|| {
			assert_ok!(pull(regulator(0)));
			for (i, who) in [regulator(1), regulator(2)].into_iter().enumerate() {
				System::set_block_number(1 + (i as u64 + 1) * BRAKE_DURATION);
				assert_ok!(pull(who));
			}
			System::set_block_number(1 + 3 * BRAKE_DURATION);
			assert_noop!(pull(COUNCIL), Error::<Test>::BrakeBudgetSpent);
			assert_eq!(LastBrake::<Test>::get(Braker::Council), None);
		});
	}
}

mod migration {
	use super::*;

	#[test]
	fn v1_removes_the_old_vote_records_and_bumps_the_version() {
		test(|| {
			StorageVersion::new(0).put::<Governance>();
			let prefix = migrations::v1::voting_for_prefix::<Test>();
			for key in 0u8..5 {
				let mut full = prefix.to_vec();
				full.push(key);
				frame_support::storage::unhashed::put_raw(&full, &[1, 2, 3]);
			}
			TrackTable::<Test>::put(1);
			migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert!(!frame_support::storage::unhashed::contains_prefixed_key(&prefix));
			assert_eq!(Governance::on_chain_storage_version(), StorageVersion::new(1));
			// What the pallet keeps is untouched.
			assert_eq!(TrackTable::<Test>::get(), 1);
			// A second run does nothing.
			let mut stray = prefix.to_vec();
			stray.push(9);
			frame_support::storage::unhashed::put_raw(&stray, &[1]);
			migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert!(frame_support::storage::unhashed::contains_prefixed_key(&prefix));
			frame_support::storage::unhashed::kill(&stray);
		});
	}
}
