//! Storage migrations of the claims pallet.
//!
//! - [`v1::MigrateToV1`] (storage version 0 → 1): claims carry their decision data in their
//!   [`ClaimKind`] and their amounts in their [`ClaimStatus`]; disputes name their cause and
//!   their challengers; the agenda is keyed by tick of the adjudication [`Clock`]
//!   and [`Lane`]; periods gain `draw_delay`, metrics `outlier_tolerance`; open claims are
//!   counted per account and audits indexed per member and period.
//! - [`v2::MigrateToV2`] (1 → 2): each attestation records what it risks, and each medical
//!   institution's exposure — what its attestations of claims not yet decided for good may still
//!   cost it — is summed from those claims into
//!   [`AttesterExposure`]; [`BrakeEpisodes`]
//!   starts empty. It reads every stored claim once (the public record): a chain with a large
//!   record runs it as a multi-block migration.
//! - [`v3::MigrateToV3`] (2 → 3): each plan's open claims are queued, oldest first, in
//!   [`OpenQueues`] (what a member giving notice of its exit stays liable
//!   for). It reads every stored claim once.
//! - [`v4::MigrateToV4`] (3 → 4): each index event members may still pull, or whose pulls are
//!   not all closed, takes a place in its plan's queue ([`IndexEventPlaces`]), so that a member
//!   giving notice after the event opened stays liable for its payouts. It reads every index
//!   event and its pulls once.
//! - [`v5::MigrateToV5`] (4 → 5): the adjudication periods gain the public record's retention
//!   ([`AdjudicationParams::record_retention`], from [`Config::DefaultParams`]). Claims filed
//!   before it hold no record deposit ([`RecordDeposits`]): pruning them returns nothing. It
//!   writes one value.
//! - [`v6::MigrateToV6`] (5 → 6): the adjudication [`Clock`] follows
//!   [`Config::BlockNumberProvider`] through [`ClockSync`], written so that the upgrade's block
//!   moves the clock one tick as every block did. It writes one value.

use crate::{pallet::*, *};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
	BoundedVec,
};

/// Version 1: typed claim states, the adjudication clock and the agenda's lanes.
pub mod v1 {
	use super::*;
	use alloc::vec::Vec;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, Twox64Concat};
	use huzhu_primitives::membership::MAX_ATTESTATIONS_REQUIRED;
	use scale_info::TypeInfo;
	use sp_core::{ConstU32, H256};
	use sp_runtime::traits::{One, Saturating};

	/// The types as version 0 stored them.
	pub mod old {
		use super::*;

		#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub enum ClaimKind {
			Attestation,
			Alliance,
			Parametric { region: RegionId, period: u32 },
			Audit { region: RegionId, period: u32 },
		}

		#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub enum Decision {
			Attested,
			Triggered,
			Voted,
			Adjudicated,
		}

		#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub enum ClaimStatus<BlockNumber> {
			Filed { decide_by: BlockNumber },
			Challengeable { window_ends: BlockNumber },
			UnderJury { round: u8, commit_ends: BlockNumber, reveal_ends: BlockNumber },
			Appealable { upheld: bool, appeal_ends: BlockNumber },
			Approved,
			Paid { at: BlockNumber },
			Rejected { at: BlockNumber, reason: RejectionReason },
			Withdrawn,
		}

		#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct DecisionTally {
			pub confirmed_by: BoundedVec<DidId, ConstU32<{ MAX_ATTESTATIONS_REQUIRED as u32 }>>,
			pub denials: u8,
			pub ayes: u32,
			pub nays: u32,
			pub electorate: u32,
		}

		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct Claim<AccountId, Balance, BlockNumber> {
			pub plan: PlanId,
			pub claimant: AccountId,
			pub claimant_did: DidId,
			pub kind: ClaimKind,
			pub amount: Balance,
			pub approved_amount: Balance,
			pub evidence: H256,
			pub bond: Balance,
			pub filed_at: BlockNumber,
			pub status: ClaimStatus<BlockNumber>,
			pub decided_by: Option<Decision>,
			pub tally: DecisionTally,
		}

		#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
		pub struct Dispute<AccountId, Balance, Seats> {
			pub challenger: Option<(AccountId, Balance)>,
			pub reason: H256,
			pub appeal: Option<(AccountId, Balance)>,
			pub jurors: Seats,
			pub first_jurors: Vec<AccountId>,
		}

		#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct AdjudicationParams<BlockNumber> {
			pub decision_period: BlockNumber,
			pub commit_period: BlockNumber,
			pub reveal_period: BlockNumber,
			pub appeal_period: BlockNumber,
			pub index_claim_period: BlockNumber,
		}

		/// An attestation as versions 0 and 1 stored it (without what it risks).
		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct Attestation<Balance> {
			pub diagnosis: H256,
			pub confirmed_amount: Option<Balance>,
		}

		#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		pub struct MetricSpec<BlockNumber> {
			pub min_value: i64,
			pub max_value: i64,
			pub period_length: BlockNumber,
			pub submission_window: BlockNumber,
		}
	}

	/// A version-0 claim of runtime `T`.
	pub type OldClaimOf<T> =
		old::Claim<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
	/// A version-0 dispute of runtime `T`.
	pub type OldDisputeOf<T> =
		old::Dispute<<T as frame_system::Config>::AccountId, BalanceOf<T>, Vec<JurorSeatOf<T>>>;

	/// The attestations as versions 0 and 1 stored them, under the same storage prefix.
	pub mod old_attestations {
		use super::*;

		#[storage_alias]
		pub type Attestations<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ClaimId,
			Twox64Concat,
			DidId,
			old::Attestation<BalanceOf<T>>,
		>;
	}

	/// The version-0 agenda (a map by block), under the same storage prefix as the new one.
	pub mod old_agenda {
		use super::*;

		#[storage_alias]
		pub type Agenda<T: Config> = StorageMap<
			Pallet<T>,
			Twox64Concat,
			BlockNumberFor<T>,
			BoundedVec<ClaimId, <T as Config>::MaxDuePerBlock>,
			frame_support::pallet_prelude::ValueQuery,
		>;
	}

	/// Translates a version-0 claim (its kind from the tally and the recorded attestations, its
	/// amounts into its state).
	pub fn translate_claim<T: Config>(claim_id: ClaimId, old: OldClaimOf<T>) -> ClaimOf<T> {
		let amount = old.approved_amount;
		let decision = match old.decided_by {
			Some(old::Decision::Triggered) => Decision::Triggered,
			Some(old::Decision::Voted) => Decision::Voted,
			_ => Decision::Attested,
		};
		let kind = match old.kind {
			old::ClaimKind::Attestation => ClaimKind::Attestation {
				confirmed_by: old.tally.confirmed_by.clone(),
				denied_by: BoundedVec::truncate_from(
					old_attestations::Attestations::<T>::iter_prefix(claim_id)
						.filter(|(_, attestation)| attestation.confirmed_amount.is_none())
						.map(|(did, _)| did)
						.collect(),
				),
			},
			old::ClaimKind::Alliance => ClaimKind::Alliance {
				ayes: old.tally.ayes,
				nays: old.tally.nays,
				electorate: old.tally.electorate,
			},
			old::ClaimKind::Parametric { region, period } => {
				ClaimKind::Parametric { region, period }
			}
			old::ClaimKind::Audit { region, period } => ClaimKind::Audit { region, period },
		};
		let round = |round: u8| if round == 0 { JuryRound::First } else { JuryRound::Final };
		let status = match old.status {
			old::ClaimStatus::Filed { decide_by } => ClaimStatus::Filed { decide_by },
			old::ClaimStatus::Challengeable { window_ends } => {
				ClaimStatus::Challengeable { decision, amount, window_ends }
			}
			old::ClaimStatus::UnderJury { round: r, commit_ends, reveal_ends } => {
				ClaimStatus::Disputed {
					amount,
					round: round(r),
					phase: JuryPhase::Sitting { commit_ends, reveal_ends },
				}
			}
			old::ClaimStatus::Appealable { upheld, appeal_ends } => ClaimStatus::Disputed {
				amount,
				round: JuryRound::First,
				phase: JuryPhase::Appealable { upheld, appeal_ends },
			},
			old::ClaimStatus::Approved => ClaimStatus::Approved { amount },
			old::ClaimStatus::Paid { at } => ClaimStatus::Paid { at, amount },
			old::ClaimStatus::Rejected { at, reason } => ClaimStatus::Rejected { at, reason },
			old::ClaimStatus::Withdrawn => ClaimStatus::Withdrawn,
		};
		Claim {
			plan: old.plan,
			claimant: old.claimant,
			claimant_did: old.claimant_did,
			kind,
			amount: old.amount,
			evidence: old.evidence,
			bond: old.bond,
			filed_at: old.filed_at,
			status,
		}
	}

	/// Translates a version-0 dispute of a claim filed by `claimant`.
	pub fn translate_dispute<T: Config>(
		claimant: &T::AccountId,
		old: OldDisputeOf<T>,
	) -> DisputeOf<T> {
		let challengers: Vec<DisputantOf<T>> = old
			.challenger
			.iter()
			.map(|(who, bond)| Disputant { who: who.clone(), bond: *bond })
			.collect();
		Dispute {
			cause: if challengers.is_empty() {
				DisputeCause::Audit
			} else {
				DisputeCause::Challenge
			},
			challengers: BoundedVec::truncate_from(challengers),
			reason: old.reason,
			appeal: old.appeal.map(|(who, bond)| Appeal {
				side: if who == *claimant { Side::Claimant } else { Side::Challengers },
				by: Disputant { who, bond },
			}),
			jurors: BoundedVec::truncate_from(old.jurors),
			first_jurors: BoundedVec::truncate_from(old.first_jurors),
			revealed: BoundedVec::new(),
		}
	}

	/// The migration's work, run once by [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			// The clock takes over from the block number: the agenda of this block is served at
			// the tick `on_initialize` is about to reach.
			let block = frame_system::Pallet::<T>::block_number();
			Clock::<T>::put(block.saturating_sub(One::one()));
			writes += 1;

			let mut translated: Vec<(ClaimId, ClaimOf<T>)> = Vec::new();
			Claims::<T>::translate::<OldClaimOf<T>, _>(|claim_id, old| {
				reads += 1;
				writes += 1;
				let claim = translate_claim::<T>(claim_id, old);
				translated.push((claim_id, claim.clone()));
				Some(claim)
			});
			for (claim_id, claim) in translated.iter() {
				if !claim.status.is_final() {
					OpenClaims::<T>::mutate(&claim.claimant, |open| *open = open.saturating_add(1));
					writes += 1;
				}
				if let ClaimKind::Audit { region, period } = claim.kind {
					AuditClaims::<T>::insert(
						(claim.plan, region, period),
						claim.claimant_did,
						claim_id,
					);
					writes += 1;
				}
			}
			let claimants: alloc::collections::BTreeMap<ClaimId, T::AccountId> = translated
				.iter()
				.map(|(claim_id, claim)| (*claim_id, claim.claimant.clone()))
				.collect();
			Disputes::<T>::translate::<OldDisputeOf<T>, _>(|claim_id, old| {
				reads += 1;
				writes += 1;
				Some(translate_dispute::<T>(claimants.get(&claim_id)?, old))
			});

			// The old agenda goes; each claim with a deadline is scheduled anew in its lane. A
			// deadline that version 0 let pass (a dropped hook step) is due at the next tick.
			let old_agenda: Vec<_> = old_agenda::Agenda::<T>::drain().collect();
			reads += old_agenda.len() as u64;
			writes += old_agenda.len() as u64;
			let next_tick = block;
			for (claim_id, mut claim) in translated {
				let Some((at, lane)) = claim.status.due_at() else { continue };
				writes += 1;
				match Pallet::<T>::schedule(claim_id, at.max(next_tick), lane) {
					Ok(scheduled) if scheduled != at => {
						claim.status = claim.status.with_deadline(scheduled);
						Claims::<T>::insert(claim_id, claim);
						writes += 1;
					}
					Ok(_) => {}
					Err(_) => Pallet::<T>::end_unproven(
						claim_id,
						claim,
						crate::jury_impls::Unproven::NoJury,
					),
				}
			}

			// Written in the layout of versions 1 to 4, which the v5 migration reads.
			let params_key = Params::<T>::hashed_key();
			if let Some(old) = frame_support::storage::unhashed::get::<
				old::AdjudicationParams<BlockNumberFor<T>>,
			>(&params_key)
			{
				frame_support::storage::unhashed::put(
					&params_key,
					&super::v5::OldAdjudicationParams {
						decision_period: old.decision_period,
						draw_delay: T::DefaultParams::get().draw_delay,
						commit_period: old.commit_period,
						reveal_period: old.reveal_period,
						appeal_period: old.appeal_period,
						index_claim_period: old.index_claim_period,
					},
				);
			}
			Metrics::<T>::translate::<old::MetricSpec<BlockNumberFor<T>>, _>(|_, old| {
				reads += 1;
				writes += 1;
				Some(MetricSpec {
					min_value: old.min_value,
					max_value: old.max_value,
					period_length: old.period_length,
					submission_window: old.submission_window,
					outlier_tolerance: u64::MAX,
				})
			});
			T::DbWeight::get().reads_writes(reads.saturating_add(2), writes.saturating_add(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let claims = Claims::<T>::iter_keys().count() as u64;
			Ok(claims.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("bad pre-upgrade state"))?;
			frame_support::ensure!(
				Claims::<T>::iter().count() as u64 == before,
				"every claim survives the migration"
			);
			// The whole of `try_state` holds once the later versions ran (v2 checks it).
			Ok(())
		}
	}

	/// Migrates the claims pallet from storage version 0 to 1 (see the module docs).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: institutions' exposure and the brake's episodes.
pub mod v2 {
	use super::*;
	use alloc::collections::btree_map::BTreeMap;
	use sp_runtime::traits::{Saturating, Zero};

	/// Records with each attestation what it risks ([`Attestation::at_risk`], from
	/// [`Config::AttesterSlash`] as it is now), then sums each institution's exposure over the
	/// claims it attested that are not yet decided for good.
	pub struct InnerMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			Attestations::<T>::translate::<super::v1::old::Attestation<BalanceOf<T>>, _>(
				|claim_id, _attester, old| {
					reads.saturating_accrue(2);
					writes.saturating_inc();
					let at_risk = Claims::<T>::get(claim_id).map_or_else(Zero::zero, |claim| {
						Pallet::<T>::at_risk(old.confirmed_amount, &claim)
					});
					Some(Attestation {
						diagnosis: old.diagnosis,
						confirmed_amount: old.confirmed_amount,
						at_risk,
					})
				},
			);
			let mut exposure: BTreeMap<DidId, BalanceOf<T>> = BTreeMap::new();
			for (claim_id, claim) in Claims::<T>::iter() {
				reads.saturating_inc();
				if claim.status.is_final() || matches!(claim.status, ClaimStatus::Approved { .. }) {
					continue;
				}
				let ClaimKind::Attestation { confirmed_by, denied_by } = &claim.kind else {
					continue;
				};
				for attester in confirmed_by.iter().chain(denied_by.iter()) {
					reads.saturating_inc();
					let at_risk = Attestations::<T>::get(claim_id, attester)
						.map_or_else(Zero::zero, |attestation| attestation.at_risk);
					let entry = exposure.entry(*attester).or_default();
					*entry = entry.saturating_add(at_risk);
				}
			}
			for (attester, at_risk) in exposure {
				if !at_risk.is_zero() {
					writes.saturating_inc();
					AttesterExposure::<T>::insert(attester, at_risk);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 1 → 2, run once.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 3: each plan's open claims in a queue, oldest first.
pub mod v3 {
	use super::*;
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use sp_runtime::Saturating;

	/// Queues every open claim in its plan's [`OpenQueues`], in filing order.
	/// It reads every stored claim once (the public record): a chain with a large record runs it
	/// as a multi-block migration.
	pub struct InnerMigrateToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut open: BTreeMap<PlanId, Vec<ClaimId>> = BTreeMap::new();
			for (claim_id, claim) in Claims::<T>::iter() {
				reads.saturating_inc();
				if !claim.status.is_final() {
					open.entry(claim.plan).or_default().push(claim_id);
				}
			}
			let mut writes: u64 = 0;
			for (plan, mut claims) in open {
				claims.sort_unstable();
				for claim_id in claims {
					Pallet::<T>::enqueue_open(plan, claim_id);
					writes = writes.saturating_add(3);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 2 → 3, run once.
	pub type MigrateToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 4: each open index event holds a place in its plan's queue of open claims.
pub mod v4 {
	use super::*;
	use alloc::vec::Vec;
	use sp_runtime::Saturating;

	/// Gives every index event that members may still pull, or whose pulls are not all closed,
	/// its place in the plan's queue ([`IndexEventPlaces`]), after the claims already queued.
	/// It reads every index event and its pulls once: a chain with a long record runs it as a
	/// multi-block migration.
	pub struct InnerMigrateToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			let tick = Pallet::<T>::tick();
			let events: Vec<_> = IndexEvents::<T>::iter().collect();
			for (plan, (region, period), event) in events {
				reads.saturating_inc();
				let key = (plan, region, period);
				let open_pulls = IndexClaims::<T>::iter_prefix_values(key)
					.filter(|claim_id| {
						reads.saturating_inc();
						Claims::<T>::get(claim_id).is_some_and(|claim| !claim.status.is_final())
					})
					.count() as u32;
				let pullable = tick < event.claims_until;
				if !pullable && open_pulls == 0 {
					continue;
				}
				let Ok(place) = Pallet::<T>::take_next_claim_id() else { break };
				let claims_until = if pullable {
					match Pallet::<T>::schedule(place, event.claims_until, Lane::Windows) {
						Ok(at) => at,
						// No room on the agenda: the place leaves with its last pull, if any.
						Err(_) if open_pulls > 0 => tick,
						Err(_) => continue,
					}
				} else {
					event.claims_until
				};
				Pallet::<T>::enqueue_open(plan, place);
				IndexEventPlaces::<T>::insert(
					place,
					IndexEventPlace { plan, region, period, open_pulls, claims_until },
				);
				IndexEventPlaceIds::<T>::insert(key, place);
				writes = writes.saturating_add(7);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 3 → 4, run once.
	pub type MigrateToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 5: the public record's retention, after which finished claims may be pruned.
pub mod v5 {
	use super::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;

	/// The adjudication periods as versions 1 to 4 stored them.
	#[derive(
		Clone,
		Copy,
		PartialEq,
		Eq,
		codec::Encode,
		codec::Decode,
		codec::MaxEncodedLen,
		scale_info::TypeInfo,
		Debug,
	)]
	pub struct OldAdjudicationParams<BlockNumber> {
		/// See [`AdjudicationParams::decision_period`].
		pub decision_period: BlockNumber,
		/// See [`AdjudicationParams::draw_delay`].
		pub draw_delay: BlockNumber,
		/// See [`AdjudicationParams::commit_period`].
		pub commit_period: BlockNumber,
		/// See [`AdjudicationParams::reveal_period`].
		pub reveal_period: BlockNumber,
		/// See [`AdjudicationParams::appeal_period`].
		pub appeal_period: BlockNumber,
		/// See [`AdjudicationParams::index_claim_period`].
		pub index_claim_period: BlockNumber,
	}

	/// Gives the periods governance set the default retention of the public record.
	pub struct InnerMigrateToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let _ = Params::<T>::translate::<OldAdjudicationParams<BlockNumberFor<T>>, _>(|old| {
				old.map(|old| AdjudicationParams {
					decision_period: old.decision_period,
					draw_delay: old.draw_delay,
					commit_period: old.commit_period,
					reveal_period: old.reveal_period,
					appeal_period: old.appeal_period,
					index_claim_period: old.index_claim_period,
					record_retention: T::DefaultParams::get().record_retention,
				})
			});
			T::DbWeight::get().reads_writes(1, 1)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			frame_support::ensure!(
				Params::<T>::exists() == Params::<T>::get().is_some(),
				"the periods decode"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 4 → 5, run once.
	pub type MigrateToV5<T> = VersionedMigration<
		4,
		5,
		InnerMigrateToV5<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 6: the adjudication clock follows [`Config::BlockNumberProvider`].
pub mod v6 {
	use super::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use sp_runtime::traits::{BlockNumberProvider, One, Saturating, Zero};

	/// Writes where the clock stands against the block-number source: one block of it passed
	/// since the last block and nothing is owed, so the upgrade's block moves the clock one tick,
	/// as every block before it did.
	pub struct InnerMigrateToV6<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV6<T> {
		fn on_runtime_upgrade() -> Weight {
			let block = T::BlockNumberProvider::current_block_number();
			ClockSync::<T>::put(ClockSyncPoint {
				seen: block.saturating_sub(One::one()),
				owed: Zero::zero(),
			});
			T::DbWeight::get().writes(1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok(Clock::<T>::get().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let tick = BlockNumberFor::<T>::decode(&mut &state[..])
				.map_err(|_| "the clock before the upgrade")?;
			frame_support::ensure!(Clock::<T>::get() == tick, "the clock did not move");
			frame_support::ensure!(
				ClockSync::<T>::get().is_some_and(|sync| sync.owed.is_zero()),
				"the clock owes no tick"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 5 → 6, run once.
	pub type MigrateToV6<T> = VersionedMigration<
		5,
		6,
		InnerMigrateToV6<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
