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
//! - **Who votes.** Every DID that is covered in at least one plan whose terms require the
//!   personhood credential ([`MembershipInspect::is_voter`]) has exactly one vote per poll:
//!   [aye, nay or abstain](MemberVote), cast with [`vote`](Pallet::vote) from the DID's
//!   controller account and changeable while the poll is ongoing. Tokens and the number of
//!   plans joined do not matter. The personhood credential (KYC in Huzhu) is attested by
//!   issuers that only the runtime-upgrade track accredits, and the membership pallet lets an
//!   issuer attest one person's uniqueness commitment to one DID only: a person has one vote
//!   per accredited personhood issuer (one person checked by two issuers may hold two DIDs).
//!   Members of plans that require no personhood credential are covered, may file claims and
//!   sit on juries, but do not vote: minting DIDs in a cheap credential-free plan buys no
//!   votes. The test is live: a personhood credential revoked, expired, or from an issuer just
//!   suspended ends the vote in the same block, without any refresh call.
//! - **Tally.** [`Tally`] implements `VoteTally` for `pallet-referenda`: approval is
//!   `ayes / (ayes + nays)`, support (the quorum) is `voters / electorate`, the electorate
//!   ([`MembershipInspect::voter_count`]: DIDs with an active membership of a plan requiring
//!   the personhood credential) read live, so that the track's support curve is a share of the
//!   voters. The electorate may count a member whose credential stopped being valid until its
//!   membership is refreshed: it is an upper bound, which only makes support harder to reach.
//!   Every vote, change or removal updates the tally in O(1).
//! - **Lapsing.** A member that is no longer a voter (its cover lapsed or ended, or its
//!   personhood credential is no longer valid) cannot vote, change a vote or delegate until it
//!   is a voter again: it has no weight in new polls. The votes it cast as a voter stay counted
//!   until anyone removes them with [`remove_other_vote`](Pallet::remove_other_vote) (allowed
//!   as soon as the DID is not a voter); the same holds for its delegation
//!   ([`remove_lapsed_delegation`](Pallet::remove_lapsed_delegation)).
//! - **Delegation.** Per track (a poll *class*), a voter may [lend its vote](Pallet::delegate)
//!   to another voter, which then votes with weight `1 + delegators` on that track;
//!   changes of delegation adjust the delegate's ongoing votes at once. Delegation is one level
//!   deep — a delegating member has no delegators, and nobody delegates to a delegating member —
//!   so cycles cannot form; a member has at most [`Config::MaxDelegators`] delegators per track.
//!   A delegating member does not vote on that track; [`undelegate`](Pallet::undelegate) ends
//!   the delegation.
//! - **Ended polls.** When `pallet-referenda` ends a poll its tally is frozen; the votes on it
//!   no longer count anywhere. They are removed by the voter ([`remove_vote`](Pallet::remove_vote)),
//!   by anyone ([`remove_other_vote`](Pallet::remove_other_vote)), or pruned automatically when
//!   the voter votes on a new poll of that track (its record holds at most
//!   [`Config::MaxVotes`] polls).
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
//! ## Invariants (`try_state`)
//!
//! For every ongoing poll, its tally equals the sum over the recorded votes of `1 + delegators`
//! of the voter; a voter's delegator count equals the members delegating to it; a delegating
//! member has no votes and delegates to a casting member; the number of polls a record holds is
//! within bounds.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod brake;
mod origins;
mod state_impls;
pub mod types;
mod vote_impls;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
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
/// A member's record on one track.
pub type VotingOf<T> = Voting<PollIndexOf<T>, <T as Config>::MaxVotes>;
/// When a poll was submitted: the start of its electorate.
pub trait PollStart<Index, BlockNumber> {
	/// The block poll `index` was submitted in, if it is ongoing.
	fn submitted(index: Index) -> Option<BlockNumber>;
}

/// An account's lookup source.
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use huzhu_primitives::membership::DidId;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Members and their DIDs: who may vote ([`MembershipInspect::is_voter`]), and the
		/// electorate of the support ratio ([`MembershipInspect::voter_count`]) (the
		/// membership pallet in Huzhu).
		type Members: MembershipInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// The polls members vote on (`pallet-referenda` in Huzhu).
		type Polls: Polling<TallyOf<Self>, Votes = u32, Moment = BlockNumberFor<Self>>;

		/// The block each poll was submitted in: its electorate is the voters since before
		/// (`pallet-referenda`'s `submitted` in Huzhu).
		type PollStart: PollStart<PollIndexOf<Self>, BlockNumberFor<Self>>;

		/// The most polls one member's record on one track holds (ongoing and not yet pruned).
		#[pallet::constant]
		type MaxVotes: Get<u32>;

		/// The most members that delegate to one member on one track.
		#[pallet::constant]
		type MaxDelegators: Get<u32>;

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

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates voters for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The custom origins of the governance tracks.
	#[pallet::origin]
	pub type Origin = origins::Origin;

	/// What each member (DID) does on each track: its votes and delegator count, or its
	/// delegation.
	#[pallet::storage]
	pub type VotingFor<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DidId, Twox64Concat, ClassOf<T>, VotingOf<T>, ValueQuery>;

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
		/// A member voted, or changed its vote, on a poll.
		Voted {
			/// The voting member.
			did: DidId,
			/// The poll.
			poll: PollIndexOf<T>,
			/// Its vote.
			vote: MemberVote,
			/// How many members the vote counts for (itself and its delegators).
			weight: u32,
		},
		/// A member's vote on a poll was removed (it no longer counts if the poll is ongoing).
		VoteRemoved {
			/// The member.
			did: DidId,
			/// The poll.
			poll: PollIndexOf<T>,
		},
		/// A member lent its vote on a track to another member.
		Delegated {
			/// The delegating member.
			did: DidId,
			/// The member voting for it.
			target: DidId,
			/// The track.
			class: ClassOf<T>,
		},
		/// A member's delegation on a track ended.
		Undelegated {
			/// The formerly delegating member.
			did: DidId,
			/// The member that voted for it.
			target: DidId,
			/// The track.
			class: ClassOf<T>,
		},
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
		/// The signing account controls no DID.
		NoDid,
		/// The signer's DID is not a voter: it is not covered in any plan that requires the
		/// personhood credential.
		NotVoter,
		/// The poll is not ongoing (it never existed or has ended).
		NotOngoing,
		/// The member delegates its vote on this track; undelegate first.
		AlreadyDelegating,
		/// The member's record on this track is full of votes on ongoing polls.
		MaxVotesReached,
		/// The member has no vote recorded on this poll.
		NotVoted,
		/// The poll has ended: name its track so that the vote can be found.
		ClassNeeded,
		/// The voter is still a voter and the poll is ongoing: only the voter removes it.
		VoterStillActive,
		/// No such track.
		BadClass,
		/// A member cannot delegate to itself.
		SelfDelegation,
		/// The delegate's account controls no DID.
		TargetNoDid,
		/// The delegate is not a voter.
		TargetNotVoter,
		/// The delegate delegates its own vote on this track (delegation does not chain).
		TargetDelegating,
		/// Members delegate to this member on this track: it cannot delegate (no chains).
		HasDelegators,
		/// The member has votes on ongoing polls of this track; remove them before delegating.
		AlreadyVoting,
		/// The delegate already has the most delegators allowed on this track.
		TooManyDelegators,
		/// The member does not delegate on this track.
		NotDelegating,
		/// The delegating member is still a voter: only it ends its delegation.
		DelegatorStillActive,
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
		/// The member became a voter (or its personhood credential started over) after the poll
		/// was submitted: a poll's electorate is fixed at its submission.
		NotInElectorate,
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
		/// Votes aye, nay or abstain on an ongoing poll, or changes the vote already cast.
		///
		/// The signer's DID must be a voter and must not delegate on the poll's track.
		/// The vote counts for the member and its delegators on that track.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::vote_new(T::MaxVotes::get())
			.max(T::WeightInfo::vote_change(T::MaxVotes::get())))]
		pub fn vote(
			origin: OriginFor<T>,
			poll: PollIndexOf<T>,
			vote: MemberVote,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(&who, poll, vote)
		}

		/// Removes the signer's vote on a poll. On an ongoing poll the tally drops it; on an
		/// ended poll (give its `class`) only the record is cleared. Lapsed members may remove
		/// their votes too.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_vote(T::MaxVotes::get()))]
		pub fn remove_vote(
			origin: OriginFor<T>,
			class: Option<ClassOf<T>>,
			poll: PollIndexOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let did = T::Members::did_of(&who).ok_or(Error::<T>::NoDid)?;
			Self::do_remove_vote(did, class, poll, false)
		}

		/// Removes another member's vote: allowed by anyone on an ended poll, and on an ongoing
		/// poll when the DID is no longer a voter (its vote stops counting).
		#[pallet::call_index(2)]
		// The voter's standing is read besides what `remove_vote` does.
		#[pallet::weight(T::WeightInfo::remove_vote(T::MaxVotes::get())
			.saturating_add(T::DbWeight::get().reads(2)))]
		pub fn remove_other_vote(
			origin: OriginFor<T>,
			target: DidId,
			class: ClassOf<T>,
			poll: PollIndexOf<T>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_vote(target, Some(class), poll, true)
		}

		/// Lends the signer's vote on track `class` to the voter controlling `to`.
		///
		/// The signer must be a voter, have no votes on ongoing polls of the track and no
		/// delegators; `to` must not delegate on the track and must have room for one more
		/// delegator. `to`'s ongoing votes on the track gain one member at once.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::delegate(T::MaxVotes::get()))]
		pub fn delegate(
			origin: OriginFor<T>,
			class: ClassOf<T>,
			to: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let target = <T::Lookup as sp_runtime::traits::StaticLookup>::lookup(to)?;
			Self::do_delegate(&who, class, &target)
		}

		/// Ends the signer's delegation on track `class`; the delegate's ongoing votes on the
		/// track lose one member at once. Lapsed members may undelegate too.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::undelegate(T::MaxVotes::get()))]
		pub fn undelegate(origin: OriginFor<T>, class: ClassOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let did = T::Members::did_of(&who).ok_or(Error::<T>::NoDid)?;
			Self::do_undelegate(did, class, false)
		}

		/// Ends the delegation of a member that is no longer a voter (anyone may call), so that
		/// it stops adding weight to its delegate's votes.
		#[pallet::call_index(5)]
		// The delegator's standing is read besides what `undelegate` does.
		#[pallet::weight(T::WeightInfo::undelegate(T::MaxVotes::get())
			.saturating_add(T::DbWeight::get().reads(2)))]
		pub fn remove_lapsed_delegation(
			origin: OriginFor<T>,
			delegator: DidId,
			class: ClassOf<T>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_undelegate(delegator, class, true)
		}

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
