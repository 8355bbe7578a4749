//! Provisional weights of `pallet-huzhu-claims`, to be replaced by `scripts/benchmark.sh claims`.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet-huzhu-claims`.
pub trait WeightInfo {
	fn file_claim() -> Weight;
	fn attest_claim() -> Weight;
	fn vote_alliance() -> Weight;
	fn withdraw_claim() -> Weight;
	fn challenge() -> Weight;
	fn commit_vote() -> Weight;
	fn reveal_vote() -> Weight;
	fn appeal() -> Weight;
	fn retry_payout() -> Weight;
	fn set_params() -> Weight;
	fn set_metric() -> Weight;
	fn submit_reading(o: u32) -> Weight;
	fn remove_oracle_operator() -> Weight;
	fn open_index_event() -> Weight;
	fn claim_index_payout() -> Weight;
	fn request_audit() -> Weight;
	fn on_initialize_window(n: u32) -> Weight;
	fn on_initialize_verdict(n: u32) -> Weight;
}

/// Weights for `pallet-huzhu-claims` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn file_claim() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn attest_claim() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn vote_alliance() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn withdraw_claim() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn challenge() -> Weight {
		Weight::from_parts(1_000_000_000, 100_000)
	}
	fn commit_vote() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn reveal_vote() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn appeal() -> Weight {
		Weight::from_parts(2_000_000_000, 200_000)
	}
	fn retry_payout() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn set_params() -> Weight {
		Weight::from_parts(50_000_000, 1_000)
	}
	fn set_metric() -> Weight {
		Weight::from_parts(50_000_000, 1_000)
	}
	fn submit_reading(o: u32) -> Weight {
		Weight::from_parts(200_000_000, 10_000)
			.saturating_add(Weight::from_parts(10_000_000, 1_000).saturating_mul(o.into()))
	}
	fn remove_oracle_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn open_index_event() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn claim_index_payout() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn request_audit() -> Weight {
		Weight::from_parts(1_000_000_000, 100_000)
	}
	fn on_initialize_window(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(500_000_000, 20_000).saturating_mul(n.into()))
	}
	fn on_initialize_verdict(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(2_000_000_000, 200_000).saturating_mul(n.into()))
	}
}

impl WeightInfo for () {
	fn file_claim() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn attest_claim() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn vote_alliance() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn withdraw_claim() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn challenge() -> Weight {
		Weight::from_parts(1_000_000_000, 100_000)
	}
	fn commit_vote() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn reveal_vote() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn appeal() -> Weight {
		Weight::from_parts(2_000_000_000, 200_000)
	}
	fn retry_payout() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn set_params() -> Weight {
		Weight::from_parts(50_000_000, 1_000)
	}
	fn set_metric() -> Weight {
		Weight::from_parts(50_000_000, 1_000)
	}
	fn submit_reading(o: u32) -> Weight {
		Weight::from_parts(200_000_000, 10_000)
			.saturating_add(Weight::from_parts(10_000_000, 1_000).saturating_mul(o.into()))
	}
	fn remove_oracle_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn open_index_event() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn claim_index_payout() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
	}
	fn request_audit() -> Weight {
		Weight::from_parts(1_000_000_000, 100_000)
	}
	fn on_initialize_window(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(500_000_000, 20_000).saturating_mul(n.into()))
	}
	fn on_initialize_verdict(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(2_000_000_000, 200_000).saturating_mul(n.into()))
	}
}
