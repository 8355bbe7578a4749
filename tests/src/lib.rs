//! # Huzhu integration-test harness
//!
//! Starts the real release `huzhu-node` binary and drives it over JSON-RPC:
//!
//! - [`node`]: a [`node::Node`] is one `huzhu-node` process on free loopback ports with its own
//!   temporary base path. It is killed and its directory removed when dropped — also when a test
//!   panics — and it dies with the test process (`PR_SET_PDEATHSIG`) if that is killed.
//!   [`node::Network`] starts several validators of one chain that find each other.
//! - [`client`]: a typed JSON-RPC client: block numbers, storage decoded with the runtime's own
//!   types, events of a block, extrinsic submission, waiting for conditions with a deadline.
//! - [`tx`]: signed extrinsics built exactly as a wallet builds them (all transaction
//!   extensions, signed by a development key).
//! - [`governance`]: passing a referendum (preimage, submission, decision deposit, member votes,
//!   enactment) — the only way to root and the track origins, as there is no sudo — and the
//!   emergency council's motions (the brake).
//! - [`claims`]: the claims pallet's events and claims.
//! - [`polkadot_js`]: running the `@polkadot/api` scripts of `scripts/polkadot-js/`.
//!
//! The node binary is `$HUZHU_NODE` if set, else `huzhu-node` beside the test executable's
//! target directory (`<target>/release/huzhu-node`): build it first with
//! `cargo build --release -p huzhu-node` (what `scripts/test.sh` does).

pub mod claims;
pub mod client;
pub mod governance;
pub mod node;
pub mod polkadot_js;
pub mod tx;

pub use client::Client;
pub use node::{Authoring, Network, Node, NodeConfig};
