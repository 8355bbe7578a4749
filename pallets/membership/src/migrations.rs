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
//! - [`v4::MigrateToV4`] (3 → 4): personhood. Only members of plans requiring
//!   [`Config::PersonhoodCredential`] vote; the migration builds [`PersonOf`] from the stored
//!   personhood credentials and [`VoterMembershipsOf`] / [`VoterDids`] from the active
//!   memberships of those plans (and, as version 5 does, puts the voters on the roll).
//! - [`v5::MigrateToV5`] (4 → 5): the voters' roll. The controller of every voter DID is
//!   inducted into [`Config::Electorate`] (Huzhu: the ranked collective members vote through).
//! - [`v6::MigrateToV6`] (5 → 6): the voters' sweep; its cursor [`VoterSweep`] starts empty.
//! - [`v7::MigrateToV7`] (6 → 7): the count of queued activations ([`ActivationsQueued`]),
//!   summed from the queue, so that the cursor moves at once while none is queued.

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

/// Version 4: personhood. [`PersonOf`] names the DID holding each issuer's personhood
/// commitment; [`VoterMembershipsOf`] and [`VoterDids`] count the active memberships of plans
/// requiring [`Config::PersonhoodCredential`].
pub mod v4 {
	use super::*;
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_core::H256;

	/// The log target of the migration.
	pub(super) const LOG_TARGET: &str = "runtime::huzhu-membership";

	/// Builds the new maps from the stored state:
	///
	/// - [`PersonOf`]: every personhood credential of a live DID, in the order they were attested
	///   (`issued_at`, then DID id). Version 3 did not check uniqueness, so several DIDs may hold
	///   the same issuer's credential with the same commitment: the first attested keeps the
	///   entry, and each later one is logged (warning level) and left as it is — its credential
	///   stays valid, and it votes, until its issuer revokes it or the issuer is suspended; it
	///   cannot be attested that commitment again while the first holds it.
	/// - [`VoterMembershipsOf`] / [`VoterDids`]: the `Active` memberships of plans whose terms
	///   require the personhood credential, per DID.
	pub struct InnerMigrateToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let personhood = T::PersonhoodCredential::get();
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;

			// Every credential is read: the map is keyed by subject first.
			let mut persons: Vec<(BlockNumberFor<T>, DidId, DidId, H256)> = Vec::new();
			for (did, credential_type, credential) in Credentials::<T>::iter() {
				reads = reads.saturating_add(1);
				if credential_type != personhood {
					continue;
				}
				reads = reads.saturating_add(1);
				if Dids::<T>::contains_key(did) {
					persons.push((
						credential.issued_at,
						did,
						credential.issuer,
						credential.commitment,
					));
				}
			}
			persons.sort();
			let mut recorded: u64 = 0;
			for (_, did, issuer, commitment) in persons {
				reads = reads.saturating_add(1);
				match PersonOf::<T>::get(issuer, commitment) {
					Some(first) => log::warn!(
						target: LOG_TARGET,
						"DID {did} holds the personhood credential of issuer {issuer} with the \
						 commitment of DID {first}, a duplicate person: left as it is",
					),
					None => {
						PersonOf::<T>::insert(issuer, commitment, did);
						recorded = recorded.saturating_add(1);
					}
				}
			}

			let mut plans: BTreeMap<PlanId, bool> = BTreeMap::new();
			let mut voter_memberships: BTreeMap<DidId, u32> = BTreeMap::new();
			for (plan, did, membership) in Members::<T>::iter() {
				reads = reads.saturating_add(1);
				if membership.status != MemberStatus::Active {
					continue;
				}
				let requires = *plans.entry(plan).or_insert_with(|| {
					reads = reads.saturating_add(1);
					Plans::<T>::get(plan)
						.is_some_and(|plan| Pallet::<T>::requires_personhood(&plan.terms))
				});
				if requires {
					let count = voter_memberships.entry(did).or_default();
					*count = count.saturating_add(1);
				}
			}
			let dids = u32::try_from(voter_memberships.len()).unwrap_or(u32::MAX);
			for (did, count) in voter_memberships {
				VoterMembershipsOf::<T>::insert(did, count);
				// The voters' roll of version 5 (see there).
				Pallet::<T>::enrol_voter(did);
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(4);
			}
			VoterDids::<T>::put(dids);
			writes = writes.saturating_add(recorded).saturating_add(1);
			log::info!(target: LOG_TARGET, "personhood: {recorded} persons, {dids} voter DIDs");
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// The number of active memberships of personhood plans, to compare with the counts.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			huzhu_primitives::ensure_invariant(
				PersonOf::<T>::iter_keys().next().is_none()
					&& VoterMembershipsOf::<T>::iter_keys().next().is_none()
					&& VoterDids::<T>::get() == 0,
				"the personhood maps are not empty before the migration",
			)?;
			let memberships: u64 = Members::<T>::iter()
				.filter(|(plan, _, membership)| {
					membership.status == MemberStatus::Active
						&& Plans::<T>::get(plan)
							.is_some_and(|plan| Pallet::<T>::requires_personhood(&plan.terms))
				})
				.count() as u64;
			Ok(memberships.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use huzhu_primitives::ensure_invariant;
			let memberships: u64 = Decode::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade state does not decode")?;
			let counted: u64 = VoterMembershipsOf::<T>::iter_values().map(u64::from).sum();
			ensure_invariant(
				counted == memberships,
				"VoterMembershipsOf does not count the active memberships of personhood plans",
			)?;
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the membership pallet from storage version 3 to 4 (see the module docs).
	pub type MigrateToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 5: the voters' roll ([`Config::Electorate`]) holds every voter's controller.
pub mod v5 {
	use super::*;

	/// The migration's work, run once by [`MigrateToV5`]: one pass over the voter DIDs.
	pub struct InnerMigrateToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut voters: u64 = 0;
			for did in VoterMembershipsOf::<T>::iter_keys() {
				Pallet::<T>::enrol_voter(did);
				voters = voters.saturating_add(1);
			}
			log::info!(target: v4::LOG_TARGET, "voters' roll: {voters} voters enrolled");
			// Per voter: its count, its DID, the roll's record and count (read and written).
			T::DbWeight::get()
				.reads_writes(voters.saturating_mul(4).saturating_add(1), voters.saturating_mul(4))
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the membership pallet from storage version 4 to 5 (see the module docs).
	pub type MigrateToV5<T> = VersionedMigration<
		4,
		5,
		InnerMigrateToV5<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 6: the voters' sweep ([`VoterSweep`]). Its cursor starts empty — the first pass
/// starts from the first voter — so nothing is translated; the version records that the
/// sweep runs.
pub mod v6 {
	use super::*;

	/// Nothing to translate (see the module docs).
	pub struct InnerMigrateToV6<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV6<T> {
		fn on_runtime_upgrade() -> Weight {
			VoterSweep::<T>::kill();
			T::DbWeight::get().writes(1)
		}
	}

	/// Migrates the membership pallet from storage version 5 to 6.
	pub type MigrateToV6<T> = VersionedMigration<
		5,
		6,
		InnerMigrateToV6<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 7: the count of queued activations ([`ActivationsQueued`]), summed from the queue:
/// every block's count ([`ActivationsDue`]), less the entries of the cursor's block already
/// served. It reads each block of the queue once (the blocks in which some waiting period ends).
pub mod v7 {
	use super::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;

	/// The queue's unserved entries, counted.
	pub struct InnerMigrateToV7<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV7<T> {
		fn on_runtime_upgrade() -> Weight {
			let cursor = ActivationCursor::<T>::get();
			let mut blocks: u64 = 0;
			let mut queued: u32 = 0;
			for (block, due) in ActivationsDue::<T>::iter() {
				blocks = blocks.saturating_add(1);
				let served = if block == cursor.block { cursor.next } else { 0 };
				queued = queued.saturating_add(due.saturating_sub(served));
			}
			ActivationsQueued::<T>::put(queued);
			T::DbWeight::get().reads_writes(blocks.saturating_add(1), 1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((Activations::<T>::iter_keys().count() as u32).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let entries = u32::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade state does not decode")?;
			// Every stored entry is unserved; stale ones (an exit while waiting) are counted too.
			frame_support::ensure!(
				ActivationsQueued::<T>::get() >= entries,
				"fewer queued activations counted than stored"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the membership pallet from storage version 6 to 7.
	pub type MigrateToV7<T> = VersionedMigration<
		6,
		7,
		InnerMigrateToV7<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
