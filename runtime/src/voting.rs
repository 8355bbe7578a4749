//! The members' votes: the stock `pallet-ranked-collective` ([`RankedCollective`]) voting on the
//! referenda of `pallet-referenda` ([`RankedPolls`]), the names polkadot-js apps' *Ranked
//! collective* page looks for.
//!
//! ```text
//!   membership ── a DID becomes / stops being a voter ──► RankedCollective (rank 0 = a voter's
//!        │           (RankedMembers: induct / demote)          controller account)
//!        │                                                          │ vote(poll, aye)
//!        │ is_voter, voter_since, voter_count                       ▼
//!        └──────────► governance ◄── CheckElectorate ─── the signed vote transaction
//!                     (Tally, electorate fixed at submission)       │
//!                          ▲                                        ▼
//!                          └──────── MemberPolls (tally adapter) ◄──┘
//!                                         │
//!                                         ▼
//!                                  RankedPolls (pallet-referenda): tracks, deposits, periods,
//!                                  enactment through the scheduler
//! ```
//!
//! - **Who is in the collective.** The membership pallet inducts a DID's controller when the DID
//!   becomes a voter (covered in a plan requiring the personhood credential) and removes it when
//!   it stops; nobody else changes the collective but root. Every member has rank 0 and one
//!   vote on every track ([`EveryVoter`], `Unit` vote weight).
//! - **Who votes on a poll.** The collective lets any member vote; the transaction extension
//!   [`CheckElectorate`](pallet_huzhu_governance::CheckElectorate) refuses a vote whose signer
//!   is not a voter *now* (a credential revoked or expired an instant ago) or was not one before
//!   the poll was submitted. A vote inside another call (a batch, a derivative account) is
//!   refused by the call filter ([`NoWrappedVotes`]), since the extension sees only the outer
//!   call. Root (a runtime-upgrade referendum, two thirds of the voters) is above both: it can
//!   dispatch a vote as any account (`utility.dispatch_as`) and change the collective; nothing
//!   else can.
//! - **The tally.** The referenda's tally is Huzhu's [`Tally`](pallet_huzhu_governance::Tally):
//!   the stock collective's three counts and the electorate fixed at submission.
//!   [`MemberPolls`] hands the collective its own tally type built from those counts and writes
//!   the counts back, so the collective's `vote` works unchanged while the quorum stays fixed.

use crate::*;
use codec::{Decode, Encode};
use frame_support::traits::{ConstU16, Contains, NeverEnsureOrigin, PollStatus, Polling};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use pallet_ranked_collective::{Rank, TallyOf as CollectiveTallyOf};
use sp_runtime::{traits::Convert, DispatchError};

/// The collective's tally type.
pub type CollectiveTally = CollectiveTallyOf<Runtime>;
/// Huzhu's tally, kept by the referenda.
pub type HuzhuTally = pallet_huzhu_governance::TallyOf<Runtime>;

/// Every track is open to every member: rank 0.
pub struct EveryVoter;
impl Convert<u16, Rank> for EveryVoter {
	fn convert(_track: u16) -> Rank {
		0
	}
}

/// The collective's tally with Huzhu's counts.
pub(crate) fn to_collective(tally: &HuzhuTally) -> CollectiveTally {
	CollectiveTally::from_parts(tally.bare_ayes, tally.ayes, tally.nays)
}

/// Writes the collective's counts back into Huzhu's tally (its electorate is untouched). The
/// collective's fields are private; its encoding is the three counts in order.
pub(crate) fn from_collective(counted: &CollectiveTally, tally: &mut HuzhuTally) {
	// Only a new layout of the collective's tally (a FRAME upgrade) fails to decode; the test
	// `the_collective_counts_into_the_tally_and_leaves_the_electorate` pins the layout.
	let Ok((bare_ayes, ayes, nays)) = <(u32, u32, u32)>::decode(&mut &counted.encode()[..]) else {
		frame_support::defensive!("the collective's tally no longer decodes as three counts");
		return;
	};
	tally.bare_ayes = bare_ayes;
	tally.ayes = ayes;
	tally.nays = nays;
}

/// The referenda as the collective sees them: [`RankedPolls`], with the tally converted both
/// ways on every access.
pub struct MemberPolls;
impl Polling<CollectiveTally> for MemberPolls {
	type Index = u32;
	type Votes = u32;
	type Class = u16;
	type Moment = BlockNumber;

	fn classes() -> alloc::vec::Vec<u16> {
		<RankedPolls as Polling<HuzhuTally>>::classes()
	}

	fn as_ongoing(index: u32) -> Option<(CollectiveTally, u16)> {
		<RankedPolls as Polling<HuzhuTally>>::as_ongoing(index)
			.map(|(tally, class)| (to_collective(&tally), class))
	}

	fn access_poll<R>(
		index: u32,
		f: impl FnOnce(PollStatus<&mut CollectiveTally, BlockNumber, u16>) -> R,
	) -> R {
		<RankedPolls as Polling<HuzhuTally>>::access_poll(index, |status| match status {
			PollStatus::Ongoing(tally, class) => {
				let mut counted = to_collective(tally);
				let result = f(PollStatus::Ongoing(&mut counted, class));
				from_collective(&counted, tally);
				result
			}
			PollStatus::Completed(moment, approved) => f(PollStatus::Completed(moment, approved)),
			PollStatus::None => f(PollStatus::None),
		})
	}

	fn try_access_poll<R>(
		index: u32,
		f: impl FnOnce(PollStatus<&mut CollectiveTally, BlockNumber, u16>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		<RankedPolls as Polling<HuzhuTally>>::try_access_poll(index, |status| match status {
			PollStatus::Ongoing(tally, class) => {
				let mut counted = to_collective(tally);
				let result = f(PollStatus::Ongoing(&mut counted, class))?;
				from_collective(&counted, tally);
				Ok(result)
			}
			PollStatus::Completed(moment, approved) => f(PollStatus::Completed(moment, approved)),
			PollStatus::None => f(PollStatus::None),
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn create_ongoing(class: u16) -> Result<u32, ()> {
		<RankedPolls as Polling<HuzhuTally>>::create_ongoing(class)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn end_ongoing(index: u32, approved: bool) -> Result<(), ()> {
		<RankedPolls as Polling<HuzhuTally>>::end_ongoing(index, approved)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn max_ongoing() -> (u16, u32) {
		<RankedPolls as Polling<HuzhuTally>>::max_ongoing()
	}
}

/// The collective's `vote`, for [`CheckElectorate`](pallet_huzhu_governance::CheckElectorate).
pub struct CollectiveVote;
impl pallet_huzhu_governance::VoteCall<RuntimeCall, u32> for CollectiveVote {
	fn voted_poll(call: &RuntimeCall) -> Option<u32> {
		match call {
			RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
				poll, ..
			}) => Some(*poll),
			_ => None,
		}
	}
}

/// Whether `call` is, or wraps at any depth, a vote of the collective.
fn holds_vote(call: &RuntimeCall, depth: u32) -> bool {
	// Deeper nesting than the runtime's call decoder allows is refused outright.
	if depth > 8 {
		return true;
	}
	match call {
		RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote { .. }) => true,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { calls }
			| pallet_utility::Call::batch_all { calls }
			| pallet_utility::Call::force_batch { calls },
		) => calls.iter().any(|inner| holds_vote(inner, depth.saturating_add(1))),
		RuntimeCall::Utility(
			pallet_utility::Call::as_derivative { call, .. }
			| pallet_utility::Call::dispatch_as { call, .. }
			| pallet_utility::Call::dispatch_as_fallible { call, .. }
			| pallet_utility::Call::with_weight { call, .. },
		) => holds_vote(call, depth.saturating_add(1)),
		RuntimeCall::Utility(pallet_utility::Call::if_else { main, fallback }) => {
			holds_vote(main, depth.saturating_add(1))
				|| holds_vote(fallback, depth.saturating_add(1))
		}
		_ => false,
	}
}

/// Refuses a vote wrapped in another call: [`CheckElectorate`](pallet_huzhu_governance::CheckElectorate)
/// checks the signer of a vote it sees at the top of a transaction, and a wrapper could change
/// the signer (a derivative account) or hide the vote. A vote is its own transaction.
pub struct NoWrappedVotes;
impl Contains<RuntimeCall> for NoWrappedVotes {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Utility(_) => !holds_vote(call, 0),
			_ => true,
		}
	}
}

impl pallet_ranked_collective::Config for Runtime {
	type WeightInfo = pallet_ranked_collective::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	// The membership pallet keeps the collective; root (a runtime-upgrade referendum) may
	// correct it by adding or removing a member. Every member has rank 0: nobody promotes, and
	// nobody swaps a member's account (a voter's account is its DID's controller).
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRootWithSuccess<AccountId, ConstU16<0>>;
	type PromoteOrigin = NeverEnsureOrigin<Rank>;
	type DemoteOrigin = EnsureRootWithSuccess<AccountId, ConstU16<0>>;
	type ExchangeOrigin = NeverEnsureOrigin<()>;
	type Polls = MemberPolls;
	type MinRankOfClass = EveryVoter;
	type MemberSwappedHandler = ();
	type VoteWeight = pallet_ranked_collective::Unit;
	type MaxMemberCount = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSetup = ();
}

/// Storage migrations of the move to the stock collective.
pub mod migrations {
	use super::*;
	use frame_support::{
		migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
	};
	use pallet_referenda::{ReferendumInfo, ReferendumInfoFor, ReferendumStatus};

	/// The tally of governance storage version 0: members aye, nay and abstaining.
	#[derive(
		Encode, Decode, Clone, PartialEq, Eq, Debug, scale_info::TypeInfo, codec::MaxEncodedLen,
	)]
	pub struct TallyV0 {
		/// Members voting aye.
		pub ayes: u32,
		/// Members voting nay.
		pub nays: u32,
		/// Members abstaining.
		pub abstains: u32,
	}

	/// A referendum as version 0 stored it.
	pub type ReferendumInfoV0 = ReferendumInfo<
		u16,
		OriginCaller,
		BlockNumber,
		pallet_referenda::BoundedCallOf<Runtime, ()>,
		Balance,
		TallyV0,
		AccountId,
		pallet_referenda::ScheduleAddressOf<Runtime, ()>,
	>;

	/// The referenda pallet's name before it became [`RankedPolls`].
	pub const OLD_REFERENDA: &[u8] = b"Referenda";

	/// Governance version 0 → 1, with the runtime's part of it:
	///
	/// 1. `Referenda`'s storage moves to its new name, `RankedPolls` (polkadot-js apps' name for
	///    the referenda of a ranked collective).
	/// 2. Every ongoing referendum's tally takes the new shape with no votes: the votes of the
	///    old pallet were kept in its own records, which go (and abstentions and delegated
	///    weight have no place in the collective). Members vote again through the collective.
	///    Its electorate is the voters now, and never fewer than the members its old tally
	///    counted (the voters at its submission are not recorded anywhere: exits since then
	///    would otherwise lower its quorum). Ended referenda carry no tally and are unchanged.
	/// 3. The governance pallet's own records are removed
	///    ([`pallet_huzhu_governance::migrations::v1`]).
	pub struct InnerToRankedCollective;
	impl UncheckedOnRuntimeUpgrade for InnerToRankedCollective {
		fn on_runtime_upgrade() -> Weight {
			frame_support::storage::migration::move_pallet(OLD_REFERENDA, b"RankedPolls");
			let electorate = pallet_huzhu_governance::Pallet::<Runtime>::electorate();
			let mut translated: u64 = 0;
			ReferendumInfoFor::<Runtime>::translate::<ReferendumInfoV0, _>(|_, old| {
				translated = translated.saturating_add(1);
				Some(match old {
					ReferendumInfo::Ongoing(status) => ReferendumInfo::Ongoing(ReferendumStatus {
						track: status.track,
						origin: status.origin,
						proposal: status.proposal,
						enactment: status.enactment,
						submitted: status.submitted,
						submission_deposit: status.submission_deposit,
						decision_deposit: status.decision_deposit,
						deciding: status.deciding,
						tally: HuzhuTally::from_counts(
							0,
							0,
							electorate.max(
								status
									.tally
									.ayes
									.saturating_add(status.tally.nays)
									.saturating_add(status.tally.abstains),
							),
						),
						in_queue: status.in_queue,
						alarm: status.alarm,
					}),
					ReferendumInfo::Approved(at, submission, decision) => {
						ReferendumInfo::Approved(at, submission, decision)
					}
					ReferendumInfo::Rejected(at, submission, decision) => {
						ReferendumInfo::Rejected(at, submission, decision)
					}
					ReferendumInfo::Cancelled(at, submission, decision) => {
						ReferendumInfo::Cancelled(at, submission, decision)
					}
					ReferendumInfo::TimedOut(at, submission, decision) => {
						ReferendumInfo::TimedOut(at, submission, decision)
					}
					ReferendumInfo::Killed(at) => ReferendumInfo::Killed(at),
				})
			});
			let records =
				pallet_huzhu_governance::migrations::v1::InnerMigrateToV1::<Runtime>::on_runtime_upgrade();
			// The move reads and writes every key of the referenda (a few per referendum).
			<Runtime as frame_system::Config>::DbWeight::get()
				.reads_writes(translated.saturating_mul(4), translated.saturating_mul(4))
				.saturating_add(records)
		}

		/// The referenda and how many are ongoing, under the old name.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let (mut all, mut ongoing) = (0u32, 0u32);
			for (_, info) in frame_support::storage::migration::storage_key_iter::<
				u32,
				ReferendumInfoV0,
				frame_support::Blake2_128Concat,
			>(OLD_REFERENDA, b"ReferendumInfoFor")
			{
				all = all.saturating_add(1);
				if matches!(info, ReferendumInfo::Ongoing(_)) {
					ongoing = ongoing.saturating_add(1);
				}
			}
			Ok((all, ongoing).encode())
		}

		/// Every referendum is still there, under the new name, and as many are ongoing, each
		/// with no votes.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (all, ongoing) = <(u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade state does not decode")?;
			let mut counted = (0u32, 0u32);
			for info in ReferendumInfoFor::<Runtime>::iter_values() {
				counted.0 = counted.0.saturating_add(1);
				if let ReferendumInfo::Ongoing(status) = info {
					counted.1 = counted.1.saturating_add(1);
					huzhu_primitives::ensure_invariant(
						status.tally.voters() == 0,
						"an ongoing referendum kept votes",
					)?;
				}
			}
			huzhu_primitives::ensure_invariant(
				counted == (all, ongoing),
				"referenda were lost in the move",
			)?;
			Ok(())
		}
	}

	/// Runs [`InnerToRankedCollective`] once: when the governance pallet is at version 0.
	pub type ToRankedCollective = VersionedMigration<
		0,
		1,
		InnerToRankedCollective,
		Governance,
		<Runtime as frame_system::Config>::DbWeight,
	>;
}
