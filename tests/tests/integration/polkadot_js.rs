//! polkadot-js (`@polkadot/api`, as the apps UI uses it) works against the node: it decodes the
//! metadata, reads the token properties, submits and tracks a signed transfer, and creates and
//! resolves a DID through the membership pallet's calls, storage and runtime API; and it follows
//! a member's claim from filing to payout through the claims and governance runtime APIs, with
//! every transaction signed over the RFC-78 metadata hash (`CheckMetadataHash` mode 1).

use huzhu_integration_tests::{polkadot_js, Node, NodeConfig};

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_api_submits_a_transfer() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, crate::BLOCKS_TIMEOUT).await;

	let output = polkadot_js::run("smoke.mjs", vec![node.ws_url()]).await;
	let (stdout, stderr) = (&output.stdout, &output.stderr);
	assert!(output.success, "smoke.mjs failed:\n{stdout}\n{stderr}");
	assert!(stdout.contains("connected to Huzhu Development"), "{stdout}");
	assert!(stdout.contains("membership: did:huzhu:"), "{stdout}");
	assert!(stdout.contains("session: "), "{stdout}");
	assert!(stdout.contains("polkadot-js smoke test passed"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_follows_a_claim_through_the_runtime_apis_signing_the_metadata_hash() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, crate::BLOCKS_TIMEOUT).await;

	let output = polkadot_js::run("claims.mjs", vec![node.ws_url()]).await;
	let (stdout, stderr) = (&output.stdout, &output.stderr);
	assert!(output.success, "claims.mjs failed:\n{stdout}\n{stderr}");
	assert!(stdout.contains("wrong metadata hash refused"), "{stdout}");
	assert!(stdout.contains("signed with the metadata hash"), "{stdout}");
	assert!(stdout.contains("claimsApi: claim "), "{stdout}");
	assert!(stdout.contains("paid at block "), "{stdout}");
	assert!(stdout.contains("governanceApi: Dave is DID "), "{stdout}");
	assert!(stdout.contains("polkadot-js claims test passed"), "{stdout}");
}
