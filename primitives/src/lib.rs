//! # Huzhu primitives
//!
//! The types every Huzhu crate agrees on — the chain's account, balance and block types and the
//! native token's units — and, as the pallets arrive, the small traits through which they meet
//! (`MembershipInspect`, `CredentialInspect`, `PoolPayout`, …). Like `sp-staking` for staking,
//! this crate lets a pallet use another pallet's services without depending on its crate: each
//! pallet takes the trait as a `Config` type, the runtime wires the real pallet in, and a pallet's
//! mock implements the trait in a few lines.
//!
//! It has no FRAME dependency (only codec, scale-info and serde for its shared types) and builds for `no_std` (the runtime's wasm) and `std` alike.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

pub mod claims;
pub mod elections;
pub mod membership;
pub mod pool;

pub use claims::{AdjudicationBrake, ClaimId, IndexReadings, OpenClaimsInspect, ReadingKey};
pub use elections::ValidatorStaking;
pub use membership::{
	CredentialInspect, CredentialTypeId, DidId, IssuerExposure, IssuerPenalty, MemberDeposits,
	MemberStanding, MembershipInspect, MetricId, PlanId, PlanInspect, PlanTerms, RegionId,
	TriggerKind,
};
pub use pool::{PayoutReceipt, PoolPayout};

/// A pallet invariant for `try_state`: `Ok` when it `holds`, else an error naming it.
pub fn ensure_invariant(
	holds: bool,
	message: &'static str,
) -> Result<(), sp_runtime::DispatchError> {
	if holds {
		Ok(())
	} else {
		Err(sp_runtime::DispatchError::Other(message))
	}
}

/// A block number: blocks are counted from genesis, one every [`MILLISECS_PER_BLOCK`].
pub type BlockNumber = u32;

/// The signature a transaction carries: sr25519, ed25519 or ecdsa (what polkadot-js signs with).
pub type Signature = MultiSignature;

/// An account on the chain: the 32-byte public key of the account's signing key.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// An amount of the native token, in plancks (`10^-DECIMALS` of one [`UNITS`]).
pub type Balance = u128;

/// The number of transactions an account has sent.
pub type Nonce = u32;

/// A 256-bit hash (blake2b), used for blocks, state roots and commitments.
pub type Hash = sp_core::H256;

/// The token symbol shown by wallets.
pub const TOKEN_SYMBOL: &str = "HUZ";

/// The number of decimals of the native token.
pub const TOKEN_DECIMALS: u8 = 12;

/// One whole token (1 HUZ), in plancks.
pub const UNITS: Balance = 1_000_000_000_000;

/// One thousandth of a token, in plancks.
pub const MILLI_UNITS: Balance = UNITS / 1_000;

/// One millionth of a token, in plancks.
pub const MICRO_UNITS: Balance = UNITS / 1_000_000;

/// The smallest balance an account may hold (0.001 HUZ); below it the account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNITS;

/// The target time between two blocks, in milliseconds (one Aura slot).
pub const MILLISECS_PER_BLOCK: u64 = 6_000;

/// Blocks in one minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);

/// Blocks in one hour.
pub const HOURS: BlockNumber = MINUTES * 60;

/// Blocks in one day.
pub const DAYS: BlockNumber = HOURS * 24;
