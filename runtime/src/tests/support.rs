//! What the runtime's unit tests share: the development genesis, signed origins, the membership
//! pallet's activations, and a vote sent as a signed transaction.

use crate::*;
use frame_support::{dispatch::GetDispatchInfo, traits::Hooks};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{DispatchTransaction, Dispatchable};

/// The storage of the development preset, at block 1.
pub fn development() -> sp_io::TestExternalities {
	let storage =
		crate::genesis_config_presets::preset_storage(crate::genesis_config_presets::DEVELOPMENT);
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// `who`'s signed origin.
pub fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Runs the membership pallet's activations up to block `n`.
pub fn run_to(n: BlockNumber) {
	for block in System::block_number() + 1..=n {
		System::set_block_number(block);
		<HuzhuMembership as Hooks<BlockNumber>>::on_initialize(block);
	}
}

/// `who` votes on `poll` as a signed transaction does: the electorate check of
/// [`pallet_huzhu_governance::CheckElectorate`], then the collective's `vote`. A refusal reads
/// `refused: …` (see [`refused`]), a failed dispatch `failed: …`.
pub fn vote(who: Sr25519Keyring, poll: u32, aye: bool) -> Result<(), String> {
	let call = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote { poll, aye });
	pallet_huzhu_governance::CheckElectorate::<Runtime>::new()
		.validate_only(
			signed(who),
			&call,
			&call.get_dispatch_info(),
			0,
			sp_runtime::transaction_validity::TransactionSource::External,
			0,
		)
		.map_err(|refused| format!("refused: {refused:?}"))?;
	call.dispatch(signed(who)).map(|_| ()).map_err(|failed| format!("failed: {:?}", failed.error))
}

/// What [`vote`] returns when the electorate check refuses the vote with `refusal`.
pub fn refused(refusal: pallet_huzhu_governance::VoteRefusal) -> Result<(), String> {
	let error: sp_runtime::transaction_validity::TransactionValidityError = refusal.into();
	Err(format!("refused: {error:?}"))
}
