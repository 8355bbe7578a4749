//! The `mainnet_template` preset: a network shaped for production, for a team to fill in.
//!
//! What differs from the development presets:
//!
//! | | development presets | `mainnet_template` |
//! |---|---|---|
//! | referendum tracks | the development table (periods of a few blocks) | the real table (days) |
//! | adjudication periods | [`super::fast_adjudication`] (minutes) | the runtime's defaults (a week to decide, a day per jury phase, 90 days of record) |
//! | plans' waiting and challenge periods | a minute | [`WAITING_PERIOD`], [`CHALLENGE_PERIOD`] |
//! | rainfall periods | a minute | 30 days ([`rainfall`]) |
//! | validators | development keys (`//Alice`, …), invulnerable below four | four, none invulnerable: any can be slashed |
//! | founders, council, issuers, oracles | development accounts | their own keys |
//! | plan reserves | funded by Alice | funded by the genesis [`treasury`] account |
//! | bootnodes | the local network's | none: the network's own |
//!
//! **Every key here is a placeholder.** They are public keys whose secret keys were generated
//! once and thrown away: nobody can author a block, vote or spend the treasury of this template
//! as it is. A team starting a network generates its own keys (`huzhu-node key generate`, on the
//! machines that will hold them: see `docs/operators.md`), puts the public keys in
//! [`keys`], rebuilds and regenerates `chain-specs/mainnet-template.json` with
//! `scripts/build-chain-specs.sh` — or overrides the same fields in a chain spec patch.
//!
//! The node test `mainnet_template` boots the committed spec and reads these parameters back
//! through the runtime APIs and storage.

use super::*;
use crate::DAYS;

/// How long members of the template's plans wait for cover after joining.
pub const WAITING_PERIOD: BlockNumber = 30 * DAYS;

/// How long a decided claim of the template's plans stays open to challenge.
pub const CHALLENGE_PERIOD: BlockNumber = 3 * DAYS;

/// What the treasury holds at genesis, besides the reserves it funds.
pub const TREASURY_ENDOWMENT: Balance = 1_000_000 * UNITS;

/// What each founder, council member, issuer and oracle holds at genesis: fees, the issuers'
/// bonds and the founders' deposits.
pub const PARTICIPANT_ENDOWMENT: Balance = 10_000 * UNITS;

/// The template's placeholder public keys (see the module docs): replace every one.
pub mod keys {
	/// The validators: (stash sr25519, BABE sr25519, GRANDPA ed25519).
	pub const VALIDATORS: [(&str, &str, &str); 4] = [
		(
			"e0954932d1d08ab3087b06a0c7d123eb7ebae8297e0af71894e3a01db9cfda16",
			"e2c7dc4b2aa2611bcbb4ff5ac279b2b21f66c2e4344c729ac8cb98a6aabb5d58",
			"76356e34a2fd5a598a74dfd447ab5c404bb845abf9d922e577497232c6cd0262",
		),
		(
			"be141d5f6aa76fdf2f56c9ec0bd34879fcf46729867c1bd355e1005b18b13b28",
			"e4968ff3d8022866936053092c7079188d03024c6225bb75411286203ba2543f",
			"b373690a82b912f1d94d086a5d393d1a2a6e75ae5b178e56443abbdc79db23ca",
		),
		(
			"82e368f42a34b45bf7ce50bcb99e126200f91945da0d7cc2796a593948a15329",
			"045d194574195e1bd087058ee900a792814e1b6812885af6f981f17e0d37d46a",
			"14ce54fe0366f5d173b55ff311faa9e1391ddda1b24d3095edb1fff8d951403a",
		),
		(
			"968d1917c377f9e9a2e10dcf163c19c101051152b2588369d759f4fb9c45a410",
			"c2b97b2b4163538a52b12ddee196db7da19d5ec043c41fe15152666ef3a0ce25",
			"00d6120781ca36d33308d42bfa87c3fbd9d1cdec7bff1d2afbc237c641bd79ef",
		),
	];
	/// The genesis treasury: funds the plans' reserves.
	pub const TREASURY: &str = "1ef0ada66785c07e8d396c29de6624a8146a8f590e57ccff3ed9fd6682189949";
	/// The founding members (of the drought plan): the electorate of the first referenda.
	pub const FOUNDERS: [&str; 3] = [
		"4e7cf6b1046b94f3c44b3ff4b7b0cd379bc6474fd68039fdab155df7f3672b38",
		"4abf7f185aaada9e0136f7f1dd1729b30b2d91ff7c2b4155c65542e057958b41",
		"965e539e2ffb688b1b953ea8d68fdb041e20f14b8827fcc73eb7d35d609d817e",
	];
	/// The emergency council, also the custodians of plan 0's pool (2 of 3).
	pub const COUNCIL: [&str; 3] = [
		"a2eb7fcb1de306417efca804aa6e9cad7762f183fe36fb731e1e83a1c2f06a04",
		"7af9f702b682a5d04d414ab8d0d21582370a94e0478210df2c9da7488e66ae72",
		"66554f6d97ade71045b6bada57c43a380d100ea9dbf778ac81fb11ce6386071e",
	];
	/// The issuer of `Kyc` and `AllianceEnterprise` credentials.
	pub const KYC_ISSUER: &str = "7870af10622c2ddd36b2ddbca7972a4c713b981a0ff0c36ab1a4cc88f71bbb74";
	/// The first accredited medical institution.
	pub const HOSPITAL: &str = "2035f68af7f565b703df5543a9dd877c1366813472d6f1ff3fe014e343a8ae26";
	/// The weather oracles of the drought plan (three: the oracles' minimum of readings).
	pub const ORACLES: [&str; 3] = [
		"2ebde2d571116ecaa3e0bd9de7e979d02ac183b7c01458179ae88fd4b4491b30",
		"504315bddcb0bfa334f23f18cdf5872652b29620f6c6671c45eddfb1809bc63d",
		"661de367590fc0440cc81876d9b3aed4ad2697f86f3cabb588399fe93970914b",
	];
}

/// 32 bytes from 64 hex digits.
fn bytes32(hex: &str) -> Option<[u8; 32]> {
	let digit = |c: u8| char::from(c).to_digit(16).and_then(|d| u8::try_from(d).ok());
	let hex = hex.as_bytes();
	if hex.len() != 64 {
		return None;
	}
	let mut out = [0u8; 32];
	for (byte, pair) in out.iter_mut().zip(hex.chunks(2)) {
		let (high, low) = (digit(*pair.first()?)?, digit(*pair.get(1)?)?);
		*byte = high.checked_mul(16)?.checked_add(low)?;
	}
	Some(out)
}

fn public(hex: &str) -> Option<sr25519::Public> {
	bytes32(hex).map(sr25519::Public::from_raw)
}

fn key_account(hex: &str) -> Option<AccountId> {
	public(hex).map(AccountId::from)
}

/// The genesis treasury account.
pub fn treasury() -> Option<AccountId> {
	key_account(keys::TREASURY)
}

/// The template's validators.
fn validators() -> Option<Vec<GenesisValidator>> {
	keys::VALIDATORS
		.iter()
		.map(|(stash, babe, grandpa)| {
			Some(GenesisValidator {
				stash: key_account(stash)?,
				keys: SessionKeys {
					babe: BabeId::from(public(babe)?),
					grandpa: GrandpaId::from(bytes32(grandpa).map(ed25519::Public::from_raw)?),
				},
			})
		})
		.collect()
}

fn accounts(hexes: &[&str]) -> Option<Vec<AccountId>> {
	hexes.iter().map(|hex| key_account(hex)).collect()
}

/// The template's membership: DIDs of the founders, issuers and oracles; the KYC issuer
/// accredited for `Kyc` and `AllianceEnterprise`, the hospital for `MedicalInstitution`, the
/// oracles for `WeatherOracle`; the founders KYC'd and covered by the drought plan from genesis;
/// the three genesis plans with [`WAITING_PERIOD`] and [`CHALLENGE_PERIOD`].
fn membership() -> Option<pallet_huzhu_membership::GenesisConfig<crate::Runtime>> {
	let founders = accounts(&keys::FOUNDERS)?;
	let oracles = accounts(&keys::ORACLES)?;
	let (kyc, hospital) = (key_account(keys::KYC_ISSUER)?, key_account(keys::HOSPITAL)?);
	let with_did = keys::FOUNDERS
		.iter()
		.chain([keys::KYC_ISSUER, keys::HOSPITAL].iter())
		.chain(keys::ORACLES.iter());
	let commitment = |text: &str| BlakeTwo256::hash(text.as_bytes());
	let mut issuers = vec![
		(credential_types::KYC, kyc.clone()),
		(credential_types::ALLIANCE_ENTERPRISE, kyc.clone()),
		(credential_types::MEDICAL_INSTITUTION, hospital),
	];
	issuers.extend(oracles.iter().map(|oracle| (credential_types::WEATHER_ORACLE, oracle.clone())));
	Some(pallet_huzhu_membership::GenesisConfig {
		credential_types: pallet_huzhu_membership::standard_credential_types(ISSUER_BOND),
		dids: with_did
			.map(|hex| Some((key_account(hex)?, DidPublicKey::Sr25519(public(hex)?))))
			.collect::<Option<Vec<_>>>()?,
		issuers,
		// What the commitments stand for is the issuer's record, off chain; these name it.
		credentials: founders
			.iter()
			.enumerate()
			.map(|(index, founder)| {
				let record = format!("mainnet-template:founder{}:Kyc", index.saturating_add(1));
				(founder.clone(), credential_types::KYC, kyc.clone(), commitment(&record))
			})
			.collect(),
		plans: genesis_plans(WAITING_PERIOD, CHALLENGE_PERIOD)?,
		founders: founders
			.into_iter()
			.map(|founder| (DROUGHT_PLAN, founder, FOUNDER_DEPOSIT, Some(FOUNDER_REGION)))
			.collect(),
	})
}

/// The rainfall metric of the drought plan: millimetres over 30-day periods, readings accepted
/// for two days after a period ends, readings more than 100 mm from the median flagged.
pub fn rainfall() -> pallet_huzhu_claims::MetricSpec<BlockNumber> {
	pallet_huzhu_claims::MetricSpec {
		period_length: 30 * DAYS,
		submission_window: 2 * DAYS,
		..rainfall_metric()
	}
}

/// The genesis patch of the `mainnet_template` preset.
pub fn genesis() -> Option<serde_json::Value> {
	let validators = validators()?;
	let treasury = treasury()?;
	let council = accounts(&keys::COUNCIL)?;
	let participants = accounts(&keys::FOUNDERS)?
		.into_iter()
		.chain(council.iter().cloned())
		.chain([key_account(keys::KYC_ISSUER)?, key_account(keys::HOSPITAL)?])
		.chain(accounts(&keys::ORACLES)?);
	let reserves = [
		(CRITICAL_ILLNESS_PLAN, GENESIS_RESERVE),
		(DROUGHT_PLAN, GENESIS_RESERVE / 2),
		(ALLIANCE_PLAN, GENESIS_RESERVE / 2),
	];
	let treasury_balance = reserves
		.iter()
		.try_fold(TREASURY_ENDOWMENT, |sum, (_, reserve)| sum.checked_add(*reserve))?;
	let mut balances: Vec<(AccountId, Balance)> = vec![(treasury.clone(), treasury_balance)];
	balances.extend(validators.iter().map(|v| (v.stash.clone(), ENDOWMENT)));
	balances.extend(participants.map(|who| (who, PARTICIPANT_ENDOWMENT)));
	let seated = u32::try_from(validators.len()).ok()?;
	let minimum_validator_count = seated.saturating_mul(2).div_ceil(3);

	Some(build_struct_json_patch!(RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances },
		babe: pallet_babe::GenesisConfig {
			epoch_config: crate::configs::BABE_GENESIS_EPOCH_CONFIG
		},
		session: pallet_session::GenesisConfig { keys: session_keys(&validators) },
		staking: pallet_staking::GenesisConfig {
			validator_count: VALIDATOR_SEATS,
			minimum_validator_count,
			max_validator_count: Some(MAX_CANDIDATES),
			invulnerables: Vec::new(),
			stakers: stakers(&validators),
			min_validator_bond: MIN_VALIDATOR_BOND,
			min_nominator_bond: 10 * UNITS,
		},
		huzhu_membership: membership()?,
		// The governance pallet's default track table is the real one.
		emergency_council: pallet_collective::GenesisConfig { members: council.clone() },
		pool: pallet_huzhu_pool::GenesisConfig {
			reserves: reserves
				.iter()
				.map(|(plan, reserve)| (*plan, treasury.clone(), *reserve))
				.collect::<Vec<_>>(),
			custodians: vec![(CRITICAL_ILLNESS_PLAN, council, 2)],
		},
		elections: pallet_huzhu_elections::GenesisConfig {
			candidates: candidates(&validators, |index| {
				format!("validator-{}", index.saturating_add(1))
			}),
			params: Some(election_params(minimum_validator_count)),
		},
		// No `params`: the runtime's default adjudication periods.
		claims: pallet_huzhu_claims::GenesisConfig { metrics: vec![(RAINFALL_METRIC, rainfall())] },
	}))
}
