//! A four-validator network on loopback (the committed `chain-specs/local.json`): it finalizes,
//! keeps finalizing with one validator killed, and the killed one catches up after a restart. A
//! light client (smoldot) given the committed spec follows its finality.

use crate::{report, BLOCKS_TIMEOUT};
use huzhu_integration_tests::{polkadot_js, Client, Network};
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

	// Several validators author: the blocks' BABE pre-digests name at least three of the four
	// authorities within the first 40 blocks. (Who may claim a slot is random, so the first
	// few blocks may come from only one or two of them.)
	let mut best = clients[0].best_number().await;
	let mut authors = distinct_authors(&clients[0], best).await;
	while authors < 3 && best < 40 {
		clients[0].wait_for_best(best + 1, BLOCKS_TIMEOUT).await;
		best = clients[0].best_number().await;
		authors = distinct_authors(&clients[0], best).await;
	}
	report("local4_best_before_kill", best);
	report("local4_distinct_authors_before_kill", authors);
	report("local4_finalized_before_kill", clients[0].finalized_number().await);
	assert!(authors >= 3, "blocks 1..={best} come from {authors} distinct authors, not 3 of 4");

	// A light client (smoldot) given the committed spec follows the chain's finality. The spec
	// lists the network of `scripts/run-local-net.sh` as its bootnode; here it is this one's.
	let bootnode = network.bootnode().expect("the first node boots the others").to_string();
	let light = polkadot_js::run(
		"light-client.mjs",
		vec![spec.display().to_string(), "3".into(), bootnode],
	)
	.await;
	assert!(light.success, "light-client.mjs failed:\n{}\n{}", light.stdout, light.stderr);
	assert!(light.stdout.contains("light client followed Huzhu Local Testnet"), "{}", light.stdout);

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

/// Issue #15 route 11: an operator runs Bob's validator twice (a careless fail-over). In the
/// slots Bob may claim, both copies author a block; the nodes that import both report the
/// equivocation (an unsigned `babe.reportEquivocationUnsigned` from their own pool), and the
/// chain records the offence and queues Bob's slash, deferred so that governance can cancel
/// it.
#[tokio::test(flavor = "multi_thread")]
async fn a_validator_running_twice_is_reported_and_its_slash_queued() {
	use huzhu_integration_tests::Authoring;
	use huzhu_runtime::RuntimeEvent;
	let spec =
		std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/local.json");
	let mut network =
		Network::start(&spec.display().to_string(), &["alice", "bob", "charlie", "dave"]).await;
	let client = network.nodes[0].client().await;
	client.wait_for_finalized(1, BLOCKS_TIMEOUT).await;
	let started = Instant::now();
	network.add("bob-twin", Authoring::DevKey("bob".into())).await;

	let bob = Bob.to_account_id();
	// Scan the canonical chain block by block for the offence.
	let deadline = Instant::now() + BLOCKS_TIMEOUT * 3;
	let mut scanned = 0u32;
	let found = 'scan: loop {
		let best = client.best_number().await;
		while scanned < best {
			let Some(hash) = client.block_hash(scanned + 1).await else { break };
			scanned += 1;
			let events: Vec<RuntimeEvent> =
				client.events(hash).await.into_iter().map(|record| record.event).collect();
			if events.iter().any(|event| {
				matches!(
					event,
					RuntimeEvent::Offences(pallet_offences::Event::Offence { kind, .. })
						if kind == b"babe:equivocatio"
				)
			}) {
				break 'scan Some((scanned, events));
			}
		}
		assert!(Instant::now() < deadline, "no BABE equivocation of Bob's on chain by #{scanned}");
		tokio::time::sleep(std::time::Duration::from_millis(500)).await;
	};
	let (block, events) = found.expect("the offence");
	report("equivocation_seconds_to_offence_on_chain", started.elapsed().as_secs_f64());
	report("equivocation_offence_block", block);
	assert!(events.iter().any(|event| matches!(
		event,
		RuntimeEvent::Staking(pallet_staking::Event::SlashReported { validator, .. })
			if *validator == bob
	)));
	// The slash waits in the queue (27 eras) where root can cancel it.
	let hash = client.block_hash(block).await.expect("the block");
	let era: Option<pallet_staking::ActiveEraInfo> =
		client.storage(&pallet_staking::ActiveEra::<Runtime>::hashed_key(), Some(hash)).await;
	let due = era.expect("an era").index + huzhu_runtime::configs::SlashDeferDuration::get() + 1;
	let queued: Vec<pallet_staking::UnappliedSlash<AccountId, u128>> = client
		.storage(&pallet_staking::UnappliedSlashes::<Runtime>::hashed_key_for(due), Some(hash))
		.await
		.unwrap_or_default();
	assert!(
		queued.iter().any(|slash| slash.validator == bob && slash.own > 0),
		"Bob's slash is queued for era {due}: {queued:?}"
	);
}
