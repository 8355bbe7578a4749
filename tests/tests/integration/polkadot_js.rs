//! polkadot-js (`@polkadot/api`, as the apps UI uses it) works against the node: it decodes the
//! metadata, reads the token properties, submits and tracks a signed transfer, and creates and
//! resolves a DID through the membership pallet's calls, storage and runtime API.

use huzhu_integration_tests::{Node, NodeConfig};
use std::{path::PathBuf, process::Command};

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_api_submits_a_transfer() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, crate::BLOCKS_TIMEOUT).await;

	let scripts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	assert!(
		scripts.join("node_modules/@polkadot/api").exists(),
		"polkadot-js packages are missing: run scripts/setup.sh"
	);
	let url = node.ws_url();
	let output = tokio::task::spawn_blocking(move || {
		Command::new("node").arg("smoke.mjs").arg(url).current_dir(scripts).output()
	})
	.await
	.expect("join")
	.expect("run node");
	let stdout = String::from_utf8_lossy(&output.stdout);
	let stderr = String::from_utf8_lossy(&output.stderr);
	eprintln!("{stdout}");
	assert!(output.status.success(), "smoke.mjs failed:\n{stdout}\n{stderr}");
	assert!(stdout.contains("connected to Huzhu Development"), "{stdout}");
	assert!(stdout.contains("membership: did:huzhu:"), "{stdout}");
	assert!(stdout.contains("polkadot-js smoke test passed"), "{stdout}");
}
