//! The runtime API of the elections pallet: the current ranking, for voters.

use crate::RankedCandidate;
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Where each candidate stands: its backing, its voters, whether it would be elected now.
	pub trait ElectionsApi<AccountId: Codec> {
		/// Every registered candidate, best first, as an election now would rank them.
		fn ranking() -> Vec<RankedCandidate<AccountId>>;
	}
}
