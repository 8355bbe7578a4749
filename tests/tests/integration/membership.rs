//! The membership pallet on a running dev node: a new DID, a KYC credential from the genesis
//! issuer, joining a plan, and cover starting in the block the waiting period ends.

use crate::{report, BLOCKS_TIMEOUT};
use codec::Encode;
use huzhu_integration_tests::{
	tx::{self, ChainContext},
	Node, NodeConfig,
};
use huzhu_runtime::{AccountId, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, UNITS};
use pallet_huzhu_membership::{
	credential_types, Call as MembershipCall, DidDocument, DidId, DidPublicKey, Event,
	MemberRecord, MemberStatus, Plan, PlanId,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, Ferdie};
use std::time::Duration;

type MembershipEvent = Event<Runtime>;

fn membership_events(events: &[RuntimeEvent]) -> Vec<MembershipEvent> {
	events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::Membership(event) => Some(event.clone()),
			_ => None,
		})
		.collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn did_credential_join_and_activation() {
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let (ferdie, bob): (AccountId, AccountId) = (Ferdie.to_account_id(), Bob.to_account_id());
	let critical_illness: PlanId = 0;

	// Ferdie creates a DID.
	let create = tx::signed(
		RuntimeCall::Membership(MembershipCall::create_did {
			authentication: DidPublicKey::Sr25519(Ferdie.public()),
		}),
		&Ferdie.pair(),
		client.next_nonce(&ferdie).await,
		context,
	);
	let (block, _, events) = client.submit_and_include(&create.encode(), BLOCKS_TIMEOUT).await;
	let did: DidId = membership_events(&events)
		.into_iter()
		.find_map(|event| match event {
			Event::DidCreated { did, controller, .. } if controller == ferdie => Some(did),
			_ => None,
		})
		.expect("Membership::DidCreated for Ferdie");
	let document: Option<DidDocument<AccountId, u128, BlockNumber>> =
		client.runtime_call("MembershipApi_resolve_did", did, Some(block)).await;
	let document = document.expect("the new DID resolves");
	assert_eq!(document.uri, format!("did:huzhu:{did}").into_bytes());
	assert_eq!(document.record.controller, ferdie);
	assert_eq!(document.record.deposit, UNITS, "the runtime's DID deposit is held");

	// Joining needs a KYC credential: without it the join fails and changes nothing.
	let early_join = tx::signed(
		RuntimeCall::Membership(MembershipCall::join_plan {
			plan: critical_illness,
			deposit: 10 * UNITS,
			region: None,
		}),
		&Ferdie.pair(),
		client.next_nonce(&ferdie).await,
		context,
	);
	let (_, _, events) = client.submit_and_include(&early_join.encode(), BLOCKS_TIMEOUT).await;
	assert!(
		events.iter().any(|event| matches!(
			event,
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. })
		)),
		"joining without a credential fails: {events:?}"
	);
	let membership_key =
		pallet_huzhu_membership::Members::<Runtime>::hashed_key_for(critical_illness, did);
	assert!(client.storage_raw(&membership_key, None).await.is_none());

	// Bob, the genesis KYC issuer, attests a credential (only a commitment goes on chain).
	let commitment = H256::repeat_byte(0x4b);
	let attest = tx::signed(
		RuntimeCall::Membership(MembershipCall::attest_credential {
			subject: did,
			credential_type: credential_types::KYC,
			commitment,
			expires_at: None,
		}),
		&Bob.pair(),
		client.next_nonce(&bob).await,
		context,
	);
	let (block, _, events) = client.submit_and_include(&attest.encode(), BLOCKS_TIMEOUT).await;
	assert!(
		membership_events(&events).iter().any(|event| matches!(event,
			Event::CredentialAttested { subject, credential_type, .. }
				if *subject == did && *credential_type == credential_types::KYC)),
		"Membership::CredentialAttested: {events:?}"
	);
	let credential: Option<(pallet_huzhu_membership::Credential<BlockNumber>, bool)> = client
		.runtime_call("MembershipApi_credential", (did, credential_types::KYC), Some(block))
		.await;
	let (credential, valid) = credential.expect("the credential is stored");
	assert!(valid, "an accredited issuer's credential is valid");
	assert_eq!(credential.commitment, commitment);

	// Ferdie joins the critical-illness plan with the minimum deposit.
	let deposit = 10 * UNITS;
	let join = tx::signed(
		RuntimeCall::Membership(MembershipCall::join_plan {
			plan: critical_illness,
			deposit,
			region: None,
		}),
		&Ferdie.pair(),
		client.next_nonce(&ferdie).await,
		context,
	);
	let plan_account = huzhu_runtime::Pool::pool_account(critical_illness);
	let (join_block, _, events) = client.submit_and_include(&join.encode(), BLOCKS_TIMEOUT).await;
	let waiting_until = membership_events(&events)
		.into_iter()
		.find_map(|event| match event {
			Event::MemberJoined { plan, did: joined, deposit: paid, waiting_until }
				if plan == critical_illness && joined == did && paid == deposit =>
			{
				Some(waiting_until)
			}
			_ => None,
		})
		.expect("Membership::MemberJoined");
	let joined_at: u32 = {
		let header: serde_json::Value = client.call("chain_getHeader", [join_block]).await;
		let hex = header["number"].as_str().expect("number");
		u32::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex")
	};
	assert_eq!(waiting_until, joined_at + huzhu_runtime::MINUTES, "one-minute waiting period");
	let record: MemberRecord<BlockNumber> =
		client.storage(&membership_key, Some(join_block)).await.expect("membership stored");
	assert_eq!(record.status, MemberStatus::Waiting);
	assert!(client.account(&plan_account, Some(join_block)).await.data.free >= deposit);

	// Cover starts in the block the waiting period ends, with no transaction.
	let started = std::time::Instant::now();
	client.wait_for_best(waiting_until, BLOCKS_TIMEOUT + Duration::from_secs(60)).await;
	let activation_block = client.block_hash(waiting_until).await.expect("block exists");
	let record: MemberRecord<BlockNumber> =
		client.storage(&membership_key, Some(activation_block)).await.expect("membership");
	assert_eq!(record.status, MemberStatus::Active);
	assert_eq!(record.active_since, Some(waiting_until));
	let activation_events: Vec<MembershipEvent> = membership_events(
		&client.events(activation_block).await.into_iter().map(|r| r.event).collect::<Vec<_>>(),
	);
	assert!(
		activation_events.contains(&Event::MemberActivated { plan: critical_illness, did }),
		"Membership::MemberActivated in block #{waiting_until}: {activation_events:?}"
	);
	let before: Option<(MemberRecord<BlockNumber>, bool)> = client
		.runtime_call(
			"MembershipApi_membership",
			(critical_illness, did),
			client.block_hash(waiting_until - 1).await,
		)
		.await;
	assert_eq!(
		before.map(|(record, covered)| (record.status, covered)),
		Some((MemberStatus::Waiting, false))
	);
	let plan: Option<Plan<u128, BlockNumber>> =
		client.runtime_call("MembershipApi_plan", critical_illness, Some(activation_block)).await;
	let plan = plan.expect("plan 0 exists");
	assert_eq!((plan.waiting_members, plan.active_members), (0, 1));
	report("membership_blocks_join_to_cover", waiting_until - joined_at);
	report("membership_seconds_waiting_for_cover", started.elapsed().as_secs());
}
