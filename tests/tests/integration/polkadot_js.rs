//! polkadot-js (`@polkadot/api`, as the apps UI uses it) works against the node: it decodes the
//! metadata, reads the token properties, submits and tracks a signed transfer, and creates and
//! resolves a DID through the membership pallet's calls, storage and runtime API; and it follows
//! a member's claim from filing to payout through the claims and governance runtime APIs, with
//! every transaction signed over the RFC-78 metadata hash (`CheckMetadataHash` mode 1). And
//! polkadot-api, with no descriptors generated for Huzhu, decodes storage and runtime APIs by
//! the metadata the node serves and signs a transfer over the metadata hash with its own signer.

use huzhu_integration_tests::{polkadot_js, Node, NodeConfig};

/// Runs `script` against a fresh development node and checks that it passed and printed each
/// of `expected`.
async fn passes_on_a_dev_node(script: &str, expected: &[&str]) {
	let node = Node::start(NodeConfig::dev());
	node.client().await.wait_for_best(1, crate::BLOCKS_TIMEOUT).await;
	let output = polkadot_js::run(script, vec![node.ws_url()]).await;
	let (stdout, stderr) = (&output.stdout, &output.stderr);
	assert!(output.success, "{script} failed:\n{stdout}\n{stderr}");
	for line in expected {
		assert!(stdout.contains(line), "{script} did not print {line:?}:\n{stdout}");
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_api_submits_a_transfer() {
	passes_on_a_dev_node(
		"smoke.mjs",
		&[
			"connected to Huzhu Development",
			"membership: did:huzhu:",
			"session: ",
			"polkadot-js smoke test passed",
		],
	)
	.await;
}

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_follows_a_claim_through_the_runtime_apis_signing_the_metadata_hash() {
	passes_on_a_dev_node(
		"claims.mjs",
		&[
			"wrong metadata hash refused",
			"signed with the metadata hash",
			"claimsApi: claim ",
			"paid at block ",
			"governanceApi: Dave is DID ",
			"polkadot-js claims test passed",
		],
	)
	.await;
}

/// polkadot-api, with nothing generated for Huzhu: storage and runtime APIs decoded by the
/// served metadata, and a transfer signed over the metadata hash (papi's own signer, mode 1)
/// accepted, the same signed over a wrong hash refused.
#[tokio::test(flavor = "multi_thread")]
async fn polkadot_api_decodes_by_the_served_metadata_and_signs_the_metadata_hash() {
	passes_on_a_dev_node(
		"papi.mjs",
		&[
			"token HUZ (12 decimals)",
			"plan 0 \"Critical illness\"",
			"claims clock: tick ",
			"plan 0 books: reserve 10000 HUZ",
			"wrong metadata hash refused",
			"transfer signed with CheckMetadataHash (mode 1)",
			"papi test passed",
		],
	)
	.await;
}
