//! The runtime's own migrations, besides those the pallets declare: the membership pallet's
//! rename and filling the voter list. The runtime's `Migrations` tuple runs them in order.

use super::*;

/// Fills the voter list from staking's nominators and validators on a chain that ran before it
/// (a no-op when the list already has entries, as on every chain started from a genesis with
/// it). One pass over the stakers, bounded by staking's maximum nominator and validator counts.
pub struct PopulateVoterList;
impl frame_support::traits::OnRuntimeUpgrade for PopulateVoterList {
	fn on_runtime_upgrade() -> Weight {
		use frame_election_provider_support::SortedListProvider;
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		if pallet_bags_list::ListNodes::<Runtime, pallet_bags_list::Instance1>::count() > 0 {
			return db.reads(1);
		}
		let stakers = pallet_staking::Nominators::<Runtime>::iter_keys()
			.chain(pallet_staking::Validators::<Runtime>::iter_keys())
			.collect::<Vec<_>>();
		let count = stakers.len() as u64;
		<VoterList as SortedListProvider<AccountId>>::unsafe_regenerate(
			stakers,
			alloc::boxed::Box::new(|who| Some(Staking::weight_of(who))),
		);
		// Per staker: its key, its ledger and bond for the score, and the list's node and bag.
		db.reads_writes(
			count.saturating_mul(4).saturating_add(1),
			count.saturating_mul(2).saturating_add(1),
		)
	}
}

/// The membership pallet's runtime name before it became `HuzhuMembership`: polkadot-js apps
/// shows its *Membership* page for any `membership` pallet with a `members` storage item,
/// expecting FRAME's `pallet-membership`, a different shape.
pub const OLD_MEMBERSHIP: &[u8] = b"Membership";

/// Moves the membership pallet's storage from its old runtime name (`Membership`) to
/// `HuzhuMembership`, its storage version included, before any other migration reads it. A
/// no-op once moved (or on a chain started with the new name): one read.
pub struct MoveMembershipPrefix;
impl frame_support::traits::OnRuntimeUpgrade for MoveMembershipPrefix {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::{
			storage::{migration::move_pallet, unhashed, KeyPrefixIterator},
			StorageHasher, Twox128,
		};
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		let old = Twox128::hash(OLD_MEMBERSHIP);
		if !unhashed::contains_prefixed_key(&old) {
			return db.reads(1);
		}
		// Count what moves, for the weight: one pass, as the move itself makes.
		let keys = KeyPrefixIterator::new(old.to_vec(), old.to_vec(), |_| Ok(())).count() as u64;
		move_pallet(OLD_MEMBERSHIP, b"HuzhuMembership");
		db.reads_writes(keys.saturating_mul(2).saturating_add(1), keys.saturating_mul(2))
	}
}
