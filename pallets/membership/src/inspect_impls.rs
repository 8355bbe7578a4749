//! What the pallet offers others: the `huzhu-primitives` traits, the active-member origin and the
//! reads behind the runtime API.

use crate::{pallet::*, *};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::traits::Get;
use frame_support::{storage::with_storage_layer, traits::EnsureOrigin};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `did`'s membership of `plan`, if it is covered now: the record says active, every
	/// required credential is valid at this block, and the pool counts the member with a
	/// deposit (after what it owes) of at least the plan's minimum ([`MemberDeposits::is_covered`]).
	pub fn covered_membership(plan: PlanId, did: DidId) -> Option<MemberRecordOf<T>> {
		Self::covered_membership_if(plan, did, |_| true)
	}

	/// `did`'s membership of `plan`, if it is covered now (see [`Self::covered_membership`])
	/// and the plan's terms pass `terms_test`.
	fn covered_membership_if(
		plan: PlanId,
		did: DidId,
		terms_test: impl Fn(&PlanTermsOf<T>) -> bool,
	) -> Option<MemberRecordOf<T>> {
		let membership = Members::<T>::get(plan, did)?;
		if membership.status != MemberStatus::Active {
			return None;
		}
		let terms = Plans::<T>::get(plan)?.terms;
		if !terms_test(&terms) || !Self::holds_required_credentials(&terms, did) {
			return None;
		}
		let controller = Dids::<T>::get(did)?.controller;
		T::Deposits::is_covered(plan, &controller).then_some(membership)
	}

	/// Whether `did` is covered in at least one plan now (see [`Self::covered_membership`]): the
	/// test of a jury seat and of [`EnsureActiveMember`] (votes need [`Self::is_voter_did`]). At
	/// most
	/// [`Config::MaxMembershipsPerDid`] plans are looked at.
	pub fn is_covered_did(did: DidId) -> bool {
		ActiveMembershipsOf::<T>::get(did) > 0
			&& MembershipsOf::<T>::get(did)
				.iter()
				.any(|plan| Self::covered_membership(*plan, did).is_some())
	}

	/// Whether `did` votes now: covered (see [`Self::covered_membership`]) in at least one plan
	/// that requires [`Config::PersonhoodCredential`], so with a valid personhood credential
	/// now. At most [`Config::MaxMembershipsPerDid`] plans are looked at.
	pub fn is_voter_did(did: DidId) -> bool {
		VoterMembershipsOf::<T>::get(did) > 0
			&& Self::personhood_credential(did).is_some()
			&& MembershipsOf::<T>::get(did).iter().any(|plan| {
				Self::covered_membership_if(*plan, did, Self::requires_personhood).is_some()
			})
	}

	/// `did`'s personhood credential, if the person it attests is `did` ([`PersonOf`]): a
	/// second DID holding the same issuer's commitment (left by the version 4 migration, which
	/// keeps the first attested) is no person, and does not vote.
	fn personhood_credential(did: DidId) -> Option<CredentialOf<T>> {
		let credential = Credentials::<T>::get(did, T::PersonhoodCredential::get())?;
		(PersonOf::<T>::get(credential.issuer, credential.commitment) == Some(did))
			.then_some(credential)
	}

	/// The block since which `did` has been a voter on its current standing (see
	/// [`MembershipInspect::voter_since`]), if it is a voter now. At most
	/// [`Config::MaxMembershipsPerDid`] plans are looked at.
	pub fn voter_since_did(did: DidId) -> Option<BlockNumberFor<T>> {
		if VoterMembershipsOf::<T>::get(did) == 0 {
			return None;
		}
		let credential = Self::personhood_credential(did)?;
		let covered_since = MembershipsOf::<T>::get(did)
			.iter()
			.filter_map(|plan| {
				Self::covered_membership_if(*plan, did, Self::requires_personhood)
					.and_then(|membership| membership.active_since)
			})
			.min()?;
		Some(covered_since.max(credential.issued_at))
	}

	/// The DID document of `did`, for wallets and verifiers.
	pub fn resolve_did(
		did: DidId,
	) -> Option<DidDocument<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let record = Dids::<T>::get(did)?;
		let services = ServiceEndpoints::<T>::get(did)
			.into_iter()
			.map(|endpoint| (endpoint.kind.into_inner(), endpoint.url.into_inner()))
			.collect::<Vec<_>>();
		Some(DidDocument { id: did, uri: did_uri(did), record, services })
	}
}

impl<T: Config> MembershipInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn did_of(who: &T::AccountId) -> Option<DidId> {
		DidOf::<T>::get(who)
	}

	fn is_active_member(plan: PlanId, who: &T::AccountId) -> bool {
		DidOf::<T>::get(who).and_then(|did| Self::covered_membership(plan, did)).is_some()
	}

	fn active_since(plan: PlanId, who: &T::AccountId) -> Option<BlockNumberFor<T>> {
		Self::covered_membership(plan, DidOf::<T>::get(who)?)?.active_since
	}

	fn member_region(plan: PlanId, who: &T::AccountId) -> Option<RegionId> {
		let did = DidOf::<T>::get(who)?;
		Members::<T>::get(plan, did)?.region
	}

	fn active_member_count(plan: PlanId) -> u32 {
		Plans::<T>::get(plan).map_or(0, |plan| plan.active_members)
	}

	fn active_member_dids() -> u32 {
		ActiveMemberDids::<T>::get()
	}

	fn is_active_did(did: DidId) -> bool {
		Self::is_covered_did(did)
	}

	fn is_voter(did: DidId) -> bool {
		Self::is_voter_did(did)
	}

	fn voter_since(did: DidId) -> Option<BlockNumberFor<T>> {
		Self::voter_since_did(did)
	}

	fn voter_count() -> u32 {
		VoterDids::<T>::get()
	}

	fn active_member_at(plan: PlanId, index: u32) -> Option<T::AccountId> {
		let did = ActiveSlots::<T>::get(plan, index)?;
		Dids::<T>::get(did).map(|record| record.controller)
	}

	fn active_did_controller_at(index: u32) -> Option<T::AccountId> {
		let did = ActiveDidSlots::<T>::get(index)?;
		Dids::<T>::get(did).map(|record| record.controller)
	}

	fn is_member_in_region(who: &T::AccountId, region: RegionId) -> bool {
		let Some(did) = DidOf::<T>::get(who) else { return false };
		// Covered in the region, or sharing the cost of its payouts through the plan.
		MembershipsOf::<T>::get(did).iter().any(|plan| {
			Members::<T>::get(plan, did).is_some_and(|member| member.region == Some(region))
				|| Plans::<T>::get(plan)
					.is_some_and(|record| record.terms.regions.contains(&region))
		})
	}
}

impl<T: Config> IssuerPenalty<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn penalize_issuer(
		issuer: DidId,
		credential_type: CredentialTypeId,
		amount: BalanceOf<T>,
		beneficiary: &T::AccountId,
	) -> BalanceOf<T> {
		with_storage_layer(|| {
			Self::do_penalize_issuer(credential_type, issuer, amount, beneficiary)
		})
		.unwrap_or_else(|_| Zero::zero())
	}

	fn issuer_bond(issuer: DidId, credential_type: CredentialTypeId) -> BalanceOf<T> {
		Accreditations::<T>::get(credential_type, issuer)
			.map_or_else(Zero::zero, |accreditation| accreditation.bond)
	}
}

impl<T: Config> PlanInspect<BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn plan_terms(plan: PlanId) -> Option<PlanTermsOf<T>> {
		Plans::<T>::get(plan).map(|plan| plan.terms)
	}
}

impl<T: Config> CredentialInspect for Pallet<T> {
	fn has_valid_credential(did: DidId, credential_type: CredentialTypeId) -> bool {
		Self::credential_is_valid(did, credential_type)
	}

	fn is_accredited_issuer(did: DidId, credential_type: CredentialTypeId) -> bool {
		Dids::<T>::contains_key(did) && Self::issuer_is_accredited(did, credential_type)
	}
}

impl<T: Config> MemberStanding<T::AccountId> for Pallet<T> {
	fn deposit_exhausted(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		Self::do_deposit_exhausted(plan, who)
	}

	fn deposit_restored(plan: PlanId, who: &T::AccountId) -> DispatchResult {
		Self::do_deposit_restored(plan, who)
	}
}

/// An origin check for "signed by an account whose DID is covered in at least one plan" (any
/// plan: this is not the test of a vote, see [`MembershipInspect::is_voter`]). Succeeds with the
/// account and its DID. At most [`Config::MaxMembershipsPerDid`] plans are looked at.
pub struct EnsureActiveMember<T>(PhantomData<T>);

impl<T: Config> EnsureOrigin<T::RuntimeOrigin> for EnsureActiveMember<T> {
	type Success = (T::AccountId, DidId);

	fn try_origin(origin: T::RuntimeOrigin) -> Result<Self::Success, T::RuntimeOrigin> {
		let who = match frame_system::ensure_signed(origin.clone()) {
			Ok(who) => who,
			Err(_) => return Err(origin),
		};
		match DidOf::<T>::get(&who) {
			Some(did) if Pallet::<T>::is_covered_did(did) => Ok((who, did)),
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<T::RuntimeOrigin, ()> {
		// Any account with an active membership will do; benchmarks that need one create it.
		Err(())
	}
}
