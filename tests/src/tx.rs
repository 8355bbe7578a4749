//! Signed extrinsics, built as a wallet builds them.

use crate::Client;
use codec::Encode;
use huzhu_runtime::{
	AccountId, Balance, Nonce, Runtime, RuntimeCall, RuntimeEvent, SignedPayload, TxExtension,
	UncheckedExtrinsic,
};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, MultiAddress, MultiSignature};

/// What a signature commits to besides the call: which chain and runtime it is for.
#[derive(Clone, Copy, Debug)]
pub struct ChainContext {
	/// The chain's genesis hash.
	pub genesis_hash: H256,
	/// The runtime's `spec_version`.
	pub spec_version: u32,
	/// The runtime's `transaction_version`.
	pub transaction_version: u32,
}

impl ChainContext {
	/// Reads the context from a running node.
	pub async fn of(client: &crate::Client) -> Self {
		let (spec_version, transaction_version) = client.runtime_versions().await;
		Self { genesis_hash: client.genesis_hash().await, spec_version, transaction_version }
	}
}

/// The transaction extensions of an immortal transaction with nonce `nonce` and no tip, with
/// the metadata-hash check disabled (what polkadot-js sends by default).
fn extensions(nonce: Nonce) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_huzhu_governance::CheckElectorate::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// `call` signed by `signer` with `nonce`, for the chain described by `context`.
pub fn signed(
	call: RuntimeCall,
	signer: &sr25519::Pair,
	nonce: Nonce,
	context: ChainContext,
) -> UncheckedExtrinsic {
	signed_as(call, AccountId::from(signer.public()), signer, nonce, context)
}

/// `call` claiming to come from `claimed_sender` but signed with `key`: when the two differ,
/// the signature is invalid — what a forged or corrupted transaction looks like.
pub fn signed_as(
	call: RuntimeCall,
	claimed_sender: AccountId,
	key: &sr25519::Pair,
	nonce: Nonce,
	context: ChainContext,
) -> UncheckedExtrinsic {
	let extension = extensions(nonce);
	let implicit = (
		(),
		context.spec_version,
		context.transaction_version,
		context.genesis_hash,
		context.genesis_hash,
		(),
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| key.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(claimed_sender),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// A `balances.transfer_keep_alive` call of `amount` to `to`.
pub fn transfer_call(to: &AccountId, amount: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: MultiAddress::Id(to.clone()),
		value: amount,
	})
}

/// A `balances.transfer_keep_alive` of `amount` from `from` to `to`, encoded.
pub fn transfer(
	from: Sr25519Keyring,
	to: &AccountId,
	amount: Balance,
	nonce: Nonce,
	context: ChainContext,
) -> Vec<u8> {
	signed(transfer_call(to, amount), &from.pair(), nonce, context).encode()
}

/// Whether `events` (of one extrinsic) report it failed.
pub fn failed(events: &[RuntimeEvent]) -> bool {
	events.iter().any(|event| {
		matches!(event, RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. }))
	})
}

/// Signs each `(signer, call)` (consecutive nonces per signer, from its next nonce), submits them
/// all at once so that they can share a block, and waits until each is included. Returns, in
/// order, each one's block and events; panics if any failed.
pub async fn send_all(
	client: &Client,
	context: ChainContext,
	calls: Vec<(sr25519::Pair, RuntimeCall)>,
	timeout: std::time::Duration,
) -> Vec<(H256, Vec<RuntimeEvent>)> {
	let mut nonces: std::collections::BTreeMap<AccountId, Nonce> = Default::default();
	let mut extrinsics = Vec::new();
	for (signer, call) in calls {
		let who = AccountId::from(signer.public());
		let nonce = match nonces.get(&who) {
			Some(nonce) => *nonce,
			None => client.next_nonce(&who).await,
		};
		nonces.insert(who, nonce + 1);
		let extrinsic = signed(call, &signer, nonce, context).encode();
		client.submit(&extrinsic).await.expect("the extrinsic is accepted");
		extrinsics.push(extrinsic);
	}
	let mut included = Vec::new();
	for extrinsic in extrinsics {
		let (block, _, events) = client.wait_included(&extrinsic, timeout).await;
		assert!(!failed(&events), "the extrinsic succeeds: {events:?}");
		included.push((block, events));
	}
	included
}

/// Sends one `call` signed by `signer` (see [`send_all`]).
pub async fn send(
	client: &Client,
	context: ChainContext,
	signer: &sr25519::Pair,
	call: RuntimeCall,
	timeout: std::time::Duration,
) -> (H256, Vec<RuntimeEvent>) {
	send_all(client, context, vec![(signer.clone(), call)], timeout)
		.await
		.pop()
		.expect("one extrinsic sent")
}
