//! Passing a referendum on a running node, as members do it: note the proposal's preimage,
//! submit it on the track of `origin`, place the decision deposit, vote aye with each member,
//! and wait until the scheduler enacts it. There is no sudo: this is how tests (and operators)
//! reach root and the track origins.

use crate::{
	tx::{self, ChainContext},
	Client,
};
use codec::Encode;
use frame_support::traits::{schedule::DispatchTime, Bounded};
use huzhu_runtime::{OriginCaller, RuntimeCall, RuntimeEvent};
use sp_core::{sr25519, H256};
use std::time::{Duration, Instant};

/// A referendum index.
pub type ReferendumIndex = u32;

/// The events of block `block`, with the block's hash, for each block after `after` up to the
/// best one, until `found` picks one of them; panics after `timeout`.
pub async fn wait_for_event<R>(
	client: &Client,
	after: u32,
	timeout: Duration,
	what: &str,
	found: impl Fn(&RuntimeEvent) -> Option<R>,
) -> (H256, R) {
	let deadline = Instant::now() + timeout;
	let mut next = after + 1;
	loop {
		while next <= client.best_number().await {
			let hash = client.block_hash(next).await.expect("a block below the best one");
			for record in client.events(hash).await {
				if let Some(result) = found(&record.event) {
					return (hash, result);
				}
			}
			next += 1;
		}
		assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// The number of block `hash`.
pub async fn number_of(client: &Client, hash: H256) -> u32 {
	let header: serde_json::Value = client.call("chain_getHeader", [hash]).await;
	let number = header["number"].as_str().expect("a header has a number");
	u32::from_str_radix(number.trim_start_matches("0x"), 16).expect("a hex block number")
}

/// Member `proposer` submits `call` as a referendum to be dispatched with `origin` (which picks
/// the track) — inline if it is short, else through a preimage it notes first; returns the
/// referendum's index and the block.
pub async fn submit(
	client: &Client,
	context: ChainContext,
	proposer: &sr25519::Pair,
	origin: OriginCaller,
	call: RuntimeCall,
	timeout: Duration,
) -> (ReferendumIndex, H256) {
	let encoded = call.encode();
	let submit = |proposal| {
		RuntimeCall::RankedPolls(pallet_referenda::Call::submit {
			proposal_origin: Box::new(origin.clone()),
			proposal,
			enactment_moment: DispatchTime::After(0),
		})
	};
	// A short call travels inline; a longer one (a runtime) as a preimage noted first.
	let calls = match frame_support::traits::BoundedInline::try_from(encoded.clone()) {
		Ok(inline) => vec![(proposer.clone(), submit(Bounded::Inline(inline)))],
		Err(_) => {
			let proposal = Bounded::Lookup {
				hash: sp_io::hashing::blake2_256(&encoded).into(),
				len: u32::try_from(encoded.len()).expect("a proposal below 4 GiB"),
			};
			let note =
				RuntimeCall::Preimage(pallet_preimage::Call::note_preimage { bytes: encoded });
			vec![(proposer.clone(), note), (proposer.clone(), submit(proposal))]
		}
	};
	let sent = tx::send_all(client, context, calls, timeout).await;
	let (block, events) = sent.last().expect("the submission was sent");
	let index = events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::RankedPolls(pallet_referenda::Event::Submitted { index, .. }) => {
				Some(*index)
			}
			_ => None,
		})
		.expect("RankedPolls::Submitted");
	(index, *block)
}

/// `depositor` places the decision deposit of referendum `index` and each of `voters` votes aye.
pub async fn decide_aye(
	client: &Client,
	context: ChainContext,
	index: ReferendumIndex,
	depositor: &sr25519::Pair,
	voters: &[sr25519::Pair],
	timeout: Duration,
) -> H256 {
	let deposit =
		RuntimeCall::RankedPolls(pallet_referenda::Call::place_decision_deposit { index });
	let vote = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
		poll: index,
		aye: true,
	});
	let calls = std::iter::once((depositor.clone(), deposit))
		.chain(voters.iter().map(|voter| (voter.clone(), vote.clone())))
		.collect();
	let sent = tx::send_all(client, context, calls, timeout).await;
	// The latest of the blocks that include them: the tally there counts every vote.
	let mut latest = (0, H256::zero());
	for (block, _) in sent {
		let number = number_of(client, block).await;
		if number >= latest.0 {
			latest = (number, block);
		}
	}
	latest.1
}

/// Waits until the scheduler enacts referendum `index` (dispatched after block `after`) and
/// returns the enactment block; panics if the enacted call failed.
pub async fn wait_enacted(
	client: &Client,
	index: ReferendumIndex,
	after: u32,
	timeout: Duration,
) -> H256 {
	let (confirmed, ()) =
		wait_for_event(client, after, timeout, "the referendum's approval", |event| {
			matches!(
				event,
				RuntimeEvent::RankedPolls(pallet_referenda::Event::Confirmed { index: confirmed, .. })
					if *confirmed == index
			)
			.then_some(())
		})
		.await;
	let confirmed_at = number_of(client, confirmed).await;
	// `pallet-referenda` names the enactment task `blake2_256(("assembly", "enactment", index))`;
	// its other scheduled tasks (alarms) are anonymous.
	let task = (*b"assembly", "enactment", index).using_encoded(sp_io::hashing::blake2_256);
	let (block, result) =
		wait_for_event(client, confirmed_at, timeout, "the enactment", |event| match event {
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { id, result, .. })
				if *id == Some(task) =>
			{
				Some(result.clone())
			}
			_ => None,
		})
		.await;
	assert_eq!(result, Ok(()), "referendum {index}'s call is enacted without error");
	block
}

/// Passes `call` with `origin` through a referendum: `voters[0]` proposes and places the
/// decision deposit, every voter votes aye; returns the index and the enactment block.
pub async fn pass(
	client: &Client,
	context: ChainContext,
	origin: OriginCaller,
	call: RuntimeCall,
	voters: &[sr25519::Pair],
	timeout: Duration,
) -> (ReferendumIndex, H256) {
	let proposer = voters.first().expect("at least one voter");
	let (index, submitted) = submit(client, context, proposer, origin, call, timeout).await;
	let submitted_at = number_of(client, submitted).await;
	decide_aye(client, context, index, proposer, voters, timeout).await;
	(index, wait_enacted(client, index, submitted_at, timeout).await)
}

/// The wasm of the runtime a test upgrades to: this checkout's runtime one `spec_version` later
/// and with `try-runtime` (its migrations' checks), which `scripts/test.sh` builds with
/// `huzhu_upgrade_runtime` from `scripts/common.sh` and names in `HUZHU_UPGRADE_WASM`.
pub fn upgrade_wasm() -> Vec<u8> {
	let path = std::env::var("HUZHU_UPGRADE_WASM").expect(
		"HUZHU_UPGRADE_WASM names the next-spec-version runtime (scripts/test.sh builds it with \
		 huzhu_upgrade_runtime from scripts/common.sh)",
	);
	let compressed = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
	// The preimage is the code as `set_code` takes it: the compressed blob is fine (the node
	// decompresses), and it keeps the preimage small.
	assert!(compressed.len() > 100_000, "{path} is a runtime");
	compressed
}

/// The origin of the runtime-upgrade (root) track.
pub fn root() -> OriginCaller {
	OriginCaller::system(frame_system::RawOrigin::Root)
}

/// The origin of one of the other tracks.
pub fn track(origin: pallet_huzhu_governance::Origin) -> OriginCaller {
	OriginCaller::Governance(origin)
}

/// A motion of the emergency council: a call its members propose, vote on and close.
pub struct CouncilMotion {
	hash: H256,
	index: u32,
	length: u32,
	weight: frame_support::weights::Weight,
}

impl CouncilMotion {
	/// `proposer` proposes `call` to the emergency council with `threshold` ayes needed, as the
	/// council's motion number `index` (counted from 0 since genesis).
	pub async fn propose(
		client: &Client,
		context: ChainContext,
		proposer: &sr25519::Pair,
		call: RuntimeCall,
		threshold: u32,
		index: u32,
		timeout: Duration,
	) -> Self {
		use sp_runtime::traits::{BlakeTwo256, Hash};
		let (length, hash) = (call.encoded_size() as u32, BlakeTwo256::hash_of(&call));
		let weight = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call).call_weight;
		let propose = RuntimeCall::EmergencyCouncil(pallet_collective::Call::propose {
			threshold,
			proposal: Box::new(call),
			length_bound: length,
		});
		tx::send(client, context, proposer, propose, timeout).await;
		Self { hash, index, length, weight }
	}

	/// Each of `voters` votes aye.
	pub async fn vote_aye(
		&self,
		client: &Client,
		context: ChainContext,
		voters: &[sr25519::Pair],
		timeout: Duration,
	) {
		let vote = RuntimeCall::EmergencyCouncil(pallet_collective::Call::vote {
			proposal: self.hash,
			index: self.index,
			approve: true,
		});
		let calls = voters.iter().map(|voter| (voter.clone(), vote.clone())).collect();
		tx::send_all(client, context, calls, timeout).await;
	}

	/// `closer` closes the motion (executing it if it passed); returns the block and events.
	pub async fn close(
		&self,
		client: &Client,
		context: ChainContext,
		closer: &sr25519::Pair,
		timeout: Duration,
	) -> (H256, Vec<RuntimeEvent>) {
		let close = RuntimeCall::EmergencyCouncil(pallet_collective::Call::close {
			proposal_hash: self.hash,
			index: self.index,
			proposal_weight_bound: self.weight,
			length_bound: self.length,
		});
		tx::send(client, context, closer, close, timeout).await
	}
}
