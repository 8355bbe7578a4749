//! The tracks, origins and call filters of governance.

use crate::{governance::*, *};
use frame_support::traits::Contains;
use huzhu_primitives::membership::credential_types;
use pallet_referenda::TracksInfo;
use sp_runtime::Perbill;

#[test]
fn track_tables_are_sorted_and_consistent() {
	for table in [&TRACKS, &DEVELOPMENT_TRACKS] {
		let ids: Vec<u16> = table.iter().map(|track| track.id).collect();
		assert_eq!(ids, vec![0, 1, 2, 3, 4]);
		// The runtime upgrade has the longest enactment delay of its table.
		let upgrade = table[0].info.min_enactment_period;
		assert!(table.iter().skip(1).all(|track| track.info.min_enactment_period < upgrade));
	}
	for (real, development) in TRACKS.iter().zip(DEVELOPMENT_TRACKS.iter()) {
		assert_eq!(real.info.name, development.info.name);
		assert_eq!(real.info.min_approval, development.info.min_approval);
		assert_eq!(real.info.decision_deposit, development.info.decision_deposit);
	}
}

#[test]
fn equivocation_reports_cannot_be_paused() {
	let name = |text: &str| text.as_bytes().to_vec().try_into().expect("a short name");
	for (pallet, call) in [
		("Babe", "report_equivocation_unsigned"),
		("Babe", "report_equivocation"),
		("Grandpa", "report_equivocation_unsigned"),
	] {
		assert!(TxPauseWhitelist::contains(&(name(pallet), name(call))), "{pallet}.{call}");
	}
	assert!(!TxPauseWhitelist::contains(&(name("Claims"), name("file_claim"))));
}

#[test]
fn root_cancels_an_unjust_slash_before_it_applies() {
	// Route 11: a deferred slash waits longer than the fastest runtime-upgrade referendum,
	// and less than the bonding period.
	use configs::{BondingDuration, SessionsPerEra, SlashDeferDuration, SESSION_PERIOD};
	let era = SessionsPerEra::get() * SESSION_PERIOD;
	let deferred = SlashDeferDuration::get() * era;
	let info = &TRACKS[RUNTIME_UPGRADE_TRACK as usize].info;
	let fastest = info.prepare_period + info.confirm_period + info.min_enactment_period;
	assert!(fastest + 7 * DAYS < deferred, "{fastest} {deferred}");
	assert!(SlashDeferDuration::get() < BondingDuration::get());
}

#[test]
fn approval_thresholds_are_majority_sixty_percent_and_two_thirds() {
	let passes = |track: usize, ayes: u32, nays: u32| {
		TRACKS[track]
			.info
			.min_approval
			.passing(Perbill::from_percent(10), Perbill::from_rational(ayes, ayes + nays))
	};
	// Plan terms: a simple majority; a tie fails.
	assert!(passes(1, 51, 49));
	assert!(!passes(1, 50, 50));
	// Treasury and custody: 60 %.
	assert!(passes(3, 3, 2));
	assert!(!passes(3, 59, 41));
	// Runtime upgrade: two thirds.
	assert!(passes(0, 2, 1));
	assert!(!passes(0, 66, 34));
}

#[test]
fn origins_map_to_their_tracks() {
	let track = |origin: OriginCaller| HuzhuTracks::track_for(&origin);
	assert_eq!(track(frame_system::RawOrigin::Root.into()), Ok(RUNTIME_UPGRADE_TRACK));
	assert_eq!(track(pallet_huzhu_governance::Origin::PlanTerms.into()), Ok(PLAN_TERMS_TRACK));
	assert_eq!(
		track(pallet_huzhu_governance::Origin::Accreditation.into()),
		Ok(ACCREDITATION_TRACK)
	);
	assert_eq!(
		track(pallet_huzhu_governance::Origin::TreasuryCustody.into()),
		Ok(TREASURY_CUSTODY_TRACK)
	);
	assert_eq!(track(pallet_huzhu_governance::Origin::Emergency.into()), Ok(EMERGENCY_TRACK));
	assert_eq!(track(frame_system::RawOrigin::None.into()), Err(()));
}

#[test]
fn safe_mode_stops_only_the_mutual_aid_pallets() {
	let join = RuntimeCall::HuzhuMembership(pallet_huzhu_membership::Call::exit_plan { plan: 0 });
	let vote =
		RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote { poll: 0, aye: true });
	assert!(!SafeModeWhitelist::contains(&join));
	assert!(SafeModeWhitelist::contains(&vote));
	// What only takes standing away goes on: revoking a credential, lapsing a membership.
	use pallet_huzhu_membership::Call as Membership;
	let kyc = credential_types::KYC;
	let revoke = RuntimeCall::HuzhuMembership(Membership::revoke_credential {
		subject: 1,
		credential_type: kyc,
	});
	let refresh = RuntimeCall::HuzhuMembership(Membership::refresh_membership { plan: 0, did: 1 });
	let attest = RuntimeCall::HuzhuMembership(Membership::attest_credential {
		subject: 1,
		credential_type: kyc,
		commitment: Default::default(),
		expires_at: None,
	});
	assert!(SafeModeWhitelist::contains(&revoke));
	assert!(SafeModeWhitelist::contains(&refresh));
	assert!(!SafeModeWhitelist::contains(&attest));
}
