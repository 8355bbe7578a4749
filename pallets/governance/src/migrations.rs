//! Storage migrations of the governance pallet.
//!
//! - [`v1::MigrateToV1`] (storage version 0 → 1): members vote through the stock
//!   `pallet-ranked-collective`. The pallet's own vote and delegation records (`VotingFor`) are
//!   removed. The tallies of ongoing polls change shape and lose the votes those records held;
//!   that translation belongs to the runtime, which stores the polls (Huzhu: `RankedPolls`).

use crate::{Config, Pallet};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, PalletInfoAccess, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 1: the votes live in the ranked collective.
pub mod v1 {
	use super::*;

	/// The storage prefix of the removed `VotingFor` map.
	pub fn voting_for_prefix<T: Config>() -> [u8; 32] {
		frame_support::storage::storage_prefix(Pallet::<T>::name().as_bytes(), b"VotingFor")
	}

	/// The migration's work, run once by [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// One record per member that voted or delegated on a track: a few per voter.
			let removed = frame_support::storage::unhashed::clear_prefix(
				&voting_for_prefix::<T>(),
				None,
				None,
			);
			T::DbWeight::get().writes(u64::from(removed.unique))
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			huzhu_primitives::ensure_invariant(
				!frame_support::storage::unhashed::contains_prefixed_key(&voting_for_prefix::<T>()),
				"a vote record of the pallet's own voting is left",
			)?;
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the governance pallet from storage version 0 to 1 (see the module docs).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
