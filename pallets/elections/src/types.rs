//! The plain data the elections pallet stores and reports: candidates, election parameters, the
//! ranking.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use huzhu_primitives::membership::DidId;
use scale_info::TypeInfo;
use sp_runtime::{BoundedVec, Perbill};

/// What a candidate tells voters about itself.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNameLen, MaxUrlLen))]
pub struct CandidateDescription<MaxNameLen: Get<u32>, MaxUrlLen: Get<u32>> {
	/// A display name (UTF-8).
	pub name: BoundedVec<u8, MaxNameLen>,
	/// A web page (UTF-8), possibly empty.
	pub url: BoundedVec<u8, MaxUrlLen>,
	/// The candidate's identity DID, if it has one.
	pub did: Option<DidId>,
}

/// A registered validator candidate.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNameLen, MaxUrlLen))]
pub struct Candidate<
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxNameLen: Get<u32>,
	MaxUrlLen: Get<u32>,
> {
	/// The share of its rewards the validator keeps before its backers are paid.
	pub commission: Perbill,
	/// What it tells voters.
	pub description: CandidateDescription<MaxNameLen, MaxUrlLen>,
	/// The block it registered in: the earlier registration wins a tie.
	pub registered_at: BlockNumber,
}

/// Why a candidate was removed from the list (not by leaving itself).
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
pub enum RemovalReason {
	/// Governance removed it ([`remove_candidate`](crate::Pallet::remove_candidate)).
	Governance,
	/// Two consecutive elections found it ineligible: below the minimum self-bond, without
	/// session keys, or no longer declared a validator in the staking system.
	Ineligible,
	/// The list was full and a registrant with a larger self-bond took its slot; it was the
	/// lowest-ranked candidate of the last election, not seated.
	Displaced,
}

/// The election's parameters, set by governance within the bounds checked in code.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ElectionParams<Balance> {
	/// How many validators are elected (1 ..= `MaxWinners`).
	pub seats: u32,
	/// Fewer eligible candidates than this fail the election: the previous set stays
	/// (1 ..= `seats`).
	pub min_seats: u32,
	/// The stake a candidate must keep bonded to register and to be eligible.
	pub min_self_bond: Balance,
	/// How many candidates one voter's stake counts for (1 ..= the staking system's maximum
	/// nominations); further approvals are ignored.
	pub max_votes: u32,
}

/// One candidate's standing in the current ranking.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct RankedCandidate<AccountId> {
	/// The candidate.
	pub candidate: AccountId,
	/// The sum of the stake (in vote weight) of every voter that approves it, its own included.
	pub total_backing: u128,
	/// How many voters approve it, itself included.
	pub voters: u32,
	/// Whether it keeps its minimum self-bond, has session keys and is declared a validator in
	/// the staking system (an ineligible candidate is ranked but not elected).
	pub eligible: bool,
	/// Whether an election now would seat it.
	pub would_be_elected: bool,
}
