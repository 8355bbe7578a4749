//! # Pool pallet
//!
//! The money of Huzhu: each plan's pooled deposits, how a paid claim's cost is shared among the
//! plan's members in O(1), the plan's reserve, and the custodians who — M of N, after a time lock
//! that governance can veto — may spend from the reserve. Nobody holds a key to a pool.
//!
//! ## Overview
//!
//! - **Keyless pool accounts.** Plan `p`'s tokens sit in the account derived from
//!   [`Config::PalletId`] and `p` ([`Pallet::pool_account`]); no private key exists for it. The
//!   first payer into a plan also pays the existential deposit, kept there for good as the
//!   plan's `endowment`, so no remainder of a pool is ever dust. The pallet keeps each member's
//!   deposit in its books ([`Positions`]). A member pays in when it joins (through
//!   [`MemberDeposits`], called by the membership pallet) and tops up with
//!   [`deposit`](Pallet::deposit).
//! - **Withdrawals.** Announced ([`request_withdrawal`](Pallet::request_withdrawal): a request
//!   replaces the previous one; lowered it keeps its notice, raised it starts a new one),
//!   cancelled ([`cancel_withdrawal`](Pallet::cancel_withdrawal)), and taken after the plan's
//!   notice period, within [`Config::WithdrawalWindow`] ([`withdraw`](Pallet::withdraw); later
//!   it has expired, so that a standing request cannot be kept to leave at a moment of the
//!   member's choosing): meanwhile the deposit keeps backing claims,
//!   and the member receives what is left of the amount after the shares settled meanwhile. A
//!   member keeps the plan's minimum; a member who left takes everything.
//! - **Cost sharing in O(1).** A paid claim costs its payout plus the plan's management fee. Each
//!   covered member's share is the cost divided by the number of covered members, capped per
//!   claim and per plan year by the plan's terms; the plan's cumulative `share_index` grows by
//!   that share. A member owes `share_index − its snapshot` and settles it lazily: whenever it is
//!   touched (deposit, withdrawal, cover change) or when anyone calls
//!   [`settle`](Pallet::settle). Members whose cover starts after a claim take the index as it is
//!   then and never pay for it. No call or hook iterates over members.
//! - **Nobody owes more than its deposit; cover needs the minimum.** A counted member sits in
//!   the *lapse step* just below the point where the index would use its deposit up. A payout
//!   that moves the index past a step's start stops its members sharing claims there, all at
//!   once (the step holds their count): they pay that payout only up to the step's start, and
//!   the members still counted share the rest. So members can always pay what they owe, each
//!   keeps less than one step (a sixteenth of the cap) when its deposit runs out, the plan never
//!   has a deficit, and a bank run has nothing to race for: each member's deposit less what it
//!   owes is in the pool account, whoever leaves first.
//!
//!   Cover is more than being counted: a member whose deposit, after what it owes, is below the
//!   plan's minimum is not covered ([`Pallet::is_covered`], three reads) — the membership
//!   pallet asks this before a claim, a jury seat or a vote, and lapses the member when it is
//!   next settled ([`MemberStanding::deposit_exhausted`]). It still shares the plan's claims
//!   while counted: a member that lets its deposit run down to the minimum cannot shed a claim
//!   it sees coming. Topping up cures it; leaving (a notice) ends the sharing.
//! - **Reserve.** Part of each collected fee ([`PoolParams::reserve_fee_share`]) goes to the
//!   plan's reserve until it reaches [`PoolParams::reserve_target`] of the deposits; anyone may
//!   add to it ([`fund_reserve`](Pallet::fund_reserve)), and slashed bonds of the plan's
//!   adjudication land in it. The reserve pays what the members' capped shares do not.
//! - **Anti-spiral guards** ([`PoolParams::share_guard`]). With [`ShareGuard::Warn`], a payout
//!   that takes a member's shares in the current plan year past the threshold emits
//!   [`Event::ShareWarning`]; with [`ShareGuard::Pause`] members are then no longer charged and
//!   payouts come only from the reserve (failing when it cannot pay) until governance acts.
//! - **The fee is charged on every paid case.** When the caps hold the members' shares below a
//!   payout's cost, [`PoolParams::capped_fee`] says who pays the fee: [`CappedFee::Members`]
//!   (the fee's rate on top of each capped share) or [`CappedFee::Reserve`]. Either way the
//!   reserve pays what the shares do not, the payout before the fee: only a reserve too small
//!   for the payout itself leaves part of the fee uncollected.
//! - **Payouts.** [`PoolPayout::pay_claim`] (for the claims pallet) pays an approved claim in the
//!   same call, up to the plan's maximum, and fails without effect if the members' shares and
//!   the reserve cannot pay it: the claim waits (the claims pallet retries), and nobody's
//!   deposit is touched beyond its shares. Governance can pay one directly with
//!   [`force_payout`](Pallet::force_payout).
//! - **Custodians.** Any other outflow is a spend from the reserve proposed by a custodian,
//!   approved by M of the plan's N custodians, and executable after [`Config::SpendTimeLock`]
//!   during which governance — [`Config::VetoOrigin`], whose fastest referendum must end within
//!   the time lock — can [`veto_spend`](Pallet::veto_spend). Proposals expire after
//!   [`Config::SpendLifetime`]. Governance sets and rotates custodians and M without moving
//!   funds; a rotation voids proposals approved under the old set. Custodians can never touch
//!   members' deposits.
//!
//! ## The books
//!
//! ```text
//! payout P, fee F = fee% × P, cost C = P + F, N covered members, index I, reserve R:
//!   caps c = cap per claim, y = cap per year; with CappedFee::Members each raised by its fee%
//!   s  = the share of each member counted throughout, water-filled over the lapse steps from
//!        next_step: a step k whose start P_k = k·w lies below I + s stops its n_k members at
//!        P_k, so they pay P_k − I; the others pay s:
//!        s = min(⌊(C − Σ n_k (P_k − I)) / (N − Σ n_k)⌋, c, y − shares this year)
//!        (Pause: also ≤ threshold − shares; at most 32 steps read, then s ≤ the next start)
//!   charged M = Σ n_k (P_k − I) + (N − Σ n_k) × s;  share_index I += s;  unsettled += M
//!   from the reserve r = min(C − M, R); fails (changes nothing) if M + r < P
//!   fee collected f = M + r − P  (= F unless the reserve ran short)
//!   f: reserve_fee_share of it to the reserve (up to its target), the rest to the fee account
//! lapse steps of width w = max(1, ⌊cap per claim / 16⌋) (fixed while a step counts anyone):
//!   a member settled at index I with deposit d is counted in step k = ⌈(I + d) / w⌉ − 1
//!   (k·w < I + d ≤ (k+1)·w), if k ≥ next_step (else less than a step is left: not counted);
//!   a payout to index J passes steps next_step ≤ k < ⌈J / w⌉: covered −= their members,
//!   each becomes Passed{at: k·w}; next_step = ⌈J / w⌉
//! settle(member): owed = (I, or `at` once its step passed) − snapshot < deposit;
//!   deposit −= owed; unsettled −= owed; counted afresh at I (if more than a step is left);
//!   lapsed below m
//! invariant: pool balance + unsettled == endowment + total_deposits + reserve
//! ```
//!
//! A member counted in step k is charged at most to `k·w`, which lies below `I + d`: no payout
//! charges anyone past its deposit, and the reserve pays only what the caps and the rounding
//! leave. The membership pallet requires `m ≥ cap + fee% × cap + cap / 16` of every plan, so a
//! member at the minimum is counted for at least one more full share. Shares are whole
//! plancks: rounding down leaves less than `N` plancks per claim, which the reserve pays (an
//! empty reserve leaves them out of the fee).
//! Rounding therefore never creates money, and the books balance to the planck.
//!
//! ## For a runtime that takes this pallet
//!
//! `Plans` and `Standing` come from the membership pallet ([`PlanInspect`],
//! [`MemberStanding`]); the membership pallet's `Deposits` is this pallet. `FeeAccount` receives
//! management fees; the pallet's genesis gives it the existential deposit if it lacks one. The
//! [`runtime_api::PoolApi`] shows each plan's solvency at any block.
//!
//! ## Clocks on a parachain
//!
//! Plan years and the custody time lock are in blocks of [`Config::BlockNumberProvider`]:
//! `frame_system::Pallet` on Huzhu's solochain, the relay chain's block number on a parachain
//! (the last relay parent's, as the claims pallet's docs, "Clocks on a parachain", say, with the
//! year and the time lock set in relay blocks). Wire the same source as the membership and claims pallets'.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod accounting;
mod custody;
mod inspect_impls;
pub mod migrations;
pub mod runtime_api;
mod state_impls;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use huzhu_primitives::{
	membership::{MemberDeposits, MemberStanding, PlanId, PlanInspect, PlanTerms},
	pool::{PayoutReceipt, PoolPayout},
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;

/// The most covered members the payout benchmark measured a plan with (its weight does not
/// depend on the number; the largest measured is charged).
pub const BENCHMARKED_MEMBERS: u32 = 100_000;

/// A plan's lapse steps per member share cap: the step is `⌊cap per claim / 16⌋` (at least one
/// planck), fixed when the plan's books are created.
pub const STEPS_PER_SHARE_CAP: u32 = 16;

/// The most lapse steps one payout passes (twice the steps of the share cap the books were
/// created under): a payout reads at most this many steps, and a share that would pass more
/// (a cap raised far above the one the plan began with) is reduced, the reserve paying the
/// rest.
pub const MAX_STEPS_PER_PAYOUT: u32 = 2 * STEPS_PER_SHARE_CAP;

/// The balance type of the currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A plan's books in this runtime.
pub type PlanBooksOf<T> = PlanBooks<BalanceOf<T>, BlockNumberFor<T>>;
/// A member's position in this runtime.
pub type MemberPositionOf<T> = MemberPosition<BalanceOf<T>, BlockNumberFor<T>>;
/// An announced withdrawal in this runtime.
pub type PendingWithdrawalOf<T> = PendingWithdrawal<BalanceOf<T>, BlockNumberFor<T>>;
/// Pool parameters in this runtime.
pub type PoolParamsOf<T> = PoolParams<BalanceOf<T>, BlockNumberFor<T>>;
/// A custodian set in this runtime.
pub type CustodianSetOf<T> =
	CustodianSet<<T as frame_system::Config>::AccountId, <T as Config>::MaxCustodians>;
/// A spend proposal in this runtime.
pub type SpendProposalOf<T> = SpendProposal<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxCustodians,
>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::{Saturating, Zero};

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency the pools hold.
		type Currency: Mutate<Self::AccountId>;

		/// Derives each plan's keyless pool account (with the plan id).
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The plans' terms: fee, caps, maximum payout, minimum deposit (the membership pallet).
		type Plans: PlanInspect<BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Lapses and cures members whose deposit runs out or is topped up (the membership
		/// pallet).
		type Standing: MemberStanding<Self::AccountId>;

		/// The origin that sets pool parameters and custodians, vetoes spends and pays claims
		/// directly (a member referendum in Huzhu).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The origin that vetoes an approved spend during its time lock. Its fastest decision
		/// must take less than [`Config::SpendTimeLock`] (in Huzhu: the members' emergency track
		/// as well as the treasury track).
		type VetoOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives the part of management fees that does not go to the reserve.
		type FeeAccount: Get<Self::AccountId>;

		/// The length of a plan year, in blocks (the per-year share cap applies per plan year).
		#[pallet::constant]
		type YearLength: Get<BlockNumberFor<Self>>;

		/// Pool parameters of a plan for which governance has set none.
		#[pallet::constant]
		type DefaultPoolParams: Get<PoolParamsOf<Self>>;

		/// The most custodians a plan can have.
		#[pallet::constant]
		type MaxCustodians: Get<u32>;

		/// Blocks between a spend's approval and its execution (governance can veto meanwhile).
		#[pallet::constant]
		type SpendTimeLock: Get<BlockNumberFor<Self>>;

		/// Blocks after the notice period during which an announced withdrawal can be taken;
		/// later it has expired and must be announced anew.
		#[pallet::constant]
		type WithdrawalWindow: Get<BlockNumberFor<Self>>;

		/// Blocks after which an unexecuted spend proposal expires.
		#[pallet::constant]
		type SpendLifetime: Get<BlockNumberFor<Self>>;

		/// The weight of one call into `Standing` (a lapse or a cure, with the membership pallet's
		/// `cover_stopped`/`cover_started` call back), added to the calls that may make one.
		type StandingWeight: Get<Weight>;

		/// The clock of plan years and of the custody time lock (`frame_system::Pallet` on a
		/// solochain, the relay chain's block number on a parachain). The same source as the
		/// membership and claims pallets'.
		type BlockNumberProvider: sp_runtime::traits::BlockNumberProvider<
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Each plan's books (created with its first deposit or donation).
	#[pallet::storage]
	pub type Books<T: Config> = StorageMap<_, Twox64Concat, PlanId, PlanBooksOf<T>>;

	/// The lapse steps of each plan that count members (see the pallet's book).
	#[pallet::storage]
	pub type LapseSteps<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PlanId,
		Twox64Concat,
		BalanceOf<T>,
		LapseStep<BalanceOf<T>>,
	>;

	/// Each member's position in each plan's pool.
	#[pallet::storage]
	pub type Positions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PlanId,
		Blake2_128Concat,
		T::AccountId,
		MemberPositionOf<T>,
	>;

	/// Pool parameters governance set (absent: [`Config::DefaultPoolParams`]).
	#[pallet::storage]
	pub type Params<T: Config> = StorageMap<_, Twox64Concat, PlanId, PoolParamsOf<T>>;

	/// Each plan's custodians.
	#[pallet::storage]
	pub type Custodians<T: Config> = StorageMap<_, Twox64Concat, PlanId, CustodianSetOf<T>>;

	/// The number the next spend proposal gets.
	#[pallet::storage]
	pub type NextSpendId<T> = StorageValue<_, SpendId, ValueQuery>;

	/// Open spend proposals, by plan and number.
	#[pallet::storage]
	pub type Spends<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, SpendId, SpendProposalOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A member paid into a plan's pool.
		Deposited {
			/// The plan.
			plan: PlanId,
			/// The member.
			who: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A member settled the shares it owed.
		Settled {
			/// The plan.
			plan: PlanId,
			/// The member.
			who: T::AccountId,
			/// What it owed (always within its deposit).
			owed: BalanceOf<T>,
		},
		/// A member announced a withdrawal.
		WithdrawalRequested {
			/// The plan.
			plan: PlanId,
			/// The member.
			who: T::AccountId,
			/// The most it will take (replacing any earlier request).
			amount: BalanceOf<T>,
			/// When it can be taken (until [`Config::WithdrawalWindow`] blocks later).
			unlocks_at: BlockNumberFor<T>,
		},
		/// A member cancelled its announced withdrawal.
		WithdrawalCancelled {
			/// The plan.
			plan: PlanId,
			/// The member.
			who: T::AccountId,
			/// The amount it had announced.
			amount: BalanceOf<T>,
		},
		/// A member withdrew from a plan's pool.
		Withdrawn {
			/// The plan.
			plan: PlanId,
			/// The member.
			who: T::AccountId,
			/// The amount paid out.
			amount: BalanceOf<T>,
		},
		/// Someone added to a plan's reserve.
		ReserveFunded {
			/// The plan.
			plan: PlanId,
			/// The donor.
			who: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// Another pallet moved funds into a plan's pool as reserve (a slashed bond).
		ReserveCredited {
			/// The plan.
			plan: PlanId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A claim was paid from a plan's pool.
		ClaimPaid {
			/// The plan.
			plan: PlanId,
			/// Who was paid.
			beneficiary: T::AccountId,
			/// How it was funded.
			receipt: PayoutReceipt<BalanceOf<T>>,
		},
		/// Members' shares in the current plan year passed the warning threshold.
		ShareWarning {
			/// The plan.
			plan: PlanId,
			/// A member's shares in this plan year.
			year_share: BalanceOf<T>,
			/// The threshold.
			threshold: BalanceOf<T>,
		},
		/// Governance set a plan's pool parameters.
		ParamsSet {
			/// The plan.
			plan: PlanId,
		},
		/// Governance set a plan's custodians.
		CustodiansSet {
			/// The plan.
			plan: PlanId,
			/// How many custodians.
			custodians: u32,
			/// Approvals needed.
			threshold: u32,
			/// The set's new version.
			version: u32,
		},
		/// A custodian proposed a spend from a plan's reserve.
		SpendProposed {
			/// The plan.
			plan: PlanId,
			/// The proposal.
			spend: SpendId,
			/// The proposer.
			proposer: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A custodian approved a spend.
		SpendApproved {
			/// The plan.
			plan: PlanId,
			/// The proposal.
			spend: SpendId,
			/// The custodian.
			custodian: T::AccountId,
		},
		/// A spend has enough approvals and waits out the time lock.
		SpendScheduled {
			/// The plan.
			plan: PlanId,
			/// The proposal.
			spend: SpendId,
			/// The first block it can be executed in.
			executable_at: BlockNumberFor<T>,
		},
		/// Governance vetoed a spend.
		SpendVetoed {
			/// The plan.
			plan: PlanId,
			/// The proposal.
			spend: SpendId,
		},
		/// A spend was paid from a plan's reserve.
		SpendExecuted {
			/// The plan.
			plan: PlanId,
			/// The proposal.
			spend: SpendId,
			/// Who was paid.
			beneficiary: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// An expired or voided spend proposal was removed.
		SpendRemoved {
			/// The plan.
			plan: PlanId,
			/// The proposal.
			spend: SpendId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No plan has this id.
		PlanNotFound,
		/// The account has no position in this plan's pool (it never joined).
		NoPosition,
		/// An amount must be more than zero.
		ZeroAmount,
		/// The member left the plan: it can only withdraw.
		MemberExited,
		/// The withdrawal exceeds what the member may take (its deposit, less the plan's
		/// minimum while it is a member, less what it already announced).
		WithdrawalTooLarge,
		/// The member announced no withdrawal.
		NoWithdrawalRequested,
		/// The notice period of the announced withdrawal has not passed.
		WithdrawalLocked,
		/// The announced withdrawal was not taken within its window after the notice: announce
		/// it again.
		WithdrawalExpired,
		/// The payout exceeds the plan's maximum per claim.
		PayoutAboveMaximum,
		/// The members' shares and the reserve together cannot fund the payout.
		InsufficientReserve,
		/// A custodian set needs 1 ≤ threshold ≤ custodians, with no custodian twice.
		InvalidCustodianSet,
		/// The plan has no custodians.
		NoCustodians,
		/// The signer is not one of the plan's custodians.
		NotCustodian,
		/// No open spend proposal has this number.
		SpendNotFound,
		/// The custodian already approved this spend.
		AlreadyApproved,
		/// The spend already has enough approvals.
		SpendAlreadyApproved,
		/// The spend lacks approvals.
		SpendNotApproved,
		/// The spend's time lock has not passed.
		SpendLocked,
		/// The spend proposal expired.
		SpendExpired,
		/// The spend proposal has not expired and its custodian set is current.
		SpendStillOpen,
		/// The custodians changed since the spend was proposed: it is void.
		StaleSpend,
		/// The plan's books disagree with themselves (a defensive check that should never fail:
		/// a member would owe more than its deposit, or a count would go below zero).
		BooksBroken,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::YearLength::get().is_zero(), "a plan year has blocks");
			assert!(T::MaxCustodians::get() > 0, "a plan can have custodians");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Reserves to fund at genesis: `(plan, donor, amount)`.
		pub reserves: Vec<(PlanId, T::AccountId, BalanceOf<T>)>,
		/// Custodians at genesis: `(plan, custodians, threshold)`.
		pub custodians: Vec<(PlanId, Vec<T::AccountId>, u32)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The fee account exists from genesis: a fee below the existential deposit can be
			// paid into it.
			let fee_account = T::FeeAccount::get();
			let missing =
				T::Currency::minimum_balance().saturating_sub(T::Currency::balance(&fee_account));
			if !missing.is_zero() {
				T::Currency::mint_into(&fee_account, missing)
					.expect("genesis can mint the fee account's existential deposit");
			}
			for (plan, donor, amount) in &self.reserves {
				Pallet::<T>::do_fund_reserve(donor, *plan, *amount)
					.expect("genesis reserve donor can pay for an existing plan");
			}
			for (plan, custodians, threshold) in &self.custodians {
				let custodians = BoundedVec::try_from(custodians.clone())
					.expect("genesis custodians within MaxCustodians");
				Pallet::<T>::do_set_custodians(*plan, custodians, *threshold)
					.expect("genesis custodian set is valid");
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// A member tops up its deposit in `plan`. Settles first; a member lapsed for an exhausted
		/// deposit is cured when the deposit covers the plan's minimum again.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deposit().saturating_add(T::StandingWeight::get()))]
		pub fn deposit(origin: OriginFor<T>, plan: PlanId, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_top_up(&who, plan, amount)
		}

		/// A member announces that it will withdraw `amount` from `plan` after the notice period,
		/// replacing any earlier request. While it is a member it keeps at least the plan's
		/// minimum deposit. A request lowered keeps its notice; a request raised starts anew.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::request_withdrawal().saturating_add(T::StandingWeight::get()))]
		pub fn request_withdrawal(
			origin: OriginFor<T>,
			plan: PlanId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_withdrawal(&who, plan, amount)
		}

		/// A member takes its announced withdrawal from `plan` once the notice period has passed
		/// (settled first: what it owes is paid before it leaves). It receives the amount
		/// announced, or less when shares settled meanwhile left less available.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw().saturating_add(T::StandingWeight::get()))]
		pub fn withdraw(origin: OriginFor<T>, plan: PlanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, plan)
		}

		/// A member cancels its announced withdrawal from `plan`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::cancel_withdrawal())]
		pub fn cancel_withdrawal(origin: OriginFor<T>, plan: PlanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_withdrawal(&who, plan)
		}

		/// Anyone settles `member`'s owed shares in `plan` against its deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::settle().saturating_add(T::StandingWeight::get()))]
		pub fn settle(origin: OriginFor<T>, plan: PlanId, member: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_call(plan, &member)
		}

		/// Anyone adds `amount` to `plan`'s reserve.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::fund_reserve())]
		pub fn fund_reserve(
			origin: OriginFor<T>,
			plan: PlanId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund_reserve(&who, plan, amount)
		}

		/// Governance sets `plan`'s pool parameters.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_pool_params())]
		pub fn set_pool_params(
			origin: OriginFor<T>,
			plan: PlanId,
			params: PoolParamsOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_pool_params(plan, params)
		}

		/// Governance pays `amount` of a claim from `plan`'s pool to `beneficiary`, as the
		/// claims pallet does through [`PoolPayout`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::force_payout(BENCHMARKED_MEMBERS))]
		pub fn force_payout(
			origin: OriginFor<T>,
			plan: PlanId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_pay_claim(plan, &beneficiary, amount).map(|_| ())
		}

		/// Governance sets (or rotates) `plan`'s custodians and the approvals a spend needs.
		/// Funds do not move; proposals under the previous set become void.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_custodians(T::MaxCustodians::get()))]
		pub fn set_custodians(
			origin: OriginFor<T>,
			plan: PlanId,
			custodians: BoundedVec<T::AccountId, T::MaxCustodians>,
			threshold: u32,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_custodians(plan, custodians, threshold)
		}

		/// A custodian proposes to pay `amount` from `plan`'s reserve to `beneficiary`, for the
		/// reason committed to by `reason`; the proposal counts as its first approval.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::propose_spend())]
		pub fn propose_spend(
			origin: OriginFor<T>,
			plan: PlanId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
			reason: H256,
		) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_propose_spend(&custodian, plan, beneficiary, amount, reason)
		}

		/// A custodian approves spend `spend` of `plan`. With enough approvals its time lock
		/// starts.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::approve_spend())]
		pub fn approve_spend(origin: OriginFor<T>, plan: PlanId, spend: SpendId) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_approve_spend(&custodian, plan, spend)
		}

		/// Governance ([`Config::VetoOrigin`]) vetoes spend `spend` of `plan` (before it is
		/// executed).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::veto_spend())]
		pub fn veto_spend(origin: OriginFor<T>, plan: PlanId, spend: SpendId) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			Self::do_veto_spend(plan, spend)
		}

		/// Anyone executes approved spend `spend` of `plan` once its time lock has passed: it is
		/// paid from the reserve.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::execute_spend())]
		pub fn execute_spend(origin: OriginFor<T>, plan: PlanId, spend: SpendId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_execute_spend(plan, spend)
		}

		/// Anyone removes spend `spend` of `plan` once it expired or its custodian set changed.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::remove_spend())]
		pub fn remove_spend(origin: OriginFor<T>, plan: PlanId, spend: SpendId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_spend(plan, spend)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The current block of [`Config::BlockNumberProvider`]: every period of the pallet is
	/// measured on it.
	pub fn now() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::current_block_number()
	}
}
