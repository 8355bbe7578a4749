//! Reports of BABE equivocations that the runtime accepts.
//!
//! `sc-consensus-babe` 0.60 looks for equivocations in its block import, after its verifier has
//! moved the block's seal into the post-digests: the two headers of the proof it builds carry no
//! seal, and the runtime, which checks that the offender signed both, refuses it
//! (`babe.InvalidEquivocationProof`, seen on a four-validator network with one key on two
//! nodes). This block import sits around BABE's and does the same with the sealed headers: it
//! keeps the headers of recent slots with their authors in the node's auxiliary database
//! (under its own keys) and, when an author signed a second header for a slot, submits the
//! unsigned `babe.reportEquivocationUnsigned` from this node's pool before BABE's import runs.
//! BABE's own report of the same author and slot then meets ours in the pool under the same tag
//! and is refused.

use crate::service::{FullClient, FullSelectChain};
use codec::{Decode, Encode};
use huzhu_runtime::opaque::Block;
use sc_client_api::AuxStore;
use sc_consensus::{BlockCheckParams, BlockImport, BlockImportParams, ImportResult};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_consensus::{BlockOrigin, Error as ConsensusError, SelectChain};
use sp_consensus_babe::{
	digests::CompatibleDigestItem, AuthorityId, BabeApi, EquivocationProof, Slot,
};
use sp_runtime::traits::{Block as BlockT, Header as _};
use std::sync::Arc;

type Header = <Block as BlockT>::Header;

/// The prefix of the record of one slot's headers: `prefix ++ slot`.
const SLOT_HEADERS: &[u8] = b"huzhu/babe-equivocation/slot";
/// The last slot whose record was pruned.
const PRUNED_TO: &[u8] = b"huzhu/babe-equivocation/pruned-to";
/// Slots a header is kept for (what `sc-consensus-slots` keeps too): an equivocation older than
/// that is not looked for.
const KEPT_SLOTS: u64 = 1_000;
/// The most slot records one import prunes.
const PRUNED_PER_IMPORT: u64 = 64;
/// The most headers kept for one slot (more are a flood, not news).
const HEADERS_PER_SLOT: usize = 16;

fn slot_key(slot: Slot) -> Vec<u8> {
	(SLOT_HEADERS, u64::from(slot)).encode()
}

/// BABE's block import, wrapped so that equivocations are reported with sealed headers.
#[derive(Clone)]
pub struct SealedEquivocationReports<I> {
	inner: I,
	client: Arc<FullClient>,
	select_chain: FullSelectChain,
	pool: OffchainTransactionPoolFactory<Block>,
}

impl<I> SealedEquivocationReports<I> {
	/// Wraps `inner` (BABE's block import).
	pub fn new(
		inner: I,
		client: Arc<FullClient>,
		select_chain: FullSelectChain,
		pool: OffchainTransactionPoolFactory<Block>,
	) -> Self {
		Self { inner, client, select_chain, pool }
	}

	/// Records the block's sealed header; returns a proof if its author already signed another
	/// header for the same slot.
	fn record(
		&self,
		block: &BlockImportParams<Block>,
	) -> Result<Option<EquivocationProof<Header>>, String> {
		if block.origin == BlockOrigin::NetworkInitialSync || block.with_state() {
			return Ok(None);
		}
		// The verifier checked the seal and moved it to the post-digests.
		let Some(seal) = block.post_digests.last().filter(|item| item.as_babe_seal().is_some())
		else {
			return Ok(None);
		};
		let mut header = block.header.clone();
		header.digest_mut().push(seal.clone());
		let Some(pre_digest) =
			header.digest().logs().iter().find_map(|log| log.as_babe_pre_digest())
		else {
			return Ok(None);
		};
		let slot = pre_digest.slot();
		let parent = *header.parent_hash();
		let api = self.client.runtime_api();
		let mut epoch = api.current_epoch(parent).map_err(|error| error.to_string())?;
		if u64::from(slot) >= u64::from(epoch.start_slot).saturating_add(epoch.duration) {
			epoch = api.next_epoch(parent).map_err(|error| error.to_string())?;
		}
		let Some((author, _)) =
			epoch.authorities.get(pre_digest.authority_index() as usize).cloned()
		else {
			return Ok(None);
		};

		let key = slot_key(slot);
		let mut seen: Vec<(Header, AuthorityId)> = self
			.client
			.get_aux(&key)
			.map_err(|error| error.to_string())?
			.and_then(|bytes| Decode::decode(&mut &bytes[..]).ok())
			.unwrap_or_default();
		let hash = header.hash();
		let proof = seen
			.iter()
			.find(|(other, signer)| *signer == author && other.hash() != hash)
			.map(|(first, _)| EquivocationProof {
				offender: author.clone(),
				slot,
				first_header: first.clone(),
				second_header: header.clone(),
			});
		if seen.len() < HEADERS_PER_SLOT && !seen.iter().any(|(other, _)| other.hash() == hash) {
			seen.push((header, author));
		}

		// Forget slots older than `KEPT_SLOTS`, a few records per import.
		let pruned_to: u64 = self
			.client
			.get_aux(PRUNED_TO)
			.map_err(|error| error.to_string())?
			.and_then(|bytes| Decode::decode(&mut &bytes[..]).ok())
			.unwrap_or_else(|| u64::from(slot).saturating_sub(KEPT_SLOTS));
		let prune_to = u64::from(slot)
			.saturating_sub(KEPT_SLOTS)
			.min(pruned_to.saturating_add(PRUNED_PER_IMPORT))
			.max(pruned_to);
		let stale: Vec<Vec<u8>> =
			(pruned_to.saturating_add(1)..=prune_to).map(|old| slot_key(Slot::from(old))).collect();
		let (record, pruned) = (seen.encode(), prune_to.encode());
		self.client
			.insert_aux(
				&[(&key[..], &record[..]), (PRUNED_TO, &pruned[..])],
				&stale.iter().map(|key| &key[..]).collect::<Vec<_>>(),
			)
			.map_err(|error| error.to_string())?;
		Ok(proof)
	}

	/// Submits `proof` from this node's pool, with the offender's key ownership proof at the
	/// equivocating header's parent (its session) or else at the best block.
	async fn report(&self, proof: EquivocationProof<Header>) -> Result<(), String> {
		let best = self.select_chain.best_chain().await.map_err(|error| error.to_string())?.hash();
		let parent = *proof.second_header.parent_hash();
		let ownership = |at| {
			self.client
				.runtime_api()
				.generate_key_ownership_proof(at, proof.slot, proof.offender.clone())
				.map_err(|error| error.to_string())
		};
		let Some(key_owner_proof) = ownership(parent)?.or(ownership(best)?) else {
			log::debug!(target: "babe", "equivocation by a key no longer in the authority set");
			return Ok(());
		};
		let mut api = self.client.runtime_api();
		api.register_extension(self.pool.offchain_transaction_pool(best));
		let (offender, slot) = (proof.offender.clone(), proof.slot);
		api.submit_report_equivocation_unsigned_extrinsic(best, proof, key_owner_proof)
			.map_err(|error| error.to_string())?;
		log::info!(target: "babe", "Reported the equivocation of {offender:?} at slot {slot}");
		Ok(())
	}
}

#[async_trait::async_trait]
impl<I> BlockImport<Block> for SealedEquivocationReports<I>
where
	I: BlockImport<Block, Error = ConsensusError> + Send + Sync,
{
	type Error = ConsensusError;

	async fn check_block(
		&self,
		block: BlockCheckParams<Block>,
	) -> Result<ImportResult, Self::Error> {
		self.inner.check_block(block).await
	}

	async fn import_block(
		&self,
		block: BlockImportParams<Block>,
	) -> Result<ImportResult, Self::Error> {
		// A failure to record or report never stops an import.
		match self.record(&block) {
			Ok(Some(proof)) => {
				if let Err(error) = self.report(proof).await {
					log::warn!(target: "babe", "Reporting an equivocation failed: {error}");
				}
			}
			Ok(None) => {}
			Err(error) => log::warn!(target: "babe", "Recording a header failed: {error}"),
		}
		self.inner.import_block(block).await
	}
}
