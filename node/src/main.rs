//! `huzhu-node`: the Huzhu node binary.
//!
//! A solochain node: BABE authors a block every six-second slot (and reports authors that sign
//! two blocks for one slot), GRANDPA finalizes, the chain lives in ParityDB. Run `huzhu-node --help` for the commands (`--dev`, `--chain`, `build-spec`,
//! `key`, `purge-chain`, `benchmark pallet|overhead|…`).

mod chain_spec;
mod cli;
mod command;
mod equivocation;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
