//! Integration tests against the real `huzhu-node` binary. One test binary (one link of the
//! runtime); each module is one concern.

mod adjudication;
mod chain_specs;
mod claims;
mod dev_node;
mod elections;
mod governance;
mod local_network;
mod mainnet_template;
mod membership;
mod polkadot_js;
mod pool;
mod seats21;
mod upgrade;

use std::time::Duration;

/// Generous bound for anything that takes a few blocks on a loaded 2-core machine.
pub const BLOCKS_TIMEOUT: Duration = Duration::from_secs(120);

/// Prints a measured number in a form `scripts/test.sh` and readers can grep for.
pub fn report(name: &str, value: impl std::fmt::Display) {
	eprintln!("METRIC {name} = {value}");
}
