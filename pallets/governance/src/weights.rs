//! Weights for `pallet_huzhu_governance`: placeholder until `scripts/benchmark.sh governance`
//! generates this file.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet_huzhu_governance`.
pub trait WeightInfo {
	fn vote_new(v: u32) -> Weight;
	fn vote_change(v: u32) -> Weight;
	fn remove_vote(v: u32) -> Weight;
	fn delegate(v: u32) -> Weight;
	fn undelegate(v: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn vote_new(v: u32) -> Weight {
		Weight::from_parts(50_000_000 + 5_000_000 * v as u64, 10_000)
			.saturating_add(T::DbWeight::get().reads(4 + v as u64))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn vote_change(v: u32) -> Weight {
		Self::vote_new(v)
	}
	fn remove_vote(v: u32) -> Weight {
		Self::vote_new(v)
	}
	fn delegate(v: u32) -> Weight {
		Weight::from_parts(50_000_000 + 10_000_000 * v as u64, 10_000)
			.saturating_add(T::DbWeight::get().reads(6 + v as u64))
			.saturating_add(T::DbWeight::get().writes(2 + v as u64))
	}
	fn undelegate(v: u32) -> Weight {
		Self::delegate(v)
	}
}

impl WeightInfo for () {
	fn vote_new(v: u32) -> Weight {
		Weight::from_parts(50_000_000 + 5_000_000 * v as u64, 10_000)
			.saturating_add(RocksDbWeight::get().reads(4 + v as u64))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn vote_change(v: u32) -> Weight {
		Self::vote_new(v)
	}
	fn remove_vote(v: u32) -> Weight {
		Self::vote_new(v)
	}
	fn delegate(v: u32) -> Weight {
		Weight::from_parts(50_000_000 + 10_000_000 * v as u64, 10_000)
			.saturating_add(RocksDbWeight::get().reads(6 + v as u64))
			.saturating_add(RocksDbWeight::get().writes(2 + v as u64))
	}
	fn undelegate(v: u32) -> Weight {
		Self::delegate(v)
	}
}
