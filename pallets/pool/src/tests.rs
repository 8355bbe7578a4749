//! Unit tests of every call and trait function, and property tests of the accounting.
//! `ExtBuilder::build_and_execute` checks `do_try_state` and that the books balance to the
//! planck after every test.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError, Permill, TokenError};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn books() -> PlanBooksOf<Test> {
	Books::<Test>::get(PLAN).expect("books exist")
}

fn position(who: AccountId) -> MemberPositionOf<Test> {
	Positions::<Test>::get(PLAN, who).expect("position exists")
}

fn pool_balance() -> Balance {
	Balances::balance(&Pool::pool_account(PLAN))
}

fn last_event() -> Event<Test> {
	pool_events().pop().expect("an event")
}

fn pay(amount: Balance) -> PayoutReceipt<Balance> {
	<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, amount).expect("payout succeeds")
}

/// The existential deposit the first payer into a plan adds as its endowment.
const ED: Balance = 5;

mod deposits {
	use super::*;

	#[test]
	fn joining_deposits_into_the_keyless_pool() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 200);
			// The first payer also pays the pool's endowment: its existential deposit.
			assert_eq!(pool_balance(), 200 + ED);
			assert_eq!(books().endowment, ED);
			assert_eq!(Balances::balance(&1), STARTING_BALANCE - 200 - ED);
			assert_eq!(position(1).deposit, 200);
			assert!(matches!(position(1).cover, Cover::Covered { snapshot: 0, .. }));
			assert!(Pool::is_covered(PLAN, &1));
			assert_eq!(books().total_deposits, 200);
			assert_eq!(books().covered_members, 1);
			// Later payers pay only their deposit.
			join(PLAN, 2, 200);
			assert_eq!(Balances::balance(&2), STARTING_BALANCE - 200);
			assert_ne!(Pool::pool_account(PLAN), Pool::pool_account(1), "one account per plan");
		});
	}

	#[test]
	fn a_deposit_below_the_minimum_is_not_covered() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 119);
			assert_eq!(position(1).cover, Cover::Uncovered);
			assert!(!Pool::is_covered(PLAN, &1));
			assert_eq!(books().covered_members, 0);
			// The membership pallet lapses such a member when its waiting period ends.
			assert_ok!(MockStanding::deposit_exhausted(PLAN, &1));
			assert_ok!(Pool::deposit(signed(1), PLAN, 1));
			assert!(!is_lapsed(PLAN, 1), "topping up to the minimum cures");
			assert!(Pool::is_covered(PLAN, &1));
			assert_eq!(books().covered_members, 1);
		});
	}

	#[test]
	fn deposit_tops_up_and_checks() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Pool::deposit(signed(1), PLAN, 10), Error::<Test>::NoPosition);
			join(PLAN, 1, 150);
			assert_noop!(Pool::deposit(signed(1), PLAN, 0), Error::<Test>::ZeroAmount);
			assert_noop!(
				Pool::deposit(signed(1), PLAN, STARTING_BALANCE),
				TokenError::FundsUnavailable
			);
			assert_ok!(Pool::deposit(signed(1), PLAN, 30));
			assert_eq!(last_event(), Event::Deposited { plan: PLAN, who: 1, amount: 30 });
			assert_eq!(position(1).deposit, 180);
			assert_ok!(<Pool as MemberDeposits<_, _>>::member_exited(PLAN, &1));
			assert_noop!(Pool::deposit(signed(1), PLAN, 30), Error::<Test>::MemberExited);
		});
	}

	#[test]
	fn deposits_into_unknown_plans_fail() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				<Pool as MemberDeposits<_, _>>::deposit(7, &1, 100),
				Error::<Test>::PlanNotFound
			);
			assert_noop!(Pool::fund_reserve(signed(1), 7, 100), Error::<Test>::PlanNotFound);
		});
	}

	#[test]
	fn fund_reserve_works_and_checks() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Pool::fund_reserve(signed(1), PLAN, 0), Error::<Test>::ZeroAmount);
			assert_ok!(Pool::fund_reserve(signed(1), PLAN, 500));
			assert_eq!(last_event(), Event::ReserveFunded { plan: PLAN, who: 1, amount: 500 });
			assert_eq!(books().reserve, 500);
			assert_eq!(pool_balance(), 500 + ED);
		});
	}

	#[test]
	fn funds_moved_in_by_another_pallet_are_booked_as_reserve() {
		ExtBuilder::build_and_execute(|| {
			let pool = <Pool as PoolPayout<AccountId, Balance>>::pool_account(PLAN);
			assert_eq!(pool, Pool::pool_account(PLAN));
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::transfer(
				&1,
				&pool,
				300,
				frame_support::traits::tokens::Preservation::Preserve
			));
			assert_ok!(<Pool as PoolPayout<AccountId, Balance>>::reserve_credited(PLAN, 300));
			// A pool opened by a credit keeps its first existential deposit as endowment.
			assert_eq!(last_event(), Event::ReserveCredited { plan: PLAN, amount: 300 - ED });
			assert_eq!((books().reserve, books().endowment), (300 - ED, ED));
			assert_eq!(pool_balance(), 300);
			// Nothing to book, nothing changes; a missing plan has no pool.
			assert_ok!(<Pool as PoolPayout<AccountId, Balance>>::reserve_credited(PLAN, 0));
			assert_noop!(
				<Pool as PoolPayout<AccountId, Balance>>::reserve_credited(7, 1),
				Error::<Test>::PlanNotFound
			);
		});
	}

	#[test]
	fn the_fee_account_exists_from_genesis() {
		set_terms(PLAN, terms());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(1, STARTING_BALANCE)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		crate::GenesisConfig::<Test> { reserves: vec![(PLAN, 1, 1_000)], custodians: vec![] }
			.assimilate_storage(&mut storage)
			.unwrap();
		sp_io::TestExternalities::new(storage).execute_with(|| {
			assert_eq!(Balances::balance(&FEE_ACCOUNT), ED);
			assert_eq!(Balances::balance(&1), STARTING_BALANCE - 1_000 - ED);
			assert_eq!(
				Books::<Test>::get(PLAN).map(|b| (b.reserve, b.endowment)),
				Some((1_000, ED))
			);
		});
	}
}

mod sharing {
	use super::*;

	#[test]
	fn a_payout_is_shared_evenly_in_o1_and_settled_lazily() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=4 {
				join(PLAN, who, 1_000);
			}
			// Payout 200, fee 20: each of 4 members owes 55.
			let receipt = pay(200);
			assert_eq!(
				receipt,
				PayoutReceipt {
					paid: 200,
					share_per_member: 55,
					members: 4,
					from_reserve: 0,
					fee: 20
				}
			);
			assert_eq!(Balances::balance(&49), STARTING_BALANCE + 200);
			// Half of the fee to the reserve (target 10% of 4 000 leaves room), half to the fee
			// account.
			assert_eq!(books().reserve, 10);
			assert_eq!(Balances::balance(&FEE_ACCOUNT), ED + 10);
			assert_eq!(books().share_index, 55);
			assert_eq!(books().unsettled, 220);
			// Nobody's position was touched by the payout.
			assert_eq!(position(1).deposit, 1_000);
			assert_eq!(Pool::member_balance(PLAN, &1), Some((1_000, 55)));

			assert_ok!(Pool::settle(signed(9), PLAN, 1));
			assert_eq!(last_event(), Event::Settled { plan: PLAN, who: 1, owed: 55 });
			assert_eq!(position(1).deposit, 945);
			assert_eq!(books().unsettled, 165);
		});
	}

	#[test]
	fn settle_member_settles_and_tells_the_claims_pallet_the_deposit() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			join(PLAN, 2, 130);
			pay(200);
			let settle = |who| <Pool as PoolPayout<AccountId, Balance>>::settle_member(PLAN, &who);
			// Each owes 110 (the cap, 100, and the fee on it): settled before the claims pallet
			// decides.
			assert_eq!(settle(1), Ok(890));
			assert_eq!(position(1).deposit, 890);
			// A deposit that can no longer cover the minimum lapses the member.
			assert_eq!(settle(2), Ok(20));
			assert!(is_lapsed(PLAN, 2));
			assert_eq!(settle(3), Err(Error::<Test>::NoPosition.into()));
		});
	}

	#[test]
	fn members_joining_after_a_claim_never_pay_for_it() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			pay(100);
			join(PLAN, 2, 1_000);
			assert_eq!(Pool::member_balance(PLAN, &2), Some((1_000, 0)));
			pay(100);
			// Alone, member 1 paid the first claim up to its cap with the fee on top: 110.
			assert_eq!(Pool::member_balance(PLAN, &1), Some((1_000, 110 + 55)));
			assert_eq!(Pool::member_balance(PLAN, &2), Some((1_000, 55)));
		});
	}

	#[test]
	fn lapsed_members_do_not_share_claims_while_lapsed() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			join(PLAN, 2, 1_000);
			<Pool as MemberDeposits<_, _>>::cover_stopped(PLAN, &2);
			assert_eq!(books().covered_members, 1);
			assert!(!Pool::is_covered(PLAN, &2));
			pay(50);
			assert_eq!(Pool::member_balance(PLAN, &2), Some((1_000, 0)));
			<Pool as MemberDeposits<_, _>>::cover_started(PLAN, &2);
			pay(50);
			assert_eq!(Pool::member_balance(PLAN, &2), Some((1_000, 27)));
		});
	}

	#[test]
	fn caps_per_claim_and_year_move_the_rest_to_the_reserve_and_the_members_pay_the_fee() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			join(PLAN, 2, 1_000);
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 5_000));
			let fees_before = Balances::free_balance(FeeAccount::get());
			// Cost 1 100 / 2 = 550, capped at 100 per member for the payout plus the fee's 10 %
			// on top (`CappedFee::Members`): 110 each. The reserve pays 1 100 − 220 = 880; the
			// fee (100) is charged in full; the reserve is above target, so all of it goes to
			// the fee account.
			let receipt = pay(1_000);
			assert_eq!(
				(receipt.share_per_member, receipt.from_reserve, receipt.fee),
				(110, 880, 100)
			);
			assert_eq!(books().reserve, 4_120);
			assert_eq!(Balances::free_balance(FeeAccount::get()), fees_before + 100);
			pay(1_000);
			pay(1_000);
			// The year's cap (300, 330 with the fee) is reached: members pay nothing more this
			// year, and the reserve pays the payout and its fee.
			let receipt = pay(100);
			assert_eq!((receipt.share_per_member, receipt.from_reserve, receipt.fee), (0, 110, 10));
			// A new plan year starts at block 101.
			run_to_block(101);
			let receipt = pay(100);
			assert_eq!(receipt.share_per_member, 55);
		});
	}

	#[test]
	fn with_capped_fee_reserve_the_caps_bound_payout_and_fee_together() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			join(PLAN, 2, 1_000);
			let mut params = DefaultParams::get();
			params.capped_fee = CappedFee::Reserve;
			assert_ok!(Pool::set_pool_params(root(), PLAN, params));
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 5_000));
			// Capped at 100 each: the reserve pays the rest of payout and fee, 1 100 − 200.
			let receipt = pay(1_000);
			assert_eq!(
				(receipt.share_per_member, receipt.from_reserve, receipt.fee),
				(100, 900, 100)
			);
			assert_eq!(books().reserve, 4_100);
		});
	}

	#[test]
	fn the_payout_comes_before_the_fee_when_the_reserve_runs_short() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			join(PLAN, 2, 1_000);
			// Capped: 220 from the members; the reserve has 790 of the 880 it would pay. The
			// payout (1 000) is made, and the fee is what is left: 10 of 100.
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 790));
			let receipt = pay(1_000);
			assert_eq!(
				(receipt.share_per_member, receipt.from_reserve, receipt.fee),
				(110, 790, 10)
			);
			// 5 to the reserve (half the fee, room up to 10 % of 2 000 − 220), 5 to the fee
			// account.
			assert_eq!(books().reserve, 5);
			// The reserve cannot complete the next payout: it fails and changes nothing.
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 1_000),
				Error::<Test>::InsufficientReserve
			);
		});
	}

	#[test]
	fn rounding_goes_to_the_reserve_never_creates_money() {
		ExtBuilder::build_and_execute(|| {
			for who in 1..=3 {
				join(PLAN, who, 1_000);
			}
			// Cost 100 + 10 = 110; ⌊110 / 3⌋ = 36; 108 ≥ 100: without a reserve the fee
			// collected is 8, not 10.
			let receipt = pay(100);
			assert_eq!((receipt.share_per_member, receipt.fee, receipt.from_reserve), (36, 8, 0));
			// With a reserve, the reserve pays the 2 plancks of rounding: the fee is 10.
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 10));
			let receipt = pay(100);
			assert_eq!((receipt.share_per_member, receipt.fee, receipt.from_reserve), (36, 10, 2));
		});
	}

	#[test]
	fn below_the_minimum_a_member_is_not_covered_but_shares_claims_until_its_deposit_runs_out() {
		ExtBuilder::build_and_execute(|| {
			// Step width ⌊100 / 16⌋ = 6. Member 1's deposit (150) runs out at index 150: it is
			// counted in step ⌈150 / 6⌉ − 1 = 24, which starts at 144.
			join(PLAN, 1, 150);
			join(PLAN, 2, 1_000);
			assert_eq!(position(1).cover, Cover::Covered { snapshot: 0, lapse_step: 24 });
			assert_eq!(LapseSteps::<Test>::get(PLAN, 24), Some(LapseStep::Ahead { members: 1 }));
			assert!(Pool::is_covered(PLAN, &1));
			// 82 each (165 / 2): member 1 has 68 left, below the minimum (120). It is not covered
			// (no claim, jury seat or vote) — before anyone settles it — but still counted.
			let receipt = pay(150);
			assert_eq!((receipt.share_per_member, receipt.members), (82, 2));
			assert_eq!(Pool::member_balance(PLAN, &1), Some((150, 82)));
			assert!(!Pool::is_covered(PLAN, &1));
			assert!(!<Pool as MemberDeposits<_, _>>::is_sufficient(PLAN, &1, 120));
			assert_eq!(books().covered_members, 2);
			// So it shares the next claim, as any member would: it cannot shed a claim it saw
			// coming by letting its deposit run down.
			let receipt = pay(50);
			assert_eq!((receipt.share_per_member, receipt.members), (27, 2));
			assert_eq!(Pool::member_balance(PLAN, &1), Some((150, 109)));
			// Settling tells the membership pallet it lapsed; it stays counted.
			assert_ok!(Pool::settle(signed(9), PLAN, 1));
			assert!(is_lapsed(PLAN, 1), "the membership pallet was told");
			assert_eq!(position(1).deposit, 41);
			assert_eq!(books().covered_members, 2);
			// A claim of 110 (55 each) would take the index past 144, the start of its step:
			// member 1 pays 144 − 109 = 35 of it and stops sharing, keeping 6; member 2 pays
			// the other 75.
			let receipt = pay(100);
			assert_eq!(
				(receipt.share_per_member, receipt.members, receipt.from_reserve),
				(75, 2, 0)
			);
			assert_eq!(Pool::member_balance(PLAN, &1), Some((41, 35)));
			assert_eq!(Pool::member_balance(PLAN, &2), Some((1_000, 82 + 27 + 75)));
			assert_eq!(books().covered_members, 1);
			assert_eq!(
				LapseSteps::<Test>::get(PLAN, 24),
				Some(LapseStep::Passed { at: 144, members: 1 })
			);
			// The next claim is not charged to it.
			pay(10);
			assert_eq!(Pool::member_balance(PLAN, &1), Some((41, 35)));
			// Topping up to the minimum settles it (6 left), cures it and counts it again.
			assert_ok!(Pool::deposit(signed(1), PLAN, 114));
			assert_eq!(position(1).deposit, 120);
			assert!(!is_lapsed(PLAN, 1));
			assert!(Pool::is_covered(PLAN, &1));
			assert_eq!(books().covered_members, 2);
			assert_eq!(LapseSteps::<Test>::get(PLAN, 24), None, "its passed step is empty");
		});
	}

	/// Review finding: the only counted member settled itself after governance raised the
	/// cap, the steps were re-widened under it, and it was counted in a step that the next
	/// payout passed at once: it paid nothing of a claim already pending.
	#[test]
	fn a_settle_after_a_raised_cap_does_not_widen_the_steps_under_a_counted_member() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 150);
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 5_000));
			let mut raised = terms();
			raised.member_share_cap_per_claim = 3_200;
			raised.member_share_cap_per_year = 100_000;
			set_terms(PLAN, raised);
			assert_ok!(Pool::settle(signed(2), PLAN, 1));
			assert_eq!(books().step, 6, "the step it shares claims under");
			assert_eq!(books().covered_members, 1);
			// It pays the claim, to the start of its step (144), as it would without the settle.
			let receipt = pay(100);
			assert_eq!(receipt.share_per_member, 110);
			assert_eq!(Pool::member_balance(PLAN, &1), Some((150, 110)));
		});
	}

	#[test]
	fn no_payout_takes_a_member_past_its_deposit_the_others_and_the_reserve_pay_instead() {
		ExtBuilder::build_and_execute(|| {
			// Governance lowered the minimum below the share cap: a member's deposit could run
			// out within one claim.
			let mut low = terms();
			low.min_deposit = 10;
			set_terms(PLAN, low);
			join(PLAN, 1, 40);
			join(PLAN, 2, 1_000);
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 1_000));
			// 165 / 2 = 82 each, but member 1's deposit runs out at index 40: it pays up to the
			// start of its step, 36, and keeps 4. Member 2 pays the rest up to its cap (110);
			// the reserve pays the other 19.
			let receipt = pay(150);
			assert_eq!(
				(receipt.share_per_member, receipt.members, receipt.from_reserve, receipt.fee),
				(110, 2, 19, 15)
			);
			assert_eq!(Pool::member_balance(PLAN, &1), Some((40, 36)));
			assert_ok!(Pool::settle(signed(9), PLAN, 1));
			assert_eq!(position(1).deposit, 4);
			assert!(is_lapsed(PLAN, 1));
			// Nothing is ever owed that a deposit cannot pay: there is no deficit to share.
			let solvency = Pool::solvency(PLAN).expect("books");
			assert_eq!(
				solvency.pool_balance + solvency.unsettled,
				solvency.endowment + solvency.total_deposits + solvency.reserve
			);
		});
	}

	#[test]
	fn a_payout_passes_at_most_the_step_bound() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 10_000);
			// Governance raised the cap far above the one the books began with (step 6).
			let mut high = terms();
			high.member_share_cap_per_claim = 1_000;
			high.member_share_cap_per_year = 10_000;
			high.min_deposit = 1_100;
			set_terms(PLAN, high);
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 5_000));
			// A share of 1 000 would pass 167 steps: it stops after 32 (index 192).
			let receipt = pay(1_000);
			assert_eq!(receipt.share_per_member, 6 * MAX_STEPS_PER_PAYOUT as Balance);
			assert_eq!(books().next_step, MAX_STEPS_PER_PAYOUT as Balance);
		});
	}

	#[test]
	fn payout_errors_change_nothing() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 10),
				Error::<Test>::InsufficientReserve
			);
			join(PLAN, 1, 200);
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(7, &49, 10),
				Error::<Test>::PlanNotFound
			);
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 0),
				Error::<Test>::ZeroAmount
			);
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 10_001),
				Error::<Test>::PayoutAboveMaximum
			);
			// One member, capped at 100: 500 needs 400 from an empty reserve.
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 500),
				Error::<Test>::InsufficientReserve
			);
			assert_noop!(Pool::force_payout(signed(1), PLAN, 49, 10), DispatchError::BadOrigin);
			assert_ok!(Pool::force_payout(root(), PLAN, 49, 10));
			assert!(matches!(last_event(), Event::ClaimPaid { plan: PLAN, beneficiary: 49, .. }));
		});
	}

	#[test]
	fn share_warning_and_pause_above_threshold() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 1_000);
			join(PLAN, 2, 1_000);
			let mut params = DefaultParams::get();
			params.share_guard = ShareGuard::Warn { threshold: 60 };
			assert_ok!(Pool::set_pool_params(root(), PLAN, params.clone()));
			pay(100); // 55 each: below 60.
			assert!(!pool_events().iter().any(|e| matches!(e, Event::ShareWarning { .. })));
			pay(100); // 110 > 60: warned, still charged.
			assert!(pool_events().contains(&Event::ShareWarning {
				plan: PLAN,
				year_share: 110,
				threshold: 60
			}));
			assert_eq!(books().share_index, 110);
			params.share_guard = ShareGuard::Pause { threshold: 60 };
			assert_ok!(Pool::set_pool_params(root(), PLAN, params));
			// Paused: members are not charged further; the empty reserve cannot pay.
			assert_noop!(
				<Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 100),
				Error::<Test>::InsufficientReserve
			);
			// The reserve holds 100 and half of the two fees before (5 + 5): it pays the payout
			// and its fee.
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 100));
			let receipt = pay(100);
			assert_eq!((receipt.share_per_member, receipt.from_reserve, receipt.fee), (0, 110, 10));
		});
	}

	#[test]
	fn set_pool_params_checks() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Pool::set_pool_params(signed(1), PLAN, DefaultParams::get()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Pool::set_pool_params(root(), 7, DefaultParams::get()),
				Error::<Test>::PlanNotFound
			);
			let mut params = DefaultParams::get();
			params.reserve_fee_share = Permill::from_percent(100);
			assert_ok!(Pool::set_pool_params(root(), PLAN, params.clone()));
			assert_eq!(last_event(), Event::ParamsSet { plan: PLAN });
			assert_eq!(Pool::params(PLAN), params);
		});
	}

	#[test]
	fn settle_errors() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Pool::settle(signed(9), PLAN, 1), Error::<Test>::NoPosition);
		});
	}
}

mod withdrawals {
	use super::*;

	#[test]
	fn withdrawal_after_notice_keeps_the_minimum_while_a_member() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 300);
			assert_noop!(Pool::request_withdrawal(signed(1), PLAN, 0), Error::<Test>::ZeroAmount);
			assert_noop!(
				Pool::request_withdrawal(signed(1), PLAN, 181),
				Error::<Test>::WithdrawalTooLarge
			);
			assert_noop!(Pool::withdraw(signed(1), PLAN), Error::<Test>::NoWithdrawalRequested);
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 150));
			assert_eq!(
				last_event(),
				Event::WithdrawalRequested { plan: PLAN, who: 1, amount: 150, unlocks_at: 6 }
			);
			assert_noop!(Pool::withdraw(signed(1), PLAN), Error::<Test>::WithdrawalLocked);
			// A claim during the notice period is still shared: 44 owed leaves 136 available.
			pay(40);
			run_to_block(6);
			assert_ok!(Pool::withdraw(signed(1), PLAN));
			assert_eq!(last_event(), Event::Withdrawn { plan: PLAN, who: 1, amount: 136 });
			assert_eq!(position(1).deposit, 120);
			assert_eq!(position(1).withdrawal, None);
			assert!(Pool::is_covered(PLAN, &1), "still covered at the minimum");
			assert_eq!(Balances::balance(&1), STARTING_BALANCE - ED - 300 + 136);
		});
	}

	#[test]
	fn a_request_is_replaced_lowered_without_new_notice_and_cancelled() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 500);
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 300));
			run_to_block(4);
			// Lowered: the notice already served counts.
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 100));
			assert_eq!(
				last_event(),
				Event::WithdrawalRequested { plan: PLAN, who: 1, amount: 100, unlocks_at: 6 }
			);
			// Raised: a new notice.
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 200));
			assert_eq!(
				position(1).withdrawal,
				Some(PendingWithdrawal { amount: 200, unlocks_at: 9, expires_at: 29 })
			);
			assert_noop!(Pool::cancel_withdrawal(signed(2), PLAN), Error::<Test>::NoPosition);
			assert_ok!(Pool::cancel_withdrawal(signed(1), PLAN));
			assert_eq!(
				last_event(),
				Event::WithdrawalCancelled { plan: PLAN, who: 1, amount: 200 }
			);
			assert_noop!(
				Pool::cancel_withdrawal(signed(1), PLAN),
				Error::<Test>::NoWithdrawalRequested
			);
			run_to_block(9);
			assert_noop!(Pool::withdraw(signed(1), PLAN), Error::<Test>::NoWithdrawalRequested);
			assert_eq!(position(1).deposit, 500);
		});
	}

	#[test]
	fn exited_members_withdraw_everything() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 300);
			join(PLAN, 2, 300);
			<Pool as MemberDeposits<_, _>>::cover_stopped(PLAN, &1);
			assert_ok!(<Pool as MemberDeposits<_, _>>::member_exited(PLAN, &1));
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 300));
			run_to_block(6);
			assert_ok!(Pool::withdraw(signed(1), PLAN));
			assert!(Positions::<Test>::get(PLAN, 1).is_none(), "an emptied exited position goes");
			assert_eq!(Balances::balance(&1), STARTING_BALANCE - ED);
		});
	}

	#[test]
	fn a_run_on_the_pool_pays_everyone_what_it_holds_whoever_goes_first() {
		ExtBuilder::build_and_execute(|| {
			// Ten large depositors and twenty members at the minimum; claims far beyond what
			// the small deposits can pay.
			for who in 1..=10 {
				join(PLAN, who, 10_000);
			}
			for who in 11..=30 {
				join(PLAN, who, 130);
			}
			assert_ok!(Pool::fund_reserve(signed(40), PLAN, 2_000));
			for _ in 0..3 {
				let _ = <Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, 3_000);
			}
			// The small members stopped sharing after the first claim: nobody owes more than it
			// has, before anyone is settled.
			for who in 1..=30 {
				let (deposit, owed) = Pool::member_balance(PLAN, &who).expect("member");
				assert!(owed <= deposit, "member {who} owes {owed} of {deposit}");
			}
			// The large depositors exit and withdraw one after another: each receives all of
			// its deposit less its shares, the first as the last.
			let mut received = Vec::new();
			for who in 1..=10 {
				let (deposit, owed) = Pool::member_balance(PLAN, &who).expect("member");
				<Pool as MemberDeposits<_, _>>::cover_stopped(PLAN, &who);
				assert_ok!(<Pool as MemberDeposits<_, _>>::member_exited(PLAN, &who));
				assert_ok!(Pool::request_withdrawal(signed(who), PLAN, deposit - owed));
				received.push((who, deposit - owed));
			}
			run_to_block(6);
			for (who, expected) in received {
				let before = Balances::balance(&who);
				assert_ok!(Pool::withdraw(signed(who), PLAN));
				assert_eq!(Balances::balance(&who) - before, expected, "member {who}");
			}
			// The newcomers find a pool that owes them exactly what they put in.
			join(PLAN, 31, 500);
			assert_eq!(Pool::member_balance(PLAN, &31), Some((500, 0)));
		});
	}

	#[test]
	fn withdraw_errors() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Pool::request_withdrawal(signed(1), PLAN, 10), Error::<Test>::NoPosition);
			assert_noop!(Pool::withdraw(signed(1), PLAN), Error::<Test>::NoPosition);
			assert_noop!(Pool::cancel_withdrawal(signed(1), PLAN), Error::<Test>::NoPosition);
			assert_noop!(
				<Pool as MemberDeposits<_, _>>::member_exited(PLAN, &1),
				Error::<Test>::NoPosition
			);
		});
	}
}

mod custody {
	use super::*;

	fn custodians(
		accounts: &[AccountId],
	) -> frame_support::BoundedVec<AccountId, sp_core::ConstU32<5>> {
		accounts.to_vec().try_into().expect("within bound")
	}

	fn with_reserve_and_custodians() {
		assert_ok!(Pool::fund_reserve(signed(9), PLAN, 1_000));
		assert_ok!(Pool::set_custodians(root(), PLAN, custodians(&[11, 12, 13]), 2));
	}

	#[test]
	fn set_custodians_checks() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Pool::set_custodians(signed(1), PLAN, custodians(&[11]), 1),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Pool::set_custodians(root(), 7, custodians(&[11]), 1),
				Error::<Test>::PlanNotFound
			);
			for (set, threshold) in [(&[11, 12][..], 0), (&[11, 12], 3), (&[11, 11], 1), (&[], 1)] {
				assert_noop!(
					Pool::set_custodians(root(), PLAN, custodians(set), threshold),
					Error::<Test>::InvalidCustodianSet
				);
			}
			assert_ok!(Pool::set_custodians(root(), PLAN, custodians(&[11, 12]), 2));
			assert_eq!(
				last_event(),
				Event::CustodiansSet { plan: PLAN, custodians: 2, threshold: 2, version: 0 }
			);
		});
	}

	#[test]
	fn m_of_n_then_time_lock_then_execution() {
		ExtBuilder::build_and_execute(|| {
			with_reserve_and_custodians();
			assert_noop!(
				Pool::propose_spend(signed(1), PLAN, 40, 300, H256::zero()),
				Error::<Test>::NotCustodian
			);
			assert_noop!(
				Pool::propose_spend(signed(11), PLAN, 40, 0, H256::zero()),
				Error::<Test>::ZeroAmount
			);
			assert_ok!(Pool::propose_spend(signed(11), PLAN, 40, 300, H256::repeat_byte(1)));
			assert_noop!(Pool::execute_spend(signed(1), PLAN, 0), Error::<Test>::SpendNotApproved);
			assert_noop!(Pool::approve_spend(signed(11), PLAN, 0), Error::<Test>::AlreadyApproved);
			assert_noop!(Pool::approve_spend(signed(1), PLAN, 0), Error::<Test>::NotCustodian);
			assert_noop!(Pool::approve_spend(signed(12), PLAN, 9), Error::<Test>::SpendNotFound);
			assert_ok!(Pool::approve_spend(signed(12), PLAN, 0));
			assert_eq!(
				last_event(),
				Event::SpendScheduled { plan: PLAN, spend: 0, executable_at: 11 }
			);
			assert_noop!(
				Pool::approve_spend(signed(13), PLAN, 0),
				Error::<Test>::SpendAlreadyApproved
			);
			assert_noop!(Pool::execute_spend(signed(1), PLAN, 0), Error::<Test>::SpendLocked);
			run_to_block(11);
			assert_ok!(Pool::execute_spend(signed(1), PLAN, 0));
			assert_eq!(
				last_event(),
				Event::SpendExecuted { plan: PLAN, spend: 0, beneficiary: 40, amount: 300 }
			);
			assert_eq!(books().reserve, 700);
			assert_eq!(Balances::balance(&40), STARTING_BALANCE + 300);
			assert_noop!(Pool::execute_spend(signed(1), PLAN, 0), Error::<Test>::SpendNotFound);
		});
	}

	#[test]
	fn spends_come_only_from_the_reserve() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 5_000);
			with_reserve_and_custodians();
			assert_ok!(Pool::propose_spend(signed(11), PLAN, 40, 1_001, H256::zero()));
			assert_ok!(Pool::approve_spend(signed(12), PLAN, 0));
			run_to_block(11);
			assert_noop!(
				Pool::execute_spend(signed(1), PLAN, 0),
				Error::<Test>::InsufficientReserve
			);
		});
	}

	#[test]
	fn governance_vetoes_during_the_time_lock() {
		ExtBuilder::build_and_execute(|| {
			with_reserve_and_custodians();
			assert_ok!(Pool::propose_spend(signed(11), PLAN, 40, 300, H256::zero()));
			assert_ok!(Pool::approve_spend(signed(12), PLAN, 0));
			assert_noop!(Pool::veto_spend(signed(11), PLAN, 0), DispatchError::BadOrigin);
			assert_noop!(Pool::veto_spend(root(), PLAN, 5), Error::<Test>::SpendNotFound);
			assert_ok!(Pool::veto_spend(root(), PLAN, 0));
			assert_eq!(last_event(), Event::SpendVetoed { plan: PLAN, spend: 0 });
			run_to_block(11);
			assert_noop!(Pool::execute_spend(signed(1), PLAN, 0), Error::<Test>::SpendNotFound);
		});
	}

	#[test]
	fn rotation_voids_old_proposals_and_expiry_removes_them() {
		ExtBuilder::build_and_execute(|| {
			with_reserve_and_custodians();
			assert_ok!(Pool::propose_spend(signed(11), PLAN, 40, 300, H256::zero()));
			assert_ok!(Pool::approve_spend(signed(12), PLAN, 0));
			assert_ok!(Pool::propose_spend(signed(11), PLAN, 41, 100, H256::zero()));
			assert_noop!(Pool::remove_spend(signed(1), PLAN, 1), Error::<Test>::SpendStillOpen);
			// Rotating the custodians moves no funds and voids both proposals.
			let pool_before = pool_balance();
			assert_ok!(Pool::set_custodians(root(), PLAN, custodians(&[12, 14]), 1));
			assert_eq!(pool_balance(), pool_before);
			run_to_block(11);
			assert_noop!(Pool::execute_spend(signed(1), PLAN, 0), Error::<Test>::StaleSpend);
			assert_ok!(Pool::remove_spend(signed(1), PLAN, 0));
			assert_eq!(last_event(), Event::SpendRemoved { plan: PLAN, spend: 0 });
			// A new custodian alone (threshold 1) schedules at once; it expires after 50 blocks.
			assert_ok!(Pool::propose_spend(signed(14), PLAN, 40, 100, H256::zero()));
			run_to_block(61);
			assert_noop!(Pool::execute_spend(signed(1), PLAN, 2), Error::<Test>::SpendExpired);
			assert_noop!(Pool::approve_spend(signed(12), PLAN, 2), Error::<Test>::SpendExpired);
			assert_ok!(Pool::remove_spend(signed(1), PLAN, 2));
			assert_noop!(Pool::remove_spend(signed(1), PLAN, 2), Error::<Test>::SpendNotFound);
		});
	}

	#[test]
	fn no_custodians_no_spends() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Pool::propose_spend(signed(11), PLAN, 40, 1, H256::zero()),
				Error::<Test>::NoCustodians
			);
		});
	}
}

/// The attacks of the first review of the lapse steps, each now failing.
mod attacks {
	use super::*;

	/// With a minimum below the step width (caps lowered since the books' steps were made), a
	/// member is still never charged past its deposit: it needs a step's worth to be covered,
	/// and every member lasts beyond the start of its step.
	#[test]
	fn a_minimum_below_the_step_width_never_overcharges() {
		ExtBuilder::build_and_execute(|| {
			let mut t = terms();
			t.member_share_cap_per_claim = 3_200;
			t.member_share_cap_per_year = 100_000;
			t.min_deposit = 3_400;
			set_terms(PLAN, t.clone());
			join(PLAN, 2, 100_000);
			assert_eq!(books().step, 200);
			t.member_share_cap_per_claim = 100;
			t.min_deposit = 110;
			set_terms(PLAN, t);
			pay(1);
			// 110 is the minimum but less than one step: not covered until it has a step.
			join(PLAN, 1, 110);
			assert!(!Pool::is_covered(PLAN, &1));
			assert!(!<Pool as MemberDeposits<_, _>>::is_sufficient(PLAN, &1, 110));
			// The membership pallet lapses it; a top-up to a step's worth cures it.
			assert_ok!(MockStanding::deposit_exhausted(PLAN, &1));
			assert_ok!(Pool::deposit(signed(1), PLAN, 100));
			assert!(Pool::is_covered(PLAN, &1));
			pay(200);
			pay(100);
			let (deposit, owed) = Pool::member_balance(PLAN, &1).expect("member");
			assert!(owed <= deposit, "owes {owed} of {deposit}");
			// Member 2 leaves with all it has; the pool holds it.
			<Pool as MemberDeposits<_, _>>::cover_stopped(PLAN, &2);
			assert_ok!(<Pool as MemberDeposits<_, _>>::member_exited(PLAN, &2));
			assert_ok!(Pool::request_withdrawal(signed(2), PLAN, position(2).deposit));
			run_to_block(10);
			assert_ok!(Pool::withdraw(signed(2), PLAN));
		});
	}

	/// Opening a plan's books early (a donation) does not freeze the step width: while no step
	/// counts anyone, it follows the plan's cap.
	#[test]
	fn the_step_width_follows_the_cap_until_members_are_counted() {
		ExtBuilder::build_and_execute(|| {
			let mut t = terms();
			t.member_share_cap_per_claim = 16;
			t.min_deposit = 20;
			set_terms(PLAN, t.clone());
			assert_ok!(Pool::fund_reserve(signed(7), PLAN, 1));
			assert_eq!(books().step, 1);
			t.member_share_cap_per_claim = 1_000;
			t.member_share_cap_per_year = 100_000;
			t.min_deposit = 1_100;
			set_terms(PLAN, t);
			for who in 1..=10 {
				join(PLAN, who, 50_000);
			}
			assert_eq!(books().step, 62);
			assert_ok!(Pool::fund_reserve(signed(9), PLAN, 100_000));
			// 11 000 / 10 = 1 100: the cap with the fee on top, over ⌈1 100 / 62⌉ = 18 steps.
			let receipt = pay(10_000);
			assert_eq!((receipt.share_per_member, receipt.from_reserve), (1_100, 0));
		});
	}

	/// An announced withdrawal cannot be kept standing to leave at a moment of one's choosing.
	#[test]
	fn a_standing_withdrawal_expires() {
		ExtBuilder::build_and_execute(|| {
			join(PLAN, 1, 10_000);
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 9_880));
			run_to_block(1_000);
			assert_noop!(Pool::withdraw(signed(1), PLAN), Error::<Test>::WithdrawalExpired);
			// Lowering an expired request does not keep its old notice.
			assert_ok!(Pool::request_withdrawal(signed(1), PLAN, 100));
			assert_eq!(
				position(1).withdrawal,
				Some(PendingWithdrawal { amount: 100, unlocks_at: 1_005, expires_at: 1_025 })
			);
		});
	}

	/// The migration shares an old deficit exactly, however large the deposits.
	#[test]
	fn the_migration_shares_a_small_deficit_of_large_deposits() {
		use crate::migrations::v1::{old, MigrateToV1};
		use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
		ExtBuilder::build_and_execute(|| {
			StorageVersion::new(0).put::<Pallet<Test>>();
			let pool = Pool::pool_account(PLAN);
			let d: Balance = 10_000_000_000;
			<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&pool, 2 * d - 7);
			old::Books::<Test>::insert(
				PLAN,
				old::PlanBooks { total_deposits: 2 * d, deficit: 7, ..Default::default() },
			);
			for who in [1, 2] {
				old::Positions::<Test>::insert(
					PLAN,
					who,
					old::MemberPosition { deposit: d, covered: true, ..Default::default() },
				);
			}
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(books().total_deposits, 2 * d - 7);
			let cuts = [d - position(1).deposit, d - position(2).deposit];
			assert!(cuts.contains(&4) && cuts.contains(&3), "7 shared as 4 and 3: {cuts:?}");
		});
	}
}

mod properties {
	use super::*;
	use proptest::prelude::*;
	use std::collections::BTreeMap;

	/// One step of a random history.
	#[derive(Clone, Debug)]
	enum Step {
		Join(AccountId, Balance),
		TopUp(AccountId, Balance),
		Payout(Balance),
		Settle(AccountId),
		Lapse(AccountId),
		Cure(AccountId),
		Exit(AccountId),
		RequestWithdrawal(AccountId, Balance),
		CancelWithdrawal(AccountId),
		Withdraw(AccountId),
		FundReserve(Balance),
		Advance(u64),
		/// Governance sets the share cap per claim and the minimum (at least the cap and a
		/// sixteenth, as the membership pallet requires).
		Terms(Balance, Balance),
		/// Governance sets who pays the fee of a capped payout.
		CappedFee(CappedFee),
	}

	fn step() -> impl Strategy<Value = Step> {
		let member = 1u128..=8;
		prop_oneof![
			(member.clone(), 1u64..2_000).prop_map(|(w, a)| Step::Join(w, a)),
			(member.clone(), 1u64..500).prop_map(|(w, a)| Step::TopUp(w, a)),
			(1u64..3_000).prop_map(Step::Payout),
			(1u64..3_000).prop_map(Step::Payout),
			member.clone().prop_map(Step::Settle),
			member.clone().prop_map(Step::Lapse),
			member.clone().prop_map(Step::Cure),
			member.clone().prop_map(Step::Exit),
			(member.clone(), 1u64..1_500).prop_map(|(w, a)| Step::RequestWithdrawal(w, a)),
			member.clone().prop_map(Step::CancelWithdrawal),
			member.prop_map(Step::Withdraw),
			(1u64..1_000).prop_map(Step::FundReserve),
			(1u64..60).prop_map(Step::Advance),
			(1u64..3_200, 0u64..500).prop_map(|(cap, extra)| Step::Terms(cap, extra)),
			prop_oneof![Just(CappedFee::Members), Just(CappedFee::Reserve)]
				.prop_map(Step::CappedFee),
		]
	}

	/// Whether `who` shares the next claim.
	fn counted(who: AccountId) -> bool {
		match (Books::<Test>::get(PLAN), Positions::<Test>::get(PLAN, who)) {
			(Some(books), Some(position)) => Pool::owed(PLAN, &books, &position).1,
			_ => false,
		}
	}

	/// `who`'s tokens outside the pool.
	fn free(who: AccountId) -> Balance {
		Balances::balance(&who)
	}

	proptest! {
		#![proptest_config(ProptestConfig {
			cases: std::env::var("POOL_PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200),
			..ProptestConfig::default()
		})]

		/// For random joins, deposits, payouts, settlements, lapses, cures, exits, withdrawal
		/// requests, cancellations and withdrawals: after every step the books balance to the
		/// planck, the pool account is never dust, and no member owes more than its deposit;
		/// at the end every member was charged exactly the shares of the claims paid while it
		/// was counted (nothing for claims before it joined or after its step passed), and
		/// every token a member paid in is either charged, withdrawn or still its deposit.
		#[test]
		fn books_balance_and_members_pay_exactly_their_shares(steps in prop::collection::vec(step(), 1..80)) {
			ExtBuilder::build().execute_with(|| {
				let mut expected: BTreeMap<AccountId, Balance> = Default::default();
				let start: BTreeMap<AccountId, Balance> = (1..=8u128).map(|w| (w, free(w))).collect();
				for step in steps {
					match step {
						Step::Join(who, amount) => {
							if Positions::<Test>::get(PLAN, who).is_none_or(|p| p.tenure == Tenure::Exited)
								&& <Pool as MemberDeposits<_, _>>::deposit(PLAN, &who, amount).is_ok()
							{
								<Pool as MemberDeposits<_, _>>::cover_started(PLAN, &who);
							}
						},
						Step::TopUp(who, amount) => { let _ = Pool::deposit(signed(who), PLAN, amount); },
						Step::Payout(amount) => {
							let members: Vec<AccountId> = (1..=8).filter(|w| counted(*w)).collect();
							let owed = |who: AccountId| Pool::member_balance(PLAN, &who).map(|(_, owed)| owed).unwrap_or_default();
							let before: BTreeMap<AccountId, Balance> = members.iter().map(|w| (*w, owed(*w))).collect();
							let unsettled = Books::<Test>::get(PLAN).map(|b| b.unsettled).unwrap_or_default();
							let reserve = Books::<Test>::get(PLAN).map(|b| b.reserve).unwrap_or_default();
							let fee = terms().management_fee.mul_floor(amount);
							if let Ok(receipt) = <Pool as PoolPayout<_, _>>::pay_claim(PLAN, &49, amount) {
								prop_assert_eq!(receipt.members as usize, members.len());
								// Each member pays the share, or — if its deposit runs out within
								// it — less, and then stops sharing; together what was charged.
								let mut charged = 0;
								for who in members {
									let paid = owed(who) - before[&who];
									prop_assert!(paid <= receipt.share_per_member);
									if counted(who) {
										prop_assert_eq!(paid, receipt.share_per_member);
									}
									charged += paid;
									*expected.entry(who).or_default() += paid;
								}
								let books = Books::<Test>::get(PLAN).expect("books");
								prop_assert_eq!(books.unsettled - unsettled, charged);
								// The fee is charged on every paid case, capped or not, unless
								// the reserve ran out completing the payout.
								prop_assert_eq!(receipt.from_reserve, (amount + fee - charged).min(reserve));
								if receipt.from_reserve < reserve {
									prop_assert_eq!(receipt.fee, fee);
								}
							}
						},
						Step::Settle(who) => { let _ = Pool::settle(signed(who), PLAN, who); },
						Step::Lapse(who) => <Pool as MemberDeposits<_, _>>::cover_stopped(PLAN, &who),
						Step::Cure(who) => {
							if Positions::<Test>::get(PLAN, who).is_some_and(|p| p.tenure == Tenure::Member) {
								<Pool as MemberDeposits<_, _>>::cover_started(PLAN, &who);
							}
						},
						Step::Exit(who) => {
							if Positions::<Test>::get(PLAN, who).is_some_and(|p| p.tenure == Tenure::Member) {
								let _ = <Pool as MemberDeposits<_, _>>::member_exited(PLAN, &who);
							}
						},
						Step::RequestWithdrawal(who, amount) => { let _ = Pool::request_withdrawal(signed(who), PLAN, amount); },
						Step::CancelWithdrawal(who) => { let _ = Pool::cancel_withdrawal(signed(who), PLAN); },
						Step::Withdraw(who) => { let _ = Pool::withdraw(signed(who), PLAN); },
						Step::FundReserve(amount) => { let _ = Pool::fund_reserve(signed(9), PLAN, amount); },
						Step::Advance(blocks) => run_to_block(System::block_number() + blocks),
						Step::Terms(cap, extra) => {
							let mut changed = terms();
							changed.member_share_cap_per_claim = cap;
							changed.member_share_cap_per_year = cap * 3;
							changed.min_deposit = cap + cap / 16 + extra;
							set_terms(PLAN, changed);
						},
						Step::CappedFee(capped_fee) => {
							let params = PoolParams { capped_fee, ..Pool::params(PLAN) };
							assert_ok!(Pool::set_pool_params(root(), PLAN, params));
						},
					}
					Pool::do_try_state().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
					assert_books_exact();
					for who in 1..=8u128 {
						if let Some((deposit, owed)) = Pool::member_balance(PLAN, &who) {
							prop_assert!(owed <= deposit, "member {} owes {} of {}", who, owed, deposit);
						}
					}
				}
				// What each member paid in, less what it has back, less its deposit, plus what it
				// still owes, is what it was charged: exactly its shares.
				let endowment_payer = Books::<Test>::get(PLAN).map(|b| b.endowment).unwrap_or_default();
				let mut endowment_seen = false;
				for who in 1..=8u128 {
					let (deposit, owed) = Pool::member_balance(PLAN, &who).unwrap_or_default();
					let spent = start[&who] - free(who);
					// The first payer into the plan also paid the endowment.
					let charged_with_endowment = spent - deposit + owed;
					let shares = expected.get(&who).copied().unwrap_or_default();
					if charged_with_endowment == shares {
						continue;
					}
					prop_assert!(!endowment_seen && charged_with_endowment == shares + endowment_payer,
						"member {} was charged {} for shares of {}", who, charged_with_endowment, shares);
					endowment_seen = true;
				}
				Ok(())
			})?;
		}
	}
}
