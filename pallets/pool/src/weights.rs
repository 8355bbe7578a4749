//! Weights for `pallet_huzhu_pool`: provisional until `scripts/benchmark.sh pool` regenerates
//! this file from the benchmarks.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_huzhu_pool`.
pub trait WeightInfo {
	fn deposit() -> Weight;
	fn request_withdrawal() -> Weight;
	fn withdraw() -> Weight;
	fn settle() -> Weight;
	fn fund_reserve() -> Weight;
	fn set_pool_params() -> Weight;
	fn force_payout(m: u32, ) -> Weight;
	fn propose_spend() -> Weight;
	fn approve_spend() -> Weight;
	fn veto_spend() -> Weight;
	fn execute_spend() -> Weight;
	fn remove_spend() -> Weight;
	fn set_custodians(n: u32, ) -> Weight;
}

/// Weights for `pallet_huzhu_pool`, with the storage prices of the runtime it runs in.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn deposit() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn request_withdrawal() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn settle() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn fund_reserve() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn set_pool_params() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn force_payout(_m: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn propose_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn approve_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn veto_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn execute_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn remove_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn set_custodians(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4_000).saturating_add(Weight::from_parts(1_000_000, 32).saturating_mul(n.into())).saturating_add(T::DbWeight::get().reads_writes(2_u64, 1_u64))
	}
}

/// The same weights with RocksDB's reference storage prices (as FRAME's own pallets).
impl WeightInfo for () {
	fn deposit() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn request_withdrawal() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn settle() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn fund_reserve() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn set_pool_params() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn force_payout(_m: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn propose_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn approve_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn veto_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn execute_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn remove_spend() -> Weight {
		Weight::from_parts(150_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(8_u64, 8_u64))
	}
	fn set_custodians(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4_000).saturating_add(Weight::from_parts(1_000_000, 32).saturating_mul(n.into())).saturating_add(RocksDbWeight::get().reads_writes(2_u64, 1_u64))
	}
}
