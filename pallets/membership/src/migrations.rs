//! Storage migrations of the membership pallet.
//!
//! - [`v1::MigrateToV1`] (storage version 0 → 1): every DID that is an active member of some
//!   plan gets a chain-wide slot in [`ActiveDidSlots`].
//! - [`v2::MigrateToV2`] (1 → 2): [`ExitNotices`] begins, empty.

use crate::{pallet::*, *};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 1: chain-wide slots of active member DIDs.
pub mod v1 {
	use super::*;
	use alloc::vec::Vec;

	/// The migration's work, run once by [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let dids: Vec<DidId> = ActiveMembershipsOf::<T>::iter_keys().collect();
			let count = dids.len() as u32;
			for (slot, did) in dids.iter().enumerate() {
				ActiveDidSlots::<T>::insert(slot as u32, did);
				ActiveDidSlotOf::<T>::insert(did, slot as u32);
			}
			ActiveMemberDids::<T>::put(count);
			let touched = u64::from(count);
			T::DbWeight::get().reads_writes(
				touched.saturating_add(1),
				touched.saturating_mul(2).saturating_add(1),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the membership pallet from storage version 0 to 1 (see the module docs).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: exit notices ([`ExitNotices`], a new map that starts empty).
pub mod v2 {
	use super::*;

	/// Nothing to translate: no member has given notice yet.
	pub struct InnerMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}
	}

	/// Migrates the membership pallet from storage version 1 to 2 (see the module docs).
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
