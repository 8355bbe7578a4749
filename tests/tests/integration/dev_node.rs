//! A single development node: block production and finality, a balance transfer end to end,
//! rejection of bad input, and persistence across a restart.

use crate::BLOCKS_TIMEOUT;
use codec::Encode;
use frame_system::Phase;
use huzhu_integration_tests::{
	tx::{self, ChainContext},
	Node, NodeConfig,
};
use huzhu_runtime::{AccountId, RuntimeCall, RuntimeEvent, UNITS};
use sp_core::Pair;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_finalizes_and_applies_a_transfer() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(2, BLOCKS_TIMEOUT).await;
	client.wait_for_finalized(1, BLOCKS_TIMEOUT).await;

	let context = ChainContext::of(&client).await;
	let (alice, bob) = (Alice.to_account_id(), Bob.to_account_id());
	let amount = 12 * UNITS + 345;
	let extrinsic = tx::transfer(Alice, &bob, amount, client.next_nonce(&alice).await, context);
	client.submit(&extrinsic).await.expect("a valid transfer is accepted");

	client
		.wait_until("the transfer to be included", BLOCKS_TIMEOUT, async |client| {
			client.find_extrinsic(&extrinsic, 5).await.is_some()
		})
		.await;
	let (block, index) =
		client.find_extrinsic(&extrinsic, 10).await.expect("the transfer is in a block");

	// The block's events: the transfer, and the fee Alice paid for it.
	let events = client.events(block).await;
	let of_transfer: Vec<&RuntimeEvent> = events
		.iter()
		.filter(|record| record.phase == Phase::ApplyExtrinsic(index))
		.map(|record| &record.event)
		.collect();
	assert!(
		of_transfer.iter().any(|event| matches!(event,
			RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount: a })
				if *from == alice && *to == bob && *a == amount)),
		"Balances::Transfer is emitted: {of_transfer:?}"
	);
	let fee = of_transfer
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip },
			) if *who == alice => Some(actual_fee + tip),
			_ => None,
		})
		.expect("TransactionPayment::TransactionFeePaid is emitted");
	assert!(fee > 0, "a transfer costs a fee");

	// The balances before (parent block) and after (this block).
	let header: serde_json::Value = client.call("chain_getHeader", [block]).await;
	let parent: sp_core::H256 =
		serde_json::from_value(header["parentHash"].clone()).expect("parent hash");
	let (alice_before, alice_after) =
		(client.account(&alice, Some(parent)).await, client.account(&alice, Some(block)).await);
	let (bob_before, bob_after) =
		(client.account(&bob, Some(parent)).await, client.account(&bob, Some(block)).await);
	assert_eq!(bob_after.data.free, bob_before.data.free + amount);
	assert_eq!(alice_after.data.free, alice_before.data.free - amount - fee);
	assert_eq!(alice_after.nonce, alice_before.nonce + 1);

	// And the block is finalized, staying on the canonical chain.
	let number = client.best_number().await;
	client.wait_for_finalized(number, BLOCKS_TIMEOUT).await;
	assert!(client.find_extrinsic(&extrinsic, client.best_number().await).await.is_some());

	// GRANDPA's RPC (operators, light clients, bridges): the voter's round, in set 0 with
	// Alice's one vote as the whole weight; finality proofs and justifications are served.
	let methods: serde_json::Value = client.call("rpc_methods", ()).await;
	for method in ["grandpa_roundState", "grandpa_proveFinality", "grandpa_subscribeJustifications"]
	{
		assert!(
			methods["methods"].as_array().is_some_and(|all| all.iter().any(|m| m == method)),
			"{method} is served"
		);
	}
	let rounds: serde_json::Value = client.call("grandpa_roundState", ()).await;
	assert_eq!(rounds["setId"], 0, "{rounds}");
	assert_eq!(rounds["best"]["totalWeight"], 1, "{rounds}");
	assert_eq!(rounds["best"]["thresholdWeight"], 1, "{rounds}");
	assert!(rounds["best"]["round"].as_u64().is_some_and(|round| round >= 1), "{rounds}");
	// The finality proof provider answers from the node's database: block 1 lies before any
	// authority set change, so it has no proof to give yet (and says so).
	let proof = client.try_call::<Option<String>>("grandpa_proveFinality", [1]).await;
	assert!(
		proof.as_ref().is_err_and(|error| error.contains("not covered by authority set changes")),
		"{proof:?}"
	);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_extrinsics_are_rejected_and_blocks_continue() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let alice = Alice.to_account_id();
	let alice_before = client.account(&alice, None).await;

	// Bytes that are no extrinsic at all.
	let malformed = client.submit(&[0x12, 0x34, 0x56]).await;
	let error = malformed.expect_err("malformed bytes are rejected");
	assert!(error.to_lowercase().contains("decode"), "malformed extrinsic error: {error}");

	// A transfer claiming to be from Alice but signed with Charlie's key.
	let forged = tx::signed_as(
		tx::transfer_call(&Bob.to_account_id(), UNITS),
		alice.clone(),
		&Charlie.pair(),
		client.next_nonce(&alice).await,
		context,
	);
	let error = client.submit(&forged.encode()).await.expect_err("a bad signature is rejected");
	assert!(error.to_lowercase().contains("bad signature"), "bad signature error: {error}");

	// A transfer from an account that cannot pay the fee.
	let penniless = sp_core::sr25519::Pair::from_string("//Penniless", None).expect("dev key");
	let unpayable =
		tx::signed(tx::transfer_call(&Bob.to_account_id(), UNITS), &penniless, 0, context);
	let error = client.submit(&unpayable.encode()).await.expect_err("unpayable fee is rejected");
	assert!(error.to_lowercase().contains("inability to pay"), "unpayable fee error: {error}");

	// A call signed for another chain (wrong genesis hash).
	let other_chain = ChainContext { genesis_hash: sp_core::H256::repeat_byte(7), ..context };
	let call = RuntimeCall::System(frame_system::Call::remark { remark: b"huzhu".to_vec() });
	let wrong_chain = tx::signed(call, &Alice.pair(), client.next_nonce(&alice).await, other_chain);
	let error = client.submit(&wrong_chain.encode()).await.expect_err("wrong chain is rejected");
	assert!(error.to_lowercase().contains("bad signature"), "wrong-genesis error: {error}");

	// Nothing entered the pool, nothing changed, and blocks keep coming.
	let pending: Vec<String> = client.call("author_pendingExtrinsics", ()).await;
	assert!(pending.is_empty(), "rejected extrinsics are not pooled: {pending:?}");
	let best = client.best_number().await;
	client.wait_for_best(best + 2, BLOCKS_TIMEOUT).await;
	let alice_after = client.account(&alice, None).await;
	assert_eq!(alice_after.nonce, alice_before.nonce);
	assert_eq!(alice_after.data.free, alice_before.data.free);
}

#[tokio::test(flavor = "multi_thread")]
async fn restart_on_the_same_base_path_keeps_blocks_and_state() {
	let mut node = Node::start(NodeConfig::dev());
	let (best_number, best_hash, finalized, charlie_balance) = {
		let client = node.client().await;
		let context = ChainContext::of(&client).await;
		let charlie: AccountId = Charlie.to_account_id();
		let nonce = client.next_nonce(&Alice.to_account_id()).await;
		let extrinsic = tx::transfer(Alice, &charlie, 7 * UNITS, nonce, context);
		// Wait for the block that includes the transfer, then for finality to reach it. (Waiting
		// for "finalized is within one block of best" instead flakes on a loaded machine: while
		// finality lags, the transfer's block falls out of any fixed search depth.)
		client.submit_and_include(&extrinsic, BLOCKS_TIMEOUT).await;
		let included_by = client.best_number().await;
		client.wait_for_finalized(included_by, BLOCKS_TIMEOUT).await;
		let best_number = client.best_number().await;
		let best_hash = client.block_hash(best_number).await.expect("best block hash");
		let finalized = client.finalized_number().await;
		let balance = client.account(&charlie, Some(best_hash)).await.data.free;
		(best_number, best_hash, finalized, balance)
	};
	node.stop();
	node.restart();

	let client = node.client().await;
	assert!(client.best_number().await >= best_number, "the best block survives a restart");
	assert_eq!(client.block_hash(best_number).await, Some(best_hash), "same chain after restart");
	assert!(client.finalized_number().await >= finalized, "finality survives a restart");
	let charlie = Charlie.to_account_id();
	assert_eq!(client.account(&charlie, Some(best_hash)).await.data.free, charlie_balance);
	assert_eq!(client.account(&charlie, None).await.data.free, charlie_balance);
	// And the chain goes on from there.
	client.wait_for_best(best_number + 2, BLOCKS_TIMEOUT).await;
	client.wait_for_finalized(best_number + 1, BLOCKS_TIMEOUT).await;
}
