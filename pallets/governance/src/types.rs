//! The tally of one person, one vote, and who pulls the brake.

use crate::{Config, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::{traits::VoteTally, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use huzhu_primitives::membership::DidId;
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// The tally of a poll: how many members voted each way, out of the electorate fixed when the
/// poll was submitted.
///
/// Its first three fields are those of `pallet-ranked-collective`'s tally, in the same order, so
/// that the stock collective's `vote` counts into it (the runtime converts between the two) and
/// polkadot-js apps reads it as a ranked tally (it has no `support` field). Every voter has one
/// vote, so `bare_ayes == ayes`.
///
/// - Approval is `ayes / (ayes + nays)`.
/// - Support (the quorum) is `(ayes + nays) / electorate`: the share of the poll's electorate
///   that turned out. The electorate is [`MembershipInspect::voter_count`](crate::MembershipInspect)
///   when the poll is submitted ([`VoteTally::new`]) and never changes afterwards: members who
///   join later cannot vote on the poll (the runtime's
///   [`CheckElectorate`](crate::CheckElectorate)), and members who exit or lapse during the
///   poll do not lower its quorum.
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
	/// Members voting aye (each with one vote).
	pub bare_ayes: u32,
	/// Votes aye (equal to `bare_ayes`: one member, one vote).
	pub ayes: u32,
	/// Votes nay.
	pub nays: u32,
	/// The voters when the poll was submitted: the denominator of its support.
	pub electorate: u32,
	#[codec(skip)]
	_members: PhantomData<T>,
}

impl<T> Tally<T> {
	/// A tally of `ayes` and `nays` out of `electorate`.
	pub fn from_counts(ayes: u32, nays: u32, electorate: u32) -> Self {
		Tally { bare_ayes: ayes, ayes, nays, electorate, _members: PhantomData }
	}

	/// How many members voted at all.
	pub fn voters(&self) -> u32 {
		self.bare_ayes.saturating_add(self.nays)
	}

	/// The denominator of support: the electorate, and never fewer than the voters counted.
	pub fn turnout_base(&self) -> u32 {
		self.electorate.max(self.voters())
	}
}

impl<T: Config, Class> VoteTally<u32, Class> for Tally<T> {
	/// A new poll's tally: no votes, out of the voters now.
	fn new(_: Class) -> Self {
		Self::from_counts(0, 0, Pallet::<T>::electorate())
	}

	fn ayes(&self, _: Class) -> u32 {
		self.bare_ayes
	}

	fn support(&self, _: Class) -> Perbill {
		match self.turnout_base() {
			0 => Perbill::zero(),
			base => Perbill::from_rational(self.voters(), base),
		}
	}

	fn approval(&self, _: Class) -> Perbill {
		match self.voters() {
			0 => Perbill::zero(),
			decided => Perbill::from_rational(self.bare_ayes, decided),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn unanimity(_: Class) -> Self {
		let electorate = Pallet::<T>::electorate().max(1);
		Self::from_counts(electorate, 0, electorate)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn rejection(_: Class) -> Self {
		let electorate = Pallet::<T>::electorate().max(1);
		Self::from_counts(0, electorate, electorate)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn from_requirements(support: Perbill, approval: Perbill, _: Class) -> Self {
		let electorate = Pallet::<T>::electorate().max(1);
		let voters = support.mul_ceil(electorate);
		let ayes = approval.mul_ceil(voters);
		Self::from_counts(ayes, voters.saturating_sub(ayes), electorate)
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
