//! Benchmarks of every call, each at its worst case. They use plan 0, which must exist (Huzhu's
//! development genesis and the mock both create it).
//!
//! `force_payout(m)` pays a claim in a plan with `m` covered members, from 32 to 100 000, passing
//! the most lapse steps a payout passes, each holding members: its weight does not depend on `m`
//! (the payout touches the plan's books and those steps), which
//! `scripts/bench-payout-scaling.sh` prints.

use super::*;
use crate::Pallet as Pool;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::{Bounded, Zero};

/// The plan the benchmarks use.
const PLAN: PlanId = 0;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn terms<T: Config>() -> PlanTerms<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>> {
	T::Plans::plan_terms(PLAN).expect("benchmarks need plan 0")
}

/// A plenty deposit: far above the plan's minimum and any share the benchmarks charge.
fn plenty<T: Config>() -> BalanceOf<T> {
	terms::<T>().min_deposit.max(1u32.into()) * 1_000u32.into()
}

/// A covered member with a plenty deposit.
fn covered_member<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("member", index);
	Pool::<T>::do_deposit(PLAN, &who, plenty::<T>()).expect("funded");
	Pool::<T>::do_cover_started(PLAN, &who).expect("books agree");
	who
}

/// Makes the covered members owe a share (a paid claim).
fn charge_a_claim<T: Config>() {
	let funder = funded::<T>("funder", 0);
	Pool::<T>::do_fund_reserve(&funder, PLAN, plenty::<T>()).expect("funded");
	Pool::<T>::do_pay_claim(PLAN, &funder, terms::<T>().member_share_cap_per_claim)
		.expect("the pool can pay");
}

/// `m` covered members of plan 0 written straight into storage (with their deposits in the
/// pool account), as if they had joined one by one, and `BENCHMARKED_MEMBERS − m` positions
/// in another plan: the state has the same size for every `m`, so the measurement isolates
/// the number of members sharing the claim from the size of the trie. The members are spread
/// over [`MAX_STEPS_PER_PAYOUT`] lapse steps, each as wide as a `share`-th of the
/// steps, so that the payout of a claim whose share is `share` passes all of them (its worst
/// case).
fn many_covered_members<T: Config>(m: u32, share: BalanceOf<T>) {
	let mut books = Books::<T>::get(PLAN).unwrap_or_default();
	books.step = (share / MAX_STEPS_PER_PAYOUT.into()).max(1u32.into());
	books.next_step = Pool::<T>::step_of(&books, books.share_index);
	let mut total: BalanceOf<T> = Zero::zero();
	let mut steps: Vec<(BalanceOf<T>, u32)> = Vec::new();
	for index in 0..BENCHMARKED_MEMBERS {
		let who: T::AccountId = account("many", index, 0);
		if index >= m {
			Positions::<T>::insert(PLAN + 1, who, MemberPosition::default());
			continue;
		}
		let offset = books.next_step + (index % MAX_STEPS_PER_PAYOUT).into();
		// Its deposit runs out just past the start of its step.
		let deposit = offset * books.step + 1u32.into() - books.share_index;
		let lapse_step = offset;
		match steps.iter_mut().find(|(step, _)| *step == lapse_step) {
			Some(entry) => entry.1 += 1,
			None => steps.push((lapse_step, 1)),
		}
		Positions::<T>::insert(
			PLAN,
			who,
			MemberPosition {
				deposit,
				cover: Cover::Covered { snapshot: books.share_index, lapse_step },
				tenure: Tenure::Member,
				withdrawal: None,
			},
		);
		total += deposit;
	}
	for (step, members) in steps {
		LapseSteps::<T>::insert(PLAN, step, LapseStep::Ahead { members });
	}
	books.total_deposits += total;
	books.covered_members += m;
	let pool = Pool::<T>::pool_account(PLAN);
	if !Books::<T>::contains_key(PLAN) {
		frame_system::Pallet::<T>::inc_providers(&pool);
		books.endowment = T::Currency::minimum_balance();
		total += books.endowment;
	}
	Books::<T>::insert(PLAN, books);
	T::Currency::set_balance(&pool, T::Currency::balance(&pool) + total);
}

fn custodians<T: Config>(n: u32) -> BoundedVec<T::AccountId, T::MaxCustodians> {
	(0..n).map(|i| funded::<T>("custodian", i)).collect::<Vec<_>>().try_into().expect("bound")
}

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A funded reserve, `MaxCustodians` custodians with threshold 2, and a proposal by the first.
fn proposed_spend<T: Config>() -> (BoundedVec<T::AccountId, T::MaxCustodians>, SpendId) {
	let funder = funded::<T>("funder", 0);
	Pool::<T>::do_fund_reserve(&funder, PLAN, plenty::<T>()).expect("funded");
	let set = custodians::<T>(T::MaxCustodians::get());
	let threshold = 2.min(T::MaxCustodians::get());
	Pool::<T>::do_set_custodians(PLAN, set.clone(), threshold).expect("valid set");
	let spend = NextSpendId::<T>::get();
	Pool::<T>::do_propose_spend(&set[0], PLAN, funder, terms::<T>().min_deposit, H256::zero())
		.expect("custodian");
	(set, spend)
}

#[benchmarks(where T: Config)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn deposit() {
		let who = covered_member::<T>(0);
		charge_a_claim::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), PLAN, terms::<T>().min_deposit);
		assert!(
			Positions::<T>::get(PLAN, &who).expect("member").deposit > plenty::<T>() / 2u32.into()
		);
	}

	#[benchmark]
	fn request_withdrawal() {
		let who = covered_member::<T>(0);
		charge_a_claim::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), PLAN, terms::<T>().min_deposit);
		assert!(Positions::<T>::get(PLAN, &who).expect("member").withdrawal.is_some());
	}

	#[benchmark]
	fn cancel_withdrawal() {
		let who = covered_member::<T>(0);
		Pool::<T>::do_request_withdrawal(&who, PLAN, terms::<T>().min_deposit).expect("room");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), PLAN);
		assert!(Positions::<T>::get(PLAN, &who).expect("member").withdrawal.is_none());
	}

	#[benchmark]
	fn withdraw() {
		let who = covered_member::<T>(0);
		Pool::<T>::do_request_withdrawal(&who, PLAN, terms::<T>().min_deposit).expect("room");
		charge_a_claim::<T>();
		let later = crate::Pallet::<T>::now() + Pool::<T>::params(PLAN).notice_period;
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			later,
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), PLAN);
		assert!(Positions::<T>::get(PLAN, &who).expect("member").withdrawal.is_none());
	}

	#[benchmark]
	fn settle() {
		let who = covered_member::<T>(0);
		charge_a_claim::<T>();
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), PLAN, who.clone());
		assert!(Pool::<T>::member_balance(PLAN, &who).expect("member").1.is_zero());
	}

	#[benchmark]
	fn fund_reserve() {
		let who = funded::<T>("donor", 0);
		let before = Books::<T>::get(PLAN).map(|books| books.reserve).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), PLAN, plenty::<T>());
		assert_eq!(Books::<T>::get(PLAN).expect("books").reserve, before + plenty::<T>());
	}

	#[benchmark]
	fn set_pool_params() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let params = T::DefaultPoolParams::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PLAN, params.clone());
		assert_eq!(Params::<T>::get(PLAN), Some(params));
		Ok(())
	}

	/// Paying a claim in a plan with `m` covered members, passing the most lapse steps a payout
	/// can pass.
	#[benchmark]
	fn force_payout(m: Linear<{ MAX_STEPS_PER_PAYOUT }, 100_000>) -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let terms = terms::<T>();
		let amount = terms.max_payout_per_claim;
		let cost = amount + terms.management_fee.mul_floor(amount);
		let share = (cost / m.into()).min(terms.member_share_cap_per_claim);
		many_covered_members::<T>(m, share);
		let funder = funded::<T>("funder", 0);
		Pool::<T>::do_fund_reserve(&funder, PLAN, amount).expect("funded");
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PLAN, beneficiary, amount);
		let books = Books::<T>::get(PLAN).expect("books");
		assert!(books.covered_members < m || share < MAX_STEPS_PER_PAYOUT.into());
		assert_eq!(books.total_paid_out, amount);
		Ok(())
	}

	#[benchmark]
	fn set_custodians(n: Linear<1, { T::MaxCustodians::get() }>) -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let set = custodians::<T>(n);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PLAN, set, n);
		assert_eq!(Custodians::<T>::get(PLAN).expect("set").custodians.len() as u32, n);
		Ok(())
	}

	#[benchmark]
	fn propose_spend() {
		let funder = funded::<T>("funder", 0);
		Pool::<T>::do_fund_reserve(&funder, PLAN, plenty::<T>()).expect("funded");
		let set = custodians::<T>(T::MaxCustodians::get());
		Pool::<T>::do_set_custodians(PLAN, set.clone(), 1).expect("valid set");
		let spend = NextSpendId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(set[0].clone()), PLAN, funder, terms::<T>().min_deposit, H256::zero());
		assert!(Spends::<T>::contains_key(PLAN, spend));
	}

	#[benchmark]
	fn approve_spend() {
		let (set, spend) = proposed_spend::<T>();
		let approver = set.get(1).cloned().unwrap_or_else(|| set[0].clone());
		#[extrinsic_call]
		_(RawOrigin::Signed(approver), PLAN, spend);
		assert!(matches!(
			Spends::<T>::get(PLAN, spend).expect("open").status,
			SpendStatus::Approved { .. }
		));
	}

	#[benchmark]
	fn veto_spend() -> Result<(), BenchmarkError> {
		let origin =
			T::VetoOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, spend) = proposed_spend::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PLAN, spend);
		assert!(!Spends::<T>::contains_key(PLAN, spend));
		Ok(())
	}

	#[benchmark]
	fn execute_spend() {
		let (set, spend) = proposed_spend::<T>();
		if let Some(second) = set.get(1) {
			Pool::<T>::do_approve_spend(second, PLAN, spend).expect("custodian");
		}
		let later = crate::Pallet::<T>::now() + T::SpendTimeLock::get();
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			later,
		);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), PLAN, spend);
		assert!(!Spends::<T>::contains_key(PLAN, spend));
	}

	#[benchmark]
	fn remove_spend() {
		let (_, spend) = proposed_spend::<T>();
		let later = crate::Pallet::<T>::now() + T::SpendLifetime::get();
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			later,
		);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), PLAN, spend);
		assert!(!Spends::<T>::contains_key(PLAN, spend));
	}

	impl_benchmark_test_suite!(Pool, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
