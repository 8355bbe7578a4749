//! The full validator set: the 21 validators of `chain-specs/testnet-21.json`, each with its BABE
//! and GRANDPA keys in its own keystore, author and finalize. A 22nd node's operator generates
//! session keys on it, bonds and registers as a candidate; a token holder votes for the
//! candidate; at the next era (forced by root, a referendum of the founding members) the
//! election seats the candidate in place of the weakest validator, its key joins BABE's
//! authorities (its node holding the secret), and the chain keeps finalizing throughout.
//!
//! 22 nodes on one machine: this test runs on its own (`scripts/test.sh` and CI run it after the
//! rest of the suite, one test thread), and reports the time to seat the candidate and the
//! memory of the 21 validators.

use crate::report;
use codec::{Decode, Encode};
use huzhu_integration_tests::{
	governance,
	tx::{self, ChainContext},
	Authoring, Client, Network,
};
use huzhu_runtime::{
	genesis_config_presets::{validator_name, MIN_VALIDATOR_BOND},
	AccountId, Runtime, RuntimeCall, SessionKeys, UNITS,
};
use pallet_huzhu_elections::RankedCandidate;
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring::{Alice, Charlie};
use std::time::{Duration, Instant};

/// How long 21 validators on a loaded 2-core machine may take for a forced era: two one-minute
/// sessions, and slack.
const ERA_TIMEOUT: Duration = Duration::from_secs(420);

/// Generous bound for a few blocks with 22 nodes sharing two cores.
const SLOW_BLOCKS: Duration = Duration::from_secs(300);

async fn validators(client: &Client) -> Vec<AccountId> {
	client
		.storage(&pallet_session::Validators::<Runtime>::hashed_key(), None)
		.await
		.expect("session validators are set")
}

fn development_pair(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{name}"), None).expect("a development key")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "22 nodes: run alone, after the suite (`--ignored seats21`)"]
async fn twenty_one_validators_seat_a_twenty_second_candidate_while_finalizing() {
	let spec =
		std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/testnet-21.json");
	let spec = spec.display().to_string();
	let started = Instant::now();
	let names: Vec<String> = (0..21).map(validator_name).collect();
	let mut network = Network::start_with_keystores(&spec, &names).await;
	let client = network.nodes[0].client().await;
	client.wait_for_finalized(3, SLOW_BLOCKS).await;
	report("seats21_seconds_to_finalize_block_3", started.elapsed().as_secs_f64());
	report("seats21_resident_mib_of_21_validators", format!("{:.0}", network.resident_mib()));
	let context = ChainContext::of(&client).await;
	let genesis_set = validators(&client).await;
	assert_eq!(genesis_set.len(), 21);

	// The 22nd node: a validator whose operator generates its keys on it.
	let candidate_pair = development_pair("Validator22");
	let candidate = AccountId::from(candidate_pair.public());
	let voter_pair = development_pair("Oracle1");
	let index = network.add("Validator22", Authoring::Keystore).await;
	let candidate_node = network.nodes[index].client().await;
	let generated: serde_json::Value = candidate_node
		.call("author_rotateKeysWithOwner", [sp_core::bytes::to_hex(&candidate.encode(), false)])
		.await;
	let hex_field = |name: &str| {
		let text = generated[name].as_str().unwrap_or_else(|| panic!("{name} in {generated}"));
		sp_core::bytes::from_hex(text).expect("hex")
	};
	let keys = SessionKeys::decode(&mut &hex_field("keys")[..]).expect("the runtime's keys");
	let babe_key = keys.babe.clone();
	let proof = hex_field("proof");

	// Alice funds the candidate; it bonds, sets its keys and registers; Oracle1 (an endowed
	// account with no stake yet) votes for it with more than any validator's backing.
	let registering = Instant::now();
	tx::send(
		&client,
		context,
		&Alice.pair(),
		tx::transfer_call(&candidate, 10 * MIN_VALIDATOR_BOND),
		SLOW_BLOCKS,
	)
	.await;
	let description = pallet_huzhu_elections::CandidateDescription {
		name: b"Validator22".to_vec().try_into().expect("a short name"),
		url: b"https://validator22.example".to_vec().try_into().expect("a short url"),
		did: None,
	};
	let (registered, _) = tx::send_all(
		&client,
		context,
		vec![
			(
				candidate_pair.clone(),
				RuntimeCall::Staking(pallet_staking::Call::bond {
					value: 2 * MIN_VALIDATOR_BOND,
					payee: pallet_staking::RewardDestination::Staked,
				}),
			),
			(
				candidate_pair.clone(),
				RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof }),
			),
			(
				candidate_pair.clone(),
				RuntimeCall::Elections(pallet_huzhu_elections::Call::register_candidate {
					commission: sp_runtime::Perbill::from_percent(5),
					description,
				}),
			),
			(
				voter_pair.clone(),
				RuntimeCall::Staking(pallet_staking::Call::bond {
					value: 500_000 * UNITS,
					payee: pallet_staking::RewardDestination::Staked,
				}),
			),
			(
				voter_pair.clone(),
				RuntimeCall::Staking(pallet_staking::Call::nominate {
					targets: vec![sp_runtime::MultiAddress::Id(candidate.clone())],
				}),
			),
		],
		SLOW_BLOCKS,
	)
	.await
	.pop()
	.expect("the vote");
	let ranking: Vec<RankedCandidate<AccountId>> =
		client.runtime_call("ElectionsApi_ranking", (), Some(registered)).await;
	assert_eq!(ranking.len(), 22);
	assert_eq!(ranking.first().map(|first| &first.candidate), Some(&candidate));
	let weakest = ranking.last().expect("22 candidates");
	assert!(!weakest.would_be_elected);
	let weakest = weakest.candidate.clone();

	// Root forces the next era; the election seats the candidate in place of the weakest.
	let finalized_before = client.finalized_number().await;
	governance::pass(
		&client,
		context,
		governance::root(),
		RuntimeCall::Staking(pallet_staking::Call::force_new_era {}),
		&[Alice.pair(), Charlie.pair()],
		SLOW_BLOCKS,
	)
	.await;
	client
		.wait_until("the candidate in the validator set", ERA_TIMEOUT, async |client| {
			validators(client).await.contains(&candidate)
		})
		.await;
	let seconds = registering.elapsed().as_secs_f64();
	report("seats21_seconds_from_registration_to_seat", seconds);
	let set = validators(&client).await;
	assert_eq!(set.len(), 21);
	assert!(!set.contains(&weakest), "the weakest validator made room");

	// The new validator is a block producer of this epoch: BABE's authorities hold the key its
	// node generated, and its node's keystore holds that key's secret (`author_hasKey`).
	let babe_authorities: Vec<(sp_consensus_babe::AuthorityId, u64)> = client
		.storage(&pallet_babe::Authorities::<Runtime>::hashed_key(), None)
		.await
		.expect("BABE authorities");
	assert!(babe_authorities.iter().any(|(id, _)| *id == babe_key));
	let authorship: serde_json::Value = candidate_node.call("babe_epochAuthorship", ()).await;
	let claims = authorship
		.as_object()
		.and_then(|keys| keys.values().next())
		.map(|slots| {
			["primary", "secondary", "secondary_vrf"]
				.iter()
				.map(|kind| slots[*kind].as_array().map_or(0, Vec::len))
				.sum::<usize>()
		})
		.unwrap_or(0);
	let has_key: bool = candidate_node
		.call("author_hasKey", (sp_core::bytes::to_hex(babe_key.as_ref(), false), "babe"))
		.await;
	assert!(has_key, "the new validator's node holds its BABE key");
	// The slots it may claim in this ten-slot epoch (about one in two epochs has one: 21
	// authorities share the secondary slots): reported, not required.
	report("seats21_slots_the_new_validator_may_claim_this_epoch", claims);
	// Its blocks so far (a secondary claim loses to a primary one in the same slot, so a few
	// epochs may pass before one is canonical: reported, not required).
	let era = client
		.storage::<pallet_staking::ActiveEraInfo>(
			&pallet_staking::ActiveEra::<Runtime>::hashed_key(),
			None,
		)
		.await
		.expect("an active era")
		.index;
	let points: pallet_staking::EraRewardPoints<AccountId> = client
		.storage(&pallet_staking::ErasRewardPoints::<Runtime>::hashed_key_for(era), None)
		.await
		.unwrap_or_default();
	report(
		"seats21_new_validator_era_points",
		points.individual.get(&candidate).copied().unwrap_or(0),
	);

	// Finality went on meanwhile, and the new validator's node follows it.
	client.wait_for_finalized(client.best_number().await, SLOW_BLOCKS).await;
	let finalized = client.finalized_number().await;
	assert!(finalized > finalized_before + 3, "finality kept up: {finalized_before} → {finalized}");
	let candidate_finalized = candidate_node.finalized_number().await;
	assert!(candidate_finalized + 5 >= finalized, "the new validator follows finality");
	report("seats21_resident_mib_of_22_nodes", format!("{:.0}", network.resident_mib()));
	report("seats21_finalized_at_end", finalized);
	report("seats21_seconds_total", started.elapsed().as_secs_f64());
}
