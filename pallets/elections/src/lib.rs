//! # Elections pallet
//!
//! Delegated proof of stake for Huzhu: the community votes, and the candidates with the most
//! backing — 21 seats in Huzhu — produce and finalize blocks; the set changes every era by
//! election.
//!
//! ## Overview
//!
//! - **Candidacy.** An account that has bonded stake in the staking system as its own stash and
//!   has set session keys [registers](Pallet::register_candidate) with a commission (at most
//!   [`Config::MaxCommission`]) and a bounded description (name, URL, identity DID). It must keep
//!   at least the minimum self-bond ([`ElectionParams::min_self_bond`]). Registering declares it
//!   a validator in the staking system (its stake backs itself). There is no second bonding
//!   system: [`ValidatorStaking`] is the staking system's (`pallet-staking` in Huzhu).
//!
//!   A candidate is **eligible** — ranked before the others and electable — while it keeps the
//!   minimum self-bond, still has session keys ([`Config::SessionKeys`]) and is still declared
//!   a validator in the staking system ([`ValidatorStaking::is_validating`]). A candidate leaves
//!   the list in one of four ways, each of which withdraws its validator declaration and starts
//!   unbonding its stake (the staking system unlocks it after its unbonding period):
//!   - it [leaves](Pallet::leave_candidacy) by itself ([`Event::CandidateLeft`]);
//!   - a newcomer **displaces** it: when all [`Config::MaxCandidates`] slots are taken, a
//!     registrant takes the slot of the *lowest-ranked* candidate of the last election
//!     ([`LastRanking`]: ineligible ones first, then by backing) that the election did not seat
//!     ([`LastWinners`]), if the registrant's self-bond is larger than that candidate's
//!     ([`Event::CandidateRemoved`] with [`RemovalReason::Displaced`]). So the slots cannot be
//!     squatted by eligible candidacies nobody votes for: they rank below every candidate with
//!     voters, and holding all of them costs more self-bond than any honest newcomer brings,
//!     every time one comes. Seated validators are never displaced — neither those the last
//!     election seated nor those validating now ([`ValidatorStaking::active_validators`]: the
//!     staking system keeps the older set when it refuses an election's result, for instance
//!     fewer winners than its own minimum) — nor a candidate that has
//!     not stood in an election since it registered (so a displacement just before an election
//!     cannot knock out a newcomer with voters behind it), nor anyone before the first election;
//!     a runner-up goes only after everyone ranked below it;
//!   - governance [removes](Pallet::remove_candidate) it ([`Event::CandidateRemoved`] with
//!     [`RemovalReason::Governance`]);
//!   - it **drops by itself** when it is found ineligible at two consecutive elections
//!     ([`Event::CandidateRemoved`] with [`RemovalReason::Ineligible`]). The first election
//!     that finds it ineligible marks it ([`IneligibleSince`]); an election that finds it
//!     eligible again clears the mark. Elections in Huzhu are an era apart, so an ineligible
//!     candidate has a full era to repair its bond, keys or declaration (less when governance
//!     forces eras, or after a failed election, which `pallet-staking` retries at every
//!     session). Two elections in one block count as one: the second does not drop what the
//!     first marked. So a candidate that bonds, registers and then chills or unbonds
//!     in the staking system directly holds its slot for about one era instead of until a
//!     runtime upgrade, and the [`Config::MaxCandidates`] slots cannot be kept filled with
//!     abandoned candidacies — failed elections included, since the candidates are reviewed
//!     before the winners are counted.
//!
//!   The withdrawal is *best effort* for removals (by governance or for ineligibility): a stash
//!   that already chilled and unbonded in the staking system makes the staking call fail, which
//!   is ignored (in its own storage layer, so it leaves no partial change) — the entry is
//!   removed anyway. [Leaving](Pallet::leave_candidacy) by oneself still requires the staking
//!   call to succeed.
//!
//!   A candidate's life:
//!
//!   ```text
//!             register_candidate (requires being eligible)
//!                        │
//!                        ▼
//!              ┌──────────────────┐ ◀──── election: eligible again ────┐
//!              │     eligible     │       (mark cleared)               │
//!              └──────────────────┘                                    │
//!                        │ election: ineligible                        │
//!                        ▼                                             │
//!              ┌──────────────────────────────────┐                    │
//!              │ ineligible, marked               │ ───────────────────┘
//!              │ (IneligibleSince = that block)   │
//!              └──────────────────────────────────┘
//!                        │ next election (a later block): still ineligible
//!                        ▼
//!              removed (RemovalReason::Ineligible)
//!
//!   From either state: leave_candidacy ──▶ left (CandidateLeft)
//!                      remove_candidate ─▶ removed (RemovalReason::Governance)
//!   ```
//!
//!   A candidate that becomes ineligible between elections is only marked at the next
//!   election; an ineligible candidate is never elected, marked or not.
//! - **Voting.** Votes are the staking system's nominations: a token holder bonds and nominates
//!   up to [`ElectionParams::max_votes`] candidates (further ones are ignored).
//! - **Election (approval voting, the DPoS rule of EOS-style chains).** Each voter's whole stake
//!   counts for *each* candidate it approves; the [`ElectionParams::seats`] eligible candidates
//!   with the most backing win. Ties go to the earlier registration, then to the smaller account
//!   id. Fewer eligible candidates than [`ElectionParams::min_seats`] fail the election, and the
//!   staking system keeps the previous set; fewer than `seats` but at least `min_seats` seat all
//!   of them.
//! - **Exposures.** So that the staking system pays rewards and applies slashes in proportion to
//!   real stake, each voter's stake is split equally among the *winners* it approves (the
//!   remainder of the division to the first): the exposures of one voter sum to its stake.
//!   Backers beyond [`Config::MaxBackersPerWinner`] are cut, smallest first.
//! - **Bounds.** An election reads at most [`Config::MaxElectingVoters`] voters (the data
//!   provider's own bound) and at most [`Config::MaxCandidates`] candidates, each voter's
//!   approvals at most the staking system's maximum nominations: its work is
//!   O(voters × nominations + candidates × log candidates), benchmarked at the bounds. Marking,
//!   unmarking and dropping ineligible candidates happens in the same pass over the candidates
//!   (at most one mark and one best-effort withdrawal each); every drop is charged the weight of
//!   [`remove_candidate`](Pallet::remove_candidate), which does the same work.
//! - **Transparency.** [`runtime_api::ElectionsApi::ranking`] returns every candidate's total
//!   backing, its number of voters and whether it would be elected now.
//!
//! ## Integration
//!
//! The pallet is an [`ElectionProvider`](frame_election_provider_support::ElectionProvider)
//! (single page, instant) for `pallet-staking`: set `ElectionProvider = Elections` in staking's
//! configuration and `DataProvider = Staking` here. For a runtime without `pallet-staking` (a
//! parachain choosing its collators), [`ElectedSessions`] is a `pallet_session::SessionManager`
//! that runs the election every `N` sessions over any data provider.
//!
//! Governance sets [`ElectionParams`] with [`set_params`](Pallet::set_params), within bounds
//! checked in code, and removes candidates with [`remove_candidate`](Pallet::remove_candidate).
//!
//! ## Clocks on a parachain
//!
//! The candidates' record (`registered_at`, the last ranking's block, ineligibility marks) is in
//! blocks of [`Config::BlockNumberProvider`]: `frame_system::Pallet` on Huzhu's solochain, the
//! relay chain's block number on a parachain. (A parachain's collators are not elected this
//! way; the pallet is for a chain that elects its own validators.)

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod candidate_impls;
mod election;
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

pub use election::{ElectedSessions, ElectionError};
pub use huzhu_primitives::elections::ValidatorStaking;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use frame_system::pallet_prelude::BlockNumberFor;

/// A candidate of this runtime.
pub type CandidateOf<T> =
	Candidate<BlockNumberFor<T>, <T as Config>::MaxNameLen, <T as Config>::MaxUrlLen>;
/// A candidate's description in this runtime.
pub type DescriptionOf<T> =
	CandidateDescription<<T as Config>::MaxNameLen, <T as Config>::MaxUrlLen>;
/// Election parameters of this runtime.
pub type ElectionParamsOf<T> = ElectionParams<<T as Config>::Balance>;
/// An account as a call names it (an address the runtime's lookup resolves).
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;

/// Bonds, session keys and nominations for the benchmarks, which this pallet only reads through
/// [`ValidatorStaking`] and its data provider.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Funds `who`, bonds `stake` as its own stash and sets its session keys.
	fn bond_with_keys(who: &AccountId, stake: Balance);
	/// Funds `who`, bonds `stake` and nominates `targets`.
	fn nominate(who: &AccountId, stake: Balance, targets: alloc::vec::Vec<AccountId>);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_election_provider_support::ElectionDataProvider;
	use frame_support::{pallet_prelude::*, traits::Contains};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{AtLeast32BitUnsigned, StaticLookup},
		Perbill,
	};

	/// The in-code storage version: 1 added [`LastRanking`] (see [`migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The staking system's balance.
		type Balance: Parameter
			+ Member
			+ AtLeast32BitUnsigned
			+ Copy
			+ MaxEncodedLen
			+ Default
			+ serde::Serialize
			+ for<'a> serde::Deserialize<'a>;

		/// Candidates' bonds and validator declarations (`pallet-staking` in Huzhu).
		type Staking: ValidatorStaking<Self::AccountId, Self::Balance>;

		/// The voters and their approvals (`pallet-staking`'s nominators and validators).
		type DataProvider: ElectionDataProvider<
			AccountId = Self::AccountId,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Whether an account has set session keys (`pallet-session`'s next keys).
		type SessionKeys: Contains<Self::AccountId>;

		/// The origin that sets [`ElectionParams`] and removes candidates (root, reached by a
		/// runtime-upgrade-track referendum, in Huzhu).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The election parameters until governance sets them.
		#[pallet::constant]
		type DefaultParams: Get<ElectionParamsOf<Self>>;

		/// The most registered candidates.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// The most validators one election can seat (the staking system's maximum set).
		#[pallet::constant]
		type MaxWinners: Get<u32>;

		/// The most backers one winner's exposure lists.
		#[pallet::constant]
		type MaxBackersPerWinner: Get<u32>;

		/// The most voters one election reads.
		#[pallet::constant]
		type MaxElectingVoters: Get<u32>;

		/// The highest commission a candidate may take.
		#[pallet::constant]
		type MaxCommission: Get<Perbill>;

		/// The longest candidate name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest candidate URL, in bytes.
		#[pallet::constant]
		type MaxUrlLen: Get<u32>;

		/// The clock of the candidates' record and of ineligibility marks
		/// (`frame_system::Pallet` on a solochain, the relay chain's block number on a
		/// parachain). The same source as the other Huzhu pallets'.
		type BlockNumberProvider: sp_runtime::traits::BlockNumberProvider<
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Weights of this pallet's calls and of the election, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up bonds, keys and nominations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Balance>;
	}

	/// The registered candidates.
	#[pallet::storage]
	pub type Candidates<T: Config> =
		CountedStorageMap<_, Twox64Concat, T::AccountId, CandidateOf<T>>;

	/// Candidates the last election found ineligible, with the block of the first election of
	/// the current streak that did. The next election (at a later block) that still finds one
	/// ineligible drops it; one that finds it eligible clears the mark.
	///
	/// Only candidates are marked (checked by `try_state`), so there are at most
	/// [`Config::MaxCandidates`] entries; every way out of the candidate list clears the mark.
	#[pallet::storage]
	pub type IneligibleSince<T: Config> =
		StorageMap<_, Twox64Concat, T::AccountId, BlockNumberFor<T>>;

	/// The election parameters governance set (absent: [`Config::DefaultParams`]).
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, ElectionParamsOf<T>>;

	/// The block of the last election and its ranking of the candidates, best first (eligible
	/// before ineligible, then more backing — approvals weighted by stake —, then earlier
	/// registration). Written by every election, also one that fails. A full list gives up the
	/// lowest-ranked candidate here that the election did not seat and that has not registered
	/// again since (see [`Pallet::register_candidate`]); a candidate that registered after it has
	/// not stood yet and cannot be displaced.
	#[pallet::storage]
	pub type LastRanking<T: Config> = StorageValue<
		_,
		(BlockNumberFor<T>, BoundedVec<T::AccountId, T::MaxCandidates>),
		OptionQuery,
	>;

	/// The validators the last successful election seated, best first.
	#[pallet::storage]
	pub type LastWinners<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxWinners>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account registered as a validator candidate.
		CandidateRegistered {
			/// The candidate.
			candidate: T::AccountId,
			/// Its commission.
			commission: Perbill,
		},
		/// A candidate changed its commission or description.
		CandidateUpdated {
			/// The candidate.
			candidate: T::AccountId,
			/// Its commission.
			commission: Perbill,
		},
		/// A candidate left; its stake is unbonding.
		CandidateLeft {
			/// The candidate.
			candidate: T::AccountId,
		},
		/// Governance set the election parameters.
		ParamsSet {
			/// The new parameters.
			params: ElectionParamsOf<T>,
		},
		/// An election seated these validators.
		Elected {
			/// The winners, best first.
			winners: Vec<T::AccountId>,
			/// The voters read.
			voters: u32,
			/// The registered candidates.
			candidates: u32,
		},
		/// An election failed; the staking system keeps the previous validator set.
		ElectionFailed {
			/// Why.
			error: ElectionError,
		},
		/// A candidate was removed from the list; its validator declaration was withdrawn and
		/// its stake started unbonding where the staking system still allowed it.
		CandidateRemoved {
			/// The former candidate.
			candidate: T::AccountId,
			/// Why.
			reason: RemovalReason,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a candidate.
		AlreadyCandidate,
		/// The account is not a candidate.
		NotCandidate,
		/// The candidate list is full and the registrant's self-bond is not larger than that of
		/// the candidate it would displace (or nobody may be displaced: see
		/// [`LastRanking`]).
		TooManyCandidates,
		/// Set session keys (`session.setKeys`) before registering.
		NoSessionKeys,
		/// Bond at least the minimum self-bond as your own stash before registering.
		InsufficientSelfBond,
		/// The commission is above the maximum.
		CommissionTooHigh,
		/// Parameters out of bounds: `1 ≤ min_seats ≤ seats ≤ MaxWinners`, `max_votes` from 1
		/// to the staking system's maximum nominations, a non-zero minimum self-bond.
		InvalidParams,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				Pallet::<T>::valid_params(&T::DefaultParams::get()),
				"the default election parameters are within bounds"
			);
			assert!(T::MaxCandidates::get() > 0, "candidates can register");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Candidates at genesis (already bonded and declared validators in the staking
		/// genesis): `(account, commission, name)`.
		pub candidates: Vec<(T::AccountId, Perbill, Vec<u8>)>,
		/// Election parameters, if not [`Config::DefaultParams`].
		pub params: Option<ElectionParamsOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.params {
				assert!(
					Pallet::<T>::valid_params(&params),
					"genesis election parameters in bounds"
				);
				Params::<T>::put(params);
			}
			for (candidate, commission, name) in &self.candidates {
				let description = CandidateDescription {
					name: name.clone().try_into().expect("genesis names are short"),
					url: Default::default(),
					did: None,
				};
				Candidates::<T>::insert(
					candidate,
					Candidate { commission: *commission, description, registered_at: Zero::zero() },
				);
			}
			assert!(
				Candidates::<T>::count() <= T::MaxCandidates::get(),
				"genesis candidates within the bound"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register as a validator candidate: the caller must be bonded as its own stash with at
		/// least the minimum self-bond and have set session keys. Declares it a validator in the
		/// staking system with `commission`. On a full list, displaces the lowest-ranked candidate
		/// of the last election that was not seated, if the caller's self-bond is larger (see the
		/// pallet docs); charged for that and refunded when the list had room.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_candidate_displacing())]
		pub fn register_candidate(
			origin: OriginFor<T>,
			commission: Perbill,
			description: DescriptionOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let displaced = Self::do_register_candidate(who, commission, description)?;
			Ok(displaced.is_none().then(T::WeightInfo::register_candidate).into())
		}

		/// Change one's commission or description.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_candidate())]
		pub fn update_candidate(
			origin: OriginFor<T>,
			commission: Perbill,
			description: DescriptionOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_candidate(who, commission, description)
		}

		/// Stop being a candidate: withdraws the validator declaration and starts unbonding the
		/// stake (it unlocks after the staking system's unbonding period). A seated validator
		/// serves until the next election.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::leave_candidacy())]
		pub fn leave_candidacy(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave_candidacy(who)
		}

		/// Set the seat count, the minimum number of seats, the minimum self-bond and the
		/// maximum votes per voter (governance), within the bounds checked in code.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: ElectionParamsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}

		/// Remove `candidate` from the list (governance). Like
		/// [`leave_candidacy`](Pallet::leave_candidacy) it withdraws the validator declaration
		/// and starts unbonding the stake, but *best effort*: if the staking system refuses
		/// (the stash already chilled and unbonded by itself), the refusal is ignored, leaves no
		/// partial change, and the candidate is removed anyway. Clears its ineligibility mark.
		/// Emits [`Event::CandidateRemoved`] with [`RemovalReason::Governance`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_candidate())]
		pub fn remove_candidate(
			origin: OriginFor<T>,
			candidate: AccountIdLookupOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(candidate)?;
			ensure!(Candidates::<T>::contains_key(&who), Error::<T>::NotCandidate);
			Self::remove(who, RemovalReason::Governance);
			Ok(())
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
