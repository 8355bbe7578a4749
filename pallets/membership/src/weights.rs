//! Weights for `pallet_huzhu_membership`: provisional until `scripts/benchmark.sh membership`
//! regenerates this file from the benchmarks.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_huzhu_membership`.
pub trait WeightInfo {
	fn create_did() -> Weight;
	fn set_did_key() -> Weight;
	fn revoke_did_key() -> Weight;
	fn add_service_endpoint() -> Weight;
	fn remove_service_endpoint() -> Weight;
	fn deactivate_did() -> Weight;
	fn register_credential_type() -> Weight;
	fn request_accreditation() -> Weight;
	fn accredit_issuer() -> Weight;
	fn suspend_issuer() -> Weight;
	fn slash_issuer() -> Weight;
	fn resign_accreditation() -> Weight;
	fn withdraw_issuer_bond() -> Weight;
	fn attest_credential() -> Weight;
	fn revoke_credential() -> Weight;
	fn create_plan() -> Weight;
	fn update_plan_terms() -> Weight;
	fn set_plan_open() -> Weight;
	fn join_plan() -> Weight;
	fn exit_plan() -> Weight;
	fn refresh_membership() -> Weight;
	fn activate_memberships(n: u32, ) -> Weight;
}

/// Weights for `pallet_huzhu_membership`, with the storage prices of the runtime it runs in.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_did() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn set_did_key() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn revoke_did_key() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn add_service_endpoint() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn remove_service_endpoint() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn deactivate_did() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn register_credential_type() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn request_accreditation() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn accredit_issuer() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn suspend_issuer() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn slash_issuer() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn resign_accreditation() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn withdraw_issuer_bond() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn attest_credential() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn revoke_credential() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn create_plan() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn update_plan_terms() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn set_plan_open() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn join_plan() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn exit_plan() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn refresh_membership() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn activate_memberships(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 10_000).saturating_add(Weight::from_parts(50_000_000, 5_000).saturating_mul(n.into())).saturating_add(T::DbWeight::get().reads_writes((10_u64).saturating_mul(n.into()), (5_u64).saturating_mul(n.into())))
	}
}

/// The same weights with RocksDB's reference storage prices (as FRAME's own pallets).
impl WeightInfo for () {
	fn create_did() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn set_did_key() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn revoke_did_key() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn add_service_endpoint() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn remove_service_endpoint() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn deactivate_did() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn register_credential_type() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn request_accreditation() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn accredit_issuer() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn suspend_issuer() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn slash_issuer() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn resign_accreditation() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn withdraw_issuer_bond() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn attest_credential() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn revoke_credential() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn create_plan() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn update_plan_terms() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn set_plan_open() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn join_plan() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn exit_plan() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn refresh_membership() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10_u64, 10_u64))
	}
	fn activate_memberships(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 10_000).saturating_add(Weight::from_parts(50_000_000, 5_000).saturating_mul(n.into())).saturating_add(RocksDbWeight::get().reads_writes((10_u64).saturating_mul(n.into()), (5_u64).saturating_mul(n.into())))
	}
}
