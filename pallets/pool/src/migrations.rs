//! Storage migrations of the pool pallet.
//!
//! - [`v1::MigrateToV1`] (storage version 0 → 1): positions carry their [`Cover`], [`Tenure`]
//!   and [`PendingWithdrawal`] as types instead of two booleans and a tuple; covered members are
//!   counted in [`LapseSteps`]; books lose `deficit` and gain the lapse-step fields and the
//!   `endowment`. Every member is settled on the way. What version 0 had booked as deficit (and
//!   what members owed beyond their deposits) is shared pro rata to the deposits, as a
//!   haircut, so that the books balance with no deficit; each pool account is endowed with the
//!   existential deposit (minted), and so is the fee account if it lacks one. It reads every
//!   position once: a chain with many members runs it as a multi-block migration.
//! - [`v2::MigrateToV2`] (storage version 1 → 2): [`PoolParams`] say the share guard as a
//!   [`ShareGuard`] instead of a threshold and a boolean, and gain [`PoolParams::capped_fee`]. A
//!   plan's parameters set before keep the payouts they had for members: [`CappedFee::Reserve`]
//!   (the caps bound payout and fee together; the reserve now also pays the fee). One read and
//!   write per plan with parameters set.
//! - [`v3::MigrateToV3`] (storage version 2 → 3): members are counted to the last lapse step
//!   below the point where their deposit runs out, instead of to the plan's minimum, and a
//!   lapse step no longer keeps an exhaustion point. Every counted member is settled (what it
//!   owes under version 2's steps) and counted afresh in its new step; the steps are rebuilt.
//!   Members version 2 had stopped counting (their deposit had reached the minimum) stay
//!   uncounted until they top up or are covered again. It reads every position once: a chain
//!   with many members runs it as a multi-block migration.

use crate::{pallet::*, *};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::{
	migrations::VersionedMigration,
	traits::{
		fungible::{Inspect, Mutate},
		Get, UncheckedOnRuntimeUpgrade,
	},
	weights::Weight,
};

/// Version 1: typed positions, lapse steps, no deficit, endowed pool accounts.
pub mod v1 {
	use super::*;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, Blake2_128Concat, Twox64Concat};
	use scale_info::TypeInfo;
	use sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
		Rounding,
	};

	/// The types as version 0 stored them.
	pub mod old {
		use super::*;

		#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct PlanBooks<Balance, BlockNumber> {
			pub total_deposits: Balance,
			pub unsettled: Balance,
			pub reserve: Balance,
			pub deficit: Balance,
			pub share_index: Balance,
			pub covered_members: u32,
			pub year_started_at: BlockNumber,
			pub year_start_index: Balance,
			pub total_paid_out: Balance,
			pub total_fees: Balance,
		}

		#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct MemberPosition<Balance, BlockNumber> {
			pub deposit: Balance,
			pub share_snapshot: Balance,
			pub covered: bool,
			pub exited: bool,
			pub pending_withdrawal: Option<(Balance, BlockNumber)>,
		}

		/// Version 0's books, under the storage name of the new ones.
		#[storage_alias]
		pub type Books<T: Config> = StorageMap<
			Pallet<T>,
			Twox64Concat,
			PlanId,
			PlanBooks<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>,
		>;

		/// Version 0's positions, under the storage name of the new ones.
		#[storage_alias]
		pub type Positions<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			PlanId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			MemberPosition<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>,
		>;
	}

	/// A position on its way through the migration.
	struct Moving<T: Config> {
		who: T::AccountId,
		deposit: BalanceOf<T>,
		covered: bool,
		exited: bool,
		withdrawal: Option<PendingWithdrawalOf<T>>,
	}

	/// Version 0 → 1 (see the module docs).
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			let existential = T::Currency::minimum_balance();
			let fee_account = T::FeeAccount::get();
			let missing = existential.saturating_sub(T::Currency::balance(&fee_account));
			if !missing.is_zero() {
				let _ = T::Currency::mint_into(&fee_account, missing);
				writes += 1;
			}
			let books: BTreeMap<PlanId, _> = old::Books::<T>::drain().collect();
			let mut positions: BTreeMap<PlanId, Vec<Moving<T>>> = BTreeMap::new();
			for (plan, who, position) in old::Positions::<T>::drain() {
				reads += 1;
				// Settled on the way: what it owes comes off its deposit (at most all of it).
				let index = books.get(&plan).map(|old| old.share_index).unwrap_or_default();
				let owed = if position.covered {
					index.saturating_sub(position.share_snapshot)
				} else {
					Zero::zero()
				};
				positions.entry(plan).or_default().push(Moving {
					who,
					deposit: position.deposit.saturating_sub(owed),
					covered: position.covered,
					exited: position.exited,
					withdrawal: position.pending_withdrawal.map(|(amount, unlocks_at)| {
						PendingWithdrawal {
							amount,
							unlocks_at,
							expires_at: unlocks_at.saturating_add(T::WithdrawalWindow::get()),
						}
					}),
				});
			}
			for (plan, old) in books {
				reads += 1;
				let mut members = positions.remove(&plan).unwrap_or_default();
				let terms = Pallet::<T>::cover_terms(plan);
				// Everything owed is now settled: what deposits lacked beyond the reserve, plus the
				// old deficit, is a loss shared pro rata to the deposits.
				let deposits: BalanceOf<T> =
					members.iter().fold(Zero::zero(), |sum, m| sum.saturating_add(m.deposit));
				let held = old.total_deposits.saturating_add(old.reserve);
				let backed = held.saturating_sub(old.deficit).saturating_sub(old.unsettled);
				// `backed` is what the pool account holds for deposits and reserve together;
				// after settling, the deposits are `deposits` and the reserve takes the shortfall
				// first.
				let mut reserve = old.reserve;
				let shortfall = deposits.saturating_add(reserve).saturating_sub(backed);
				let from_reserve = shortfall.min(reserve);
				reserve = reserve.saturating_sub(from_reserve);
				let mut loss = shortfall.saturating_sub(from_reserve);
				if !loss.is_zero() && !deposits.is_zero() {
					// Each deposit's part of the loss, rounded up, in exact 128-bit arithmetic;
					// rounding up may leave the last ones less to give, never more to take.
					let total_loss: u128 = loss.unique_saturated_into();
					for member in members.iter_mut() {
						let cut = multiply_by_rational_with_rounding(
							total_loss,
							member.deposit.unique_saturated_into(),
							deposits.unique_saturated_into(),
							Rounding::Up,
						)
						.map(BalanceOf::<T>::unique_saturated_from)
						.unwrap_or(member.deposit)
						.min(member.deposit)
						.min(loss);
						member.deposit = member.deposit.saturating_sub(cut);
						loss = loss.saturating_sub(cut);
					}
					// Whatever rounding left is taken from the deposits in turn.
					for member in members.iter_mut() {
						let cut = member.deposit.min(loss);
						member.deposit = member.deposit.saturating_sub(cut);
						loss = loss.saturating_sub(cut);
					}
				}
				let pool = Pallet::<T>::pool_account(plan);
				// The books count the endowment only if it is really in the pool account.
				let endowment = match T::Currency::mint_into(&pool, existential) {
					Ok(_) => existential,
					Err(_) => Zero::zero(),
				};
				let mut books = PlanBooks {
					total_deposits: Zero::zero(),
					unsettled: Zero::zero(),
					reserve,
					endowment,
					share_index: old.share_index,
					step: Pallet::<T>::step_width(terms.cap),
					next_step: Zero::zero(),
					stepped: 0,
					covered_members: 0,
					year_started_at: old.year_started_at,
					year_start_index: old.year_start_index,
					total_paid_out: old.total_paid_out,
					total_fees: old.total_fees,
				};
				books.next_step = Pallet::<T>::step_of(&books, books.share_index);
				for member in members {
					books.total_deposits = books.total_deposits.saturating_add(member.deposit);
					let mut position = MemberPosition {
						deposit: member.deposit,
						cover: Cover::Uncovered,
						tenure: if member.exited { Tenure::Exited } else { Tenure::Member },
						withdrawal: member.withdrawal,
					};
					if member.covered && !member.exited {
						if let Ok(Some(cover)) =
							Pallet::<T>::join_step(plan, &mut books, member.deposit, terms)
						{
							position.cover = cover;
							books.covered_members = books.covered_members.saturating_add(1);
						}
					}
					Positions::<T>::insert(plan, member.who, position);
					writes += 2;
				}
				Books::<T>::insert(plan, books);
				writes += 2;
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToV1`], run once when the pallet's storage version is 0.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: the share guard as an enum, and who pays the fee of a capped payout.
pub mod v2 {
	use super::*;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, Twox64Concat};
	use scale_info::TypeInfo;
	use sp_runtime::Permill;

	/// The parameters as version 1 stored them, under the storage name of the new ones.
	pub mod old {
		use super::*;

		/// The parameters as version 1 stored them.
		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct PoolParams<Balance, BlockNumber> {
			pub notice_period: BlockNumber,
			pub reserve_fee_share: Permill,
			pub reserve_target: Permill,
			pub share_warning_threshold: Option<Balance>,
			pub pause_above_threshold: bool,
		}

		/// Version 1's parameters, under the storage name of the new ones.
		#[storage_alias]
		pub type Params<T: Config> = StorageMap<
			Pallet<T>,
			Twox64Concat,
			PlanId,
			PoolParams<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>,
		>;
	}

	/// Rewrites every plan's parameters (see the module docs).
	pub struct UncheckedMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			Params::<T>::translate::<old::PoolParams<BalanceOf<T>, _>, _>(|_, old| {
				count = count.saturating_add(1);
				let share_guard = match (old.share_warning_threshold, old.pause_above_threshold) {
					(None, _) => ShareGuard::Off,
					(Some(threshold), false) => ShareGuard::Warn { threshold },
					(Some(threshold), true) => ShareGuard::Pause { threshold },
				};
				Some(PoolParams {
					notice_period: old.notice_period,
					reserve_fee_share: old.reserve_fee_share,
					reserve_target: old.reserve_target,
					share_guard,
					capped_fee: CappedFee::Reserve,
				})
			});
			T::DbWeight::get().reads_writes(count, count)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((old::Params::<T>::iter().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let after = Params::<T>::iter().count() as u64;
			frame_support::ensure!(before == after, "every plan keeps its parameters");
			Ok(())
		}
	}

	/// [`UncheckedMigrateToV2`], run only on storage version 1.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 3: members counted until their deposit runs out; steps without exhaustion points.
pub mod v3 {
	use super::*;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, Twox64Concat};
	use scale_info::TypeInfo;
	use sp_runtime::traits::Saturating;

	/// The lapse steps as version 2 stored them, under the storage name of the new ones.
	pub mod old {
		use super::*;

		#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub enum LapseStep<Balance> {
			Ahead { members: u32, exhausted_at: Balance },
			Passed { at: Balance, members: u32 },
		}

		/// Version 2's lapse steps.
		#[storage_alias]
		pub type LapseSteps<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			PlanId,
			Twox64Concat,
			BalanceOf<T>,
			LapseStep<BalanceOf<T>>,
		>;
	}

	/// Settles every counted member under version 2's steps and counts it afresh (see the
	/// module docs).
	pub struct UncheckedMigrateToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			let old_steps: BTreeMap<(PlanId, BalanceOf<T>), old::LapseStep<BalanceOf<T>>> =
				old::LapseSteps::<T>::drain()
					.map(|(plan, step, record)| ((plan, step), record))
					.collect();
			let mut books: BTreeMap<PlanId, PlanBooksOf<T>> = Books::<T>::iter().collect();
			for plan_books in books.values_mut() {
				plan_books.covered_members = 0;
				plan_books.stepped = 0;
				plan_books.next_step = Pallet::<T>::step_of(plan_books, plan_books.share_index);
			}
			let positions: Vec<_> = Positions::<T>::iter().collect();
			for (plan, who, mut position) in positions {
				reads.saturating_inc();
				let Cover::Covered { snapshot, lapse_step } = position.cover else { continue };
				let Some(plan_books) = books.get_mut(&plan) else { continue };
				// What it owes under version 2: to the index, or to where its step was passed.
				let until = match old_steps.get(&(plan, lapse_step)) {
					Some(old::LapseStep::Passed { at, .. }) => *at,
					_ => plan_books.share_index,
				};
				let owed = until.saturating_sub(snapshot).min(position.deposit);
				position.deposit = position.deposit.saturating_sub(owed);
				plan_books.total_deposits = plan_books.total_deposits.saturating_sub(owed);
				plan_books.unsettled = plan_books.unsettled.saturating_sub(owed);
				let still_counted = !matches!(
					old_steps.get(&(plan, lapse_step)),
					Some(old::LapseStep::Passed { .. })
				);
				position.cover = Cover::Uncovered;
				if still_counted && position.tenure == Tenure::Member {
					let terms = Pallet::<T>::cover_terms(plan);
					if let Ok(Some(cover)) =
						Pallet::<T>::join_step(plan, plan_books, position.deposit, terms)
					{
						position.cover = cover;
						plan_books.covered_members = plan_books.covered_members.saturating_add(1);
					}
				}
				Positions::<T>::insert(plan, &who, position);
				writes.saturating_inc();
			}
			for (plan, plan_books) in books {
				Books::<T>::insert(plan, plan_books);
				writes.saturating_inc();
			}
			T::DbWeight::get().reads_writes(reads.saturating_add(1), writes.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToV3`], run only on storage version 2.
	pub type MigrateToV3<T> = VersionedMigration<
		2,
		3,
		UncheckedMigrateToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

#[cfg(test)]
mod tests {
	use super::{v1::*, *};
	use crate::mock::*;
	use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};

	#[test]
	fn v0_positions_are_settled_typed_and_their_deficit_shared_pro_rata() {
		ExtBuilder::build().execute_with(|| {
			StorageVersion::new(0).put::<Pallet<Test>>();
			// Version 0 after a claim of share 100: member 1 (1 000) owes 100, member 2 (60)
			// owes 100 it cannot pay; the reserve held 10; 30 was already deficit; member 3
			// exited with 500 and a pending withdrawal.
			let pool = Pallet::<Test>::pool_account(PLAN);
			// Balance: deposits 1 560 + reserve 10 − deficit 30 − unsettled 200 = 1 340.
			Balances::set_balance(&pool, 1_340);
			old::Books::<Test>::insert(
				PLAN,
				old::PlanBooks {
					total_deposits: 1_560,
					unsettled: 200,
					reserve: 10,
					deficit: 30,
					share_index: 100,
					covered_members: 2,
					..Default::default()
				},
			);
			old::Positions::<Test>::insert(
				PLAN,
				1,
				old::MemberPosition { deposit: 1_000, covered: true, ..Default::default() },
			);
			old::Positions::<Test>::insert(
				PLAN,
				2,
				old::MemberPosition { deposit: 60, covered: true, ..Default::default() },
			);
			old::Positions::<Test>::insert(
				PLAN,
				3,
				old::MemberPosition {
					deposit: 500,
					share_snapshot: 100,
					exited: true,
					pending_withdrawal: Some((500, 9)),
					..Default::default()
				},
			);
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<Pallet<Test>>(), 1);
			let books = Books::<Test>::get(PLAN).expect("books");
			// Settled: 900 + 0 + 500 = 1 400 (and the reserve's 10) against 1 340 held: the
			// reserve pays 10 and the other 60 are shared 900 : 500, i.e. 38.6 and 21.4
			// (rounded up, the last one taking what is left).
			assert_eq!(books.reserve, 0);
			let first = Positions::<Test>::get(PLAN, 1).expect("1");
			assert!(first.deposit == 900 - 39 || first.deposit == 900 - 38);
			assert_eq!(Positions::<Test>::get(PLAN, 2).expect("2").deposit, 0);
			let third = Positions::<Test>::get(PLAN, 3).expect("3");
			assert_eq!(first.deposit + third.deposit, 1_400 - 60);
			assert_eq!(third.tenure, Tenure::Exited);
			assert_eq!(
				third.withdrawal,
				Some(PendingWithdrawal { amount: 500, unlocks_at: 9, expires_at: 29 })
			);
			assert!(Pallet::<Test>::is_covered(PLAN, &1));
			assert!(!Pallet::<Test>::is_covered(PLAN, &2), "below the minimum");
			assert_eq!((books.covered_members, books.endowment), (1, 5));
			assert_eq!(books.total_deposits, 1_340);
			Pallet::<Test>::do_try_state().expect("invariants hold");
			assert_books_exact();
		});
	}

	#[test]
	fn v1_params_become_a_share_guard_and_keep_the_members_payouts() {
		use super::v2::{old, MigrateToV2};
		ExtBuilder::build().execute_with(|| {
			StorageVersion::new(1).put::<Pallet<Test>>();
			let params = |threshold, pause| old::PoolParams {
				notice_period: 5u64,
				reserve_fee_share: sp_runtime::Permill::from_percent(50),
				reserve_target: sp_runtime::Permill::from_percent(10),
				share_warning_threshold: threshold,
				pause_above_threshold: pause,
			};
			old::Params::<Test>::insert(1, params(None, true));
			old::Params::<Test>::insert(2, params(Some(60), false));
			old::Params::<Test>::insert(3, params(Some(70), true));
			MigrateToV2::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<Pallet<Test>>(), 2);
			let guard = |plan| Params::<Test>::get(plan).map(|p| (p.share_guard, p.capped_fee));
			assert_eq!(guard(1), Some((ShareGuard::Off, CappedFee::Reserve)));
			assert_eq!(guard(2), Some((ShareGuard::Warn { threshold: 60 }, CappedFee::Reserve)));
			assert_eq!(guard(3), Some((ShareGuard::Pause { threshold: 70 }, CappedFee::Reserve)));
			assert_eq!(Params::<Test>::get(1).map(|p| p.notice_period), Some(5));
			// Run again, it changes nothing.
			MigrateToV2::<Test>::on_runtime_upgrade();
			assert_eq!(guard(3), Some((ShareGuard::Pause { threshold: 70 }, CappedFee::Reserve)));
		});
	}

	#[test]
	fn v2_members_are_settled_and_counted_to_the_step_below_their_exhaustion() {
		use super::v3::{old, MigrateToV3};
		ExtBuilder::build().execute_with(|| {
			StorageVersion::new(2).put::<Pallet<Test>>();
			// Version 2 after one claim of 82 each (step 6, minimum 120): member 1 (150) was
			// counted to its minimum, in step 5, which the claim passed; member 2 (1 000) in
			// step 147.
			let pool = Pallet::<Test>::pool_account(PLAN);
			frame_system::Pallet::<Test>::inc_providers(&pool);
			Balances::set_balance(&pool, 5 + 1_150 - 164);
			Books::<Test>::insert(
				PLAN,
				PlanBooks {
					total_deposits: 1_150,
					unsettled: 164,
					endowment: 5,
					share_index: 82,
					step: 6,
					next_step: 14,
					stepped: 2,
					covered_members: 1,
					..Default::default()
				},
			);
			let position = |deposit, lapse_step| MemberPosition {
				deposit,
				cover: Cover::Covered { snapshot: 0, lapse_step },
				tenure: Tenure::Member,
				withdrawal: None,
			};
			Positions::<Test>::insert(PLAN, 1, position(150, 5));
			Positions::<Test>::insert(PLAN, 2, position(1_000, 147));
			old::LapseSteps::<Test>::insert(PLAN, 5, old::LapseStep::Passed { at: 82, members: 1 });
			old::LapseSteps::<Test>::insert(
				PLAN,
				147,
				old::LapseStep::Ahead { members: 1, exhausted_at: 1_000 },
			);
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<Pallet<Test>>(), 3);
			// Member 1 paid its 82 and had stopped sharing: it stays uncounted (68 left).
			let first = Positions::<Test>::get(PLAN, 1).expect("1");
			assert_eq!((first.deposit, first.cover), (68, Cover::Uncovered));
			// Member 2 paid its 82 and is counted to the step below 1 000: ⌈1 000 / 6⌉ − 1.
			let second = Positions::<Test>::get(PLAN, 2).expect("2");
			assert_eq!(second.deposit, 918);
			assert_eq!(second.cover, Cover::Covered { snapshot: 82, lapse_step: 166 });
			assert_eq!(LapseSteps::<Test>::get(PLAN, 166), Some(LapseStep::Ahead { members: 1 }));
			assert_eq!(LapseSteps::<Test>::iter().count(), 1);
			let books = Books::<Test>::get(PLAN).expect("books");
			assert_eq!((books.covered_members, books.unsettled, books.total_deposits), (1, 0, 986));
			Pallet::<Test>::do_try_state().expect("invariants hold");
			assert_books_exact();
		});
	}
}
