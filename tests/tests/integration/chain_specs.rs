//! The committed raw chain specs are what the runtime's presets produce today.

use huzhu_integration_tests::node::node_binary;
use serde_json::Value;
use std::{path::PathBuf, process::Command};

fn repository_root() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn built_raw_spec(chain: &str) -> Value {
	let output = Command::new(node_binary())
		.args(["build-spec", "--chain", chain, "--raw", "--disable-default-bootnode"])
		.output()
		.expect("run huzhu-node build-spec");
	assert!(
		output.status.success(),
		"build-spec failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	serde_json::from_slice(&output.stdout).expect("build-spec prints JSON")
}

/// The storage keys whose values differ between two raw specs, for the failure message.
fn differing_keys(committed: &Value, built: &Value) -> Vec<String> {
	let top = |spec: &Value| spec["genesis"]["raw"]["top"].as_object().cloned().unwrap_or_default();
	let (committed, built) = (top(committed), top(built));
	let mut keys: Vec<String> =
		committed
			.keys()
			.chain(built.keys())
			.filter(|key| committed.get(*key) != built.get(*key))
			.map(|key| {
				if key == "0x3a636f6465" {
					":code (the runtime wasm)".into()
				} else {
					key.clone()
				}
			})
			.collect();
	keys.sort();
	keys.dedup();
	keys
}

#[test]
fn committed_chain_specs_match_the_runtime() {
	for (chain, file, validators) in [
		("local", "chain-specs/local.json", 4usize),
		("testnet_21", "chain-specs/testnet-21.json", 21),
	] {
		let path = repository_root().join(file);
		let committed: Value = serde_json::from_slice(
			&std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display())),
		)
		.expect("committed spec is JSON");
		let built = built_raw_spec(chain);
		assert!(
			committed == built,
			"{file} is stale: it differs from `huzhu-node build-spec --chain {chain} --raw` in {:?} \
			 (other fields equal: {}). Regenerate with scripts/build-chain-specs.sh.",
			differing_keys(&committed, &built),
			committed["genesis"] != built["genesis"],
		);
		// And it is the network it claims to be: its genesis holds that many session keys.
		let plain = Command::new(node_binary())
			.args(["build-spec", "--chain", chain, "--disable-default-bootnode"])
			.output()
			.expect("run huzhu-node build-spec");
		let plain: Value = serde_json::from_slice(&plain.stdout).expect("plain spec is JSON");
		let patch = &plain["genesis"]["runtimeGenesis"]["patch"];
		assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(validators), "{file}");
		assert_eq!(patch["staking"]["validatorCount"], 21, "{file}: 21 validator seats");
	}
}
