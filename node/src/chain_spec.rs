//! The chain specifications `huzhu-node` knows by name; each is built from a genesis preset of
//! the runtime (`huzhu_runtime::genesis_config_presets`).

use huzhu_runtime::{genesis_config_presets as presets, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::ChainType;

/// A chain specification without client extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The built-in chain specification named `id`, or `None` when `id` names none:
/// `dev` (or `development`), `local` (or `local_testnet`), and `testnet_<N>` for N = 1…21
/// validators (`testnet_21` is the full 21-seat network).
pub fn built_in(id: &str) -> Option<Result<ChainSpec, String>> {
	match id {
		"dev" | "development" => Some(from_preset(
			"Huzhu Development",
			"huzhu_dev",
			ChainType::Development,
			presets::DEVELOPMENT,
		)),
		"local" | "local_testnet" => Some(from_preset(
			"Huzhu Local Testnet",
			"huzhu_local",
			ChainType::Local,
			presets::LOCAL_TESTNET,
		)),
		_ => {
			let size = presets::testnet_size(id)?;
			Some(from_preset(
				&format!("Huzhu Testnet {size}"),
				&format!("huzhu_testnet_{size}"),
				ChainType::Local,
				id,
			))
		}
	}
}

fn from_preset(
	name: &str,
	chain_id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"The runtime's wasm binary is missing: build without SKIP_WASM_BUILD.".to_string()
	})?;
	Ok(ChainSpec::builder(wasm, Default::default())
		.with_name(name)
		.with_id(chain_id)
		.with_protocol_id("huzhu")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// What wallets show for the native token.
fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}
