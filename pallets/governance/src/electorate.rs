//! Who may vote on a poll, and the transaction extension that enforces it on the stock
//! collective's `vote`.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{pallet_prelude::TransactionSource, traits::OriginTrait, DefaultNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use huzhu_primitives::membership::DidId;
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	Weight,
};

/// Recognises a member's vote in a runtime call (Huzhu: `rankedCollective.vote`).
pub trait VoteCall<Call, PollIndex> {
	/// The poll `call` votes on, if it is a vote.
	fn voted_poll(call: &Call) -> Option<PollIndex>;
}

/// Why an account may not vote on a poll. A refused vote is an invalid transaction whose custom
/// code is the variant's number (`Custom(1)` … `Custom(3)`), so it never enters a block.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[repr(u8)]
pub enum VoteRefusal {
	/// The signing account controls no DID.
	NoDid = 1,
	/// The signer's DID is not a voter now (no cover in a plan requiring the personhood
	/// credential, or that credential is revoked, expired or from a suspended issuer).
	NotVoter = 2,
	/// The signer's DID became a voter (or its personhood credential was attested again) in or
	/// after the block the poll was submitted in: it is not in the poll's electorate.
	NotInElectorate = 3,
}

impl From<VoteRefusal> for TransactionValidityError {
	fn from(refusal: VoteRefusal) -> Self {
		InvalidTransaction::Custom(refusal as u8).into()
	}
}

impl<T: Config> Pallet<T> {
	/// The electorate a poll submitted now gets: the DIDs with an active membership of a plan
	/// requiring the personhood credential ([`MembershipInspect::voter_count`]).
	pub fn electorate() -> u32 {
		T::Members::voter_count()
	}

	/// `who`'s standing as a voter, for the runtime API.
	pub fn voter_record(who: &T::AccountId) -> Option<runtime_api::VoterRecord<BlockNumberFor<T>>> {
		let did = T::Members::did_of(who)?;
		Some(runtime_api::VoterRecord {
			did,
			voter: T::Members::is_voter(did),
			since: T::Members::voter_since(did),
		})
	}

	/// Whether `who` may vote on `poll` now: its DID is a voter now (checked live: the
	/// credential, its expiry, its issuer's accreditation, the cover) and was one before the
	/// poll was submitted. A poll that is not ongoing is left to the collective, which refuses
	/// the vote itself.
	pub fn check_voter(who: &T::AccountId, poll: PollIndexOf<T>) -> Result<DidId, VoteRefusal> {
		let did = T::Members::did_of(who).ok_or(VoteRefusal::NoDid)?;
		let since = T::Members::voter_since(did).ok_or(VoteRefusal::NotVoter)?;
		if !T::Members::is_voter(did) {
			return Err(VoteRefusal::NotVoter);
		}
		if let Some(submitted) = T::PollStart::submitted(poll) {
			if since >= submitted {
				return Err(VoteRefusal::NotInElectorate);
			}
		}
		Ok(did)
	}
}

/// Refuses a vote ([`Config::VoteCall`]) signed by an account outside the poll's electorate
/// ([`Pallet::check_voter`]), as an invalid transaction: the vote never reaches the collective.
/// Every other call passes untouched, at no weight.
///
/// The runtime must make this the only way a vote is dispatched with a signed origin: a vote
/// wrapped in another call (a batch, a derivative account) is not seen here, so the runtime's
/// call filter refuses such wrappers.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckElectorate<T>(PhantomData<T>);

impl<T> CheckElectorate<T> {
	/// The extension (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckElectorate<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckElectorate")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckElectorate<T> {
	const IDENTIFIER: &'static str = "CheckElectorate";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		match T::VoteCall::voted_poll(call) {
			Some(_) => T::WeightInfo::check_voter(),
			None => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		if let (Some(poll), Some(who)) = (T::VoteCall::voted_poll(call), origin.as_signer()) {
			Pallet::<T>::check_voter(who, poll)?;
		}
		Ok((Default::default(), (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
