//! # Governance pallet
//!
//! One person, one vote: the members of Huzhu's mutual-aid plans decide every rule change. The
//! referendum engine is FRAME's `pallet-referenda` (submission, decision deposits, preparation,
//! decision and confirmation periods, enactment through `pallet-scheduler` and
//! `pallet-preimage`); this pallet is the part no stock pallet has — the voting of *members*
//! rather than of tokens — and the origins of Huzhu's governance tracks.
//!
//! ## Voting
//!
//! Members vote through FRAME's stock `pallet-ranked-collective`, so that polkadot-js apps'
//! *Ranked collective* page shows the referenda and their tallies and lets members vote. The
//! runtime keeps the collective's rank-0 members equal to the controllers of the voters (the
//! membership pallet inducts and removes them through `RankedMembers`); this pallet decides who
//! may vote and keeps the tally.
//!
//! - **Who votes.** Every DID that is covered in at least one plan whose terms require the
//!   personhood credential ([`MembershipInspect::is_voter`]) has exactly one vote per poll,
//!   aye or nay, cast with the collective's `vote(poll, aye)` from the DID's controller and
//!   changeable while the poll is ongoing. Tokens and the number of plans joined do not matter.
//!   The personhood credential (KYC in Huzhu) is attested by issuers that only the
//!   runtime-upgrade track accredits, and the membership pallet lets an issuer attest one
//!   person's uniqueness commitment to one DID only: a person has one vote per accredited
//!   personhood issuer (one person checked by two issuers may hold two DIDs). Members of plans
//!   that require no personhood credential are covered, may file claims and sit on juries, but
//!   do not vote: minting DIDs in a cheap credential-free plan buys no votes.
//! - **Checked live, at every vote.** The runtime's transaction extension [`CheckElectorate`]
//!   runs [`Pallet::check_voter`] on every vote: a personhood credential revoked, expired, or
//!   from an issuer just suspended ends the vote in the same block, without any refresh call
//!   (the refused vote is an invalid transaction, [`VoteRefusal`]).
//! - **The electorate is fixed at submission.** A poll's [`Tally`] records the number of voters
//!   when it is submitted ([`VoteTally::new`](frame_support::traits::VoteTally::new)), and
//!   support is measured against that number for the poll's whole life: members who exit or
//!   lapse during the poll do not lower its quorum. Only DIDs that were voters *before* the
//!   submission block vote on it ([`MembershipInspect::voter_since`]): later joiners, and a
//!   personhood credential moved to another DID or attested again, do not.
//! - **Tally.** Approval is `ayes / (ayes + nays)`; support (the quorum) is
//!   `(ayes + nays) / electorate`, the turnout. Votes stay counted when the voter lapses after
//!   casting them: it was in the electorate.
//! - **What the stock collective replaced.** Huzhu's own voting had abstentions and per-track
//!   delegation; both are gone (storage version 1 removes their records). A member that cannot
//!   vote in person no longer lends its vote, so a lapsed delegator can no longer lend weight
//!   either.
//!
//! ## Tracks and origins
//!
//! [`Origin`] is the pallet's custom origin, one variant per non-root track: plan terms,
//! accreditation, treasury and custody, emergency. A referendum on a track dispatches its
//! proposal with that origin; the other pallets accept it through the [`EnsureOrigin`](frame_support::traits::EnsureOrigin)
//! implementations [`EnsurePlanTerms`], [`EnsureAccreditation`], [`EnsureTreasuryCustody`] and
//! [`EnsureEmergency`]. The runtime upgrade track dispatches as root. The tracks themselves —
//! deposits, periods and approval/support curves — are runtime configuration
//! (`pallet_referenda::TracksInfo`), not code here.
//!
//! ## The emergency brake
//!
//! A [`Braker`] — the emergency council by its threshold, or a DID holding a `RegulatorObserver`
//! credential ([`Config::BrakeOrigin`]) — puts the chain into safe mode with
//! [`pull_brake`](Pallet::pull_brake) for [`Config::BrakeDuration`] blocks. Nobody holds the
//! brake for ever:
//!
//! - **Cooldown per braker.** A braker pulls again only [`Config::BrakeCooldown`] blocks after
//!   its last brake ended ([`LastBrake`]), whoever ended it.
//! - **Budget per period.** All brakers together pull at most [`Config::MaxBrakesPerPeriod`]
//!   times in any [`Config::BrakePeriod`] blocks ([`RecentBrakes`], a sliding window: a burst
//!   at the end of one period and the start of the next counts as one period).
//! - **The members decide the rest.** Safe mode is extended or ended only by the members'
//!   emergency track (the runtime's configuration of `pallet-safe-mode`), and the accreditation
//!   track can revoke a regulator's standing while safe mode is on.
//!
//! ```text
//!   pull_brake(braker) at block n, d = BrakeDuration:
//!     n ≥ LastBrake[braker] + BrakeCooldown           else BrakeCoolingDown
//!     recent = RecentBrakes without pulls at or before n − BrakePeriod
//!     |recent| < MaxBrakesPerPeriod                    else BrakeBudgetSpent
//!     safe mode not entered                            else AlreadyBraked
//!     → safe mode until n + d; LastBrake[braker] = n + d; RecentBrakes = recent + [n]
//! ```
//!
//! ## Reading a voter's standing: the runtime API
//!
//! [`runtime_api::GovernanceApi`] tells a wallet, before it asks anyone to sign, whether a vote
//! would pass [`CheckElectorate`] and which [`VoteRefusal`] it would meet otherwise
//! (`may_vote`), an account's [`VoterRecord`](runtime_api::VoterRecord) (its DID, whether it is
//! a voter now, since when) and the electorate a poll submitted now would get. The polls, their
//! tallies and the votes are the stock pallets' storage, which polkadot-js apps reads.
//!
//! ## Invariants (`try_state`)
//!
//! The brake's recent pulls are in order, within the period's budget and not in the future.
//!
//! ## Clocks on a parachain
//!
//! The brake's cooldown and budget period are in blocks of [`Config::BlockNumberProvider`],
//! which must be the clock [`Config::SafeMode`] counts [`Config::BrakeDuration`] in, since
//! a brake's end is `now + BrakeDuration` on it: `frame_system::Pallet` with
//! `pallet-safe-mode`, which counts its own chain's blocks, on a solochain and on a parachain
//! alike. Voters' standing is compared with a poll's submission in the membership pallet's and
//! `pallet-referenda`'s clocks, which must be one source (the claims pallet's docs, "Clocks on
//! a parachain").

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod brake;
mod electorate;
pub mod migrations;
mod origins;
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

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
pub use electorate::{CheckElectorate, VoteCall, VoteRefusal};
pub use huzhu_primitives::membership::MembershipInspect;
pub use origins::{EnsureAccreditation, EnsureEmergency, EnsurePlanTerms, EnsureTreasuryCustody};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::Polling;

/// The tally this pallet keeps for the polls.
pub type TallyOf<T> = Tally<T>;
/// A poll's index (a referendum index).
pub type PollIndexOf<T> = <<T as Config>::Polls as Polling<TallyOf<T>>>::Index;
/// A poll's class (a referendum track).
pub type ClassOf<T> = <<T as Config>::Polls as Polling<TallyOf<T>>>::Class;
/// When a poll was submitted: the start of its electorate.
pub trait PollStart<Index, BlockNumber> {
	/// The block poll `index` was submitted in, if it is ongoing.
	fn submitted(index: Index) -> Option<BlockNumber>;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Members and their DIDs: who may vote ([`MembershipInspect::is_voter`],
		/// [`MembershipInspect::voter_since`]) and the electorate of a new poll
		/// ([`MembershipInspect::voter_count`]) (the membership pallet in Huzhu).
		type Members: MembershipInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// The polls members vote on (`pallet-referenda` in Huzhu), whose tally is [`Tally`].
		type Polls: Polling<TallyOf<Self>, Votes = u32, Moment = BlockNumberFor<Self>>;

		/// The block each poll was submitted in: its electorate is the voters since before
		/// (`pallet-referenda`'s `submitted` in Huzhu).
		type PollStart: PollStart<PollIndexOf<Self>, BlockNumberFor<Self>>;

		/// Recognises a vote among the runtime's calls, for [`CheckElectorate`]
		/// (`pallet-ranked-collective`'s `vote` in Huzhu).
		type VoteCall: VoteCall<Self::RuntimeCall, PollIndexOf<Self>>;

		/// Who may pull the emergency brake, and as whom (its cooldown is its own).
		type BrakeOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Braker>;

		/// The brake: the runtime's safe mode (`pallet-safe-mode` in Huzhu).
		type SafeMode: frame_support::traits::SafeMode<BlockNumber = BlockNumberFor<Self>>;

		/// How long one pull of the brake keeps the chain in safe mode; zero disables the brake.
		#[pallet::constant]
		type BrakeDuration: Get<BlockNumberFor<Self>>;

		/// How long after its last brake ended a braker may pull again.
		#[pallet::constant]
		type BrakeCooldown: Get<BlockNumberFor<Self>>;

		/// The period over which the brakers' pulls are budgeted.
		#[pallet::constant]
		type BrakePeriod: Get<BlockNumberFor<Self>>;

		/// The most pulls of the brake by all brakers together in any [`Config::BrakePeriod`]
		/// blocks.
		#[pallet::constant]
		type MaxBrakesPerPeriod: Get<u32>;

		/// The clock of the brake's cooldown and budget: the one [`Config::SafeMode`] counts in
		/// (`frame_system::Pallet` with `pallet-safe-mode`, on a parachain too).
		type BlockNumberProvider: sp_runtime::traits::BlockNumberProvider<
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates voters for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The custom origins of the governance tracks.
	#[pallet::origin]
	pub type Origin = origins::Origin;

	/// Which of the runtime's track tables is in force. The runtime defines the tables (Huzhu:
	/// `0` the real periods in days, `1` a development chain's periods in blocks); the genesis
	/// chooses, and only root (a runtime-upgrade referendum) changes it.
	#[pallet::storage]
	pub type TrackTable<T: Config> = StorageValue<_, u8, ValueQuery>;

	/// The block each braker's last brake ended (or ends): its cooldown runs from there. One
	/// entry per braker that ever pulled: the council and credentialed regulators.
	#[pallet::storage]
	pub type LastBrake<T: Config> =
		StorageMap<_, Blake2_128Concat, Braker, BlockNumberFor<T>, OptionQuery>;

	/// The blocks the brake was pulled in during the last [`Config::BrakePeriod`] blocks (older
	/// pulls are dropped at the next pull), oldest first.
	#[pallet::storage]
	pub type RecentBrakes<T: Config> =
		StorageValue<_, BoundedVec<BlockNumberFor<T>, T::MaxBrakesPerPeriod>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The track table in force from genesis (see [`TrackTable`]).
		pub track_table: u8,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			TrackTable::<T>::put(self.track_table);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The emergency brake was pulled: the chain is in safe mode until `until`.
		BrakePulled {
			/// Who pulled it.
			by: Braker,
			/// The block safe mode ends in, unless the members extend or end it.
			until: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This braker pulled the brake too recently: its cooldown has not passed.
		BrakeCoolingDown,
		/// The brake was pulled as often as the last period allows.
		BrakeBudgetSpent,
		/// The chain is already in safe mode.
		AlreadyBraked,
		/// The brake is disabled (its duration is zero).
		BrakeDisabled,
		/// A block number overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pulls the emergency brake: puts the chain into safe mode for
		/// [`Config::BrakeDuration`], if the braker's cooldown has passed and the period's budget
		/// has room (see the module documentation).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::pull_brake())]
		pub fn pull_brake(origin: OriginFor<T>) -> DispatchResult {
			let braker = T::BrakeOrigin::ensure_origin(origin)?;
			Self::do_pull_brake(braker)
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
