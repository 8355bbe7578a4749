//! The runtime API through which wallets and the member app learn, before signing, whether a
//! member may vote, and why not.

use crate::VoteRefusal;
use codec::{Codec, Decode, Encode};
use huzhu_primitives::membership::DidId;
use scale_info::TypeInfo;

/// An account's standing as a voter.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct VoterRecord<BlockNumber> {
	/// The DID the account controls.
	pub did: DidId,
	/// Whether the DID is a voter now (checked live, as at a vote: credential, expiry, issuer,
	/// cover).
	pub voter: bool,
	/// The block its vote counts from: it votes on polls submitted after this block.
	pub since: Option<BlockNumber>,
}

sp_api::decl_runtime_apis! {
	/// Reads of the governance pallet. Delegation does not exist (members vote in person
	/// through the ranked collective): there is nothing to read of it.
	pub trait GovernanceApi<AccountId, BlockNumber, PollIndex>
	where
		AccountId: Codec,
		BlockNumber: Codec,
		PollIndex: Codec,
	{
		/// `who`'s standing as a voter; `None` if it controls no DID.
		fn voter(who: AccountId) -> Option<VoterRecord<BlockNumber>>;
		/// Whether a vote of `who` on `poll` would pass the `CheckElectorate` transaction
		/// extension now: the voting DID, or why the vote would be refused. A poll that is not
		/// ongoing (or does not exist) is left to the collective, which refuses the vote
		/// itself: `Ok` then says only that the signer's standing would not stop it.
		fn may_vote(who: AccountId, poll: PollIndex) -> Result<DidId, VoteRefusal>;
		/// The electorate a poll submitted now would get.
		fn electorate() -> u32;
	}
}
