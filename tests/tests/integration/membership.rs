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
			RuntimeEvent::HuzhuMembership(event) => Some(event.clone()),
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
	let critical_illness: PlanId = huzhu_runtime::genesis_config_presets::CRITICAL_ILLNESS_PLAN;

	// Ferdie creates a DID.
	let create = tx::signed(
		RuntimeCall::HuzhuMembership(MembershipCall::create_did {
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
		.expect("HuzhuMembership::DidCreated for Ferdie");
	let document: Option<DidDocument<AccountId, u128, BlockNumber>> =
		client.runtime_call("MembershipApi_resolve_did", did, Some(block)).await;
	let document = document.expect("the new DID resolves");
	assert_eq!(document.uri, format!("did:huzhu:{did}").into_bytes());
	assert_eq!(document.record.controller, ferdie);
	assert_eq!(document.record.deposit, UNITS, "the runtime's DID deposit is held");

	// Joining needs a KYC credential: without it the join fails and changes nothing.
	let early_join = tx::signed(
		RuntimeCall::HuzhuMembership(MembershipCall::join_plan {
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
		RuntimeCall::HuzhuMembership(MembershipCall::attest_credential {
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
		"HuzhuMembership::CredentialAttested: {events:?}"
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
		RuntimeCall::HuzhuMembership(MembershipCall::join_plan {
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
		.expect("HuzhuMembership::MemberJoined");
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
		"HuzhuMembership::MemberActivated in block #{waiting_until}: {activation_events:?}"
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

/// Every block from `from` on, with its events, walked as blocks come, until `enough` holds of
/// what was walked (or `timeout` passes).
async fn walk_blocks(
	client: &huzhu_integration_tests::Client,
	from: u32,
	timeout: Duration,
	mut enough: impl FnMut(&[(u32, Vec<RuntimeEvent>)]) -> bool,
) -> Vec<(u32, Vec<RuntimeEvent>)> {
	let started = std::time::Instant::now();
	let mut walked: Vec<(u32, Vec<RuntimeEvent>)> = Vec::new();
	let mut next = from;
	loop {
		let best = client.best_number().await;
		while next <= best {
			let hash = client.block_hash(next).await.expect("a block below the best");
			let events = client.events(hash).await.into_iter().map(|record| record.event).collect();
			walked.push((next, events));
			next += 1;
		}
		if enough(&walked) {
			return walked;
		}
		assert!(started.elapsed() < timeout, "timed out at block #{best}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// How many of `walked`'s events match.
fn count(walked: &[(u32, Vec<RuntimeEvent>)], matches: impl Fn(&RuntimeEvent) -> bool) -> usize {
	walked.iter().flat_map(|(_, events)| events.iter()).filter(|event| matches(event)).count()
}

/// Enrolment at scale: 1 000 people, each with its own DID and KYC credential, send their joins
/// to the critical-illness plan at once. Every join succeeds (none is turned away because
/// others joined in the same block), and each member's cover starts in the block its own waiting
/// period ends, with no transaction.
#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_members_join_at_once_and_are_all_covered() {
	use sp_core::{sr25519, Pair};
	use sp_keyring::Sr25519Keyring::Alice;
	const MEMBERS: usize = 1_000;
	let node = Node::start(NodeConfig::dev());
	let client = node.client().await;
	client.wait_for_best(1, BLOCKS_TIMEOUT).await;
	let context = ChainContext::of(&client).await;
	let critical_illness: PlanId = huzhu_runtime::genesis_config_presets::CRITICAL_ILLNESS_PLAN;
	let deposit = 10 * UNITS;
	let people: Vec<sr25519::Pair> = (0..MEMBERS)
		.map(|i| sr25519::Pair::from_string(&format!("//Enrolee{i}"), None).expect("a key"))
		.collect();
	let accounts: Vec<AccountId> = people.iter().map(|pair| pair.public().into()).collect();

	// Alice funds them (four batches), then each creates its DID.
	let funding = accounts
		.chunks(250)
		.map(|chunk| {
			let calls = chunk.iter().map(|who| tx::transfer_call(who, deposit + 5 * UNITS));
			(
				Alice.pair(),
				RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: calls.collect() }),
			)
		})
		.collect();
	tx::send_all(&client, context, funding, BLOCKS_TIMEOUT).await;
	let from = client.best_number().await + 1;
	for pair in &people {
		let create = RuntimeCall::HuzhuMembership(MembershipCall::create_did {
			authentication: DidPublicKey::Sr25519(pair.public()),
		});
		let extrinsic = tx::signed(create, pair, 0, context).encode();
		client.submit(&extrinsic).await.expect("the DID creation is accepted");
	}
	let walked = walk_blocks(&client, from, BLOCKS_TIMEOUT, |walked| {
		count(walked, |event| {
			matches!(event, RuntimeEvent::HuzhuMembership(Event::DidCreated { .. }))
		}) >= MEMBERS
	})
	.await;
	let dids: std::collections::BTreeMap<AccountId, DidId> = walked
		.iter()
		.flat_map(|(_, events)| events.iter())
		.filter_map(|event| match event {
			RuntimeEvent::HuzhuMembership(Event::DidCreated { did, controller, .. }) => {
				Some((controller.clone(), *did))
			}
			_ => None,
		})
		.collect();
	assert_eq!(dids.len(), MEMBERS);

	// Bob, the genesis KYC issuer, attests their credentials (four batches), each person its own
	// commitment: an issuer attests a KYC commitment to one DID only.
	let attestations = accounts
		.chunks(250)
		.map(|chunk| {
			let calls = chunk.iter().map(|who| {
				RuntimeCall::HuzhuMembership(MembershipCall::attest_credential {
					subject: dids[who],
					credential_type: credential_types::KYC,
					commitment: H256::from_low_u64_be(dids[who]),
					expires_at: None,
				})
			});
			(
				Bob.pair(),
				RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: calls.collect() }),
			)
		})
		.collect();
	tx::send_all(&client, context, attestations, BLOCKS_TIMEOUT).await;

	// All 1 000 send their joins at once.
	let plan_before: Option<Plan<u128, BlockNumber>> =
		client.runtime_call("MembershipApi_plan", critical_illness, None).await;
	let active_before = plan_before.expect("plan 0").active_members;
	let solvency_before: Option<pallet_huzhu_pool::runtime_api::PlanSolvency<u128>> =
		client.runtime_call("PoolApi_plan_solvency", critical_illness, None).await;
	let covered_before = solvency_before.expect("plan 0's books").covered_members;
	let from = client.best_number().await + 1;
	let started = std::time::Instant::now();
	for pair in &people {
		let join = RuntimeCall::HuzhuMembership(MembershipCall::join_plan {
			plan: critical_illness,
			deposit,
			region: None,
		});
		let extrinsic = tx::signed(join, pair, 1, context).encode();
		client.submit(&extrinsic).await.expect("the join is accepted");
	}
	let submitted = started.elapsed();
	let joined = |event: &RuntimeEvent| {
		matches!(event, RuntimeEvent::HuzhuMembership(Event::MemberJoined { plan, .. })
			if *plan == critical_illness)
	};
	let walked =
		walk_blocks(&client, from, BLOCKS_TIMEOUT, |walked| count(walked, joined) >= MEMBERS).await;
	let enrolled = started.elapsed();
	assert_eq!(
		count(&walked, |event| matches!(
			event,
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. })
		)),
		0,
		"no join failed"
	);
	let join_blocks: Vec<(u32, usize)> = walked
		.iter()
		.map(|(number, events)| (*number, events.iter().filter(|event| joined(event)).count()))
		.filter(|(_, joins)| *joins > 0)
		.collect();
	let waiting_until: std::collections::BTreeMap<DidId, BlockNumber> = walked
		.iter()
		.flat_map(|(_, events)| events.iter())
		.filter_map(|event| match event {
			RuntimeEvent::HuzhuMembership(Event::MemberJoined { did, waiting_until, .. }) => {
				Some((*did, *waiting_until))
			}
			_ => None,
		})
		.collect();
	assert_eq!(waiting_until.len(), MEMBERS);
	for (number, _) in &join_blocks {
		let in_block = walked
			.iter()
			.find(|(walked_number, _)| walked_number == number)
			.map(|(_, events)| events.as_slice())
			.unwrap_or_default();
		for event in in_block {
			if let RuntimeEvent::HuzhuMembership(Event::MemberJoined { waiting_until, .. }) = event
			{
				assert_eq!(*waiting_until, number + huzhu_runtime::MINUTES);
			}
		}
	}

	// Each member's cover starts in the block its waiting period ends.
	let last = *waiting_until.values().max().expect("members");
	let first = *waiting_until.values().min().expect("members");
	let walked = walk_blocks(&client, first, BLOCKS_TIMEOUT, |walked| {
		walked.last().is_some_and(|(number, _)| *number >= last)
	})
	.await;
	let mut activated = std::collections::BTreeMap::new();
	for (number, events) in &walked {
		for event in events {
			if let RuntimeEvent::HuzhuMembership(Event::MemberActivated { plan, did }) = event {
				if *plan == critical_illness {
					activated.insert(*did, *number);
				}
			}
		}
	}
	assert_eq!(activated, waiting_until, "every member covered when its own waiting ends");
	let at_last = client.block_hash(last).await;
	let plan_after: Option<Plan<u128, BlockNumber>> =
		client.runtime_call("MembershipApi_plan", critical_illness, at_last).await;
	let plan_after = plan_after.expect("plan 0");
	assert_eq!(
		(plan_after.waiting_members, plan_after.active_members),
		(0, active_before + MEMBERS as u32)
	);
	let solvency: Option<pallet_huzhu_pool::runtime_api::PlanSolvency<u128>> =
		client.runtime_call("PoolApi_plan_solvency", critical_illness, at_last).await;
	let solvency = solvency.expect("plan 0's books");
	assert_eq!(solvency.covered_members, covered_before + MEMBERS as u32, "the pool counts them");
	let sample = &accounts[MEMBERS - 1];
	let covered: Option<(MemberRecord<BlockNumber>, bool)> = client
		.runtime_call("MembershipApi_membership", (critical_illness, dids[sample]), at_last)
		.await;
	assert_eq!(
		covered.map(|(record, covered)| (record.status, covered)),
		Some((MemberStatus::Active, true))
	);

	report("enrolment_members", MEMBERS);
	report("enrolment_join_blocks", join_blocks.len());
	report(
		"enrolment_joins_per_block",
		join_blocks
			.iter()
			.map(|(number, joins)| format!("#{number}:{joins}"))
			.collect::<Vec<_>>()
			.join(","),
	);
	report("enrolment_submit_ms", submitted.as_millis());
	report("enrolment_seconds_to_all_joined", enrolled.as_secs_f32());
	report(
		"enrolment_activation_blocks",
		activated.values().collect::<std::collections::BTreeSet<_>>().len(),
	);
}
