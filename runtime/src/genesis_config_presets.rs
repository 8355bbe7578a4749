//! Genesis presets: the starting state of the chains `huzhu-node` knows by name.
//!
//! | preset | validators | use |
//! |---|---|---|
//! | `development` | Alice | `huzhu-node --dev`: one node, instant start |
//! | `local_testnet` | Alice, Bob, Charlie, Dave | `scripts/run-local-net.sh 4`, integration tests |
//! | `testnet_21` | 21 ([`validator_name`]) | a full 21-seat network on one machine |
//! | `testnet_<N>`, N = 1…21 | the first N of those | `scripts/run-local-net.sh N` |
//! | `mainnet_template` | four placeholders | a production-shaped network to fill in: [`mainnet_template`] |
//!
//! Every key of the development presets is derived from the public Substrate development phrase
//! (`//Alice`, `//Validator07`, …): these chains are for development and testing only. The same
//! derivation paths are what `scripts/run-local-net.sh` inserts into each node's keystore. The
//! template's keys are placeholders nobody holds.

pub mod mainnet_template;

use crate::{
	configs::{MAX_CANDIDATES, VALIDATOR_SEATS},
	AccountId, Balance, BlockNumber, RuntimeGenesisConfig, SessionKeys, StakerStatus, MINUTES,
	UNITS,
};
use alloc::{format, string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use huzhu_primitives::membership::{credential_types, PlanId, PlanTerms, TriggerKind};
use pallet_huzhu_membership::DidPublicKey;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{ed25519, sr25519, Pair};
use sp_genesis_builder::PresetId;
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	Perbill, Permill,
};

/// The preset of a single-validator development chain (`--dev`).
pub const DEVELOPMENT: &str = sp_genesis_builder::DEV_RUNTIME_PRESET;
/// The preset of a four-validator local network.
pub const LOCAL_TESTNET: &str = sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
/// The preset of a 21-validator test network.
pub const TESTNET_21: &str = "testnet_21";
/// The preset of a production-shaped network template ([`mainnet_template`]).
pub const MAINNET_TEMPLATE: &str = "mainnet_template";

/// Free balance of every endowed development account.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// What each genesis validator bonds.
pub const VALIDATOR_BOND: Balance = 100_000 * UNITS;

/// The least a validator (and a validator candidate) keeps bonded.
pub const MIN_VALIDATOR_BOND: Balance = 1_000 * UNITS;

/// The bond an issuer posts for each credential type.
pub const ISSUER_BOND: Balance = 1_000 * UNITS;
/// The deposit of each founding member (Alice and Charlie) in the drought plan.
pub const FOUNDER_DEPOSIT: Balance = 20 * UNITS;
/// From this many genesis validators on, none is invulnerable and elections leave room for
/// departures (smaller sets keep every validator: there is nobody to replace one).
const SLASHABLE_FROM: u32 = 4;

/// The genesis plan "Critical illness": claims decided by a hospital's attestation. Plans take
/// ids in the order the genesis lists them; the preset tests check these three.
pub const CRITICAL_ILLNESS_PLAN: PlanId = 0;
/// The genesis plan "Drought cover": parametric on rainfall, in regions 110101 and 110102.
pub const DROUGHT_PLAN: PlanId = 1;
/// The genesis plan "Supply-chain alliance": claims decided by the other enterprises' vote.
pub const ALLIANCE_PLAN: PlanId = 2;
/// The genesis rainfall metric (see [`rainfall_metric`]).
pub const RAINFALL_METRIC: u32 = 0;

/// The region the founding members are covered in.
pub const FOUNDER_REGION: u32 = 110102;

/// The reserve Alice funds plan 0 with at genesis (plan 1 gets half).
pub const GENESIS_RESERVE: Balance = 10_000 * UNITS;
/// How long members of the genesis plans wait for cover: one minute, so that a development chain
/// shows the whole lifecycle at once.
pub const GENESIS_WAITING_PERIOD: BlockNumber = MINUTES;

/// How long a decided claim of a genesis plan stays open to challenge: one minute, so that a
/// development chain pays claims within minutes.
pub const GENESIS_CHALLENGE_PERIOD: BlockNumber = MINUTES;

/// The development accounts that polkadot-js knows and every preset endows.
const DEV_ACCOUNTS: [&str; 6] = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];

/// Weather oracles besides Charlie, endowed and accredited in every preset (keys `//Oracle1` to
/// `//Oracle3`), so that parametric plans have the oracles' minimum of three readings and a
/// median from stations with no stake in the plan (Charlie, a founding member of the drought
/// plan, may not report on its regions).
pub const ORACLE_ACCOUNTS: [&str; 3] = ["Oracle1", "Oracle2", "Oracle3"];

/// The rainfall metric (id 0) of the genesis parametric plan: millimetres, 0 to 5 000, periods
/// of one minute, readings accepted for a minute after a period ends (an index event opens only
/// after that), readings more than 100 mm from the median flagged.
pub fn rainfall_metric() -> pallet_huzhu_claims::MetricSpec<BlockNumber> {
	pallet_huzhu_claims::MetricSpec {
		min_value: 0,
		max_value: 5_000,
		period_length: MINUTES,
		submission_window: MINUTES,
		outlier_tolerance: 100,
	}
}

/// Adjudication periods of the development presets, in ticks (blocks without the brake): ten
/// minutes to decide a claim, two blocks from a challenge to the jury draw, half a minute each
/// to commit and reveal jury votes and to appeal, ten minutes to pull an index payout — a whole
/// dispute fits in a test — and a minute of public record before a finished claim may be pruned.
pub fn fast_adjudication() -> pallet_huzhu_claims::AdjudicationParams<BlockNumber> {
	pallet_huzhu_claims::AdjudicationParams {
		decision_period: 10 * MINUTES,
		draw_delay: 2,
		commit_period: 5,
		reveal_period: 5,
		appeal_period: 5,
		index_claim_period: 10 * MINUTES,
		record_retention: MINUTES,
	}
}

/// The name of validator `index` (0-based) of a test network: the six development accounts
/// first, then `Validator07` … `Validator21`. Its keys derive from `//<name>`.
pub fn validator_name(index: usize) -> String {
	match DEV_ACCOUNTS.get(index) {
		Some(name) => String::from(*name),
		None => format!("Validator{:02}", index.saturating_add(1)),
	}
}

/// A validator's identities: stash account (also its session validator id) and session keys.
struct GenesisValidator {
	stash: AccountId,
	keys: SessionKeys,
}

/// The session keys of the genesis validators, each its own controller.
fn session_keys(validators: &[GenesisValidator]) -> Vec<(AccountId, AccountId, SessionKeys)> {
	validators.iter().map(|v| (v.stash.clone(), v.stash.clone(), v.keys.clone())).collect()
}

/// The genesis validators bonded with [`VALIDATOR_BOND`], each its own controller.
fn stakers(
	validators: &[GenesisValidator],
) -> Vec<(AccountId, AccountId, Balance, StakerStatus<AccountId>)> {
	validators
		.iter()
		.map(|v| (v.stash.clone(), v.stash.clone(), VALIDATOR_BOND, StakerStatus::Validator))
		.collect()
}

/// The genesis validators as election candidates with no commission, the `index`th described
/// by `name(index)`.
fn candidates(
	validators: &[GenesisValidator],
	name: impl Fn(usize) -> String,
) -> Vec<(AccountId, Perbill, Vec<u8>)> {
	validators
		.iter()
		.enumerate()
		.map(|(index, v)| (v.stash.clone(), Perbill::zero(), name(index).into_bytes()))
		.collect()
}

/// The election of the 21 seats, failing below `min_seats` eligible candidates.
fn election_params(min_seats: u32) -> pallet_huzhu_elections::ElectionParams<Balance> {
	pallet_huzhu_elections::ElectionParams {
		seats: VALIDATOR_SEATS,
		min_seats,
		min_self_bond: MIN_VALIDATOR_BOND,
		max_votes: 16,
	}
}

fn sr25519_public(name: &str) -> Option<sr25519::Public> {
	sr25519::Pair::from_string(&format!("//{name}"), None).ok().map(|pair| pair.public())
}

fn ed25519_public(name: &str) -> Option<ed25519::Public> {
	ed25519::Pair::from_string(&format!("//{name}"), None).ok().map(|pair| pair.public())
}

/// The account of development name `name` (`//<name>`, sr25519).
fn account(name: &str) -> Option<AccountId> {
	sr25519_public(name).map(AccountId::from)
}

fn genesis_validator(name: &str) -> Option<GenesisValidator> {
	let stash = account(name)?;
	let babe = BabeId::from(sr25519_public(name)?);
	let grandpa = GrandpaId::from(ed25519_public(name)?);
	Some(GenesisValidator { stash, keys: SessionKeys { babe, grandpa } })
}

/// The three genesis plans — 0 "Critical illness" (attestation), 1 "Drought cover" (parametric
/// on rainfall, regions 110101 and 110102), 2 "Supply-chain alliance" (alliance vote) — with the
/// given waiting and challenge periods.
fn genesis_plans(
	waiting_period: BlockNumber,
	challenge_period: BlockNumber,
) -> Option<Vec<PlanTerms<Balance, BlockNumber>>> {
	let plan = |name: &str,
	            min_deposit,
	            max_payout,
	            caps: (Balance, Balance),
	            fee,
	            trigger,
	            regions: Vec<u32>,
	            required_credentials: Vec<u32>| {
		Some(PlanTerms {
			name: name.as_bytes().to_vec().try_into().ok()?,
			required_credentials: required_credentials.try_into().ok()?,
			waiting_period,
			min_deposit,
			max_payout_per_claim: max_payout,
			member_share_cap_per_claim: caps.0,
			member_share_cap_per_year: caps.1,
			management_fee: Permill::from_percent(fee),
			challenge_period,
			trigger,
			regions: regions.try_into().ok()?,
		})
	};
	Some(vec![
		plan(
			"Critical illness",
			10 * UNITS,
			10_000 * UNITS,
			(5 * UNITS, 50 * UNITS),
			8,
			TriggerKind::Attestation { attestations_required: 1 },
			vec![],
			vec![credential_types::KYC],
		)?,
		plan(
			"Drought cover",
			5 * UNITS,
			2_000 * UNITS,
			(2 * UNITS, 20 * UNITS),
			5,
			TriggerKind::Parametric {
				metric: RAINFALL_METRIC,
				trigger_value: 500,
				exit_value: 100,
			},
			vec![110101, 110102],
			vec![credential_types::KYC],
		)?,
		plan(
			"Supply-chain alliance",
			10 * UNITS,
			5_000 * UNITS,
			(5 * UNITS, 50 * UNITS),
			5,
			TriggerKind::Alliance { approval_threshold: Perbill::from_percent(50) },
			vec![],
			vec![credential_types::KYC, credential_types::ALLIANCE_ENTERPRISE],
		)?,
	])
}

/// The membership content every preset starts with, so that polkadot-js shows a working
/// community at once:
///
/// - DIDs for Alice, Bob, Charlie, Dave, Eve and Oracle1 to Oracle3 (Ferdie has none: create one);
/// - Bob accredited for `Kyc`, `MedicalInstitution` (the development hospital: it attests
///   claims) and `AllianceEnterprise`; Charlie and Oracle1 to Oracle3 for `WeatherOracle` (they
///   feed rainfall readings);
/// - Alice and Charlie hold `Kyc`, Dave `Kyc` and `AllianceEnterprise` credentials, Eve `Kyc`,
///   `MedicalInstitution` and `AllianceEnterprise`, all from Bob;
/// - plan 0 "Critical illness" (attestation, one attestation), plan 1 "Drought cover"
///   (parametric on rainfall: payouts from 500 mm down to 100 mm, regions 110101 and 110102) and
///   plan 2 "Supply-chain alliance" (alliance vote, 50 %, requires `AllianceEnterprise`), all
///   requiring `Kyc`, with a one-minute waiting period and a one-minute challenge window; their
///   pools' reserves funded by Alice ([`GENESIS_RESERVE`], half and half of it) and plan 0 in
///   the custody of Alice, Bob and Charlie (2 of 3);
/// - Alice and Charlie founding members of plan 1 (region [`FOUNDER_REGION`]), covered from
///   genesis: the electorate of the first referenda.
fn membership_genesis() -> Option<pallet_huzhu_membership::GenesisConfig<crate::Runtime>> {
	let did = |name: &str| Some((account(name)?, DidPublicKey::Sr25519(sr25519_public(name)?)));
	let commitment = |text: &str| BlakeTwo256::hash(text.as_bytes());
	let (alice, bob, charlie, dave, eve) = (
		account("Alice")?,
		account("Bob")?,
		account("Charlie")?,
		account("Dave")?,
		account("Eve")?,
	);
	Some(pallet_huzhu_membership::GenesisConfig {
		credential_types: pallet_huzhu_membership::standard_credential_types(ISSUER_BOND),
		dids: ["Alice", "Bob", "Charlie", "Dave", "Eve"]
			.iter()
			.chain(ORACLE_ACCOUNTS.iter())
			.map(|name| did(name))
			.collect::<Option<Vec<_>>>()?,
		issuers: vec![
			(credential_types::KYC, bob.clone()),
			(credential_types::MEDICAL_INSTITUTION, bob.clone()),
			(credential_types::ALLIANCE_ENTERPRISE, bob.clone()),
			(credential_types::WEATHER_ORACLE, charlie.clone()),
			(credential_types::WEATHER_ORACLE, account(ORACLE_ACCOUNTS[0])?),
			(credential_types::WEATHER_ORACLE, account(ORACLE_ACCOUNTS[1])?),
			(credential_types::WEATHER_ORACLE, account(ORACLE_ACCOUNTS[2])?),
		],
		credentials: vec![
			(alice.clone(), credential_types::KYC, bob.clone(), commitment("dev:Alice:Kyc")),
			(charlie.clone(), credential_types::KYC, bob.clone(), commitment("dev:Charlie:Kyc")),
			(dave.clone(), credential_types::KYC, bob.clone(), commitment("dev:Dave:Kyc")),
			(
				dave,
				credential_types::ALLIANCE_ENTERPRISE,
				bob.clone(),
				commitment("dev:Dave:AllianceEnterprise"),
			),
			(eve.clone(), credential_types::KYC, bob.clone(), commitment("dev:Eve:Kyc")),
			(
				eve.clone(),
				credential_types::MEDICAL_INSTITUTION,
				bob.clone(),
				commitment("dev:Eve:MedicalInstitution"),
			),
			(
				eve,
				credential_types::ALLIANCE_ENTERPRISE,
				bob,
				commitment("dev:Eve:AllianceEnterprise"),
			),
		],
		plans: genesis_plans(GENESIS_WAITING_PERIOD, GENESIS_CHALLENGE_PERIOD)?,
		// The founding members: farmers in region 110102, covered from genesis. They submit and
		// vote on the first referenda.
		founders: vec![
			(DROUGHT_PLAN, alice, FOUNDER_DEPOSIT, Some(FOUNDER_REGION)),
			(DROUGHT_PLAN, charlie, FOUNDER_DEPOSIT, Some(FOUNDER_REGION)),
		],
	})
}

/// The genesis state of a network whose first `validator_count` named validators (see
/// [`validator_name`]) are bonded and in the authority set. There is no sudo: Alice and Charlie
/// are founding members (of the drought plan), so that the members can govern from block one;
/// Alice, Bob and Charlie form the emergency council; governance runs on the development track
/// table (periods of a few blocks).
fn testnet_genesis(validator_count: usize) -> Option<serde_json::Value> {
	let validators = (0..validator_count)
		.map(|index| genesis_validator(&validator_name(index)))
		.collect::<Option<Vec<_>>>()?;
	let mut endowed = DEV_ACCOUNTS
		.iter()
		.chain(ORACLE_ACCOUNTS.iter())
		.map(|name| account(name))
		.collect::<Option<Vec<AccountId>>>()?;
	for validator in &validators {
		if !endowed.contains(&validator.stash) {
			endowed.push(validator.stash.clone());
		}
	}
	let seated = u32::try_from(validator_count).ok()?.min(VALIDATOR_SEATS);
	// Room for departures: a set of four or more elects with two thirds of it (14 of 21), so one
	// validator leaving does not fail every election and freeze the old set.
	let minimum_validator_count =
		if seated >= SLASHABLE_FROM { seated.saturating_mul(2).div_ceil(3) } else { seated };
	// Presets of four or more validators have no invulnerables: any of them can be slashed.
	let invulnerables = if validators.len() >= SLASHABLE_FROM as usize {
		Vec::new()
	} else {
		validators.iter().map(|v| v.stash.clone()).collect::<Vec<_>>()
	};

	Some(build_struct_json_patch!(RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: endowed.iter().cloned().map(|who| (who, ENDOWMENT)).collect::<Vec<_>>(),
		},
		babe: pallet_babe::GenesisConfig {
			epoch_config: crate::configs::BABE_GENESIS_EPOCH_CONFIG
		},
		session: pallet_session::GenesisConfig { keys: session_keys(&validators) },
		staking: pallet_staking::GenesisConfig {
			validator_count: VALIDATOR_SEATS,
			minimum_validator_count,
			max_validator_count: Some(MAX_CANDIDATES),
			invulnerables,
			stakers: stakers(&validators),
			min_validator_bond: MIN_VALIDATOR_BOND,
			min_nominator_bond: 10 * UNITS,
		},
		huzhu_membership: membership_genesis()?,
		governance: pallet_huzhu_governance::GenesisConfig {
			track_table: crate::governance::DEVELOPMENT_TRACK_TABLE,
		},
		emergency_council: pallet_collective::GenesisConfig {
			members: vec![account("Alice")?, account("Bob")?, account("Charlie")?],
		},
		pool: pallet_huzhu_pool::GenesisConfig {
			reserves: vec![
				(CRITICAL_ILLNESS_PLAN, account("Alice")?, GENESIS_RESERVE),
				(DROUGHT_PLAN, account("Alice")?, GENESIS_RESERVE / 2),
				(ALLIANCE_PLAN, account("Alice")?, GENESIS_RESERVE / 2),
			],
			custodians: vec![(
				CRITICAL_ILLNESS_PLAN,
				vec![account("Alice")?, account("Bob")?, account("Charlie")?],
				2,
			)],
		},
		elections: pallet_huzhu_elections::GenesisConfig {
			candidates: candidates(&validators, validator_name),
			params: Some(election_params(minimum_validator_count)),
		},
		claims: pallet_huzhu_claims::GenesisConfig {
			metrics: vec![(RAINFALL_METRIC, rainfall_metric())],
			params: Some(fast_adjudication()),
		},
	}))
}

/// The number of validators of test network preset `name` (`testnet_<N>`, 1 ≤ N ≤ 21).
pub fn testnet_size(name: &str) -> Option<usize> {
	let count: u32 = name.strip_prefix("testnet_")?.parse().ok()?;
	if (1..=VALIDATOR_SEATS).contains(&count) {
		usize::try_from(count).ok()
	} else {
		None
	}
}

/// The JSON patch of preset `id`, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let name: &str = id.as_ref();
	let patch = match name {
		DEVELOPMENT => testnet_genesis(1)?,
		LOCAL_TESTNET => testnet_genesis(4)?,
		MAINNET_TEMPLATE => mainnet_template::genesis()?,
		_ => testnet_genesis(testnet_size(name)?)?,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEVELOPMENT),
		PresetId::from(LOCAL_TESTNET),
		PresetId::from(TESTNET_21),
		PresetId::from(MAINNET_TEMPLATE),
	]
}

/// The genesis storage of preset `name`, as the node builds it (default config + the preset's
/// patch), for the runtime's unit tests.
#[cfg(test)]
pub(crate) fn preset_storage(name: &str) -> sp_runtime::Storage {
	use sp_runtime::BuildStorage;
	fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
		match (base, patch) {
			(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
				for (key, value) in patch {
					json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			}
			(base, patch) => *base = patch,
		}
	}
	let patch = get_preset(&PresetId::from(name)).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("a JSON patch");
	json_merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("a genesis config");
	config.build_storage().expect("genesis builds")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn validator_names_are_dev_accounts_then_numbered() {
		assert_eq!(validator_name(0), "Alice");
		assert_eq!(validator_name(5), "Ferdie");
		assert_eq!(validator_name(6), "Validator07");
		assert_eq!(validator_name(20), "Validator21");
	}

	#[test]
	fn every_preset_builds_a_genesis_state() {
		for name in preset_names() {
			let bytes: &[u8] = name.as_ref();
			let name = String::from_utf8(bytes.to_vec()).expect("utf-8 name");
			let storage = preset_storage(&name);
			assert!(!storage.top.is_empty(), "preset {name:?} has state");
		}
	}

	/// The named plan ids are the ids the genesis gives the plans, on every preset.
	#[test]
	fn the_genesis_plans_have_their_named_ids() {
		for name in preset_names() {
			let bytes: &[u8] = name.as_ref();
			let storage = preset_storage(core::str::from_utf8(bytes).expect("utf-8 name"));
			sp_io::TestExternalities::new(storage).execute_with(|| {
				for (id, name) in [
					(CRITICAL_ILLNESS_PLAN, "Critical illness"),
					(DROUGHT_PLAN, "Drought cover"),
					(ALLIANCE_PLAN, "Supply-chain alliance"),
				] {
					let plan = pallet_huzhu_membership::Plans::<crate::Runtime>::get(id)
						.expect("a genesis plan");
					assert_eq!(plan.terms.name.to_vec(), name.as_bytes().to_vec());
				}
				let drought = pallet_huzhu_membership::Plans::<crate::Runtime>::get(DROUGHT_PLAN)
					.expect("the drought plan");
				assert!(matches!(
					drought.terms.trigger,
					TriggerKind::Parametric { metric: RAINFALL_METRIC, .. }
				));
			});
		}
	}

	/// The template holds no key derived from the development phrase, no invulnerable, the real
	/// track table and periods, and reserves funded by its treasury.
	#[test]
	fn the_mainnet_template_is_production_shaped() {
		let development: Vec<AccountId> = (0..21)
			.map(validator_name)
			.chain(ORACLE_ACCOUNTS.iter().map(|name| String::from(*name)))
			.map(|name| account(&name).expect("a development account"))
			.collect();
		sp_io::TestExternalities::new(preset_storage(MAINNET_TEMPLATE)).execute_with(|| {
			type Runtime = crate::Runtime;
			let validators = pallet_session::Validators::<Runtime>::get();
			assert_eq!(validators.len(), 4);
			assert_eq!(
				pallet_huzhu_membership::Members::<Runtime>::iter_prefix(DROUGHT_PLAN).count(),
				3
			);
			// Founders, issuers and oracles: every account with a DID.
			let with_did: Vec<AccountId> =
				pallet_huzhu_membership::DidOf::<Runtime>::iter_keys().collect();
			assert_eq!(with_did.len(), 8);
			let council =
				pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
			let treasury = mainnet_template::treasury().expect("the treasury");
			for who in validators.iter().chain(&with_did).chain(&council).chain([&treasury]) {
				assert!(!development.contains(who), "{who} is a development account");
			}
			assert!(pallet_staking::Invulnerables::<Runtime>::get().is_empty());
			assert_ne!(
				pallet_huzhu_governance::TrackTable::<Runtime>::get(),
				crate::configs::tracks::DEVELOPMENT_TRACK_TABLE
			);
			assert_eq!(pallet_huzhu_claims::Params::<Runtime>::get(), None);
			assert_eq!(
				pallet_huzhu_claims::Pallet::<Runtime>::params(),
				<Runtime as pallet_huzhu_claims::Config>::DefaultParams::get()
			);
			for (plan, reserve) in [
				(CRITICAL_ILLNESS_PLAN, GENESIS_RESERVE),
				(DROUGHT_PLAN, GENESIS_RESERVE / 2),
				(ALLIANCE_PLAN, GENESIS_RESERVE / 2),
			] {
				let terms =
					pallet_huzhu_membership::Plans::<Runtime>::get(plan).expect("a plan").terms;
				assert_eq!(terms.waiting_period, mainnet_template::WAITING_PERIOD);
				assert_eq!(terms.challenge_period, mainnet_template::CHALLENGE_PERIOD);
				let books = pallet_huzhu_pool::Books::<Runtime>::get(plan).expect("the books");
				assert_eq!(books.reserve, reserve, "plan {plan}'s reserve");
			}
			// It funded the reserves (and the pool accounts' existential deposits).
			let treasury_free = frame_system::Account::<Runtime>::get(&treasury).data.free;
			let spent = mainnet_template::TREASURY_ENDOWMENT - treasury_free;
			assert!(spent <= 3 * crate::EXISTENTIAL_DEPOSIT, "the treasury spent {spent}");
		});
	}

	#[test]
	fn testnet_21_has_21_distinct_validators() {
		let patch: serde_json::Value =
			serde_json::from_slice(&get_preset(&PresetId::from(TESTNET_21)).unwrap()).unwrap();
		let keys = patch["session"]["keys"].as_array().unwrap();
		assert_eq!(keys.len(), 21);
		let mut stashes: Vec<_> = keys.iter().map(|k| k[0].as_str().unwrap()).collect();
		stashes.sort();
		stashes.dedup();
		assert_eq!(stashes.len(), 21);
		assert_eq!(patch["staking"]["validatorCount"], 21);
		// Route 11: nobody is invulnerable, and seven validators may leave before an election
		// fails.
		assert_eq!(patch["staking"]["invulnerables"].as_array().map_or(0, Vec::len), 0);
		assert_eq!(patch["staking"]["minimumValidatorCount"], 14);
		assert_eq!(patch["elections"]["params"]["min_seats"], 14);
	}

	#[test]
	fn small_presets_keep_their_validators_and_larger_ones_leave_room() {
		for (count, min_seats, invulnerable) in [(1usize, 1, 1), (4, 3, 0), (7, 5, 0)] {
			let patch: serde_json::Value = serde_json::from_slice(
				&get_preset(&PresetId::from(format!("testnet_{count}").as_str())).unwrap(),
			)
			.unwrap();
			assert_eq!(patch["elections"]["params"]["min_seats"], min_seats, "testnet_{count}");
			assert_eq!(
				patch["staking"]["invulnerables"].as_array().map_or(0, Vec::len),
				invulnerable,
				"testnet_{count}"
			);
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		for name in ["mainnet", "testnet_0", "testnet_22", "testnet_x", "testnet_"] {
			assert!(get_preset(&PresetId::from(name)).is_none(), "{name}");
		}
	}

	#[test]
	fn sized_testnets_have_their_size() {
		assert_eq!(testnet_size(TESTNET_21), Some(21));
		for count in [1usize, 4, 7, 21] {
			let patch: serde_json::Value = serde_json::from_slice(
				&get_preset(&PresetId::from(format!("testnet_{count}").as_str())).unwrap(),
			)
			.unwrap();
			assert_eq!(patch["session"]["keys"].as_array().unwrap().len(), count);
		}
	}
}
