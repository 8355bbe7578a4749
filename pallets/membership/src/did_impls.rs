//! DIDs: creation, keys, service endpoints, deactivation.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The DID `controller` controls, or [`Error::NoDid`].
	pub(crate) fn did_of_controller(controller: &T::AccountId) -> Result<DidId, DispatchError> {
		DidOf::<T>::get(controller).ok_or_else(|| Error::<T>::NoDid.into())
	}

	/// The DID and its record `controller` controls.
	fn controlled_did(controller: &T::AccountId) -> Result<(DidId, DidRecordOf<T>), DispatchError> {
		let did = Self::did_of_controller(controller)?;
		let record = Dids::<T>::get(did).ok_or(Error::<T>::DidNotFound)?;
		Ok((did, record))
	}

	pub(crate) fn do_create_did(
		controller: T::AccountId,
		authentication: DidPublicKey,
	) -> Result<DidId, DispatchError> {
		ensure!(!DidOf::<T>::contains_key(&controller), Error::<T>::AlreadyHasDid);
		let did = NextDidId::<T>::get();
		let next = did.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = T::DidDeposit::get();
		T::Currency::hold(&HoldReason::DidDeposit.into(), &controller, deposit)?;

		let record = DidRecord {
			controller: controller.clone(),
			authentication,
			delegation: None,
			attestation: None,
			deposit,
			created_at: Pallet::<T>::now(),
			issuer_roles: 0,
		};
		Dids::<T>::insert(did, record);
		DidOf::<T>::insert(&controller, did);
		NextDidId::<T>::put(next);
		Self::deposit_event(Event::DidCreated { did, controller, deposit });
		Ok(did)
	}

	pub(crate) fn do_set_did_key(
		controller: &T::AccountId,
		purpose: KeyPurpose,
		key: DidPublicKey,
	) -> DispatchResult {
		let (did, mut record) = Self::controlled_did(controller)?;
		ensure!(record.key(purpose) != Some(&key), Error::<T>::KeyUnchanged);
		match purpose {
			KeyPurpose::Authentication => record.authentication = key,
			KeyPurpose::Delegation => record.delegation = Some(key),
			KeyPurpose::Attestation => record.attestation = Some(key),
		}
		Dids::<T>::insert(did, record);
		Self::deposit_event(Event::DidKeySet { did, purpose });
		Ok(())
	}

	pub(crate) fn do_revoke_did_key(
		controller: &T::AccountId,
		purpose: KeyPurpose,
	) -> DispatchResult {
		let (did, mut record) = Self::controlled_did(controller)?;
		let slot = match purpose {
			KeyPurpose::Authentication => Err(Error::<T>::AuthenticationKeyRequired)?,
			KeyPurpose::Delegation => &mut record.delegation,
			KeyPurpose::Attestation => &mut record.attestation,
		};
		ensure!(slot.take().is_some(), Error::<T>::KeyNotSet);
		Dids::<T>::insert(did, record);
		Self::deposit_event(Event::DidKeyRevoked { did, purpose });
		Ok(())
	}

	/// Whether `endpoint` has a kind and a printable-ASCII URL with a scheme (`x://…`).
	fn is_valid_service_endpoint(endpoint: &ServiceEndpointOf<T>) -> bool {
		let url = endpoint.url.as_slice();
		let printable = |bytes: &[u8]| bytes.iter().all(|b| (0x21..=0x7e).contains(b));
		let scheme_end = url.windows(3).position(|w| w == b"://");
		!endpoint.kind.is_empty()
			&& printable(endpoint.kind.as_slice())
			&& printable(url)
			&& matches!(scheme_end, Some(end) if end > 0 && end + 3 < url.len())
	}

	pub(crate) fn do_add_service_endpoint(
		controller: &T::AccountId,
		endpoint: ServiceEndpointOf<T>,
	) -> DispatchResult {
		let (did, mut record) = Self::controlled_did(controller)?;
		ensure!(Self::is_valid_service_endpoint(&endpoint), Error::<T>::InvalidServiceEndpoint);
		let mut endpoints = ServiceEndpoints::<T>::get(did);
		let index = endpoints.len() as u32;
		endpoints.try_push(endpoint).map_err(|_| Error::<T>::TooManyServiceEndpoints)?;
		let deposit = T::ServiceEndpointDeposit::get();
		record.deposit = record.deposit.checked_add(&deposit).ok_or(ArithmeticError::Overflow)?;
		T::Currency::hold(&HoldReason::DidDeposit.into(), controller, deposit)?;

		ServiceEndpoints::<T>::insert(did, endpoints);
		Dids::<T>::insert(did, record);
		Self::deposit_event(Event::ServiceEndpointAdded { did, index });
		Ok(())
	}

	pub(crate) fn do_remove_service_endpoint(
		controller: &T::AccountId,
		index: u32,
	) -> DispatchResult {
		let (did, mut record) = Self::controlled_did(controller)?;
		let mut endpoints = ServiceEndpoints::<T>::get(did);
		let position = index as usize;
		ensure!(position < endpoints.len(), Error::<T>::ServiceEndpointNotFound);
		endpoints.remove(position);
		// What this endpoint's deposit was when taken is not recorded per endpoint; release the
		// current rate, never more than what is held for the DID beyond its base deposit.
		let releasable = record.deposit.saturating_sub(T::DidDeposit::get());
		let release = T::ServiceEndpointDeposit::get().min(releasable);
		record.deposit = record.deposit.checked_sub(&release).ok_or(ArithmeticError::Underflow)?;
		T::Currency::release(
			&HoldReason::DidDeposit.into(),
			controller,
			release,
			Precision::Exact,
		)?;

		if endpoints.is_empty() {
			ServiceEndpoints::<T>::remove(did);
		} else {
			ServiceEndpoints::<T>::insert(did, endpoints);
		}
		Dids::<T>::insert(did, record);
		Self::deposit_event(Event::ServiceEndpointRemoved { did, index });
		Ok(())
	}

	pub(crate) fn do_deactivate_did(controller: &T::AccountId) -> DispatchResult {
		let (did, record) = Self::controlled_did(controller)?;
		ensure!(MembershipsOf::<T>::get(did).is_empty(), Error::<T>::DidHasMemberships);
		ensure!(record.issuer_roles.is_zero(), Error::<T>::DidIsIssuer);
		let released = T::Currency::release(
			&HoldReason::DidDeposit.into(),
			controller,
			record.deposit,
			Precision::BestEffort,
		)?;
		// The person may take its personhood credential's commitment to a new DID.
		if let Some(person) = Credentials::<T>::get(did, T::PersonhoodCredential::get()) {
			Self::forget_person(did, person.issuer, person.commitment);
		}
		Dids::<T>::remove(did);
		DidOf::<T>::remove(controller);
		ServiceEndpoints::<T>::remove(did);
		Self::deposit_event(Event::DidDeactivated { did, deposit_released: released });
		Ok(())
	}
}
