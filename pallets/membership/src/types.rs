//! The plain data the membership pallet stores: DID records, credentials, issuer accreditations,
//! plans, memberships and the activation queue's cursor.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use huzhu_primitives::{DidId, PlanTerms, RegionId};
use scale_info::TypeInfo;
use sp_core::{ecdsa, ed25519, sr25519, ConstU32, H256};
use sp_runtime::BoundedVec;

/// The longest service-endpoint kind and credential-type name, in bytes.
pub const MAX_LABEL_LEN: u32 = 32;

/// A short UTF-8 label: a service kind (`"LinkedDomains"`) or a credential type's name (`"Kyc"`).
pub type Label = BoundedVec<u8, ConstU32<MAX_LABEL_LEN>>;

/// A public key listed in a DID document. Its owner uses it off chain (to authenticate to a
/// wallet or verifier, to sign credentials); on chain the DID acts through its controller account.
#[derive(
	Clone,
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
pub enum DidPublicKey {
	/// A Schnorrkel/Ristretto key (what polkadot-js creates by default).
	Sr25519(sr25519::Public),
	/// An Ed25519 key.
	Ed25519(ed25519::Public),
	/// A compressed secp256k1 key.
	Ecdsa(ecdsa::Public),
}

/// What a key of a DID document is for.
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
pub enum KeyPurpose {
	/// Proves control of the DID (log-in, signing presentations). Every DID has one.
	Authentication,
	/// Signs on the DID's behalf for delegated actions. Optional.
	Delegation,
	/// Signs credentials the DID issues. Optional.
	Attestation,
}

/// A DID as stored: its controller account, its keys and the deposit held for it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct DidRecord<AccountId, Balance, BlockNumber> {
	/// The account that controls the DID: it signs every call the DID makes on chain.
	pub controller: AccountId,
	/// The authentication key.
	pub authentication: DidPublicKey,
	/// The delegation key, if one is set.
	pub delegation: Option<DidPublicKey>,
	/// The attestation key, if one is set.
	pub attestation: Option<DidPublicKey>,
	/// The deposit held from the controller for this DID and its service endpoints.
	pub deposit: Balance,
	/// The block the DID was created in.
	pub created_at: BlockNumber,
	/// How many issuer accreditations (requested, held or unbonding) the DID has.
	pub issuer_roles: u32,
}

impl<AccountId, Balance, BlockNumber> DidRecord<AccountId, Balance, BlockNumber> {
	/// The key set for `purpose`, if any.
	pub fn key(&self, purpose: KeyPurpose) -> Option<&DidPublicKey> {
		match purpose {
			KeyPurpose::Authentication => Some(&self.authentication),
			KeyPurpose::Delegation => self.delegation.as_ref(),
			KeyPurpose::Attestation => self.attestation.as_ref(),
		}
	}
}

/// A service endpoint of a DID document (`{ kind: "LinkedDomains", url: "https://…" }`).
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
#[scale_info(skip_type_params(MaxUrlLength))]
pub struct ServiceEndpoint<MaxUrlLength: Get<u32>> {
	/// The kind of service, a short label.
	pub kind: Label,
	/// Where the service is reached: printable ASCII with a scheme (`https://…`).
	pub url: BoundedVec<u8, MaxUrlLength>,
}

/// A DID document as the runtime API returns it to wallets and verifiers.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DidDocument<AccountId, Balance, BlockNumber> {
	/// The DID's number.
	pub id: DidId,
	/// The DID as a URI: `did:huzhu:<id>`.
	pub uri: Vec<u8>,
	/// The controller account, keys, deposit and creation block.
	pub record: DidRecord<AccountId, Balance, BlockNumber>,
	/// The service endpoints as `(kind, url)`.
	pub services: Vec<(Vec<u8>, Vec<u8>)>,
}

/// The URI of a DID: `did:huzhu:<id>`.
pub fn did_uri(id: DidId) -> Vec<u8> {
	let mut uri = b"did:huzhu:".to_vec();
	// Decimal digits of `id`, most significant first.
	let mut digits = [0u8; 20];
	let mut rest = id;
	let mut len = 0usize;
	loop {
		if let Some(slot) = digits.get_mut(len) {
			*slot = b'0' + (rest % 10) as u8;
		}
		len += 1;
		rest /= 10;
		if rest == 0 || len >= digits.len() {
			break;
		}
	}
	uri.extend(digits.iter().take(len).rev());
	uri
}

/// A credential type: a name and the hash of the schema its credentials follow.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct CredentialType<Balance> {
	/// A short name (`"Kyc"`).
	pub name: Label,
	/// The hash of the schema (off chain) that the credentials' content follows.
	pub schema_hash: H256,
	/// The bond an issuer of this type posts when it asks to be accredited.
	pub issuer_bond: Balance,
}

/// Where an issuer's accreditation for one credential type stands.
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
pub enum IssuerStatus<BlockNumber> {
	/// The issuer asked and posted its bond; governance has not decided.
	Requested,
	/// The issuer is accredited: its credentials of this type are valid.
	Accredited,
	/// Governance revoked the accreditation or the issuer resigned: its credentials of this type
	/// are suspended; the bond stays slashable until `unbonds_at`, then the issuer withdraws it.
	Suspended {
		/// The first block at which the bond may be withdrawn.
		unbonds_at: BlockNumber,
	},
}

/// An issuer's accreditation for one credential type, with its bond.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Accreditation<AccountId, Balance, BlockNumber> {
	/// The account the bond is held from (the issuer DID's controller when it asked).
	pub bonded_account: AccountId,
	/// The bond still held (less what governance slashed).
	pub bond: Balance,
	/// Where the accreditation stands.
	pub status: IssuerStatus<BlockNumber>,
}

/// A credential attested to a DID. It holds no personal data: only a commitment to the content
/// kept off chain (e.g. `blake2_256(SCALE(content, salt))`), which the holder can reveal to a
/// verifier.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Credential<BlockNumber> {
	/// The issuer's DID.
	pub issuer: DidId,
	/// The commitment to the credential's content.
	pub commitment: H256,
	/// The block it was attested in.
	pub issued_at: BlockNumber,
	/// The first block at which it is no longer valid, if it expires.
	pub expires_at: Option<BlockNumber>,
}

/// A plan: its terms, whether it takes new members, and its member counts.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Plan<Balance, BlockNumber> {
	/// The terms governance set.
	pub terms: PlanTerms<Balance, BlockNumber>,
	/// Whether new members may join.
	pub open: bool,
	/// The block the plan was created in.
	pub created_at: BlockNumber,
	/// Members waiting for cover: in their waiting period, or queued for activation after it.
	pub waiting_members: u32,
	/// Members whose cover is in force.
	pub active_members: u32,
	/// Members whose cover is suspended.
	pub lapsed_members: u32,
}

/// Why a member's cover is suspended.
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
pub enum LapseReason {
	/// A credential the plan requires is revoked, expired or suspended with its issuer.
	CredentialInvalid,
	/// The member's deposit no longer covers the plan's minimum.
	DepositExhausted,
}

/// Where a membership stands.
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
pub enum MemberStatus {
	/// Joined; cover starts when the waiting period ends and the activation queue serves it.
	Waiting,
	/// Covered.
	Active,
	/// Cover suspended until the reason is cured.
	Lapsed(LapseReason),
}

/// A covered member's notice of its exit.
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
pub struct ExitNotice<BlockNumber> {
	/// The block it gave notice in.
	pub given_at: BlockNumber,
	/// The claims of the plan it is still liable for: those with a lower id.
	pub liable_below: huzhu_primitives::ClaimId,
}

/// A DID's membership of a plan.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct MemberRecord<BlockNumber> {
	/// Where the membership stands.
	pub status: MemberStatus,
	/// The block the DID joined in.
	pub joined_at: BlockNumber,
	/// The block the waiting period ends in. Cover starts at its beginning, or in a later block
	/// when more memberships are due at once than a block serves (see the pallet's lifecycle).
	pub waiting_until: BlockNumber,
	/// The block the current period of cover began in (reset when a lapse is cured).
	pub active_since: Option<BlockNumber>,
	/// The region the member is covered in (parametric plans).
	pub region: Option<RegionId>,
}

/// A position in the activation queue ([`Activations`](crate::Activations)): a block whose
/// waiting periods end, and the sequence number of the next of its entries to serve.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ActivationPosition<BlockNumber> {
	/// The block whose entries are being served.
	pub block: BlockNumber,
	/// The sequence number, within `block`, of the next entry to serve.
	pub next: u32,
}
