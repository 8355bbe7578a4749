//! The node's JSON-RPC methods beyond Substrate's built-in ones (`system_*`, `chain_*`,
//! `state_*`, `author_*`): account nonces, fee queries, `babe_epochAuthorship` (the slots this
//! node's keys may author in the current epoch; an unsafe method, for the operator) and
//! GRANDPA's `grandpa_roundState` (the voter's rounds and who voted), `grandpa_proveFinality`
//! (a proof that a block is final, for light clients and bridges) and
//! `grandpa_subscribeJustifications` (each justification as the node imports it).

use huzhu_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash, Nonce};
use jsonrpsee::RpcModule;
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_keystore::KeystorePtr;
use std::sync::Arc;

/// What the BABE methods need.
pub struct BabeDeps {
	/// Answers epoch queries from BABE's epoch tree.
	pub worker_handle: BabeWorkerHandle<Block>,
	/// The node's keystore, for its own authorship.
	pub keystore: KeystorePtr,
}

/// What the GRANDPA methods need.
pub struct GrandpaDeps<B> {
	/// The voter's rounds (empty on a node that does not vote).
	pub shared_voter_state: SharedVoterState,
	/// The current authority set.
	pub shared_authority_set: SharedAuthoritySet<Hash, BlockNumber>,
	/// The justifications the node imports.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Runs the subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Builds finality proofs from the node's database.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P, SC, B> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// The chain selection (the best block an epoch query starts from).
	pub select_chain: SC,
	/// BABE's worker and the keystore.
	pub babe: BabeDeps,
	/// GRANDPA's voter state, authority set and justifications.
	pub grandpa: GrandpaDeps<B>,
}

/// All RPC extensions of a full node.
pub fn create_full<C, P, SC, B>(
	deps: FullDeps<C, P, SC, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ sp_consensus_babe::BabeApi<Block>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
	SC: SelectChain<Block> + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, select_chain, babe, grandpa } = deps;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Babe::new(client, babe.worker_handle, babe.keystore, select_chain).into_rpc())?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;
	Ok(module)
}
