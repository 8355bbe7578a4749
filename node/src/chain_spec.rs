//! The chain specifications `huzhu-node` knows by name; each is built from a genesis preset of
//! the runtime (`huzhu_runtime::genesis_config_presets`).

use huzhu_runtime::{genesis_config_presets as presets, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::ChainType;

/// A chain specification without client extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The bootnode of the local networks: Alice's node of the network `scripts/run-local-net.sh`
/// starts on loopback (p2p port 30333), whose libp2p secret key is the public development key
/// `0x00…01` (like the validators' `//Alice` keys: only for local networks). Listed in their
/// chain specs, so that a light client (smoldot) given the committed spec finds that network.
pub const LOCAL_BOOTNODE: &str =
	"/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

/// The built-in chain specification named `id`, or `None` when `id` names none:
/// `dev` (or `development`), `local` (or `local_testnet`), `testnet_<N>` for N = 1…21
/// validators (`testnet_21` is the full 21-seat network), and `mainnet_template` (a live chain
/// shaped for production, whose keys a network replaces: see the runtime's
/// `genesis_config_presets::mainnet_template`). The local and testnet specs list
/// [`LOCAL_BOOTNODE`]; the template lists none (its network's own come with its keys).
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
		"mainnet_template" => Some(from_preset(
			"Huzhu (mainnet template)",
			"huzhu_mainnet_template",
			ChainType::Live,
			presets::MAINNET_TEMPLATE,
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
	let boot_nodes = match chain_type {
		ChainType::Local => {
			vec![LOCAL_BOOTNODE.parse().map_err(|error| format!("bootnode: {error}"))?]
		}
		_ => Vec::new(),
	};
	Ok(ChainSpec::builder(wasm, Default::default())
		.with_boot_nodes(boot_nodes)
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
