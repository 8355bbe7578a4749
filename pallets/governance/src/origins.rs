//! The custom origins of the governance tracks and the `EnsureOrigin` checks other pallets use.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::EnsureOrigin;
use scale_info::TypeInfo;

/// The origin a passed referendum on a non-root track dispatches its proposal with.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Origin {
	/// Plans, their terms and the claim rules (adjudication periods, oracle metrics).
	PlanTerms,
	/// Credential types and the accreditation of issuers: hospitals, oracles, KYC providers.
	Accreditation,
	/// The pools' custodians and spends, pool parameters and forced payouts.
	TreasuryCustody,
	/// The emergency brake's review: ends or extends safe mode, pauses or unpauses calls,
	/// elects the emergency council. Moves no funds.
	Emergency,
}

macro_rules! ensure_track {
	($(#[$doc:meta])* $name:ident => $variant:ident) => {
		$(#[$doc])*
		pub struct $name;
		impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for $name {
			type Success = ();

			fn try_origin(origin: O) -> Result<Self::Success, O> {
				origin.into().and_then(|origin| match origin {
					Origin::$variant => Ok(()),
					other => Err(O::from(other)),
				})
			}

			#[cfg(feature = "runtime-benchmarks")]
			fn try_successful_origin() -> Result<O, ()> {
				Ok(O::from(Origin::$variant))
			}
		}
	};
}

ensure_track!(
	/// Accepts only a passed referendum of the plan-terms track.
	EnsurePlanTerms => PlanTerms
);
ensure_track!(
	/// Accepts only a passed referendum of the accreditation track.
	EnsureAccreditation => Accreditation
);
ensure_track!(
	/// Accepts only a passed referendum of the treasury-and-custody track.
	EnsureTreasuryCustody => TreasuryCustody
);
ensure_track!(
	/// Accepts only a passed referendum of the emergency track.
	EnsureEmergency => Emergency
);
