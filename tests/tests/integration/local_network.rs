//! A four-validator network on loopback (the committed `chain-specs/local.json`): it finalizes,
//! keeps finalizing with one validator killed, and the killed one catches up after a restart.

use crate::{report, BLOCKS_TIMEOUT};
use huzhu_integration_tests::{Client, Network};
use huzhu_runtime::{AccountId, Runtime};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_finalize_survive_a_kill_and_resync() {
	let spec =
		std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/local.json");
	let started = Instant::now();
	let mut network =
		Network::start(&spec.display().to_string(), &["alice", "bob", "charlie", "dave"]).await;
	let mut clients = Vec::new();
	for node in &network.nodes {
		clients.push(node.client().await);
	}

	// All four finalize, and the authority set is the four genesis validators.
	for client in &clients {
		client.wait_for_finalized(3, BLOCKS_TIMEOUT).await;
	}
	report("local4_seconds_to_finalize_block_3", started.elapsed().as_secs_f64());
	let validators: Vec<AccountId> = clients[0]
		.storage(&pallet_session::Validators::<Runtime>::hashed_key(), None)
		.await
		.expect("session validators are set");
	let expected: Vec<AccountId> =
		[Alice, Bob, Charlie, Dave].iter().map(|key| key.to_account_id()).collect();
	assert_eq!(sorted(validators), sorted(expected));
	assert_eq!(
		clients[0]
			.storage::<u32>(&pallet_staking::ValidatorCount::<Runtime>::hashed_key(), None)
			.await,
		Some(21)
	);

	// Several validators authored: the blocks' BABE pre-digests name several authorities.
	let best = clients[0].best_number().await;
	let authors = distinct_authors(&clients[0], best).await;
	report("local4_best_before_kill", best);
	report("local4_finalized_before_kill", clients[0].finalized_number().await);
	assert!(authors >= 3, "blocks come from several validators ({authors} distinct authors)");

	// Kill Dave: the other three (3 of 4 > 2/3) keep finalizing.
	network.nodes[3].kill();
	let killed_at = Instant::now();
	let finalized_at_kill = clients[0].finalized_number().await;
	for client in &clients[..3] {
		client.wait_for_finalized(finalized_at_kill + 3, BLOCKS_TIMEOUT).await;
	}
	report("local4_seconds_to_finalize_3_more_after_kill", killed_at.elapsed().as_secs_f64());

	// Restart Dave on its base path: it catches up with the others and finalizes with them.
	network.nodes[3].restart();
	let restarted_at = Instant::now();
	let dave = network.nodes[3].client().await;
	clients[3] = dave;
	let dave = &clients[3];
	let target = clients[0].finalized_number().await;
	dave.wait_for_finalized(target, BLOCKS_TIMEOUT).await;
	report(
		"local4_seconds_for_restarted_validator_to_catch_up",
		restarted_at.elapsed().as_secs_f64(),
	);
	assert_eq!(dave.block_hash(target).await, clients[0].block_hash(target).await, "same chain");
	let further = clients[0].finalized_number().await + 2;
	for client in &clients {
		client.wait_for_finalized(further, BLOCKS_TIMEOUT).await;
	}
	report("local4_best_at_end", clients[0].best_number().await);
	report("local4_finalized_at_end", clients[0].finalized_number().await);
	report("local4_seconds_total", started.elapsed().as_secs_f64());
}

fn sorted(mut accounts: Vec<AccountId>) -> Vec<AccountId> {
	accounts.sort();
	accounts
}

/// How many distinct BABE authorities authored blocks 1..=best, read from each header's BABE
/// pre-digest (a `PreDigest`: the variant — primary, secondary plain or secondary VRF — then
/// the author's authority index).
async fn distinct_authors(client: &Client, best: u32) -> usize {
	use codec::Decode;
	let mut authors = std::collections::BTreeSet::new();
	for number in 1..=best {
		let Some(hash) = client.block_hash(number).await else { continue };
		let header: serde_json::Value = client.call("chain_getHeader", [hash]).await;
		for log in header["digest"]["logs"].as_array().into_iter().flatten() {
			let bytes =
				sp_core::bytes::from_hex(log.as_str().unwrap_or_default()).unwrap_or_default();
			if let Ok(sp_runtime::DigestItem::PreRuntime(engine, data)) =
				sp_runtime::DigestItem::decode(&mut &bytes[..])
			{
				if engine == *b"BABE" {
					if let Ok((_variant, authority_index)) = <(u8, u32)>::decode(&mut &data[..]) {
						authors.insert(authority_index);
					}
				}
			}
		}
	}
	authors.len()
}
