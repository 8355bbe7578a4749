//! Storage migrations of the membership pallet.
//!
//! - [`v1::MigrateToV1`] (storage version 0 → 1): every DID that is an active member of some
//!   plan gets a chain-wide slot in [`ActiveDidSlots`].
//! - [`v2::MigrateToV2`] (1 → 2): [`ExitNotices`] begins, empty.
//! - [`v3::MigrateToV3`] (2 → 3): the bounded per-block activation queue (`ActivationQueue`, a
//!   vec of at most `MaxActivationsPerBlock` entries per block, which made a join fail with
//!   `ActivationQueueFull` when its block was full) becomes the unbounded queue [`Activations`]
//!   / [`ActivationsDue`] served from [`ActivationCursor`]. The error `ActivationQueueFull` is
//!   gone, and the errors after it moved up by one index.

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

/// Version 3: the activation queue takes any number of joins per block and serves a bounded
/// number per block from a cursor.
pub mod v3 {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::Twox64Concat;
	use frame_system::pallet_prelude::BlockNumberFor;

	/// The activation queue of version 2: the memberships whose waiting period ends in a block,
	/// in join order (a `BoundedVec` then, which encodes as this `Vec`).
	#[frame_support::storage_alias]
	pub type ActivationQueue<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		BlockNumberFor<T>,
		Vec<(PlanId, DidId)>,
		frame_support::pallet_prelude::ValueQuery,
	>;

	/// Moves every entry of the old queue into [`Activations`], each block's in join order,
	/// counts them in [`ActivationsDue`], clears the old queue, and starts [`ActivationCursor`]
	/// at the current block: the upgrade runs before that block's `on_initialize`, which serves
	/// it. Version 2 takes each block's entries in its `on_initialize`, so none of an earlier
	/// block is left; were one left, the cursor would start at its block instead, so that it is
	/// served rather than lost.
	pub struct InnerMigrateToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let mut start = now;
			let mut blocks: u64 = 0;
			let mut entries: u64 = 0;
			for (block, queue) in ActivationQueue::<T>::drain() {
				blocks = blocks.saturating_add(1);
				let mut due: u32 = 0;
				for entry in queue {
					Activations::<T>::insert(block, due, entry);
					due = due.saturating_add(1);
					entries = entries.saturating_add(1);
				}
				if due > 0 {
					ActivationsDue::<T>::insert(block, due);
					start = start.min(block);
				}
			}
			ActivationCursor::<T>::put(ActivationPosition { block: start, next: 0 });
			// Each old block read and removed, then counted; each entry written; the cursor.
			T::DbWeight::get().reads_writes(
				blocks,
				blocks.saturating_mul(2).saturating_add(entries).saturating_add(1),
			)
		}

		/// The old queue's entries with their blocks, to compare with the new queue's.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let entries: Vec<(BlockNumberFor<T>, u32, (PlanId, DidId))> =
				ActivationQueue::<T>::iter()
					.flat_map(|(block, queue)| {
						queue.into_iter().enumerate().map(move |(seq, entry)| {
							(block, u32::try_from(seq).unwrap_or(u32::MAX), entry)
						})
					})
					.collect();
			Ok(entries.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use huzhu_primitives::ensure_invariant;
			let mut old: Vec<(BlockNumberFor<T>, u32, (PlanId, DidId))> =
				Decode::decode(&mut &state[..])
					.map_err(|_| "the pre-upgrade state does not decode")?;
			old.sort();
			let mut new: Vec<(BlockNumberFor<T>, u32, (PlanId, DidId))> =
				Activations::<T>::iter().collect();
			new.sort();
			ensure_invariant(old == new, "the activation entries differ from the old queue's")?;
			ensure_invariant(
				ActivationQueue::<T>::iter_keys().next().is_none(),
				"the old activation queue is not cleared",
			)?;
			let now = frame_system::Pallet::<T>::block_number();
			let start = old.first().map_or(now, |(block, _, _)| now.min(*block));
			ensure_invariant(
				ActivationCursor::<T>::get() == ActivationPosition { block: start, next: 0 },
				"the activation cursor does not start at the current block",
			)?;
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the membership pallet from storage version 2 to 3 (see the module docs).
	pub type MigrateToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
