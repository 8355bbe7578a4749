//! # Huzhu runtime
//!
//! The state transition function of the Huzhu mutual-aid chain. It composes FRAME's consensus
//! and token pallets — BABE block production, GRANDPA finality, `pallet-session` rotating the
//! authority set that `pallet-staking` elects (21 validator seats), balances with holds and
//! freezes, transaction payment — with Huzhu's own pallets: membership, pool, claims,
//! elections and governance. There is no sudo: root is reached only by a referendum on the
//! runtime-upgrade track ([`governance`]).
//!
//! ## Wiring
//!
//! ```text
//!   Staking ──ElectionProvider──► Elections ──DataProvider──► Staking ◄──VoterList── VoterList
//!      ▲                              │ ValidatorStaking           (voters by stake: bags-list)
//!      └── Session (keys, eras) ◄─────┘ SessionKeys
//!
//!   HuzhuMembership ◄──Deposits / Standing──► Pool ◄──Payouts── Claims
//!     │   ▲   ▲                                                    │
//!     │   │   └─── Members, Credentials ◄──── OpenClaims, IssuerExposure
//!     │   │ is_voter, voter_since, voter_count
//!     │   Governance (Tally, CheckElectorate, pull_brake) ◄──Polling── RankedPolls ──► Scheduler
//!     │      │ SafeMode                               ▲ MemberPolls         ──► track origins
//!     │      ▼                                        │                     (PlanTerms, Accreditation,
//!     │   SafeMode: stops what accounts sign in       │                     TreasuryCustody, Emergency,
//!     │   HuzhuMembership, Pool, Claims, Oracle;      │                     root)
//!     │   never a track origin's calls                │
//!     └── RankedMembers (induct, remove) ──► RankedCollective: vote(poll, aye)
//! ```
//!
//! No Huzhu pallet depends on another: each arrow is a trait of `huzhu-primitives` (or of FRAME)
//! that the runtime wires here ([`configs`], [`governance`]).
//!
//! ## Layout
//!
//! - [`configs`]: one `impl <pallet>::Config for Runtime` per pallet, with the constants it uses,
//!   a file per concern: [`configs::system`], [`configs::consensus`], [`configs::mutual_aid`],
//!   [`configs::governance`] (re-exported as [`governance`]: origins, the emergency brake),
//!   [`configs::tracks`] (the referendum tracks) and [`configs::migrations`].
//! - [`voting`]: the members' votes through the stock ranked collective, and its migration.
//! - [`apis`]: the runtime APIs the node, wallets and polkadot-js call.
//! - [`genesis_config_presets`]: the `development`, `local_testnet` and `testnet_21` presets that
//!   `huzhu-node --chain <name>` and `build-spec` read, and the genesis plans' ids
//!   ([`genesis_config_presets::CRITICAL_ILLNESS_PLAN`] …).
//! - `benchmarks` (with `runtime-benchmarks`): the pallets `benchmark pallet` measures, and the
//!   set-up the Huzhu pallets' benchmarks need from the rest of the runtime.
//! - `tests`: the runtime's unit tests, by concern.
//!
//! ## Consensus
//!
//! BABE produces blocks in six-second slots (a primary VRF author with probability 1/4, else a
//! secondary one, so every slot with an online validator has a block); GRANDPA finalizes. A
//! session is one BABE epoch of one minute ([`configs::SESSION_PERIOD`], a constant: BABE
//! cannot change it on a running chain), an era 1 440 sessions. Two blocks signed by one author
//! for one slot, or two GRANDPA votes in one round, are reported by any node that sees both
//! (an unsigned report from its own pool, which the emergency track cannot pause) and go to
//! `Offences`; staking slashes the offender after `SlashDeferDuration` (27 days), in time for
//! root to cancel an unjust slash. This runtime cannot be set on a chain that ran Aura (its
//! nodes would author nothing): a consensus switch is a new genesis, and no Huzhu chain ran Aura
//! in production.
//!
//! ## Signed transactions
//!
//! A transaction carries [`TxExtension`]: the usual FRAME checks (sender, spec and transaction
//! version, genesis, mortality, nonce, weight), Huzhu's `CheckElectorate` (a vote on a referendum
//! only from its electorate; it carries no data, so every client signs it without knowing it),
//! the fee, and `CheckMetadataHash` (RFC-78), so offline signers can prove which metadata they
//! were shown. polkadot-js signs with mode 0 (no hash) unless told otherwise; both are accepted.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` need a higher recursion limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod voting;

pub use configs::{governance, tracks};

// `impl_opaque_keys!` and `#[frame_support::runtime]` expand to code that names `Vec`.
use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256, MultiAddress};
use sp_version::{runtime_version, RuntimeVersion};

pub use huzhu_primitives::{
	AccountId, Balance, BlockNumber, Hash, Nonce, Signature, DAYS, EXISTENTIAL_DEPOSIT, HOURS,
	MICRO_UNITS, MILLISECS_PER_BLOCK, MILLI_UNITS, MINUTES, TOKEN_DECIMALS, TOKEN_SYMBOL, UNITS,
};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_staking::StakerStatus;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node uses without knowing the runtime's extrinsic format, so that it keeps
/// syncing across runtime upgrades that change it.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
}

impl_opaque_keys! {
	/// The keys a validator registers with `session.setKeys`: BABE for authoring, GRANDPA for
	/// finality votes.
	pub struct SessionKeys {
		/// The BABE (block authoring) key, sr25519.
		pub babe: Babe,
		/// The GRANDPA (finality voting) key, ed25519.
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` for every runtime upgrade and
/// `transaction_version` whenever a call's index or arguments, or the transaction extensions,
/// change (2: `CheckElectorate`, the ranked collective, pallets renamed).
#[cfg(not(feature = "next-spec-version"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("huzhu"),
	impl_name: alloc::borrow::Cow::Borrowed("huzhu-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The same runtime one `spec_version` later: the wasm the node test of a runtime-upgrade
/// referendum enacts (`scripts/common.sh`, `huzhu_upgrade_runtime`). Keep it equal to
/// [`VERSION`] but for `spec_version + 1`.
#[cfg(feature = "next-spec-version")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("huzhu"),
	impl_name: alloc::borrow::Cow::Borrowed("huzhu-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// BABE slot length. It cannot change after genesis without stalling block production.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The extensions every signed transaction carries, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_huzhu_governance::CheckElectorate<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on runtime upgrade, aside from those the pallets declare themselves. Each
/// is versioned: it runs once, when the pallet's on-chain storage version is its `from`.
type Migrations = (
	// First: the membership pallet's storage moves to its new name, where its own migrations
	// read their version.
	configs::MoveMembershipPrefix,
	pallet_huzhu_membership::migrations::v1::MigrateToV1<Runtime>,
	pallet_huzhu_claims::migrations::v1::MigrateToV1<Runtime>,
	pallet_huzhu_claims::migrations::v2::MigrateToV2<Runtime>,
	pallet_huzhu_pool::migrations::v1::MigrateToV1<Runtime>,
	pallet_huzhu_membership::migrations::v2::MigrateToV2<Runtime>,
	pallet_huzhu_claims::migrations::v3::MigrateToV3<Runtime>,
	pallet_huzhu_pool::migrations::v2::MigrateToV2<Runtime>,
	pallet_huzhu_membership::migrations::v3::MigrateToV3<Runtime>,
	pallet_huzhu_claims::migrations::v4::MigrateToV4<Runtime>,
	pallet_huzhu_pool::migrations::v3::MigrateToV3<Runtime>,
	pallet_huzhu_membership::migrations::v4::MigrateToV4<Runtime>,
	configs::PopulateVoterList,
	voting::migrations::ToRankedCollective,
	pallet_huzhu_membership::migrations::v5::MigrateToV5<Runtime>,
	pallet_huzhu_membership::migrations::v6::MigrateToV6<Runtime>,
	pallet_huzhu_elections::migrations::v1::MigrateToV1<Runtime>,
	pallet_huzhu_claims::migrations::v5::MigrateToV5<Runtime>,
	pallet_huzhu_claims::migrations::v6::MigrateToV6<Runtime>,
	pallet_huzhu_membership::migrations::v7::MigrateToV7<Runtime>,
);

/// Dispatches calls to the pallets and runs their hooks.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;
	/// A mix of recent block hashes: the (insecure, author-biasable) randomness of jury draws.
	#[runtime::pallet_index(4)]
	pub type RandomnessCollectiveFlip = pallet_insecure_randomness_collective_flip;
	/// Batches of calls (one referendum can enact several changes).
	#[runtime::pallet_index(5)]
	pub type Utility = pallet_utility;

	// Consensus. `Babe` comes first: its `on_initialize` records the block's slot and
	// randomness, which the session's end-of-epoch check reads. `Authorship` must come before
	// `Session` and `Staking` so that block authors are known when the session hooks run;
	// `Session` before `Grandpa` so that it sees the new authority set in the same block.
	/// BABE block production; reports of equivocating authors go to `Offences`.
	#[runtime::pallet_index(15)]
	pub type Babe = pallet_babe;
	#[runtime::pallet_index(10)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(11)]
	pub type Staking = pallet_staking;
	#[runtime::pallet_index(12)]
	pub type Offences = pallet_offences;
	#[runtime::pallet_index(13)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(14)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(16)]
	pub type Grandpa = pallet_grandpa;
	/// The DPoS election `Staking` runs at each era.
	#[runtime::pallet_index(17)]
	pub type Elections = pallet_huzhu_elections;
	/// Staking's voters sorted by stake, so that an election's bound cuts the smallest.
	#[runtime::pallet_index(18)]
	pub type VoterList = pallet_bags_list<Instance1>;

	// Mutual aid.
	#[runtime::pallet_index(20)]
	pub type HuzhuMembership = pallet_huzhu_membership;
	#[runtime::pallet_index(21)]
	pub type Pool = pallet_huzhu_pool;
	#[runtime::pallet_index(22)]
	pub type Claims = pallet_huzhu_claims;
	/// Weather readings of accredited oracles and their median (fed only through `Claims`).
	#[runtime::pallet_index(23)]
	pub type Oracle = pallet_oracle;

	// Governance: member referenda on tracks, and the emergency brake (see [`governance`]).
	#[runtime::pallet_index(30)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(31)]
	pub type Scheduler = pallet_scheduler;
	/// The referenda (named as polkadot-js apps expects the polls of a ranked collective).
	#[runtime::pallet_index(32)]
	pub type RankedPolls = pallet_referenda;
	/// One person, one vote: who may vote and the tally, the origins of the tracks, the brake.
	#[runtime::pallet_index(33)]
	pub type Governance = pallet_huzhu_governance;
	/// The emergency council, elected by the members: it can put the chain in safe mode.
	#[runtime::pallet_index(34)]
	pub type EmergencyCouncil = pallet_collective<Instance1>;
	#[runtime::pallet_index(35)]
	pub type SafeMode = pallet_safe_mode;
	#[runtime::pallet_index(36)]
	pub type TxPause = pallet_tx_pause;
	/// The voters: one rank-0 member per voter DID's controller, kept by the membership pallet.
	/// Members vote here (`vote(poll, aye)`) on the referenda of `RankedPolls`.
	#[runtime::pallet_index(37)]
	pub type RankedCollective = pallet_ranked_collective;
}
