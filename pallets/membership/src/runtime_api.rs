//! The runtime API through which wallets, verifiers and regulators read identities and
//! memberships without an indexer.

use crate::{Credential, DidDocument, MemberRecord, Plan};
use codec::Codec;
use huzhu_primitives::membership::{CredentialTypeId, DidId, PlanId};

sp_api::decl_runtime_apis! {
	/// Reads of the membership pallet.
	pub trait MembershipApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The DID document of `did` (`did:huzhu:<did>`), if the DID is live.
		fn resolve_did(did: DidId) -> Option<DidDocument<AccountId, Balance, BlockNumber>>;
		/// The DID `account` controls, if any.
		fn did_of(account: AccountId) -> Option<DidId>;
		/// `did`'s credential of `credential_type`, and whether it is valid now (unexpired, its
		/// issuer accredited, the DID live).
		fn credential(did: DidId, credential_type: CredentialTypeId) -> Option<(Credential<BlockNumber>, bool)>;
		/// A plan with its terms and member counts.
		fn plan(plan: PlanId) -> Option<Plan<Balance, BlockNumber>>;
		/// `did`'s membership of `plan`, and whether it is covered now.
		fn membership(plan: PlanId, did: DidId) -> Option<(MemberRecord<BlockNumber>, bool)>;
	}
}
