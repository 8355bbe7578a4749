//! What the elections pallet needs of the staking system.
//!
//! `pallet-huzhu-elections` chooses the validator set; bonding, rewards and slashing stay with
//! the staking system (`pallet-staking` in Huzhu). The runtime implements [`ValidatorStaking`]
//! over `pallet-staking`; a parachain without it implements it over whatever holds its
//! collators' bonds.

use sp_runtime::{DispatchResult, Perbill};

/// A validator candidate's bond and declaration in the staking system.
pub trait ValidatorStaking<AccountId, Balance> {
	/// The stake `who` has bonded as a stash and is not unbonding; zero when not bonded.
	fn self_bond(who: &AccountId) -> Balance;
	/// Declares `who` (a bonded stash) a validator taking `commission` of its rewards; its own
	/// stake then backs itself in elections.
	fn validate(who: &AccountId, commission: Perbill) -> DispatchResult;
	/// Withdraws `who`'s validator declaration and starts unbonding all of its active stake; the
	/// stake unlocks after the staking system's unbonding period.
	fn chill_and_unbond(who: &AccountId) -> DispatchResult;
	/// Whether `who` is declared a validator now (it may have chilled in the staking system
	/// directly since it registered).
	fn is_validating(who: &AccountId) -> bool;
	/// The validators of the current session: the set the staking system actually seated,
	/// which is the last election's only if the staking system took its result (at most the
	/// session's validator count).
	fn active_validators() -> alloc::vec::Vec<AccountId>;
}
