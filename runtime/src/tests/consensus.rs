//! Block production on the runtime: BABE epochs are the sessions (one minute), and an author
//! that signs two blocks for one slot is reported and slashed (issue #15, route 11).

use crate::*;
use codec::Encode;
use frame_support::traits::{Hooks, KeyOwnerProofSystem};
use sp_consensus_babe::{
	digests::{CompatibleDigestItem, PreDigest, SecondaryPlainPreDigest},
	AuthorityPair, EquivocationProof, Slot, BABE_ENGINE_ID,
};
use sp_core::{crypto::Pair, H256};
use sp_runtime::{
	traits::Header as _, transaction_validity::TransactionSource, Digest, DigestItem,
};

/// The local network's storage (four validators, none invulnerable) at block 1, authored in
/// slot `genesis_slot` by authority 0.
fn local_network(genesis_slot: u64) -> sp_io::TestExternalities {
	let storage = genesis_config_presets::preset_storage(genesis_config_presets::LOCAL_TESTNET);
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::initialize(&1, &H256::repeat_byte(1), &pre_digest(0, genesis_slot));
		Babe::on_initialize(1);
	});
	ext
}

fn pre_digest(authority_index: u32, slot: u64) -> Digest {
	let pre = PreDigest::SecondaryPlain(SecondaryPlainPreDigest {
		authority_index,
		slot: Slot::from(slot),
	});
	Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre.encode())] }
}

/// A header for `slot` by authority `index`, sealed by `pair`; `variant` makes it distinct.
fn sealed_header(pair: &AuthorityPair, index: u32, slot: u64, variant: u8) -> Header {
	let mut header = Header::new(
		2,
		H256::repeat_byte(variant),
		H256::repeat_byte(variant),
		H256::repeat_byte(1),
		pre_digest(index, slot),
	);
	let seal = <DigestItem as CompatibleDigestItem>::babe_seal(pair.sign(header.hash().as_ref()));
	header.digest_mut().push(seal);
	header
}

fn babe_pair(name: &str) -> AuthorityPair {
	AuthorityPair::from_string(&format!("//{name}"), None).expect("a development key")
}

#[test]
fn an_epoch_is_a_session_of_a_minute_and_an_era_a_day() {
	local_network(1_000).execute_with(|| {
		assert_eq!(configs::EpochDuration::get(), u64::from(MINUTES));
		assert_eq!(configs::SessionsPerEra::get() * configs::SESSION_PERIOD, DAYS);
		assert_eq!(pallet_babe::GenesisSlot::<Runtime>::get(), Slot::from(1_000));
		assert_eq!(Babe::authorities().len(), 4, "the session's validators author");
		// The next session starts when the epoch ends.
		let next = <Babe as frame_support::traits::EstimateNextSessionRotation<BlockNumber>>::
			estimate_next_session_rotation(1)
			.0
			.expect("an estimate");
		assert_eq!(next, 1 + configs::SESSION_PERIOD);
	});
}

#[test]
fn an_author_that_signs_two_blocks_for_one_slot_is_reported_and_slashed() {
	local_network(1_000).execute_with(|| {
		let bob = babe_pair("Bob");
		let bob_account = sp_keyring::Sr25519Keyring::Bob.to_account_id();
		let index = Babe::authorities()
			.iter()
			.position(|(id, _)| *id == bob.public())
			.expect("Bob authors") as u32;
		let proof = EquivocationProof {
			offender: bob.public(),
			slot: Slot::from(1_001),
			first_header: sealed_header(&bob, index, 1_001, 2),
			second_header: sealed_header(&bob, index, 1_001, 3),
		};
		let key_owner_proof =
			Historical::prove((sp_consensus_babe::KEY_TYPE, bob.public())).expect("Bob's keys");
		let call = pallet_babe::Call::<Runtime>::report_equivocation_unsigned {
			equivocation_proof: Box::new(proof.clone()),
			key_owner_proof: key_owner_proof.clone(),
		};

		// What the node that saw both blocks submits is valid for its own pool only.
		assert!(Babe::validate_unsigned(TransactionSource::Local, &call).is_ok());
		assert!(Babe::validate_unsigned(TransactionSource::External, &call).is_err());

		// A forged second header (not signed by Bob) proves nothing.
		let mut forged = proof.clone();
		forged.second_header = sealed_header(&babe_pair("Charlie"), index, 1_001, 3);
		assert!(Babe::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(forged),
			key_owner_proof.clone()
		)
		.is_err());

		assert!(Babe::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(proof.clone()),
			key_owner_proof.clone()
		)
		.is_ok());
		let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
		assert!(events.iter().any(|event| matches!(
			event,
			RuntimeEvent::Offences(pallet_offences::Event::Offence { kind, .. })
				if kind == b"babe:equivocatio"
		)));
		assert!(events.iter().any(|event| matches!(
			event,
			RuntimeEvent::Staking(pallet_staking::Event::SlashReported { validator, .. })
				if *validator == bob_account
		)));
		// The slash waits `SlashDeferDuration` eras, when root can still cancel it, and is applied
		// as the next era starts: no later than Bob could withdraw a bond unbonded now.
		let (era, slashes) = pallet_staking::UnappliedSlashes::<Runtime>::iter()
			.find(|(_, slashes)| slashes.iter().any(|slash| slash.validator == bob_account))
			.expect("Bob's slash is queued");
		let active = pallet_staking::ActiveEra::<Runtime>::get().expect("an era").index;
		assert_eq!(era, active + configs::SlashDeferDuration::get() + 1);
		assert!(era <= active + configs::BondingDuration::get());
		let own = slashes.iter().find(|slash| slash.validator == bob_account).map(|s| s.own);
		assert!(own.is_some_and(|own| own > 0), "a share of Bob's own bond: {own:?}");

		// The same equivocation is reported once.
		assert!(Babe::validate_unsigned(TransactionSource::Local, &call).is_err());
		assert!(Babe::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(proof),
			key_owner_proof
		)
		.is_err());
	});
}
