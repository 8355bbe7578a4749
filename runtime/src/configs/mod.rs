//! The configuration of every pallet in the runtime, one file per concern, each `impl
//! <pallet>::Config for Runtime` beside the constants it uses:
//!
//! | file | pallets |
//! |---|---|
//! | [`system`] | `frame-system`, timestamp, balances, transaction payment, the randomness flip, the runtime's own unsigned transactions |
//! | [`consensus`] | authorship, session, BABE, GRANDPA, offences, staking, the voter bags, Huzhu's validator elections |
//! | [`mutual_aid`] | Huzhu's membership, pool and claims pallets and `pallet-oracle`, with the adapters between them |
//! | [`governance`] | referenda, scheduler, preimages, Huzhu's governance pallet, utility, the emergency council, safe mode, tx-pause |
//! | [`tracks`] | the referendum tracks and their two tables of periods |
//! | [`migrations`] | the runtime's own migrations (pallet renames, filling the voter list) |
//!
//! The runtime's `//!` docs draw how these configurations wire the pallets to each other.

use crate::*;
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		ConstBool, ConstU32, ConstU64, ConstU8, Contains, InsideBoth, Nothing, VariantCountOf,
	},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{limits, EnsureRoot};
use huzhu_primitives::membership::{DidId, MembershipInspect, PlanId, RegionId};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{
	curve::PiecewiseLinear,
	traits::{AccountIdConversion, ConvertInto, One, OpaqueKeys},
	Perbill, Permill,
};
use sp_staking::{EraIndex, SessionIndex};
use sp_version::RuntimeVersion;

pub mod consensus;
pub mod governance;
pub mod migrations;
pub mod mutual_aid;
pub mod system;
pub mod tracks;

pub use consensus::*;
pub use migrations::*;
pub use mutual_aid::*;
pub use system::*;
