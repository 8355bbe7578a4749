//! Credential types, issuer accreditation and bonds, attestation and revocation.

use crate::{pallet::*, *};
use frame_support::{
	ensure,
	traits::{
		fungible::{Balanced, BalancedHold, MutateHold},
		tokens::{imbalance::Imbalance, Precision},
		Get, OnUnbalanced,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, Saturating},
	ArithmeticError, DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Whether `did` exists and holds an unexpired credential of `credential_type` whose issuer
	/// is accredited for the type now — and, for [`Config::PersonhoodCredential`], whose person
	/// is recorded under `did` ([`PersonOf`]): a second DID holding the same issuer's
	/// commitment (left by the version 4 migration) holds no valid personhood credential, so it
	/// neither joins nor stays covered in a plan requiring one, and its memberships there lapse
	/// (by a refresh or the voters' sweep).
	pub fn credential_is_valid(did: DidId, credential_type: CredentialTypeId) -> bool {
		if !Dids::<T>::contains_key(did) {
			return false;
		}
		let Some(credential) = Credentials::<T>::get(did, credential_type) else {
			return false;
		};
		if credential_type == T::PersonhoodCredential::get()
			&& PersonOf::<T>::get(credential.issuer, credential.commitment) != Some(did)
		{
			return false;
		}
		Self::is_valid(&credential, credential_type)
	}

	/// Whether `credential` of `credential_type` is unexpired and its issuer accredited now.
	fn is_valid(credential: &CredentialOf<T>, credential_type: CredentialTypeId) -> bool {
		let now = Pallet::<T>::now();
		let unexpired = credential.expires_at.is_none_or(|expiry| now < expiry);
		unexpired && Self::issuer_is_accredited(credential.issuer, credential_type)
	}

	/// Whether `issuer` is accredited for `credential_type` now.
	pub fn issuer_is_accredited(issuer: DidId, credential_type: CredentialTypeId) -> bool {
		Accreditations::<T>::get(credential_type, issuer)
			.is_some_and(|accreditation| accreditation.status == IssuerStatus::Accredited)
	}

	/// Changes the number of accreditations a DID has by one.
	fn adjust_issuer_roles(did: DidId, increase: bool) -> DispatchResult {
		Dids::<T>::try_mutate(did, |record| {
			let record = record.as_mut().ok_or(Error::<T>::DidNotFound)?;
			record.issuer_roles = if increase {
				record.issuer_roles.checked_add(1).ok_or(ArithmeticError::Overflow)?
			} else {
				record.issuer_roles.checked_sub(1).ok_or(ArithmeticError::Underflow)?
			};
			Ok(())
		})
	}

	/// Releases an accreditation's bond and removes the accreditation.
	fn remove_accreditation(
		credential_type: CredentialTypeId,
		issuer: DidId,
		accreditation: AccreditationOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		Self::adjust_issuer_roles(issuer, false)?;
		let released = T::Currency::release(
			&HoldReason::IssuerBond.into(),
			&accreditation.bonded_account,
			accreditation.bond,
			Precision::BestEffort,
		)?;
		Accreditations::<T>::remove(credential_type, issuer);
		Ok(released)
	}

	/// Suspends an accreditation: its bond stays slashable for the unbonding period.
	fn suspend(
		credential_type: CredentialTypeId,
		issuer: DidId,
		mut accreditation: AccreditationOf<T>,
	) -> DispatchResult {
		let unbonds_at = Pallet::<T>::now()
			.checked_add(&T::IssuerUnbondingPeriod::get())
			.ok_or(ArithmeticError::Overflow)?;
		accreditation.status = IssuerStatus::Suspended { unbonds_at };
		Accreditations::<T>::insert(credential_type, issuer, accreditation);
		Self::deposit_event(Event::IssuerSuspended { credential_type, issuer, unbonds_at });
		Ok(())
	}

	pub(crate) fn do_register_credential_type(
		name: Label,
		schema_hash: H256,
		issuer_bond: BalanceOf<T>,
	) -> Result<CredentialTypeId, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyCredentialTypeName);
		let credential_type = NextCredentialTypeId::<T>::get();
		let next = credential_type.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		CredentialTypes::<T>::insert(
			credential_type,
			CredentialType { name, schema_hash, issuer_bond },
		);
		NextCredentialTypeId::<T>::put(next);
		Self::deposit_event(Event::CredentialTypeRegistered { credential_type, schema_hash });
		Ok(credential_type)
	}

	pub(crate) fn do_request_accreditation(
		controller: &T::AccountId,
		credential_type: CredentialTypeId,
	) -> DispatchResult {
		let issuer = Self::did_of_controller(controller)?;
		let bond = CredentialTypes::<T>::get(credential_type)
			.ok_or(Error::<T>::CredentialTypeNotFound)?
			.issuer_bond;
		ensure!(
			!Accreditations::<T>::contains_key(credential_type, issuer),
			Error::<T>::AccreditationExists
		);
		Self::adjust_issuer_roles(issuer, true)?;
		T::Currency::hold(&HoldReason::IssuerBond.into(), controller, bond)?;
		Accreditations::<T>::insert(
			credential_type,
			issuer,
			Accreditation {
				bonded_account: controller.clone(),
				bond,
				status: IssuerStatus::Requested,
			},
		);
		Self::deposit_event(Event::AccreditationRequested { credential_type, issuer, bond });
		Ok(())
	}

	pub(crate) fn do_accredit_issuer(
		credential_type: CredentialTypeId,
		issuer: DidId,
	) -> DispatchResult {
		let mut accreditation = Accreditations::<T>::get(credential_type, issuer)
			.ok_or(Error::<T>::AccreditationNotFound)?;
		ensure!(accreditation.status != IssuerStatus::Accredited, Error::<T>::AlreadyAccredited);
		accreditation.status = IssuerStatus::Accredited;
		Accreditations::<T>::insert(credential_type, issuer, accreditation);
		Self::deposit_event(Event::IssuerAccredited { credential_type, issuer });
		Ok(())
	}

	pub(crate) fn do_suspend_issuer(
		credential_type: CredentialTypeId,
		issuer: DidId,
	) -> DispatchResult {
		let accreditation = Accreditations::<T>::get(credential_type, issuer)
			.ok_or(Error::<T>::AccreditationNotFound)?;
		match accreditation.status {
			IssuerStatus::Requested => {
				Self::remove_accreditation(credential_type, issuer, accreditation)?;
				Self::deposit_event(Event::AccreditationRejected { credential_type, issuer });
				Ok(())
			}
			IssuerStatus::Accredited => Self::suspend(credential_type, issuer, accreditation),
			IssuerStatus::Suspended { .. } => Err(Error::<T>::NotAccredited.into()),
		}
	}

	/// Slashes up to `amount` of the issuer's bond for `credential_type`; returns the
	/// accreditation with its bond lowered (for the caller to store) and the slashed credit.
	fn slash_bond(
		credential_type: CredentialTypeId,
		issuer: DidId,
		amount: BalanceOf<T>,
	) -> Result<(AccreditationOf<T>, CreditOf<T>), DispatchError> {
		let mut accreditation = Accreditations::<T>::get(credential_type, issuer)
			.ok_or(Error::<T>::AccreditationNotFound)?;
		// The credit falls short of the amount only if the held bond was smaller than the books
		// say.
		let (credit, _missing) = T::Currency::slash(
			&HoldReason::IssuerBond.into(),
			&accreditation.bonded_account,
			amount.min(accreditation.bond),
		);
		let slashed = credit.peek();
		accreditation.bond = accreditation.bond.saturating_sub(slashed);
		Self::deposit_event(Event::IssuerSlashed { credential_type, issuer, amount: slashed });
		Ok((accreditation, credit))
	}

	pub(crate) fn do_slash_issuer(
		credential_type: CredentialTypeId,
		issuer: DidId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let (accreditation, credit) = Self::slash_bond(credential_type, issuer, amount)?;
		T::OnIssuerSlash::on_unbalanced(credit);
		Accreditations::<T>::insert(credential_type, issuer, accreditation);
		Ok(())
	}

	/// A jury found one of the issuer's attestations false: up to `amount` of its bond goes to
	/// `beneficiary` (the harmed plan's pool) and an accredited issuer is suspended until
	/// governance acts. Returns the amount moved.
	pub(crate) fn do_penalize_issuer(
		credential_type: CredentialTypeId,
		issuer: DidId,
		amount: BalanceOf<T>,
		beneficiary: &T::AccountId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let (accreditation, credit) = Self::slash_bond(credential_type, issuer, amount)?;
		let slashed = credit.peek();
		T::Currency::resolve(beneficiary, credit)
			.map_err(|_| DispatchError::Other("the beneficiary cannot receive the slash"))?;
		if accreditation.status == IssuerStatus::Accredited {
			Self::suspend(credential_type, issuer, accreditation)?;
		} else {
			Accreditations::<T>::insert(credential_type, issuer, accreditation);
		}
		Ok(slashed)
	}

	pub(crate) fn do_resign_accreditation(
		controller: &T::AccountId,
		credential_type: CredentialTypeId,
	) -> DispatchResult {
		let issuer = Self::did_of_controller(controller)?;
		let accreditation = Accreditations::<T>::get(credential_type, issuer)
			.ok_or(Error::<T>::AccreditationNotFound)?;
		match accreditation.status {
			IssuerStatus::Requested => {
				let amount = Self::remove_accreditation(credential_type, issuer, accreditation)?;
				Self::deposit_event(Event::IssuerBondWithdrawn { credential_type, issuer, amount });
				Ok(())
			}
			IssuerStatus::Accredited => Self::suspend(credential_type, issuer, accreditation),
			IssuerStatus::Suspended { .. } => Err(Error::<T>::NotAccredited.into()),
		}
	}

	pub(crate) fn do_withdraw_issuer_bond(
		controller: &T::AccountId,
		credential_type: CredentialTypeId,
	) -> DispatchResult {
		let issuer = Self::did_of_controller(controller)?;
		let accreditation = Accreditations::<T>::get(credential_type, issuer)
			.ok_or(Error::<T>::AccreditationNotFound)?;
		let IssuerStatus::Suspended { unbonds_at } = accreditation.status else {
			return Err(Error::<T>::AccreditationNotSuspended.into());
		};
		ensure!(Pallet::<T>::now() >= unbonds_at, Error::<T>::BondStillLocked);
		ensure!(!T::Exposure::is_exposed(issuer, credential_type), Error::<T>::IssuerExposed);
		let amount = Self::remove_accreditation(credential_type, issuer, accreditation)?;
		Self::deposit_event(Event::IssuerBondWithdrawn { credential_type, issuer, amount });
		Ok(())
	}

	pub(crate) fn do_attest_credential(
		controller: &T::AccountId,
		subject: DidId,
		credential_type: CredentialTypeId,
		commitment: H256,
		expires_at: Option<BlockNumberFor<T>>,
	) -> DispatchResult {
		let issuer = Self::did_of_controller(controller)?;
		ensure!(Self::issuer_is_accredited(issuer, credential_type), Error::<T>::NotAccredited);
		ensure!(issuer != subject, Error::<T>::SelfAttestation);
		ensure!(Dids::<T>::contains_key(subject), Error::<T>::DidNotFound);
		let now = Pallet::<T>::now();
		ensure!(expires_at.is_none_or(|expiry| expiry > now), Error::<T>::ExpiryInPast);
		let existing = Credentials::<T>::get(subject, credential_type);
		if let Some(existing) = &existing {
			ensure!(
				existing.issuer == issuer || !Self::is_valid(existing, credential_type),
				Error::<T>::CredentialFromOtherIssuer
			);
		}
		if credential_type == T::PersonhoodCredential::get() {
			if let Some(other) = PersonOf::<T>::get(issuer, commitment) {
				ensure!(
					other == subject || !Self::holds_person(other, issuer, commitment),
					Error::<T>::DuplicatePerson
				);
			}
			// The subject's previous personhood credential, replaced, no longer names it.
			if let Some(previous) = &existing {
				Self::forget_person(subject, previous.issuer, previous.commitment);
			}
			PersonOf::<T>::insert(issuer, commitment, subject);
		}
		// A renewal (the same issuer attesting the same commitment again while the credential is
		// valid, to move its expiry) keeps the issue block: the holder's standing did not start
		// over, so it keeps its vote on polls already submitted. Anything else starts now.
		let issued_at = match &existing {
			Some(previous)
				if previous.issuer == issuer
					&& previous.commitment == commitment
					&& Self::is_valid(previous, credential_type) =>
			{
				previous.issued_at
			}
			_ => now,
		};
		Credentials::<T>::insert(
			subject,
			credential_type,
			Credential { issuer, commitment, issued_at, expires_at },
		);
		Self::deposit_event(Event::CredentialAttested {
			subject,
			credential_type,
			issuer,
			expires_at,
		});
		Ok(())
	}

	pub(crate) fn do_revoke_credential(
		controller: &T::AccountId,
		subject: DidId,
		credential_type: CredentialTypeId,
	) -> DispatchResult {
		let issuer = Self::did_of_controller(controller)?;
		let credential = Credentials::<T>::get(subject, credential_type)
			.ok_or(Error::<T>::CredentialNotFound)?;
		ensure!(credential.issuer == issuer, Error::<T>::NotCredentialIssuer);
		if credential_type == T::PersonhoodCredential::get() {
			Self::forget_person(subject, issuer, credential.commitment);
		}
		Credentials::<T>::remove(subject, credential_type);
		Self::deposit_event(Event::CredentialRevoked { subject, credential_type, issuer });
		Ok(())
	}

	/// Whether `did` holds the personhood credential of `issuer` with `commitment` (valid or
	/// not).
	pub(crate) fn holds_person(did: DidId, issuer: DidId, commitment: H256) -> bool {
		Credentials::<T>::get(did, T::PersonhoodCredential::get()).is_some_and(|credential| {
			credential.issuer == issuer && credential.commitment == commitment
		})
	}

	/// Removes the [`PersonOf`] entry of `issuer` and `commitment` if it names `did`: `did` no
	/// longer holds that personhood credential (replaced, revoked, or its DID deactivated). An
	/// entry naming another DID stays (a duplicate a migration found keeps the first holder).
	pub(crate) fn forget_person(did: DidId, issuer: DidId, commitment: H256) {
		if PersonOf::<T>::get(issuer, commitment) == Some(did) {
			PersonOf::<T>::remove(issuer, commitment);
		}
	}

	/// Whether `terms` require [`Config::PersonhoodCredential`]: the plan's active members vote.
	pub(crate) fn requires_personhood(terms: &PlanTermsOf<T>) -> bool {
		terms.required_credentials.contains(&T::PersonhoodCredential::get())
	}

	/// Whether the plan's every required credential is valid for `did`.
	pub(crate) fn holds_required_credentials(terms: &PlanTermsOf<T>, did: DidId) -> bool {
		terms
			.required_credentials
			.iter()
			.all(|credential_type| Self::credential_is_valid(did, *credential_type))
	}
}
