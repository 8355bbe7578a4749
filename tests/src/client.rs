//! A typed JSON-RPC client for a running node.

use codec::Decode;
use huzhu_runtime::{AccountId, Hash, Runtime, RuntimeEvent};
use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams},
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{bytes::from_hex, H256};
use std::time::{Duration, Instant};

/// An event record as `frame_system` stores it.
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

/// An account's nonce and balances as `frame_system` stores them.
pub type AccountInfo =
	frame_system::AccountInfo<huzhu_runtime::Nonce, pallet_balances::AccountData<u128>>;

/// A connected JSON-RPC client.
pub struct Client {
	inner: WsClient,
	/// The address it is connected to.
	pub url: String,
}

impl Client {
	/// Connects to `url`, retrying until `timeout` passes (the node may still be starting).
	pub async fn connect(url: &str, timeout: Duration) -> Result<Self, String> {
		let deadline = Instant::now() + timeout;
		loop {
			match WsClientBuilder::default()
				.request_timeout(Duration::from_secs(60))
				.max_response_size(64 * 1024 * 1024)
				.build(url)
				.await
			{
				Ok(inner) => return Ok(Self { inner, url: url.into() }),
				Err(error) if Instant::now() >= deadline => {
					return Err(format!("no JSON-RPC server at {url} after {timeout:?}: {error}"))
				}
				Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
			}
		}
	}

	/// Calls `method` with positional parameters (`()`, an array or a tuple); panics with the
	/// method name if the call fails.
	pub async fn call<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: impl serde::Serialize,
	) -> R {
		self.try_call(method, params)
			.await
			.unwrap_or_else(|error| panic!("{method} failed: {error}"))
	}

	/// Calls `method` and returns the JSON-RPC error as text if it fails.
	pub async fn try_call<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: impl serde::Serialize,
	) -> Result<R, String> {
		self.inner.request(method, to_params(params)).await.map_err(|error| error.to_string())
	}

	/// The number of the best block.
	pub async fn best_number(&self) -> u32 {
		let header: Value = self.call("chain_getHeader", ()).await;
		block_number(&header)
	}

	/// The hash of the last finalized block.
	pub async fn finalized_hash(&self) -> H256 {
		self.call("chain_getFinalizedHead", ()).await
	}

	/// The number of the last finalized block.
	pub async fn finalized_number(&self) -> u32 {
		let hash = self.finalized_hash().await;
		let header: Value = self.call("chain_getHeader", [hash]).await;
		block_number(&header)
	}

	/// The hash of block `number` on the best chain, if it exists.
	pub async fn block_hash(&self, number: u32) -> Option<H256> {
		self.call("chain_getBlockHash", [number]).await
	}

	/// The genesis hash.
	pub async fn genesis_hash(&self) -> H256 {
		self.block_hash(0).await.expect("genesis exists")
	}

	/// `(spec_version, transaction_version)` of the runtime at the best block.
	pub async fn runtime_versions(&self) -> (u32, u32) {
		let version: Value = self.call("state_getRuntimeVersion", ()).await;
		let field = |name: &str| {
			version[name].as_u64().and_then(|v| u32::try_from(v).ok()).expect("version field")
		};
		(field("specVersion"), field("transactionVersion"))
	}

	/// The raw value under `key` at block `at` (best block if `None`).
	pub async fn storage_raw(&self, key: &[u8], at: Option<H256>) -> Option<Vec<u8>> {
		let key = sp_core::bytes::to_hex(key, false);
		let value: Option<String> = match at {
			Some(at) => self.call("state_getStorage", (key, at)).await,
			None => self.call("state_getStorage", [key]).await,
		};
		value.map(|hex| from_hex(&hex).expect("storage values are hex"))
	}

	/// Every (key, value) pair whose key starts with `prefix`, at block `at`, in key order
	/// (`state_getKeysPaged`, a thousand keys a page).
	pub async fn storage_pairs(&self, prefix: &[u8], at: H256) -> Vec<(Vec<u8>, Vec<u8>)> {
		let prefix_hex = sp_core::bytes::to_hex(prefix, false);
		let mut pairs = Vec::new();
		let mut start: Option<String> = None;
		loop {
			let keys: Vec<String> =
				self.call("state_getKeysPaged", (&prefix_hex, 1000, &start, at)).await;
			for key in &keys {
				let key = from_hex(key).expect("storage keys are hex");
				let value =
					self.storage_raw(&key, Some(at)).await.expect("a listed key has a value");
				pairs.push((key, value));
			}
			if keys.len() < 1000 {
				return pairs;
			}
			start = keys.last().cloned();
		}
	}

	/// The value under `key` at `at`, decoded as `T`.
	pub async fn storage<T: Decode>(&self, key: &[u8], at: Option<H256>) -> Option<T> {
		self.storage_raw(key, at).await.map(|bytes| {
			T::decode(&mut &bytes[..]).expect("storage value decodes as the runtime's type")
		})
	}

	/// `frame_system::Account` of `who` at `at`.
	pub async fn account(&self, who: &AccountId, at: Option<H256>) -> AccountInfo {
		let key = frame_system::Account::<Runtime>::hashed_key_for(who);
		self.storage(&key, at).await.unwrap_or_default()
	}

	/// The events emitted in block `at`.
	pub async fn events(&self, at: H256) -> Vec<EventRecord> {
		let key =
			[sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"Events")].concat();
		self.storage(&key, Some(at)).await.unwrap_or_default()
	}

	/// The next nonce of `who`, counting transactions in the pool.
	pub async fn next_nonce(&self, who: &AccountId) -> u32 {
		let address = sp_core::crypto::Ss58Codec::to_ss58check(who);
		self.call("system_accountNextIndex", [address]).await
	}

	/// Submits an encoded extrinsic; returns its hash or the node's error.
	pub async fn submit(&self, extrinsic: &[u8]) -> Result<H256, String> {
		let hex = sp_core::bytes::to_hex(extrinsic, false);
		self.try_call("author_submitExtrinsic", [hex]).await
	}

	/// Finds the block (searching back from the best block over `depth` blocks) whose body holds
	/// `extrinsic`; returns its hash and the extrinsic's index in it.
	pub async fn find_extrinsic(&self, extrinsic: &[u8], depth: u32) -> Option<(H256, u32)> {
		let wanted = sp_core::bytes::to_hex(extrinsic, false);
		let best = self.best_number().await;
		for number in (best.saturating_sub(depth)..=best).rev() {
			let Some(hash) = self.block_hash(number).await else { continue };
			let block: Value = self.call("chain_getBlock", [hash]).await;
			let extrinsics = block["block"]["extrinsics"].as_array().cloned().unwrap_or_default();
			if let Some(index) = extrinsics.iter().position(|x| x.as_str() == Some(&wanted)) {
				return Some((hash, u32::try_from(index).expect("few extrinsics")));
			}
		}
		None
	}

	/// Submits `extrinsic`, waits until a block includes it and returns that block, the
	/// extrinsic's index in it and the events the extrinsic emitted.
	pub async fn submit_and_include(
		&self,
		extrinsic: &[u8],
		timeout: Duration,
	) -> (H256, u32, Vec<huzhu_runtime::RuntimeEvent>) {
		self.submit(extrinsic).await.expect("the extrinsic is accepted");
		self.wait_included(extrinsic, timeout).await
	}

	/// Waits until a block includes the submitted `extrinsic`; returns that block, the
	/// extrinsic's index in it and the events the extrinsic emitted.
	pub async fn wait_included(
		&self,
		extrinsic: &[u8],
		timeout: Duration,
	) -> (H256, u32, Vec<huzhu_runtime::RuntimeEvent>) {
		self.wait_until("the extrinsic to be included", timeout, async |client| {
			client.find_extrinsic(extrinsic, 5).await.is_some()
		})
		.await;
		let (block, index) = self.find_extrinsic(extrinsic, 10).await.expect("it is in a block");
		let events = self
			.events(block)
			.await
			.into_iter()
			.filter(|record| record.phase == frame_system::Phase::ApplyExtrinsic(index))
			.map(|record| record.event)
			.collect();
		(block, index, events)
	}

	/// Calls runtime API function `method` (`<Api>_<function>`) with SCALE-encoded `args` at
	/// block `at` (best if `None`) and decodes the result as `R`.
	pub async fn runtime_call<R: Decode>(
		&self,
		method: &str,
		args: impl codec::Encode,
		at: Option<H256>,
	) -> R {
		let args = sp_core::bytes::to_hex(&args.encode(), false);
		let result: String = match at {
			Some(at) => self.call("state_call", (method, args, at)).await,
			None => self.call("state_call", (method, args)).await,
		};
		let bytes = from_hex(&result).expect("state_call returns hex");
		R::decode(&mut &bytes[..]).expect("the runtime API result decodes")
	}

	/// Waits until `condition` holds for this client, polling twice a second; panics with
	/// `what` after `timeout`.
	pub async fn wait_until(
		&self,
		what: &str,
		timeout: Duration,
		condition: impl AsyncFn(&Self) -> bool,
	) {
		let deadline = Instant::now() + timeout;
		while !condition(self).await {
			assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// Waits until the best block is at least `number`.
	pub async fn wait_for_best(&self, number: u32, timeout: Duration) {
		self.wait_until(&format!("best block #{number}"), timeout, async |client| {
			client.best_number().await >= number
		})
		.await
	}

	/// Waits until the finalized block is at least `number`.
	pub async fn wait_for_finalized(&self, number: u32, timeout: Duration) {
		self.wait_until(&format!("finalized block #{number}"), timeout, async |client| {
			client.finalized_number().await >= number
		})
		.await
	}
}

/// JSON-RPC positional parameters from `()` (none), an array or a tuple.
fn to_params(values: impl serde::Serialize) -> ArrayParams {
	let mut params = ArrayParams::new();
	match serde_json::to_value(values).expect("parameters serialize") {
		Value::Null => {}
		Value::Array(items) => {
			for item in items {
				params.insert(item).expect("parameter serializes");
			}
		}
		single => params.insert(single).expect("parameter serializes"),
	}
	params
}

fn block_number(header: &Value) -> u32 {
	let hex = header["number"].as_str().expect("headers carry a hex number");
	u32::from_str_radix(hex.trim_start_matches("0x"), 16).expect("block numbers are hex")
}
