//! The production-shaped preset boots from its committed spec and holds the real parameters.
//!
//! A node starts on `chain-specs/mainnet-template.json` (its keystore empty: the template's keys
//! are placeholders nobody holds, so it authors nothing) and the test reads, through the runtime
//! APIs a wallet uses: the default adjudication periods (a week to decide), the plans' 30-day
//! waiting and 3-day challenge periods, reserves funded by the genesis treasury, an electorate of
//! the three founders, four candidates none of which is a development account; and, in storage,
//! the real track table and no invulnerable validator.

use crate::BLOCKS_TIMEOUT;
use huzhu_integration_tests::{Authoring, Node, NodeConfig};
use huzhu_runtime::{
	configs::tracks::DEVELOPMENT_TRACK_TABLE,
	genesis_config_presets::{
		mainnet_template, ALLIANCE_PLAN, CRITICAL_ILLNESS_PLAN, DROUGHT_PLAN, GENESIS_RESERVE,
	},
	AccountId, Balance, BlockNumber, Runtime,
};
use pallet_huzhu_claims::runtime_api::ClockView;
use pallet_huzhu_membership::Plan;
use pallet_huzhu_pool::runtime_api::PlanSolvency;
use sp_keyring::Sr25519Keyring;
use std::path::PathBuf;

#[tokio::test(flavor = "multi_thread")]
async fn the_mainnet_template_boots_with_the_real_parameters_and_no_development_keys() {
	let spec =
		PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/mainnet-template.json");
	let config = NodeConfig {
		chain: spec.display().to_string(),
		authoring: Authoring::Keystore,
		..NodeConfig::dev()
	};
	let node = Node::start(config);
	let client = node.client().await;
	let genesis = client.block_hash(0).await.expect("the genesis block");
	assert_eq!(client.genesis_hash().await, genesis);
	let at = Some(genesis);

	// The runtime's default adjudication periods.
	let clock: ClockView<BlockNumber> = client.runtime_call("ClaimsApi_clock", (), at).await;
	assert_eq!(clock.params, huzhu_runtime::configs::DefaultAdjudicationParams::get());
	assert_eq!(clock.params.decision_period, 7 * huzhu_runtime::DAYS);

	// The plans: real waiting and challenge periods, reserves from the treasury.
	for (plan, reserve) in [
		(CRITICAL_ILLNESS_PLAN, GENESIS_RESERVE),
		(DROUGHT_PLAN, GENESIS_RESERVE / 2),
		(ALLIANCE_PLAN, GENESIS_RESERVE / 2),
	] {
		let terms: Option<Plan<Balance, BlockNumber>> =
			client.runtime_call("MembershipApi_plan", plan, at).await;
		let terms = terms.expect("a genesis plan").terms;
		assert_eq!(terms.waiting_period, mainnet_template::WAITING_PERIOD);
		assert_eq!(terms.challenge_period, mainnet_template::CHALLENGE_PERIOD);
		let solvency: Option<PlanSolvency<Balance>> =
			client.runtime_call("PoolApi_plan_solvency", plan, at).await;
		assert_eq!(solvency.expect("the plan's books").reserve, reserve, "plan {plan}");
	}
	let treasury = mainnet_template::treasury().expect("the treasury");
	// The treasury funded the reserves and the pool accounts' existential deposits.
	let spent =
		mainnet_template::TREASURY_ENDOWMENT - client.account(&treasury, at).await.data.free;
	assert!(spent <= 3 * huzhu_runtime::EXISTENTIAL_DEPOSIT, "the treasury spent {spent}");

	// The founders vote; the candidates are the template's four validators.
	let electorate: u32 = client.runtime_call("GovernanceApi_electorate", (), at).await;
	assert_eq!(electorate, 3);
	let ranking: Vec<pallet_huzhu_elections::RankedCandidate<AccountId>> =
		client.runtime_call("ElectionsApi_ranking", (), at).await;
	assert_eq!(ranking.len(), 4);
	let development: Vec<AccountId> =
		Sr25519Keyring::iter().map(|key| key.to_account_id()).collect();
	for candidate in &ranking {
		assert!(
			!development.contains(&candidate.candidate),
			"{} is a development key",
			candidate.candidate
		);
	}

	// The real track table; nobody is invulnerable.
	let table: Option<u8> =
		client.storage(&pallet_huzhu_governance::TrackTable::<Runtime>::hashed_key(), at).await;
	assert_ne!(table.unwrap_or_default(), DEVELOPMENT_TRACK_TABLE);
	let invulnerables: Option<Vec<AccountId>> =
		client.storage(&pallet_staking::Invulnerables::<Runtime>::hashed_key(), at).await;
	assert!(invulnerables.unwrap_or_default().is_empty());

	// It boots and stays up, authoring nothing: nobody holds its keys.
	tokio::time::sleep(BLOCKS_TIMEOUT / 10).await;
	assert_eq!(client.best_number().await, 0, "no block without the validators' keys");
}
