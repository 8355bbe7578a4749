//! The vote, the per-member voting record and the tally of one DID, one vote.

use crate::{Config, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::{
	traits::{Get, VoteTally},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use huzhu_primitives::membership::DidId;
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// A member's vote on a poll.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum MemberVote {
	/// For the proposal: counts towards approval and support.
	Aye,
	/// Against the proposal: counts against approval and towards support.
	Nay,
	/// Present but undecided: counts towards support (the quorum) only.
	Abstain,
}

/// What a member (a DID) does on one track: vote itself, or lend its vote to another member.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxVotes))]
#[codec(mel_bound(PollIndex: MaxEncodedLen))]
pub enum Voting<PollIndex: Clone + PartialEq + Eq + core::fmt::Debug, MaxVotes: Get<u32>> {
	/// The member votes itself.
	Casting {
		/// Its votes, sorted by poll; entries on polls that have ended no longer count and are
		/// pruned at the member's next new vote (or removed by anyone).
		votes: BoundedVec<(PollIndex, MemberVote), MaxVotes>,
		/// How many members delegate their vote on this track to it: each of its votes counts
		/// `1 + delegators` times.
		delegators: u32,
	},
	/// The member's vote on this track is cast by `target`. A delegating member has no
	/// delegators of its own and votes nowhere on the track, so delegation never chains.
	Delegating {
		/// The member that votes for it.
		target: DidId,
	},
}

impl<PollIndex: Clone + PartialEq + Eq + core::fmt::Debug, MaxVotes: Get<u32>> Default
	for Voting<PollIndex, MaxVotes>
{
	fn default() -> Self {
		Voting::Casting { votes: BoundedVec::new(), delegators: 0 }
	}
}

impl<PollIndex: Clone + PartialEq + Eq + core::fmt::Debug, MaxVotes: Get<u32>>
	Voting<PollIndex, MaxVotes>
{
	/// Whether the record says nothing (no votes, no delegators, not delegating) and can be
	/// removed from storage.
	pub fn is_empty(&self) -> bool {
		matches!(self, Voting::Casting { votes, delegators: 0 } if votes.is_empty())
	}
}

/// The tally of a poll: how many members (DIDs, delegated votes included) voted each way.
///
/// Approval is `ayes / (ayes + nays)`; support (the quorum) is
/// `(ayes + nays + abstains) / electorate`, the electorate (the DIDs with an active membership of
/// a plan requiring the personhood credential) read live from the membership pallet so that it
/// follows members joining and lapsing during the poll.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Tally<T> {
	/// Members voting aye.
	pub ayes: u32,
	/// Members voting nay.
	pub nays: u32,
	/// Members abstaining.
	pub abstains: u32,
	#[codec(skip)]
	_electorate: PhantomData<T>,
}

impl<T> Tally<T> {
	/// A tally of the given counts.
	pub fn from_counts(ayes: u32, nays: u32, abstains: u32) -> Self {
		Tally { ayes, nays, abstains, _electorate: PhantomData }
	}

	/// How many members voted at all.
	pub fn voters(&self) -> u32 {
		self.ayes.saturating_add(self.nays).saturating_add(self.abstains)
	}

	/// Adds `weight` members voting `vote`.
	pub fn add(&mut self, vote: MemberVote, weight: u32) {
		let side = self.side(vote);
		*side = side.saturating_add(weight);
	}

	/// Removes `weight` members voting `vote`.
	pub fn remove(&mut self, vote: MemberVote, weight: u32) {
		let side = self.side(vote);
		*side = side.saturating_sub(weight);
	}

	fn side(&mut self, vote: MemberVote) -> &mut u32 {
		match vote {
			MemberVote::Aye => &mut self.ayes,
			MemberVote::Nay => &mut self.nays,
			MemberVote::Abstain => &mut self.abstains,
		}
	}
}

impl<T: Config> Tally<T> {
	/// The electorate now ([`MembershipInspect::voter_count`](crate::MembershipInspect)), and
	/// never fewer than the voters counted (members that lapsed after voting still count until
	/// their vote is removed).
	pub fn electorate(&self) -> u32 {
		Pallet::<T>::electorate().max(self.voters())
	}
}

impl<T: Config, Class> VoteTally<u32, Class> for Tally<T> {
	fn new(_: Class) -> Self {
		Self::from_counts(0, 0, 0)
	}

	fn ayes(&self, _: Class) -> u32 {
		self.ayes
	}

	fn support(&self, _: Class) -> Perbill {
		match self.electorate() {
			0 => Perbill::zero(),
			electorate => Perbill::from_rational(self.voters(), electorate),
		}
	}

	fn approval(&self, _: Class) -> Perbill {
		match self.ayes.saturating_add(self.nays) {
			0 => Perbill::zero(),
			decided => Perbill::from_rational(self.ayes, decided),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn unanimity(_: Class) -> Self {
		Self::from_counts(Pallet::<T>::electorate().max(1), 0, 0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn rejection(_: Class) -> Self {
		Self::from_counts(0, Pallet::<T>::electorate().max(1), 0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn from_requirements(support: Perbill, approval: Perbill, _: Class) -> Self {
		let electorate = Pallet::<T>::electorate().max(1);
		let voters = support.mul_ceil(electorate);
		let ayes = approval.mul_ceil(voters);
		Self::from_counts(ayes, voters.saturating_sub(ayes), 0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn setup(_: Class, _: Perbill) {}
}

/// Who pulled the emergency brake: each has its own cooldown ([`crate::LastBrake`]).
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Braker {
	/// The emergency council, by its threshold (two thirds in Huzhu).
	Council,
	/// A DID holding a `RegulatorObserver` credential.
	Regulator(DidId),
}
