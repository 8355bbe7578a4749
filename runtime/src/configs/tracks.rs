//! The referendum tracks: their ids, origins, approval and support curves, and two tables of
//! periods — [`TRACKS`] in days for real chains, [`DEVELOPMENT_TRACKS`] in blocks for
//! development chains — of which the genesis chooses one (`governance.trackTable`).

use crate::*;
use alloc::borrow::Cow;
use frame_support::traits::OriginTrait;
use pallet_referenda::{Curve, Track, TrackInfo, TracksInfo};
use sp_runtime::Perbill;

/// A track name as `pallet-referenda` stores it.
const fn name(text: &str) -> [u8; 25] {
	let bytes = text.as_bytes();
	let mut out = [0u8; 25];
	let mut i = 0;
	while i < bytes.len() && i < 25 {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

/// A flat curve at `threshold` (`passing` is `value >= threshold`).
const fn flat(threshold: Perbill) -> Curve {
	Curve::LinearDecreasing { length: Perbill::one(), floor: threshold, ceil: threshold }
}

/// A curve from `ceil` at the start of the decision period down to `floor` at its end.
const fn falling(ceil: u32, floor: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::one(),
		floor: Perbill::from_percent(floor),
		ceil: Perbill::from_percent(ceil),
	}
}

/// More than half: one part per billion above 50 %.
const MAJORITY: Perbill = Perbill::from_parts(500_000_001);
/// At least 60 %.
const SIXTY_PERCENT: Perbill = Perbill::from_percent(60);
/// At least two thirds (2 of 3 votes, whose ratio rounds down to 666 666 666 parts per billion).
const TWO_THIRDS: Perbill = Perbill::from_parts(666_666_666);

/// The runtime-upgrade track's id.
pub const RUNTIME_UPGRADE_TRACK: u16 = 0;
/// The plan-terms track's id.
pub const PLAN_TERMS_TRACK: u16 = 1;
/// The accreditation track's id.
pub const ACCREDITATION_TRACK: u16 = 2;
/// The treasury-and-custody track's id.
pub const TREASURY_CUSTODY_TRACK: u16 = 3;
/// The emergency track's id.
pub const EMERGENCY_TRACK: u16 = 4;
/// How many runtime-upgrade referenda are decided at once: one junk proposal does not hold the
/// track.
pub const RUNTIME_UPGRADE_DECIDING: u32 = 3;

/// A track: id, name, how many are decided at once, decision deposit, the four periods
/// (prepare, decision, confirm, minimum enactment), approval and support curves.
#[allow(clippy::too_many_arguments)]
const fn track(
	id: u16,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	periods: [BlockNumber; 4],
	min_approval: Curve,
	min_support: Curve,
) -> Track<u16, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period: periods[0],
			decision_period: periods[1],
			confirm_period: periods[2],
			min_enactment_period: periods[3],
			min_approval,
			min_support,
		},
	}
}

/// The runtime-upgrade track with `periods` (prepare, decision, confirm, minimum enactment).
const fn runtime_upgrade(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		RUNTIME_UPGRADE_TRACK,
		"runtime_upgrade",
		RUNTIME_UPGRADE_DECIDING,
		1_000 * UNITS,
		periods,
		flat(TWO_THIRDS),
		falling(50, 20),
	)
}

/// The plan-terms track with `periods`.
const fn plan_terms(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(PLAN_TERMS_TRACK, "plan_terms", 10, 100 * UNITS, periods, flat(MAJORITY), falling(30, 10))
}

/// The accreditation track with `periods`.
const fn accreditation(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		ACCREDITATION_TRACK,
		"accreditation",
		10,
		100 * UNITS,
		periods,
		flat(MAJORITY),
		falling(30, 10),
	)
}

/// The treasury-and-custody track with `periods`.
const fn treasury_custody(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		TREASURY_CUSTODY_TRACK,
		"treasury_custody",
		5,
		500 * UNITS,
		periods,
		flat(SIXTY_PERCENT),
		falling(40, 15),
	)
}

/// The emergency track with `periods`.
const fn emergency(periods: [BlockNumber; 4]) -> Track<u16, Balance, BlockNumber> {
	track(
		EMERGENCY_TRACK,
		"emergency",
		5,
		50 * UNITS,
		periods,
		flat(MAJORITY),
		flat(Perbill::from_percent(20)),
	)
}

/// The tracks of a real chain. Support is the share of active member DIDs that voted.
pub static TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	runtime_upgrade([2 * HOURS, 14 * DAYS, 2 * DAYS, 7 * DAYS]),
	plan_terms([HOURS, 7 * DAYS, DAYS, DAYS]),
	accreditation([HOURS, 7 * DAYS, DAYS, DAYS]),
	treasury_custody([2 * HOURS, 10 * DAYS, 2 * DAYS, 2 * DAYS]),
	emergency([10 * MINUTES, 2 * DAYS, 10 * MINUTES, MINUTES]),
];

/// The same tracks with periods of a few blocks, for development chains and the node tests:
/// a referendum with enough votes is enacted about five blocks after submission (the runtime
/// upgrade eight).
pub static DEVELOPMENT_TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	runtime_upgrade([2, 40, 2, 4]),
	plan_terms([1, 40, 1, 2]),
	accreditation([1, 40, 1, 2]),
	treasury_custody([1, 40, 1, 3]),
	emergency([1, 20, 1, 1]),
];

/// The value of `governance.trackTable` that selects [`DEVELOPMENT_TRACKS`].
pub const DEVELOPMENT_TRACK_TABLE: u8 = 1;

/// Huzhu's tracks: [`TRACKS`], or [`DEVELOPMENT_TRACKS`] when the genesis chose them.
pub struct HuzhuTracks;
impl TracksInfo<Balance, BlockNumber> for HuzhuTracks {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		let table =
			if pallet_huzhu_governance::TrackTable::<Runtime>::get() == DEVELOPMENT_TRACK_TABLE {
				&DEVELOPMENT_TRACKS
			} else {
				&TRACKS
			};
		table.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<u16, ()> {
		if let Ok(system) = frame_system::RawOrigin::<AccountId>::try_from(origin.clone()) {
			return match system {
				frame_system::RawOrigin::Root => Ok(RUNTIME_UPGRADE_TRACK),
				_ => Err(()),
			};
		}
		match pallet_huzhu_governance::Origin::try_from(origin.clone()) {
			Ok(pallet_huzhu_governance::Origin::PlanTerms) => Ok(PLAN_TERMS_TRACK),
			Ok(pallet_huzhu_governance::Origin::Accreditation) => Ok(ACCREDITATION_TRACK),
			Ok(pallet_huzhu_governance::Origin::TreasuryCustody) => Ok(TREASURY_CUSTODY_TRACK),
			Ok(pallet_huzhu_governance::Origin::Emergency) => Ok(EMERGENCY_TRACK),
			Err(_) => Err(()),
		}
	}
}
