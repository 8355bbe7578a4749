//! DPoS on a real network: the four validators of `chain-specs/local.json` and a fifth node
//! for Eve. With four seats, Eve's node generates session keys, Eve bonds and registers as a
//! candidate; Ferdie votes for her with a large stake; at the next era (forced by root — a
//! runtime-upgrade-track referendum of the founding members — within two one-minute sessions)
//! the election seats her, the session's validator set changes, and
//! she authors BABE blocks (she earns era reward points). Ferdie then withdraws his vote; at the next
//! era she leaves the set.

use crate::{report, BLOCKS_TIMEOUT};
use codec::{Decode, Encode};
use huzhu_integration_tests::{
	governance,
	tx::{self, ChainContext},
	Client, Network,
};
use huzhu_runtime::{
	genesis_config_presets::MIN_VALIDATOR_BOND, AccountId, Runtime, RuntimeCall, SessionKeys, UNITS,
};
use pallet_huzhu_elections::{ElectionParams, RankedCandidate};
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Eve, Ferdie};
use std::time::{Duration, Instant};

/// How long an era change may take on a loaded machine: a forced era starts within two
/// one-minute sessions.
const ERA_TIMEOUT: Duration = Duration::from_secs(300);

/// Root is a referendum on the runtime-upgrade track, passed by the founding members.
async fn as_root(client: &Client, context: ChainContext, call: RuntimeCall) {
	governance::pass(
		client,
		context,
		governance::root(),
		call,
		&[Alice.pair(), Charlie.pair()],
		BLOCKS_TIMEOUT,
	)
	.await;
}

async fn validators(client: &Client) -> Vec<AccountId> {
	client
		.storage(&pallet_session::Validators::<Runtime>::hashed_key(), None)
		.await
		.expect("session validators are set")
}

async fn active_era(client: &Client) -> u32 {
	let era: Option<pallet_staking::ActiveEraInfo> =
		client.storage(&pallet_staking::ActiveEra::<Runtime>::hashed_key(), None).await;
	era.expect("an active era").index
}

/// Root forces a new era and waits until the session's validator set satisfies `condition`;
/// returns the seconds it took.
async fn next_era_until(
	client: &Client,
	context: ChainContext,
	what: &str,
	condition: impl Fn(&[AccountId]) -> bool,
) -> f64 {
	let started = Instant::now();
	as_root(client, context, RuntimeCall::Staking(pallet_staking::Call::force_new_era {})).await;
	client.wait_until(what, ERA_TIMEOUT, async |client| condition(&validators(client).await)).await;
	started.elapsed().as_secs_f64()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_is_voted_in_authors_blocks_and_is_voted_out() {
	let spec =
		std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/local.json");
	let network =
		Network::start(&spec.display().to_string(), &["alice", "bob", "charlie", "dave", "eve"])
			.await;
	let client = network.nodes[0].client().await;
	client.wait_for_finalized(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let eve = Eve.to_account_id();
	let genesis_set = validators(&client).await;
	assert_eq!(genesis_set.len(), 4);
	assert!(!genesis_set.contains(&eve));

	// Root: four seats, so that Eve has to win one.
	let configure = RuntimeCall::Elections(pallet_huzhu_elections::Call::set_params {
		params: ElectionParams {
			seats: 4,
			min_seats: 4,
			min_self_bond: MIN_VALIDATOR_BOND,
			max_votes: 16,
		},
	});
	as_root(&client, context, configure).await;

	// Eve's node generates fresh session keys with the proof that Eve owns them (what an
	// operator does with `author_rotateKeysWithOwner`); Eve bonds, sets them and registers.
	let eve_node = network.nodes[4].client().await;
	let generated: serde_json::Value = eve_node
		.call("author_rotateKeysWithOwner", [sp_core::bytes::to_hex(&eve.encode(), false)])
		.await;
	let hex_field = |name: &str| {
		let text = generated[name].as_str().unwrap_or_else(|| panic!("{name} in {generated}"));
		sp_core::bytes::from_hex(text).expect("hex")
	};
	let keys = SessionKeys::decode(&mut &hex_field("keys")[..]).expect("the runtime's keys");
	let proof = hex_field("proof");
	let description = pallet_huzhu_elections::CandidateDescription {
		name: b"Eve".to_vec().try_into().unwrap(),
		url: b"https://eve.example".to_vec().try_into().unwrap(),
		did: Some(4),
	};
	tx::send_all(
		&client,
		context,
		vec![
			(
				Eve.pair(),
				RuntimeCall::Staking(pallet_staking::Call::bond {
					value: 2 * MIN_VALIDATOR_BOND,
					payee: pallet_staking::RewardDestination::Staked,
				}),
			),
			(Eve.pair(), RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof })),
			(
				Eve.pair(),
				RuntimeCall::Elections(pallet_huzhu_elections::Call::register_candidate {
					commission: sp_runtime::Perbill::from_percent(5),
					description,
				}),
			),
		],
		BLOCKS_TIMEOUT,
	)
	.await;

	// Her keys are paid for: the session key deposit is held from her.
	let holds: Vec<
		frame_support::traits::tokens::IdAmount<huzhu_runtime::RuntimeHoldReason, u128>,
	> = client
		.storage(&pallet_balances::Holds::<Runtime>::hashed_key_for(&eve), None)
		.await
		.unwrap_or_default();
	assert!(
		holds.iter().any(|hold| hold.id
			== huzhu_runtime::RuntimeHoldReason::Session(pallet_session::HoldReason::Keys)
			&& hold.amount == huzhu_runtime::configs::SessionKeyDeposit::get()),
		"the session key deposit is held: {holds:?}"
	);

	// Ferdie votes for her with 500 000 HUZ: more than any genesis validator's 100 000.
	let (voted, _) = tx::send_all(
		&client,
		context,
		vec![
			(
				Ferdie.pair(),
				RuntimeCall::Staking(pallet_staking::Call::bond {
					value: 500_000 * UNITS,
					payee: pallet_staking::RewardDestination::Staked,
				}),
			),
			(
				Ferdie.pair(),
				RuntimeCall::Staking(pallet_staking::Call::nominate {
					targets: vec![sp_runtime::MultiAddress::Id(eve.clone())],
				}),
			),
		],
		BLOCKS_TIMEOUT,
	)
	.await
	.pop()
	.expect("the vote");
	let ranking: Vec<RankedCandidate<AccountId>> =
		client.runtime_call("ElectionsApi_ranking", (), Some(voted)).await;
	assert_eq!(ranking.len(), 5);
	let first = ranking.first().expect("a ranking");
	assert_eq!(first.candidate, eve);
	assert_eq!(first.voters, 2, "Eve herself and Ferdie");
	assert!(first.would_be_elected);
	let dropped = ranking.last().expect("five candidates").candidate.clone();
	assert!(!ranking.last().unwrap().would_be_elected);

	// The next era seats Eve in place of the last-ranked genesis validator.
	let seconds_in = next_era_until(&client, context, "Eve in the validator set", |set| {
		set.contains(&Eve.to_account_id())
	})
	.await;
	let set = validators(&client).await;
	assert_eq!(set.len(), 4);
	assert!(!set.contains(&dropped), "the last-ranked validator made room");
	report("elections_seconds_for_era_change_vote_in", seconds_in);

	// Eve authors blocks: she earns reward points in the era she was elected for.
	let era = active_era(&client).await;
	client
		.wait_until("a block authored by Eve", BLOCKS_TIMEOUT, async |client| {
			let points: pallet_staking::EraRewardPoints<AccountId> = client
				.storage(&pallet_staking::ErasRewardPoints::<Runtime>::hashed_key_for(era), None)
				.await
				.unwrap_or_default();
			points.individual.get(&Eve.to_account_id()).copied().unwrap_or(0) > 0
		})
		.await;

	// Ferdie withdraws his vote: at the next era Eve's own bond does not keep her seat.
	tx::send(
		&client,
		context,
		&Ferdie.pair(),
		RuntimeCall::Staking(pallet_staking::Call::chill {}),
		BLOCKS_TIMEOUT,
	)
	.await;
	let seconds_out = next_era_until(&client, context, "Eve out of the validator set", |set| {
		!set.contains(&Eve.to_account_id())
	})
	.await;
	let mut set = validators(&client).await;
	set.sort();
	let mut genesis = genesis_set.clone();
	genesis.sort();
	assert_eq!(set, genesis, "the genesis validators are back");
	report("elections_seconds_for_era_change_vote_out", seconds_out);
	report("elections_finalized_at_end", client.finalized_number().await);
}
