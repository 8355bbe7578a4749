//! Provisional weights of `pallet-huzhu-elections`, to be replaced by
//! `scripts/benchmark.sh elections`.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet-huzhu-elections`.
pub trait WeightInfo {
	fn register_candidate() -> Weight;
	fn update_candidate() -> Weight;
	fn leave_candidacy() -> Weight;
	fn set_params() -> Weight;
	fn elect(v: u32, t: u32) -> Weight;
}

/// Weights for `pallet-huzhu-elections` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_candidate() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn update_candidate() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn leave_candidacy() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn set_params() -> Weight {
		Weight::from_parts(20_000_000, 1_000)
	}
	fn elect(v: u32, t: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(v.into()))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(t.into()))
	}
}

impl WeightInfo for () {
	fn register_candidate() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn update_candidate() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn leave_candidacy() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn set_params() -> Weight {
		Weight::from_parts(20_000_000, 1_000)
	}
	fn elect(v: u32, t: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(v.into()))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(t.into()))
	}
}
