//! Storage migrations of the elections pallet.
//!
//! - [`v1::MigrateToV1`] (storage version 0 → 1): [`LastRanking`] begins, empty — so nobody
//!   can be displaced from a full candidate list until the next election has ranked the
//!   candidates.

use crate::pallet::*;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 1: the last election's ranking, which displacement reads.
pub mod v1 {
	use super::*;

	/// Starts [`LastRanking`] empty (see the module docs).
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			LastRanking::<T>::kill();
			T::DbWeight::get().writes(1)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the elections pallet from storage version 0 to 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
