//! A chain started with the previous release's runtime upgrades to this one by referendum, its
//! migrations checked by try-runtime on the node, and keeps every record.
//!
//! The previous release is a committed fixture, `tests/fixtures/runtime-b2f1201.compact.compressed.wasm`:
//! the runtime blob of the chain specs committed at b2f1201 (spec 100, the claims pallet at
//! storage version 4, periods without a record retention). Its own `development` preset (read
//! from the blob through its `GenesisBuilder` API) starts a dev chain under it, on today's node.
//!
//! On that chain, before the upgrade: Dave (KYC'd at genesis) joins the critical-illness plan,
//! waits out the waiting period and files a claim; the founders pass a referendum that sets the
//! code to this checkout's runtime one `spec_version` later, built with `try-runtime`
//! (`HUZHU_UPGRADE_WASM`).
//!
//! In the block that sets the code, the state holds the new code and the old records: the
//! migrations have not run (they run at the start of the next block). There the test calls the
//! new runtime's `TryRuntime_on_runtime_upgrade` with every check — each migration's
//! `pre_upgrade` and `post_upgrade`, the storage versions every pallet ends at, and every
//! pallet's `try_state` — as the try-runtime tool does on a snapshot, but on the node's real
//! state. Two blocks later it checks what the migrations must keep and change: the members' DIDs,
//! credentials, memberships and positions, the claims, the referenda's vote records are the same
//! bytes; the claims pallet is at version 6 with the periods it had plus the default retention,
//! its clock following the block-number source; the membership pallet at version 7, counting
//! the activation queue; `try_state` still holds. Then the claim filed under the old runtime is attested and paid
//! under the new one.

use crate::{report, BLOCKS_TIMEOUT};
use codec::{Decode, Encode};
use frame_support::{traits::StorageVersion, StorageHasher, Twox128};
use huzhu_integration_tests::{
	claims::{claims_events, filed_id},
	governance::{self, number_of, wait_for_event},
	node::build_spec,
	tx::{self, ChainContext},
	Client, Node, NodeConfig,
};
use huzhu_runtime::{
	genesis_config_presets::{fast_adjudication, CRITICAL_ILLNESS_PLAN as PLAN},
	Balance, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, UNITS,
};
use pallet_huzhu_claims::{runtime_api::ClockView, AdjudicationParams, ClaimStatus, Event};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use std::{path::PathBuf, time::Duration};

/// The previous release's runtime: the blob of the chain specs committed at b2f1201.
const PREVIOUS_RUNTIME: &str = "fixtures/runtime-b2f1201.compact.compressed.wasm";

/// A genesis plan's waiting period in blocks (the development presets').
const WAITING_PERIOD: BlockNumber = 10;

/// Referendum, enactment and upgrade on a loaded machine: the root track waits 2 + 2 + 4 blocks.
const UPGRADE_TIMEOUT: Duration = Duration::from_secs(300);

/// `frame_try_runtime::UpgradeCheckSelect::All` and `::TryState`, encoded.
const CHECK_ALL: u8 = 1;
const CHECK_TRY_STATE: u8 = 3;

/// The storage maps whose every entry the upgrade must keep as it is: (pallet, storage).
const KEPT: &[(&str, &str)] = &[
	("HuzhuMembership", "Dids"),
	("HuzhuMembership", "DidOf"),
	("HuzhuMembership", "Credentials"),
	("HuzhuMembership", "Plans"),
	("HuzhuMembership", "Members"),
	("HuzhuMembership", "MembershipsOf"),
	("HuzhuMembership", "PersonOf"),
	("HuzhuMembership", "VoterDids"),
	("Pool", "Positions"),
	("Pool", "Custodians"),
	("Claims", "Claims"),
	("Claims", "OpenQueues"),
	("RankedCollective", "Members"),
	("RankedCollective", "Voting"),
	("Balances", "Holds"),
];

fn previous_runtime() -> Vec<u8> {
	let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(PREVIOUS_RUNTIME);
	std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// A dev chain spec for `code`, with the genesis of `code`'s own `development` preset.
fn development_spec(code: &[u8]) -> serde_json::Value {
	let preset = sc_chain_spec::GenesisConfigBuilderRuntimeCaller::<()>::new(code)
		.get_named_preset(Some(&sc_chain_spec::DEV_RUNTIME_PRESET.to_string()))
		.expect("the previous runtime has a development preset");
	let mut spec = build_spec("dev", false);
	spec["name"] = "Huzhu development (previous release)".into();
	spec["genesis"]["runtimeGenesis"] =
		serde_json::json!({ "code": sp_core::bytes::to_hex(code, false), "patch": preset });
	spec
}

fn prefix(pallet: &str, storage: &str) -> Vec<u8> {
	[Twox128::hash(pallet.as_bytes()), Twox128::hash(storage.as_bytes())].concat()
}

/// Pallet `P`'s storage version at `at`.
async fn storage_version<P: frame_support::traits::PalletInfoAccess>(
	client: &Client,
	at: H256,
) -> u16 {
	let key = StorageVersion::storage_key::<P>();
	client.storage(&key, Some(at)).await.unwrap_or_default()
}

/// The claims pallet's storage version at `at`.
async fn claims_version(client: &Client, at: H256) -> u16 {
	storage_version::<huzhu_runtime::Claims>(client, at).await
}

/// `TryRuntime_on_runtime_upgrade(checks)` at block `at`: the weight of the migrations, or the
/// node's error (a failed check panics in the runtime; the node's log holds its message).
async fn try_runtime_upgrade(client: &Client, checks: u8, at: H256) -> Result<u64, String> {
	let data = sp_core::bytes::to_hex(&checks.encode(), false);
	let result: String =
		client.try_call("state_call", ("TryRuntime_on_runtime_upgrade", data, at)).await?;
	let bytes = sp_core::bytes::from_hex(&result).map_err(|e| format!("{e:?}"))?;
	let (weight, _max): (frame_support::weights::Weight, frame_support::weights::Weight) =
		Decode::decode(&mut &bytes[..]).map_err(|e| e.to_string())?;
	Ok(weight.ref_time())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chain_of_the_previous_release_upgrades_by_referendum_and_keeps_its_records() {
	let code = governance::upgrade_wasm();
	let mut config = NodeConfig::dev();
	let spec_path = config.base_path.join("previous-release.json");
	std::fs::write(&spec_path, development_spec(&previous_runtime()).to_string())
		.expect("write the chain spec");
	config.chain = spec_path.display().to_string();
	let node = Node::start(config);
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	assert_eq!(client.runtime_versions().await, (100, 2), "the previous release runs");
	let genesis = client.genesis_hash().await;
	assert_eq!(claims_version(&client, genesis).await, 4, "the previous release's claims storage");
	let old_params_key = pallet_huzhu_claims::Params::<Runtime>::hashed_key();
	assert!(client.storage_raw(&old_params_key, Some(genesis)).await.is_some());

	// Dave joins the critical-illness plan and, covered, files a claim.
	let join = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::join_plan {
		plan: PLAN,
		deposit: 20 * UNITS,
		region: None,
	});
	let joined = tx::send_all(&client, context, vec![(Dave.pair(), join)], BLOCKS_TIMEOUT).await;
	let joined_at = number_of(&client, joined[0].0).await;
	client.wait_for_best(joined_at + WAITING_PERIOD + 1, BLOCKS_TIMEOUT).await;
	let file = RuntimeCall::Claims(pallet_huzhu_claims::Call::file_claim {
		plan: PLAN,
		amount: 300 * UNITS,
		evidence: H256::repeat_byte(0xd1),
	});
	let filed = tx::send_all(&client, context, vec![(Dave.pair(), file)], BLOCKS_TIMEOUT).await;
	let claim = filed_id(&filed[0].1);

	// The founders upgrade the runtime by referendum.
	let founders = [Alice.pair(), Charlie.pair()];
	let upgrade = RuntimeCall::System(frame_system::Call::set_code { code });
	let (index, submitted) = governance::submit(
		&client,
		context,
		&Charlie.pair(),
		governance::root(),
		upgrade,
		BLOCKS_TIMEOUT,
	)
	.await;
	let submitted_at = number_of(&client, submitted).await;
	governance::decide_aye(&client, context, index, &Charlie.pair(), &founders, BLOCKS_TIMEOUT)
		.await;
	let upgraded = governance::wait_enacted(&client, index, submitted_at, UPGRADE_TIMEOUT).await;
	let upgraded_at = number_of(&client, upgraded).await;
	report("upgrade_blocks_submission_to_enactment", upgraded_at - submitted_at);

	// In that block: the new code, the old storage.
	let version: serde_json::Value = client.call("state_getRuntimeVersion", [upgraded]).await;
	assert_eq!(version["specVersion"], 101, "block {upgraded_at} holds the new code");
	let last_upgrade: Option<frame_system::LastRuntimeUpgradeInfo> = client
		.storage(&frame_system::LastRuntimeUpgrade::<Runtime>::hashed_key(), Some(upgraded))
		.await;
	assert_eq!(last_upgrade.map(|info| info.spec_version.0), Some(100), "not migrated yet");
	assert_eq!(claims_version(&client, upgraded).await, 4);
	// try-runtime: every migration's checks, the storage versions, every pallet's try_state.
	let weight = try_runtime_upgrade(&client, CHECK_ALL, upgraded).await.unwrap_or_else(|error| {
		panic!("the migrations' checks fail on the node (see its log): {error}")
	});
	report("upgrade_migrations_ref_time_us", weight / 1_000_000);
	let mut kept = Vec::new();
	for (pallet, storage) in KEPT {
		kept.push(client.storage_pairs(&prefix(pallet, storage), upgraded).await);
	}
	let entries: usize = kept.iter().map(Vec::len).sum();
	let count = |name: (&str, &str)| {
		KEPT.iter().position(|kept| *kept == name).map_or(0, |at| kept[at].len())
	};
	assert!(count(("HuzhuMembership", "Dids")) >= 4, "the genesis DIDs and Dave's");
	assert_eq!(count(("Claims", "Claims")), 1, "Dave's claim");
	assert!(count(("RankedCollective", "Voting")) >= 2, "the founders' votes");

	// Migrated in the next block.
	client.wait_for_best(upgraded_at + 2, BLOCKS_TIMEOUT).await;
	let migrated = client.block_hash(upgraded_at + 1).await.expect("the block after");
	let last_upgrade: Option<frame_system::LastRuntimeUpgradeInfo> = client
		.storage(&frame_system::LastRuntimeUpgrade::<Runtime>::hashed_key(), Some(migrated))
		.await;
	assert_eq!(last_upgrade.map(|info| info.spec_version.0), Some(101));
	assert_eq!(claims_version(&client, migrated).await, 6, "the claims pallet migrated");
	assert_eq!(
		storage_version::<huzhu_runtime::HuzhuMembership>(&client, migrated).await,
		7,
		"the membership pallet migrated"
	);
	// The adjudication clock follows the block-number source from the upgrade's block on.
	let sync: Option<pallet_huzhu_claims::ClockSyncPoint<BlockNumber>> = client
		.storage(&pallet_huzhu_claims::ClockSync::<Runtime>::hashed_key(), Some(migrated))
		.await;
	assert_eq!(
		sync,
		Some(pallet_huzhu_claims::ClockSyncPoint { seen: upgraded_at + 1, owed: 0 }),
		"the clock saw the block after the upgrade and owes nothing"
	);
	let queued: Option<u32> = client
		.storage(
			&pallet_huzhu_membership::ActivationsQueued::<Runtime>::hashed_key(),
			Some(migrated),
		)
		.await;
	assert_eq!(queued.unwrap_or_default(), 0, "Dave's activation was served before");
	for ((pallet, storage), before) in KEPT.iter().zip(&kept) {
		let after = client.storage_pairs(&prefix(pallet, storage), migrated).await;
		assert!(after == *before, "{pallet}::{storage} changed in the upgrade");
	}
	report("upgrade_records_kept", entries);
	// The periods: as they were, plus the default retention of the record.
	let clock: ClockView<BlockNumber> =
		client.runtime_call("ClaimsApi_clock", (), Some(migrated)).await;
	let default: AdjudicationParams<BlockNumber> =
		<<Runtime as pallet_huzhu_claims::Config>::DefaultParams as frame_support::traits::Get<
			_,
		>>::get();
	assert_eq!(
		clock.params,
		AdjudicationParams { record_retention: default.record_retention, ..fast_adjudication() }
	);
	// The migrated chain passes every pallet's try_state.
	try_runtime_upgrade(&client, CHECK_TRY_STATE, migrated)
		.await
		.unwrap_or_else(|error| panic!("try_state fails after the upgrade: {error}"));

	// The claim filed under the previous release goes on under this one: attested, paid.
	let context = ChainContext::of(&client).await;
	assert_eq!(context.spec_version, 101);
	let attest = RuntimeCall::Claims(pallet_huzhu_claims::Call::attest_claim {
		claim,
		diagnosis: H256::repeat_byte(0xb1),
		confirmed_amount: Some(250 * UNITS),
	});
	let attested = tx::send_all(&client, context, vec![(Bob.pair(), attest)], BLOCKS_TIMEOUT).await;
	let attested_at = number_of(&client, attested[0].0).await;
	assert!(claims_events(&attested[0].1).iter().any(
		|event| matches!(event, Event::ClaimDecided { claim: decided, .. } if *decided == claim)
	));
	let (paid, amount) =
		wait_for_event(&client, attested_at, BLOCKS_TIMEOUT, "the claim's payout", |event| {
			match event {
				RuntimeEvent::Claims(Event::ClaimPaid { claim: paid, amount, .. })
					if *paid == claim =>
				{
					Some(*amount)
				}
				_ => None,
			}
		})
		.await;
	assert_eq!(amount, 250 * UNITS);
	let details: Option<pallet_huzhu_claims::ClaimDetailsOf<Runtime>> =
		client.runtime_call("ClaimsApi_claim", claim, Some(paid)).await;
	let details = details.expect("the claim is on record");
	assert!(
		matches!(details.claim.status, ClaimStatus::Paid { amount: paid_amount, .. } if paid_amount == amount)
	);
	// Filed before records held deposits: it holds none.
	assert_eq!(details.record_deposit, Balance::default());
}
