//! The committed raw chain specs are exactly what the runtime's presets produce today.
//!
//! Everything in a committed spec — name, id, properties, every genesis storage entry, `:code`
//! included — must equal what `huzhu-node build-spec --raw` produces now. `:code` can be compared
//! byte for byte because the runtime's build script (`runtime/build.rs`) builds the blob from a
//! fixed path: same toolchain and lockfile, same blob, whatever the checkout's path. When only
//! `:code` differs, the failure says which part of it (the runtime's version and API set, or the
//! code alone). The README lists the blob's blake2-256 hash, checked here too. The specs'
//! bootnode is the first node of the network `scripts/run-local-net.sh` starts.

use huzhu_integration_tests::node::{build_spec, node_binary};
use serde_json::Value;
use std::{path::PathBuf, process::Command};

/// The storage key of the runtime code, `:code`, in hex.
const CODE_KEY: &str = "0x3a636f6465";

fn repository_root() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `runtime_version` and `runtime_apis` custom sections of the (compressed) runtime in a
/// raw spec.
fn runtime_identity(spec: &Value) -> Vec<(String, Vec<u8>)> {
	let compressed = code(spec);
	let wasm = sp_maybe_compressed_blob::decompress(&compressed, 64 * 1024 * 1024)
		.expect(":code decompresses");
	let mut identity: Vec<_> = custom_sections(&wasm)
		.into_iter()
		.filter(|(name, _)| name == "runtime_version" || name == "runtime_apis")
		.map(|(name, payload)| {
			if name == "runtime_apis" {
				// (api id: [u8; 8], version: u32) entries; their order follows link order.
				let mut entries: Vec<&[u8]> = payload.chunks(12).collect();
				entries.sort();
				(name, entries.concat())
			} else {
				(name, payload)
			}
		})
		.collect();
	identity.sort();
	assert_eq!(identity.len(), 2, "the runtime carries its version and API sections");
	identity
}

/// The custom sections (id 0) of a wasm module, as (name, payload).
fn custom_sections(wasm: &[u8]) -> Vec<(String, Vec<u8>)> {
	fn leb128(bytes: &[u8], at: &mut usize) -> usize {
		let (mut value, mut shift) = (0usize, 0);
		loop {
			let byte = bytes[*at];
			*at += 1;
			value |= usize::from(byte & 0x7f) << shift;
			if byte & 0x80 == 0 {
				return value;
			}
			shift += 7;
		}
	}
	assert_eq!(&wasm[..4], b"\0asm", "a wasm module");
	let mut sections = Vec::new();
	let mut at = 8;
	while at < wasm.len() {
		let id = wasm[at];
		at += 1;
		let size = leb128(wasm, &mut at);
		let end = at + size;
		if id == 0 {
			let mut name_at = at;
			let name_len = leb128(wasm, &mut name_at);
			let name = String::from_utf8_lossy(&wasm[name_at..name_at + name_len]).into_owned();
			sections.push((name, wasm[name_at + name_len..end].to_vec()));
		}
		at = end;
	}
	sections
}

/// Every storage entry whose value differs, `:code` aside.
fn differing_keys(committed: &Value, built: &Value) -> Vec<String> {
	let top = |spec: &Value| spec["genesis"]["raw"]["top"].as_object().cloned().unwrap_or_default();
	let (committed, built) = (top(committed), top(built));
	let mut keys: Vec<String> = committed
		.keys()
		.chain(built.keys())
		.filter(|key| *key != CODE_KEY && committed.get(*key) != built.get(*key))
		.cloned()
		.collect();
	keys.sort();
	keys.dedup();
	keys
}

fn without_code(mut spec: Value) -> Value {
	if let Some(top) = spec["genesis"]["raw"]["top"].as_object_mut() {
		top.remove(CODE_KEY);
	}
	spec
}

#[test]
fn committed_chain_specs_match_the_runtime() {
	let mut codes = Vec::new();
	for (chain, file, validators) in [
		("local", "chain-specs/local.json", 4usize),
		("testnet_21", "chain-specs/testnet-21.json", 21),
		("mainnet_template", "chain-specs/mainnet-template.json", 4),
	] {
		let path = repository_root().join(file);
		let committed: Value = serde_json::from_slice(
			&std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display())),
		)
		.expect("committed spec is JSON");
		let built = build_spec(chain, true);
		let stale = "Regenerate it with scripts/build-chain-specs.sh.";
		assert!(
			runtime_identity(&committed) == runtime_identity(&built),
			"{file} holds another runtime version or API set than the runtime builds. {stale}"
		);
		assert!(
			differing_keys(&committed, &built).is_empty(),
			"{file}: genesis storage differs from `build-spec --chain {chain} --raw` under {:?}. \
			 {stale}",
			differing_keys(&committed, &built)
		);
		assert_eq!(without_code(committed.clone()), without_code(built.clone()), "{file}: {stale}");
		let (committed_code, built_code) = (code(&committed), code(&built));
		assert!(
			committed_code == built_code,
			"{file}: same runtime version and APIs, but not the same wasm ({} bytes committed, {} \
			 built; blake2-256 {} committed, {} built). Either the runtime changed without a \
			 version bump ({stale}) or this build is not reproducible: another toolchain or \
			 lockfile, or a build that could not use the fixed source path (see the warning of \
			 runtime/build.rs in the build's output).",
			committed_code.len(),
			built_code.len(),
			code_hash(&committed_code),
			code_hash(&built_code),
		);
		codes.push((file, code_hash(&committed_code)));

		// And it is the network it claims to be: that many session keys, 21 seats.
		let plain = build_spec(chain, false);
		let patch = &plain["genesis"]["runtimeGenesis"]["patch"];
		assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(validators), "{file}");
		assert_eq!(patch["staking"]["validatorCount"], 21, "{file}: 21 validator seats");

		// A light client finds the network `scripts/run-local-net.sh` starts: the spec's one
		// bootnode is Alice's node there, the peer of the development node key 0x00…01.
		let boot_nodes = plain["bootNodes"].as_array().expect("bootNodes");
		if chain == "mainnet_template" {
			// A live network lists its own bootnodes, with its own keys.
			assert_eq!(boot_nodes.len(), 0, "{file}");
			assert_eq!(plain["chainType"], "Live", "{file}");
			continue;
		}
		assert_eq!(boot_nodes.len(), 1, "{file}");
		let bootnode = boot_nodes[0].as_str().expect("a multiaddress");
		let key_file =
			std::env::temp_dir().join(format!("huzhu-bootnode-key-{}", std::process::id()));
		std::fs::write(&key_file, format!("{:064x}", 1)).expect("write the node key");
		let inspected = Command::new(node_binary())
			.args(["key", "inspect-node-key", "--file"])
			.arg(&key_file)
			.output()
			.expect("run huzhu-node key inspect-node-key");
		let _ = std::fs::remove_file(&key_file);
		let peer_id = String::from_utf8_lossy(&inspected.stdout).trim().to_string();
		assert_eq!(bootnode, format!("/ip4/127.0.0.1/tcp/30333/p2p/{peer_id}"), "{file}");
	}
	// A development chain has no bootnode: each `--dev` node is a network of its own.
	assert_eq!(build_spec("dev", false)["bootNodes"].as_array().map(Vec::len), Some(0));

	// The README lists the hash of the committed specs' runtime, as build-chain-specs.sh prints it.
	let readme = std::fs::read_to_string(repository_root().join("README.md")).expect("README.md");
	for (file, hash) in codes {
		assert!(
			readme.contains(&hash),
			"README.md does not list {file}'s runtime hash {hash}: copy it from the output of \
			 scripts/build-chain-specs.sh"
		);
	}
}

/// The runtime blob of a raw spec, as stored under `:code` (compressed).
fn code(spec: &Value) -> Vec<u8> {
	let hex = spec["genesis"]["raw"]["top"][CODE_KEY].as_str().expect("the spec has :code");
	sp_core::bytes::from_hex(hex).expect(":code is hex")
}

/// The blake2-256 hash of a runtime blob, in hex: the hash `system.authorize_upgrade` takes.
fn code_hash(code: &[u8]) -> String {
	sp_core::bytes::to_hex(&sp_io::hashing::blake2_256(code), false)
}
