//! The command line.

/// The `huzhu-node` command line: run a node, or one of the subcommands.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// What to do instead of running a node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// The options of a running node (`--dev`, `--chain`, `--validator`, ports, …).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

/// The subcommands of `huzhu-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for the storage form nodes start from).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a preset or file.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: `pallet` (needs a `--features runtime-benchmarks` build), `overhead`,
	/// `block`, `storage`, `machine`.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}
