//! Unit tests: every call's success and each of its errors, the member lifecycle, the counts and
//! the traits. `ExtBuilder::build_and_execute` checks `do_try_state` after every test.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, Mutate},
		EnsureOrigin, Get, Hooks,
	},
	weights::{RuntimeDbWeight, Weight},
};
use sp_runtime::{DispatchError, Perbill, TokenError};

const KYC: CredentialTypeId = credential_types::KYC;
const MEDICAL: CredentialTypeId = credential_types::MEDICAL_INSTITUTION;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// The personhood origin of the tests (root, the accreditation origin, is not it).
fn personhood() -> RuntimeOrigin {
	RuntimeOrigin::signed(PERSONHOOD_ORIGIN)
}

/// The KYC commitment of the person behind account `who`: one per person.
fn person_commitment(who: AccountId) -> sp_core::H256 {
	sp_core::H256::from_low_u64_be(0x1_0000 + who)
}

/// Creates a DID for `who` and returns it.
fn create_did(who: AccountId) -> DidId {
	assert_ok!(Membership::create_did(signed(who), auth_key(who as u8)));
	DidOf::<Test>::get(who).expect("just created")
}

/// Creates a DID for `who` with a KYC credential from the genesis issuer, with `who`'s own
/// commitment.
fn kyc_person(who: AccountId) -> DidId {
	let did = create_did(who);
	attest_person(did, who, None);
	did
}

/// The genesis KYC issuer attests `did` as person `person` (its personhood commitment), until
/// `expires_at` if given.
fn attest_person(did: DidId, person: AccountId, expires_at: Option<u64>) {
	assert_ok!(Membership::attest_credential(
		signed(KYC_ISSUER),
		did,
		KYC,
		person_commitment(person),
		expires_at
	));
}

/// The genesis KYC issuer's DID.
fn kyc_issuer() -> DidId {
	DidOf::<Test>::get(KYC_ISSUER).expect("genesis issuer")
}

/// Makes `who` (with a DID) an accredited issuer of `credential_type`.
fn accredited(who: AccountId, credential_type: CredentialTypeId) -> DidId {
	let did = DidOf::<Test>::get(who).unwrap_or_else(|| create_did(who));
	assert_ok!(Membership::request_accreditation(signed(who), credential_type));
	let origin = if credential_type == KYC { personhood() } else { root() };
	assert_ok!(Membership::accredit_issuer(origin, credential_type, did));
	did
}

fn create_plan(terms: PlanTermsOf<Test>) -> PlanId {
	assert_ok!(Membership::create_plan(root(), terms));
	NextPlanId::<Test>::get() - 1
}

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn status(plan: PlanId, did: DidId) -> Option<MemberStatus> {
	Members::<Test>::get(plan, did).map(|m| m.status)
}

fn counts(plan: PlanId) -> (u32, u32, u32) {
	let plan = Plans::<Test>::get(plan).expect("plan");
	(plan.waiting_members, plan.active_members, plan.lapsed_members)
}

fn last_event() -> Event<Test> {
	membership_events().pop().expect("an event")
}

mod genesis {
	use super::*;

	#[test]
	fn registers_standard_types_and_accredits_issuers() {
		ExtBuilder::build_and_execute(|| {
			assert_eq!(NextCredentialTypeId::<Test>::get(), 5);
			let names: Vec<_> = (0..5)
				.map(|id| CredentialTypes::<Test>::get(id).expect("registered").name.into_inner())
				.collect();
			assert_eq!(
				names,
				vec![
					b"Kyc".to_vec(),
					b"MedicalInstitution".to_vec(),
					b"WeatherOracle".to_vec(),
					b"AllianceEnterprise".to_vec(),
					b"RegulatorObserver".to_vec()
				]
			);
			assert!(<Membership as CredentialInspect>::is_accredited_issuer(kyc_issuer(), KYC));
			assert_eq!(held(HoldReason::IssuerBond, KYC_ISSUER), ISSUER_BOND);
			assert_eq!(held(HoldReason::DidDeposit, KYC_ISSUER), 10);
		});
	}

	#[test]
	fn founders_are_covered_from_genesis() {
		let terms = illness_terms();
		let deposit = terms.min_deposit;
		ExtBuilder::build_with(GenesisConfig::<Test> {
			credential_types: standard_credential_types(ISSUER_BOND),
			dids: vec![(KYC_ISSUER, auth_key(KYC_ISSUER as u8)), (1, auth_key(1))],
			issuers: vec![(KYC, KYC_ISSUER)],
			credentials: vec![(1, KYC, KYC_ISSUER, sp_core::H256::repeat_byte(1))],
			plans: vec![terms],
			founders: vec![(0, 1, deposit, None)],
		})
		.execute_with(|| {
			let did = DidOf::<Test>::get(1).expect("genesis DID");
			let record = Members::<Test>::get(0, did).expect("a founder is a member");
			assert_eq!(record.status, MemberStatus::Active);
			assert_eq!(record.active_since, Some(0));
			assert_eq!(counts(0), (0, 1, 0));
			assert!(<Membership as MembershipInspect<_, _>>::is_active_did(did));
			assert_eq!(member_deposit(0, 1), deposit);
			assert!(Activations::<Test>::iter().next().is_none());
			assert!(ActivationsDue::<Test>::iter().next().is_none());
			Membership::do_try_state().expect("invariants hold");
		});
	}

	#[test]
	fn schema_hashes_are_distinct() {
		let types = standard_credential_types(0u64);
		for (i, a) in types.iter().enumerate() {
			for b in types.iter().skip(i + 1) {
				assert_ne!(a.1, b.1);
			}
		}
	}
}

mod dids {
	use super::*;

	#[test]
	fn create_did_holds_deposit_and_maps_controller() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(1);
			assert_eq!(did, 1, "the genesis issuer has DID 0");
			assert_eq!(held(HoldReason::DidDeposit, 1), 10);
			assert_eq!(Balances::free_balance(1), STARTING_BALANCE - 10);
			assert_eq!(last_event(), Event::DidCreated { did, controller: 1, deposit: 10 });
			let record = Dids::<Test>::get(did).expect("stored");
			assert_eq!(record.controller, 1);
			assert_eq!(record.authentication, auth_key(1));
			assert_eq!(NextDidId::<Test>::get(), 2);
		});
	}

	#[test]
	fn create_did_fails_twice_or_without_funds() {
		ExtBuilder::build_and_execute(|| {
			create_did(1);
			assert_noop!(
				Membership::create_did(signed(1), auth_key(9)),
				Error::<Test>::AlreadyHasDid
			);
			// Account 50 has no funds for the deposit.
			assert_noop!(
				Membership::create_did(signed(50), auth_key(50)),
				TokenError::FundsUnavailable
			);
		});
	}

	#[test]
	fn set_did_key_rotates_and_adds() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(1);
			assert_ok!(Membership::set_did_key(signed(1), KeyPurpose::Authentication, auth_key(2)));
			assert_eq!(last_event(), Event::DidKeySet { did, purpose: KeyPurpose::Authentication });
			let ed = DidPublicKey::Ed25519(sp_core::ed25519::Public::from_raw([3; 32]));
			assert_ok!(Membership::set_did_key(signed(1), KeyPurpose::Attestation, ed.clone()));
			let record = Dids::<Test>::get(did).expect("stored");
			assert_eq!(record.authentication, auth_key(2));
			assert_eq!(record.attestation, Some(ed));
			assert_eq!(record.delegation, None);
		});
	}

	#[test]
	fn set_did_key_errors() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Membership::set_did_key(signed(1), KeyPurpose::Delegation, auth_key(2)),
				Error::<Test>::NoDid
			);
			create_did(1);
			assert_noop!(
				Membership::set_did_key(signed(1), KeyPurpose::Authentication, auth_key(1)),
				Error::<Test>::KeyUnchanged
			);
		});
	}

	#[test]
	fn revoke_did_key_removes_optional_keys_only() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Membership::revoke_did_key(signed(1), KeyPurpose::Delegation),
				Error::<Test>::NoDid
			);
			let did = create_did(1);
			assert_noop!(
				Membership::revoke_did_key(signed(1), KeyPurpose::Delegation),
				Error::<Test>::KeyNotSet
			);
			assert_noop!(
				Membership::revoke_did_key(signed(1), KeyPurpose::Authentication),
				Error::<Test>::AuthenticationKeyRequired
			);
			assert_ok!(Membership::set_did_key(signed(1), KeyPurpose::Delegation, auth_key(4)));
			assert_ok!(Membership::revoke_did_key(signed(1), KeyPurpose::Delegation));
			assert_eq!(last_event(), Event::DidKeyRevoked { did, purpose: KeyPurpose::Delegation });
			assert_eq!(Dids::<Test>::get(did).expect("stored").delegation, None);
		});
	}

	fn endpoint(url: &[u8]) -> (Label, sp_runtime::BoundedVec<u8, sp_core::ConstU32<64>>) {
		(b"LinkedDomains".to_vec().try_into().unwrap(), url.to_vec().try_into().unwrap())
	}

	#[test]
	fn service_endpoints_are_added_and_removed_with_deposits() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(1);
			let (kind, url) = endpoint(b"https://alice.example");
			assert_ok!(Membership::add_service_endpoint(signed(1), kind.clone(), url));
			assert_eq!(last_event(), Event::ServiceEndpointAdded { did, index: 0 });
			let (_, url2) = endpoint(b"ipfs://bafy");
			assert_ok!(Membership::add_service_endpoint(signed(1), kind, url2));
			assert_eq!(held(HoldReason::DidDeposit, 1), 14);
			assert_eq!(Dids::<Test>::get(did).unwrap().deposit, 14);

			assert_ok!(Membership::remove_service_endpoint(signed(1), 0));
			assert_eq!(last_event(), Event::ServiceEndpointRemoved { did, index: 0 });
			assert_eq!(held(HoldReason::DidDeposit, 1), 12);
			let left = ServiceEndpoints::<Test>::get(did);
			assert_eq!(left.len(), 1);
			assert_eq!(left[0].url.as_slice(), b"ipfs://bafy");

			let document = Membership::resolve_did(did).expect("live");
			assert_eq!(document.uri, b"did:huzhu:1".to_vec());
			assert_eq!(
				document.services,
				vec![(b"LinkedDomains".to_vec(), b"ipfs://bafy".to_vec())]
			);
		});
	}

	#[test]
	fn service_endpoint_errors() {
		ExtBuilder::build_and_execute(|| {
			let (kind, url) = endpoint(b"https://a.example");
			assert_noop!(
				Membership::add_service_endpoint(signed(1), kind.clone(), url.clone()),
				Error::<Test>::NoDid
			);
			assert_noop!(Membership::remove_service_endpoint(signed(1), 0), Error::<Test>::NoDid);
			create_did(1);
			for bad in [&b"no-scheme.example"[..], b"://host", b"https://", b"https://a b", b""] {
				let (kind, url) = endpoint(bad);
				assert_noop!(
					Membership::add_service_endpoint(signed(1), kind, url),
					Error::<Test>::InvalidServiceEndpoint
				);
			}
			assert_noop!(
				Membership::add_service_endpoint(signed(1), Default::default(), url.clone()),
				Error::<Test>::InvalidServiceEndpoint
			);
			for _ in 0..3 {
				assert_ok!(Membership::add_service_endpoint(signed(1), kind.clone(), url.clone()));
			}
			assert_noop!(
				Membership::add_service_endpoint(signed(1), kind, url),
				Error::<Test>::TooManyServiceEndpoints
			);
			assert_noop!(
				Membership::remove_service_endpoint(signed(1), 3),
				Error::<Test>::ServiceEndpointNotFound
			);
		});
	}

	#[test]
	fn deactivate_did_returns_deposit_and_invalidates_credentials() {
		ExtBuilder::build_and_execute(|| {
			let did = kyc_person(1);
			let (kind, url) = endpoint(b"https://a.example");
			assert_ok!(Membership::add_service_endpoint(signed(1), kind, url));
			assert!(<Membership as CredentialInspect>::has_valid_credential(did, KYC));
			assert_ok!(Membership::deactivate_did(signed(1)));
			assert_eq!(last_event(), Event::DidDeactivated { did, deposit_released: 12 });
			assert_eq!(held(HoldReason::DidDeposit, 1), 0);
			assert_eq!(Balances::free_balance(1), STARTING_BALANCE);
			assert!(DidOf::<Test>::get(1).is_none());
			assert!(Membership::resolve_did(did).is_none());
			assert!(!<Membership as CredentialInspect>::has_valid_credential(did, KYC));
			// A new DID gets a new id.
			assert_eq!(create_did(1), did + 1);
		});
	}

	#[test]
	fn deactivate_did_errors() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Membership::deactivate_did(signed(1)), Error::<Test>::NoDid);
			kyc_person(1);
			let plan = create_plan(illness_terms());
			assert_ok!(Membership::join_plan(signed(1), plan, 50, None));
			assert_noop!(Membership::deactivate_did(signed(1)), Error::<Test>::DidHasMemberships);
			assert_noop!(
				Membership::deactivate_did(signed(KYC_ISSUER)),
				Error::<Test>::DidIsIssuer
			);
		});
	}

	#[test]
	fn did_uri_is_decimal() {
		assert_eq!(did_uri(0), b"did:huzhu:0".to_vec());
		assert_eq!(did_uri(1234567), b"did:huzhu:1234567".to_vec());
		assert_eq!(did_uri(u64::MAX), b"did:huzhu:18446744073709551615".to_vec());
	}
}

mod credentials {
	use super::*;

	#[test]
	fn register_credential_type_works_and_checks() {
		ExtBuilder::build_and_execute(|| {
			let name: Label = b"Pharmacy".to_vec().try_into().unwrap();
			let schema = commitment(9);
			assert_noop!(
				Membership::register_credential_type(signed(1), name.clone(), schema, 5),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Membership::register_credential_type(root(), Default::default(), schema, 5),
				Error::<Test>::EmptyCredentialTypeName
			);
			assert_ok!(Membership::register_credential_type(root(), name.clone(), schema, 5));
			assert_eq!(
				last_event(),
				Event::CredentialTypeRegistered { credential_type: 5, schema_hash: schema }
			);
			assert_eq!(
				CredentialTypes::<Test>::get(5),
				Some(CredentialType { name, schema_hash: schema, issuer_bond: 5 })
			);
		});
	}

	#[test]
	fn request_accreditation_holds_bond() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Membership::request_accreditation(signed(2), MEDICAL),
				Error::<Test>::NoDid
			);
			let did = create_did(2);
			assert_noop!(
				Membership::request_accreditation(signed(2), 77),
				Error::<Test>::CredentialTypeNotFound
			);
			assert_ok!(Membership::request_accreditation(signed(2), MEDICAL));
			assert_eq!(
				last_event(),
				Event::AccreditationRequested { credential_type: MEDICAL, issuer: did, bond: 100 }
			);
			assert_eq!(held(HoldReason::IssuerBond, 2), ISSUER_BOND);
			assert_eq!(Dids::<Test>::get(did).unwrap().issuer_roles, 1);
			assert!(!<Membership as CredentialInspect>::is_accredited_issuer(did, MEDICAL));
			assert_noop!(
				Membership::request_accreditation(signed(2), MEDICAL),
				Error::<Test>::AccreditationExists
			);
		});
	}

	#[test]
	fn accredit_issuer_works_and_checks() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(2);
			assert_noop!(
				Membership::accredit_issuer(root(), MEDICAL, did),
				Error::<Test>::AccreditationNotFound
			);
			assert_ok!(Membership::request_accreditation(signed(2), MEDICAL));
			assert_noop!(
				Membership::accredit_issuer(signed(2), MEDICAL, did),
				DispatchError::BadOrigin
			);
			assert_ok!(Membership::accredit_issuer(root(), MEDICAL, did));
			assert_eq!(
				last_event(),
				Event::IssuerAccredited { credential_type: MEDICAL, issuer: did }
			);
			assert!(<Membership as CredentialInspect>::is_accredited_issuer(did, MEDICAL));
			assert_noop!(
				Membership::accredit_issuer(root(), MEDICAL, did),
				Error::<Test>::AlreadyAccredited
			);
		});
	}

	#[test]
	fn suspend_issuer_rejects_requests_and_suspends_credentials() {
		ExtBuilder::build_and_execute(|| {
			let person = kyc_person(1);
			let applicant = create_did(2);
			assert_ok!(Membership::request_accreditation(signed(2), MEDICAL));
			assert_noop!(
				Membership::suspend_issuer(signed(1), MEDICAL, applicant),
				DispatchError::BadOrigin
			);
			// A pending request is turned down and the bond released.
			assert_ok!(Membership::suspend_issuer(root(), MEDICAL, applicant));
			assert_eq!(
				last_event(),
				Event::AccreditationRejected { credential_type: MEDICAL, issuer: applicant }
			);
			assert_eq!(held(HoldReason::IssuerBond, 2), 0);
			assert_noop!(
				Membership::suspend_issuer(root(), MEDICAL, applicant),
				Error::<Test>::AccreditationNotFound
			);
			// Suspending the KYC issuer suspends the credential it issued.
			assert!(<Membership as CredentialInspect>::has_valid_credential(person, KYC));
			assert_ok!(Membership::suspend_issuer(root(), KYC, kyc_issuer()));
			assert_eq!(
				last_event(),
				Event::IssuerSuspended {
					credential_type: KYC,
					issuer: kyc_issuer(),
					unbonds_at: 11
				}
			);
			assert!(!<Membership as CredentialInspect>::has_valid_credential(person, KYC));
			assert_noop!(
				Membership::suspend_issuer(root(), KYC, kyc_issuer()),
				Error::<Test>::NotAccredited
			);
			// Accrediting again (the personhood origin, for KYC) restores it.
			assert_ok!(Membership::accredit_issuer(personhood(), KYC, kyc_issuer()));
			assert!(<Membership as CredentialInspect>::has_valid_credential(person, KYC));
		});
	}

	#[test]
	fn slash_issuer_takes_up_to_the_bond() {
		ExtBuilder::build_and_execute(|| {
			let issuer = kyc_issuer();
			assert_noop!(
				Membership::slash_issuer(signed(1), KYC, issuer, 10),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Membership::slash_issuer(root(), MEDICAL, issuer, 10),
				Error::<Test>::AccreditationNotFound
			);
			let issuance = Balances::total_issuance();
			assert_ok!(Membership::slash_issuer(root(), KYC, issuer, 30));
			assert_eq!(
				last_event(),
				Event::IssuerSlashed { credential_type: KYC, issuer, amount: 30 }
			);
			assert_eq!(held(HoldReason::IssuerBond, KYC_ISSUER), 70);
			assert_eq!(Accreditations::<Test>::get(KYC, issuer).unwrap().bond, 70);
			assert_ok!(Membership::slash_issuer(root(), KYC, issuer, 500));
			assert_eq!(
				last_event(),
				Event::IssuerSlashed { credential_type: KYC, issuer, amount: 70 }
			);
			assert_eq!(held(HoldReason::IssuerBond, KYC_ISSUER), 0);
			assert_eq!(slashed_total(), 100);
			assert_eq!(Balances::total_issuance(), issuance - 100, "the mock burns slashes");
		});
	}

	#[test]
	fn issuer_penalty_moves_the_bond_to_the_harmed_pool_and_suspends() {
		ExtBuilder::build_and_execute(|| {
			let issuer = kyc_issuer();
			let pool = 77;
			let penalize = |did, credential_type, amount| {
				<Membership as IssuerPenalty<AccountId, Balance>>::penalize_issuer(
					did,
					credential_type,
					amount,
					&pool,
				)
			};
			let before = Balances::free_balance(pool);
			assert_eq!(penalize(issuer, KYC, 10), 10);
			assert_eq!(held(HoldReason::IssuerBond, KYC_ISSUER), 90);
			assert_eq!(Balances::free_balance(pool), before + 10, "the slash goes to the pool");
			assert!(System::events().iter().any(|record| record.event
				== RuntimeEvent::Membership(Event::IssuerSlashed {
					credential_type: KYC,
					issuer,
					amount: 10
				})));
			assert!(
				!Membership::issuer_is_accredited(issuer, KYC),
				"suspended until governance acts"
			);
			// No such accreditation: nothing happens. A suspended issuer's bond stays slashable,
			// up to what is left.
			assert_eq!(penalize(issuer, MEDICAL, 10), 0);
			assert_eq!(penalize(issuer, KYC, 1_000), 90);
			assert_eq!(held(HoldReason::IssuerBond, KYC_ISSUER), 0);
			assert_eq!(Balances::free_balance(pool), before + 100);
		});
	}

	#[test]
	fn resign_and_withdraw_bond() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Membership::resign_accreditation(signed(2), MEDICAL),
				Error::<Test>::NoDid
			);
			let did = create_did(2);
			assert_noop!(
				Membership::resign_accreditation(signed(2), MEDICAL),
				Error::<Test>::AccreditationNotFound
			);
			// A request is withdrawn at once.
			assert_ok!(Membership::request_accreditation(signed(2), MEDICAL));
			assert_ok!(Membership::resign_accreditation(signed(2), MEDICAL));
			assert_eq!(
				last_event(),
				Event::IssuerBondWithdrawn { credential_type: MEDICAL, issuer: did, amount: 100 }
			);
			assert_eq!(held(HoldReason::IssuerBond, 2), 0);
			// An accreditation is suspended and unbonds later.
			accredited(2, MEDICAL);
			assert_ok!(Membership::resign_accreditation(signed(2), MEDICAL));
			assert_eq!(
				last_event(),
				Event::IssuerSuspended { credential_type: MEDICAL, issuer: did, unbonds_at: 11 }
			);
			assert_noop!(
				Membership::resign_accreditation(signed(2), MEDICAL),
				Error::<Test>::NotAccredited
			);
			run_to_block(10);
			assert_noop!(
				Membership::withdraw_issuer_bond(signed(2), MEDICAL),
				Error::<Test>::BondStillLocked
			);
			run_to_block(11);
			// An institution whose attestations a jury may still find false keeps its bond held,
			// however long it has been suspended.
			ExposedIssuer::set(Some((did, MEDICAL)));
			assert_noop!(
				Membership::withdraw_issuer_bond(signed(2), MEDICAL),
				Error::<Test>::IssuerExposed
			);
			ExposedIssuer::set(None);
			assert_ok!(Membership::withdraw_issuer_bond(signed(2), MEDICAL));
			assert_eq!(
				last_event(),
				Event::IssuerBondWithdrawn { credential_type: MEDICAL, issuer: did, amount: 100 }
			);
			assert_eq!(Balances::free_balance(2), STARTING_BALANCE - 10);
			assert_eq!(Dids::<Test>::get(did).unwrap().issuer_roles, 0);
			assert_ok!(Membership::deactivate_did(signed(2)));
		});
	}

	#[test]
	fn withdraw_issuer_bond_errors() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(Membership::withdraw_issuer_bond(signed(2), KYC), Error::<Test>::NoDid);
			create_did(2);
			assert_noop!(
				Membership::withdraw_issuer_bond(signed(2), KYC),
				Error::<Test>::AccreditationNotFound
			);
			assert_noop!(
				Membership::withdraw_issuer_bond(signed(KYC_ISSUER), KYC),
				Error::<Test>::AccreditationNotSuspended
			);
		});
	}

	#[test]
	fn attest_credential_records_commitment_only() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(1);
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				did,
				KYC,
				commitment(7),
				Some(20)
			));
			assert_eq!(
				last_event(),
				Event::CredentialAttested {
					subject: did,
					credential_type: KYC,
					issuer: kyc_issuer(),
					expires_at: Some(20)
				}
			);
			assert_eq!(
				Credentials::<Test>::get(did, KYC),
				Some(Credential {
					issuer: kyc_issuer(),
					commitment: commitment(7),
					issued_at: 1,
					expires_at: Some(20)
				})
			);
			assert!(<Membership as CredentialInspect>::has_valid_credential(did, KYC));
			run_to_block(20);
			assert!(!<Membership as CredentialInspect>::has_valid_credential(did, KYC));
			// The same issuer renews it.
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				did,
				KYC,
				commitment(8),
				None
			));
			assert!(<Membership as CredentialInspect>::has_valid_credential(did, KYC));
		});
	}

	#[test]
	fn attest_credential_errors() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(1);
			assert_noop!(
				Membership::attest_credential(signed(2), did, KYC, commitment(1), None),
				Error::<Test>::NoDid
			);
			assert_noop!(
				Membership::attest_credential(signed(1), did, KYC, commitment(1), None),
				Error::<Test>::NotAccredited
			);
			assert_noop!(
				Membership::attest_credential(
					signed(KYC_ISSUER),
					kyc_issuer(),
					KYC,
					commitment(1),
					None
				),
				Error::<Test>::SelfAttestation
			);
			assert_noop!(
				Membership::attest_credential(signed(KYC_ISSUER), 42, KYC, commitment(1), None),
				Error::<Test>::DidNotFound
			);
			assert_noop!(
				Membership::attest_credential(signed(KYC_ISSUER), did, KYC, commitment(1), Some(1)),
				Error::<Test>::ExpiryInPast
			);
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				did,
				KYC,
				commitment(1),
				None
			));
			// A second KYC issuer cannot overwrite a valid credential of the first ...
			accredited(3, KYC);
			assert_noop!(
				Membership::attest_credential(signed(3), did, KYC, commitment(2), None),
				Error::<Test>::CredentialFromOtherIssuer
			);
			// ... but can replace one that is no longer valid.
			assert_ok!(Membership::suspend_issuer(root(), KYC, kyc_issuer()));
			assert_ok!(Membership::attest_credential(signed(3), did, KYC, commitment(2), None));
			assert_eq!(
				Credentials::<Test>::get(did, KYC).unwrap().issuer,
				DidOf::<Test>::get(3).unwrap()
			);
		});
	}

	#[test]
	fn revoke_credential_works_and_checks() {
		ExtBuilder::build_and_execute(|| {
			let did = create_did(1);
			assert_noop!(Membership::revoke_credential(signed(2), did, KYC), Error::<Test>::NoDid);
			assert_noop!(
				Membership::revoke_credential(signed(KYC_ISSUER), did, KYC),
				Error::<Test>::CredentialNotFound
			);
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				did,
				KYC,
				commitment(1),
				None
			));
			create_did(3);
			assert_noop!(
				Membership::revoke_credential(signed(3), did, KYC),
				Error::<Test>::NotCredentialIssuer
			);
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), did, KYC));
			assert_eq!(
				last_event(),
				Event::CredentialRevoked {
					subject: did,
					credential_type: KYC,
					issuer: kyc_issuer()
				}
			);
			assert!(Credentials::<Test>::get(did, KYC).is_none());
		});
	}
}

mod plans {
	use super::*;

	#[test]
	fn create_update_open_close() {
		ExtBuilder::build_and_execute(|| {
			assert_noop!(
				Membership::create_plan(signed(1), illness_terms()),
				DispatchError::BadOrigin
			);
			let plan = create_plan(illness_terms());
			assert_eq!(last_event(), Event::PlanCreated { plan });
			assert!(Plans::<Test>::get(plan).unwrap().open);
			assert_eq!(<Membership as PlanInspect<_, _>>::plan_terms(plan), Some(illness_terms()));

			let mut terms = illness_terms();
			terms.waiting_period = 9;
			assert_noop!(
				Membership::update_plan_terms(signed(1), plan, terms.clone()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Membership::update_plan_terms(root(), 9, terms.clone()),
				Error::<Test>::PlanNotFound
			);
			assert_ok!(Membership::update_plan_terms(root(), plan, terms.clone()));
			assert_eq!(last_event(), Event::PlanTermsUpdated { plan });
			assert_eq!(Plans::<Test>::get(plan).unwrap().terms, terms);

			assert_noop!(
				Membership::set_plan_open(root(), plan, true),
				Error::<Test>::PlanOpenUnchanged
			);
			assert_noop!(Membership::set_plan_open(root(), 9, false), Error::<Test>::PlanNotFound);
			assert_noop!(
				Membership::set_plan_open(signed(1), plan, false),
				DispatchError::BadOrigin
			);
			assert_ok!(Membership::set_plan_open(root(), plan, false));
			assert_eq!(last_event(), Event::PlanOpenSet { plan, open: false });
			assert!(!Plans::<Test>::get(plan).unwrap().open);
		});
	}

	#[test]
	fn terms_are_checked() {
		ExtBuilder::build_and_execute(|| {
			let check = |edit: &dyn Fn(&mut PlanTermsOf<Test>), error: Error<Test>| {
				let error: DispatchError = error.into();
				let mut terms = illness_terms();
				edit(&mut terms);
				assert_noop!(Membership::create_plan(root(), terms.clone()), error);
				let plan = create_plan(illness_terms());
				assert_noop!(Membership::update_plan_terms(root(), plan, terms), error);
			};
			check(&|t| t.name = Default::default(), Error::<Test>::EmptyPlanName);
			check(
				&|t| t.required_credentials = vec![KYC, 99].try_into().unwrap(),
				Error::<Test>::CredentialTypeNotFound,
			);
			check(
				&|t| t.required_credentials = vec![KYC, KYC].try_into().unwrap(),
				Error::<Test>::DuplicateRequiredCredential,
			);
			check(&|t| t.max_payout_per_claim = 0, Error::<Test>::ZeroMaxPayout);
			check(&|t| t.challenge_period = 0, Error::<Test>::ZeroChallengePeriod);
			check(&|t| t.member_share_cap_per_claim = 101, Error::<Test>::ShareCapAboveYearlyCap);
			check(&|t| t.min_deposit = 9, Error::<Test>::MinimumBelowShareCap);
			// The fee on top of the cap counts: cap 100, fee 10 %, one step of 6: at least 116.
			let fee_on_top = |t: &mut PlanTermsOf<Test>, min_deposit| {
				t.member_share_cap_per_claim = 100;
				t.member_share_cap_per_year = 100;
				t.management_fee = sp_runtime::Permill::from_percent(10);
				t.min_deposit = min_deposit;
			};
			check(&|t| fee_on_top(t, 115), Error::<Test>::MinimumBelowShareCap);
			let mut terms = illness_terms();
			fee_on_top(&mut terms, 116);
			assert_ok!(Membership::create_plan(root(), terms));
			check(
				&|t| t.trigger = TriggerKind::Attestation { attestations_required: 0 },
				Error::<Test>::NoAttestationsRequired,
			);
			check(
				&|t| t.trigger = TriggerKind::Attestation { attestations_required: 9 },
				Error::<Test>::TooManyAttestationsRequired,
			);
			check(
				&|t| {
					t.trigger =
						TriggerKind::Parametric { metric: 0, trigger_value: 5, exit_value: 5 };
					t.regions = vec![1].try_into().unwrap();
				},
				Error::<Test>::ExitEqualsTrigger,
			);
			check(
				&|t| t.trigger = TriggerKind::Alliance { approval_threshold: Perbill::zero() },
				Error::<Test>::ZeroApprovalThreshold,
			);
			check(
				&|t| {
					t.trigger =
						TriggerKind::Parametric { metric: 0, trigger_value: 500, exit_value: 100 }
				},
				Error::<Test>::ParametricPlanNeedsRegions,
			);
			check(
				&|t| t.regions = vec![1].try_into().unwrap(),
				Error::<Test>::RegionsOnlyForParametricPlans,
			);
			check(
				&|t| {
					t.trigger =
						TriggerKind::Parametric { metric: 0, trigger_value: 500, exit_value: 100 };
					t.regions = vec![1, 2, 1].try_into().unwrap();
				},
				Error::<Test>::DuplicateRegion,
			);
		});
	}
}

mod members {
	use super::*;

	#[test]
	fn join_waits_then_activates_in_the_block_the_waiting_period_ends() {
		ExtBuilder::build_and_execute(|| {
			let did = kyc_person(1);
			let plan = create_plan(illness_terms());
			assert_ok!(Membership::join_plan(signed(1), plan, 60, None));
			assert_eq!(
				last_event(),
				Event::MemberJoined { plan, did, deposit: 60, waiting_until: 6 }
			);
			assert_eq!(member_deposit(plan, 1), 60);
			assert_eq!(Balances::free_balance(POOL), 61);
			assert_eq!(status(plan, did), Some(MemberStatus::Waiting));
			assert_eq!(counts(plan), (1, 0, 0));
			assert_eq!(Activations::<Test>::get(6, 0), Some((plan, did)));
			assert_eq!(ActivationsDue::<Test>::get(6), 1);
			assert!(!<Membership as MembershipInspect<_, _>>::is_active_member(plan, &1));
			assert!(!<Membership as MembershipInspect<_, _>>::is_active_did(did));

			run_to_block(5);
			assert_eq!(status(plan, did), Some(MemberStatus::Waiting));
			run_to_block(6);
			assert_eq!(status(plan, did), Some(MemberStatus::Active));
			assert_eq!(last_event(), Event::MemberActivated { plan, did });
			assert_eq!(counts(plan), (0, 1, 0));
			assert_eq!(Activations::<Test>::iter().count(), 0);
			assert!(!ActivationsDue::<Test>::contains_key(6));
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 7, next: 0 });
			assert!(<Membership as MembershipInspect<_, _>>::is_active_member(plan, &1));
			assert_eq!(<Membership as MembershipInspect<_, _>>::active_since(plan, &1), Some(6));
			assert_eq!(<Membership as MembershipInspect<_, _>>::active_member_count(plan), 1);
			assert_eq!(<Membership as MembershipInspect<_, _>>::active_member_dids(), 1);
			assert!(<Membership as MembershipInspect<_, _>>::is_active_did(did));
			assert_eq!(<Membership as MembershipInspect<_, _>>::did_of(&1), Some(did));
		});
	}

	#[test]
	fn join_without_waiting_period_is_active_at_once_with_region() {
		ExtBuilder::build_and_execute(|| {
			let did = kyc_person(1);
			let plan = create_plan(weather_terms());
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(8)));
			assert_eq!(status(plan, did), Some(MemberStatus::Active));
			assert_eq!(counts(plan), (0, 1, 0));
			assert_eq!(<Membership as MembershipInspect<_, _>>::member_region(plan, &1), Some(8));
			assert_eq!(last_event(), Event::MemberActivated { plan, did });
		});
	}

	/// An oracle has a stake in every region of every plan it belongs to: covered there, or
	/// sharing the cost of what that region's index pays.
	#[test]
	fn a_member_has_a_stake_in_every_region_of_its_plans() {
		ExtBuilder::build_and_execute(|| {
			kyc_person(1);
			let plan = create_plan(weather_terms());
			let regions = Plans::<Test>::get(plan).unwrap().terms.regions;
			assert!(regions.len() >= 2);
			let in_region =
				|region| <Membership as MembershipInspect<_, _>>::is_member_in_region(&1, region);
			assert!(regions.iter().all(|region| !in_region(*region)));
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(regions[0])));
			assert!(regions.iter().all(|region| in_region(*region)));
			assert!(!in_region(9_999));
		});
	}

	#[test]
	fn active_members_keep_dense_slots() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let at = |index| <Membership as MembershipInspect<_, _>>::active_member_at(plan, index);
			for who in 1..=3 {
				kyc_person(who);
				assert_ok!(Membership::join_plan(signed(who), plan, 20, Some(8)));
			}
			assert_eq!((at(0), at(1), at(2), at(3)), (Some(1), Some(2), Some(3), None));
			// The first leaves: the last takes its slot.
			assert_ok!(Membership::exit_plan(signed(1), plan));
			assert_eq!((at(0), at(1), at(2)), (Some(3), Some(2), None));
			// The last leaves: nothing moves.
			assert_ok!(Membership::exit_plan(signed(2), plan));
			assert_eq!((at(0), at(1)), (Some(3), None));
			assert_ok!(Membership::exit_plan(signed(3), plan));
			assert_eq!(at(0), None);
		});
	}

	#[test]
	fn active_member_dids_keep_dense_chain_wide_slots() {
		ExtBuilder::build_and_execute(|| {
			let weather = create_plan(weather_terms());
			let illness = create_plan(illness_terms());
			let at =
				|index| <Membership as MembershipInspect<_, _>>::active_did_controller_at(index);
			for who in 1..=3 {
				kyc_person(who);
				assert_ok!(Membership::join_plan(signed(who), weather, 20, Some(8)));
			}
			// A second membership of the same DID takes no second slot.
			assert_ok!(Membership::join_plan(signed(1), illness, 50, None));
			run_to_block(6);
			assert_eq!(ActiveMemberDids::<Test>::get(), 3);
			assert_eq!((at(0), at(1), at(2), at(3)), (Some(1), Some(2), Some(3), None));
			// Leaving one plan of two keeps the DID's slot; leaving the last hands it on.
			assert_ok!(Membership::exit_plan(signed(1), weather));
			assert_eq!(at(0), Some(1));
			assert_ok!(Membership::exit_plan(signed(1), illness));
			assert_eq!((at(0), at(1), at(2)), (Some(3), Some(2), None));
			assert_ok!(Membership::exit_plan(signed(2), weather));
			assert_eq!((at(0), at(1)), (Some(3), None));
		});
	}

	#[test]
	fn join_errors_change_nothing() {
		ExtBuilder::build_and_execute(|| {
			let illness = create_plan(illness_terms());
			let weather = create_plan(weather_terms());
			assert_noop!(Membership::join_plan(signed(1), illness, 50, None), Error::<Test>::NoDid);
			create_did(1);
			assert_noop!(
				Membership::join_plan(signed(1), 9, 50, None),
				Error::<Test>::PlanNotFound
			);
			assert_noop!(
				Membership::join_plan(signed(1), illness, 50, None),
				Error::<Test>::MissingRequiredCredential
			);
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				1,
				KYC,
				commitment(1),
				None
			));
			assert_noop!(
				Membership::join_plan(signed(1), illness, 49, None),
				Error::<Test>::DepositBelowMinimum
			);
			assert_noop!(
				Membership::join_plan(signed(1), illness, 50, Some(7)),
				Error::<Test>::RegionNotApplicable
			);
			assert_noop!(
				Membership::join_plan(signed(1), weather, 20, None),
				Error::<Test>::RegionRequired
			);
			assert_noop!(
				Membership::join_plan(signed(1), weather, 20, Some(9)),
				Error::<Test>::RegionNotCovered
			);
			// The pool cannot take more than the account has.
			assert_noop!(
				Membership::join_plan(signed(1), illness, 5_000, None),
				TokenError::FundsUnavailable
			);
			assert_ok!(Membership::join_plan(signed(1), illness, 50, None));
			assert_noop!(
				Membership::join_plan(signed(1), illness, 50, None),
				Error::<Test>::AlreadyMember
			);
			assert_ok!(Membership::set_plan_open(root(), weather, false));
			assert_noop!(
				Membership::join_plan(signed(1), weather, 20, Some(7)),
				Error::<Test>::PlanClosed
			);
		});
	}

	/// A join is charged its activation only when it activates at once: a join that waits
	/// leaves that work to the queue and is refunded, so that twice as many fit in a block.
	#[test]
	fn a_join_that_waits_is_refunded_its_activation() {
		ExtBuilder::build_and_execute(|| {
			let waiting = create_plan(illness_terms());
			let mut terms = alliance_terms();
			terms.waiting_period = 0;
			let at_once = create_plan(terms);
			kyc_person(1);
			let info = Membership::join_plan(signed(1), waiting, 50, None).expect("joins");
			let queue = <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get()
				.reads_writes(2, 2);
			assert_eq!(
				info.actual_weight,
				Some(<() as WeightInfo>::join_plan().saturating_add(queue))
			);
			let info = Membership::join_plan(signed(1), at_once, 10, None).expect("joins");
			assert_eq!(info.actual_weight, None, "charged in full");
		});
	}

	#[test]
	fn memberships_per_did_are_bounded() {
		ExtBuilder::build_and_execute(|| {
			kyc_person(1);
			let mut terms = alliance_terms();
			terms.waiting_period = 0;
			let plans: Vec<_> = (0..4).map(|_| create_plan(terms.clone())).collect();
			for plan in &plans[..3] {
				assert_ok!(Membership::join_plan(signed(1), *plan, 10, None));
			}
			assert_noop!(
				Membership::join_plan(signed(1), plans[3], 10, None),
				Error::<Test>::TooManyMemberships
			);
		});
	}

	#[test]
	fn exit_plan_from_each_status() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let waiting = kyc_person(1);
			assert_noop!(Membership::exit_plan(signed(1), plan), Error::<Test>::NotMember);
			assert_noop!(Membership::exit_plan(signed(9), plan), Error::<Test>::NoDid);
			assert_ok!(Membership::join_plan(signed(1), plan, 50, None));
			assert_ok!(Membership::exit_plan(signed(1), plan));
			assert_eq!(last_event(), Event::MemberExited { plan, did: waiting });
			// Its activation entry stays, to be passed over when served.
			assert_eq!(Activations::<Test>::get(6, 0), Some((plan, waiting)));
			assert_eq!(counts(plan), (0, 0, 0));
			assert!(MembershipsOf::<Test>::get(waiting).is_empty());
			assert_eq!(Balances::free_balance(1), STARTING_BALANCE - 10, "the stand-in refunds");

			let active = kyc_person(2);
			assert_ok!(Membership::join_plan(signed(2), plan, 50, None));
			run_to_block(7);
			assert_eq!(ActiveMemberDids::<Test>::get(), 1);
			assert_ok!(Membership::exit_plan(signed(2), plan));
			assert_eq!(counts(plan), (0, 0, 0));
			assert_eq!(ActiveMemberDids::<Test>::get(), 0);
			assert_eq!(ActiveMembershipsOf::<Test>::get(active), 0);
			// Rejoining starts a new waiting period.
			assert_ok!(Membership::join_plan(signed(2), plan, 50, None));
			assert_eq!(status(plan, active), Some(MemberStatus::Waiting));
		});
	}

	#[test]
	fn a_covered_member_exits_by_notice_and_stays_liable_for_claims_filed_before_it() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let did = kyc_person(2);
			assert_ok!(Membership::join_plan(signed(2), plan, 50, None));
			run_to_block(7);
			// Claims 0..4 were filed; claim 3 of this plan is still open (its window runs).
			NextClaim::set(5);
			OldestOpenClaim::set(Some((plan, 3)));
			assert_ok!(Membership::exit_plan(signed(2), plan));
			assert_eq!(last_event(), Event::ExitNoticeGiven { plan, did, liable_below: 5 });
			assert_eq!(
				ExitNotices::<Test>::get(plan, did),
				Some(ExitNotice { given_at: 7, liable_below: 5 })
			);
			// Still covered and sharing the plan's claims: claim 3 is charged to it when paid.
			assert_eq!(status(plan, did), Some(MemberStatus::Active));
			assert!(pool_sees_cover(plan, 2));
			assert!(Membership::covered_membership(plan, did).is_some());
			assert_noop!(Membership::exit_plan(signed(2), plan), Error::<Test>::ClaimsStillOpen);
			// Claims filed after the notice do not hold it; claim 3 closing frees it.
			NextClaim::set(9);
			OldestOpenClaim::set(Some((plan, 6)));
			assert_ok!(Membership::exit_plan(signed(2), plan));
			assert_eq!(last_event(), Event::MemberExited { plan, did });
			assert!(!pool_sees_cover(plan, 2));
			assert_eq!(ExitNotices::<Test>::get(plan, did), None);
		});
	}

	/// The attack: a member sees a large claim in its window, has a friendly issuer revoke its
	/// credential, refreshes its own membership to a lapse and tries to walk out before the
	/// claim is paid. It gives notice like anyone covered, and shares the claim meanwhile.
	#[test]
	fn a_member_cannot_shed_an_open_claim_by_letting_its_credential_lapse() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let did = kyc_person(2);
			assert_ok!(Membership::join_plan(signed(2), plan, 50, None));
			run_to_block(7);
			NextClaim::set(5);
			OldestOpenClaim::set(Some((plan, 3)));
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), did, KYC));
			assert_ok!(Membership::refresh_membership(signed(9), plan, did));
			assert!(matches!(status(plan, did), Some(MemberStatus::Lapsed(_))));
			assert!(pool_sees_cover(plan, 2), "the lapsed member still shares claim 3");
			// Leaving is a notice, liable for claims 0..5.
			assert_ok!(Membership::exit_plan(signed(2), plan));
			assert_eq!(last_event(), Event::ExitNoticeGiven { plan, did, liable_below: 5 });
			assert_noop!(Membership::exit_plan(signed(2), plan), Error::<Test>::ClaimsStillOpen);
			assert!(pool_sees_cover(plan, 2));
			// Claim 3 is closed (paid, shared by the member): it leaves.
			OldestOpenClaim::set(None);
			assert_ok!(Membership::exit_plan(signed(2), plan));
			assert_eq!(last_event(), Event::MemberExited { plan, did });
			assert!(!pool_sees_cover(plan, 2));
		});
	}

	#[test]
	fn a_member_with_nothing_open_before_its_notice_leaves_at_once() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let did = kyc_person(2);
			assert_ok!(Membership::join_plan(signed(2), plan, 50, None));
			run_to_block(7);
			// An open claim of another plan does not hold it.
			OldestOpenClaim::set(Some((plan + 1, 0)));
			assert_ok!(Membership::exit_plan(signed(2), plan));
			let events = membership_events();
			assert!(events.contains(&Event::ExitNoticeGiven { plan, did, liable_below: 0 }));
			assert_eq!(last_event(), Event::MemberExited { plan, did });
			assert_eq!(counts(plan), (0, 0, 0));
		});
	}

	#[test]
	fn revoked_credential_lapses_on_refresh_and_is_never_covered_meanwhile() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 50, None));
			run_to_block(6);
			assert_noop!(
				Membership::refresh_membership(signed(5), plan, did),
				Error::<Test>::MembershipUnchanged
			);
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), did, KYC));
			// Not covered at once, though the record says active until refreshed.
			assert!(!<Membership as MembershipInspect<_, _>>::is_active_member(plan, &1));
			assert_eq!(<Membership as MembershipInspect<_, _>>::active_since(plan, &1), None);
			assert_ok!(Membership::refresh_membership(signed(5), plan, did));
			assert_eq!(
				last_event(),
				Event::MemberLapsed { plan, did, reason: LapseReason::CredentialInvalid }
			);
			assert_eq!(counts(plan), (0, 0, 1));
			assert_eq!(ActiveMemberDids::<Test>::get(), 0);
			assert_noop!(
				Membership::refresh_membership(signed(5), plan, did),
				Error::<Test>::MembershipUnchanged
			);
			// Cured when the credential is attested again.
			run_to_block(8);
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				did,
				KYC,
				commitment(3),
				None
			));
			assert_ok!(Membership::refresh_membership(signed(5), plan, did));
			assert_eq!(last_event(), Event::MemberActivated { plan, did });
			assert_eq!(counts(plan), (0, 1, 0));
			assert_eq!(<Membership as MembershipInspect<_, _>>::active_since(plan, &1), Some(8));
		});
	}

	#[test]
	fn expiry_and_issuer_suspension_lapse_on_refresh() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let expiring = create_did(1);
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				expiring,
				KYC,
				commitment(1),
				Some(4)
			));
			let other = kyc_person(2);
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(7)));
			assert_ok!(Membership::join_plan(signed(2), plan, 20, Some(7)));
			run_to_block(4);
			assert_ok!(Membership::refresh_membership(signed(5), plan, expiring));
			assert_eq!(
				status(plan, expiring),
				Some(MemberStatus::Lapsed(LapseReason::CredentialInvalid))
			);
			assert_ok!(Membership::suspend_issuer(root(), KYC, kyc_issuer()));
			assert_ok!(Membership::refresh_membership(signed(5), plan, other));
			assert_eq!(counts(plan), (0, 0, 2));
		});
	}

	#[test]
	fn refresh_errors() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			assert_noop!(
				Membership::refresh_membership(signed(5), 9, 1),
				Error::<Test>::PlanNotFound
			);
			assert_noop!(
				Membership::refresh_membership(signed(5), plan, 1),
				Error::<Test>::NotMember
			);
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 50, None));
			// Waiting: the activation queue decides, not refresh.
			assert_noop!(
				Membership::refresh_membership(signed(5), plan, did),
				Error::<Test>::MembershipUnchanged
			);
		});
	}

	#[test]
	fn waiting_member_with_revoked_credential_lapses_instead_of_activating() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 50, None));
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), did, KYC));
			run_to_block(6);
			assert_eq!(
				status(plan, did),
				Some(MemberStatus::Lapsed(LapseReason::CredentialInvalid))
			);
			assert_eq!(counts(plan), (0, 0, 1));
		});
	}

	#[test]
	fn deposit_exhaustion_lapses_and_top_up_cures() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(7)));
			set_member_deposit(plan, 1, 5);
			assert_ok!(<Membership as MemberStanding<_>>::deposit_exhausted(plan, &1));
			assert_eq!(
				status(plan, did),
				Some(MemberStatus::Lapsed(LapseReason::DepositExhausted))
			);
			assert_eq!(counts(plan), (0, 0, 1));
			// Still short: nothing to cure.
			assert_ok!(<Membership as MemberStanding<_>>::deposit_restored(plan, &1));
			assert_eq!(counts(plan), (0, 0, 1));
			set_member_deposit(plan, 1, 25);
			assert_ok!(<Membership as MemberStanding<_>>::deposit_restored(plan, &1));
			assert_eq!(status(plan, did), Some(MemberStatus::Active));
			assert_eq!(counts(plan), (0, 1, 0));
			// Refresh also sees an exhausted deposit.
			set_member_deposit(plan, 1, 0);
			assert_ok!(Membership::refresh_membership(signed(5), plan, did));
			assert_eq!(
				status(plan, did),
				Some(MemberStatus::Lapsed(LapseReason::DepositExhausted))
			);
			assert_noop!(
				<Membership as MemberStanding<_>>::deposit_exhausted(plan, &2),
				Error::<Test>::NoDid
			);
		});
	}

	#[test]
	fn one_did_one_vote_origin() {
		ExtBuilder::build_and_execute(|| {
			let illness = create_plan(illness_terms());
			let weather = create_plan(weather_terms());
			let did = kyc_person(1);
			assert!(EnsureActiveMember::<Test>::try_origin(signed(1)).is_err());
			assert_ok!(Membership::join_plan(signed(1), weather, 20, Some(7)));
			assert_ok!(Membership::join_plan(signed(1), illness, 50, None));
			run_to_block(6);
			assert_eq!(ActiveMembershipsOf::<Test>::get(did), 2);
			assert_eq!(ActiveMemberDids::<Test>::get(), 1, "two memberships, one DID");
			assert_eq!(EnsureActiveMember::<Test>::try_origin(signed(1)).ok(), Some((1, did)));
			assert!(EnsureActiveMember::<Test>::try_origin(signed(2)).is_err());
			assert!(EnsureActiveMember::<Test>::try_origin(root()).is_err());
		});
	}
}

mod activation_queue {
	use super::*;

	/// `count` funded accounts (not the issuer's), each with a DID holding a KYC credential.
	fn joiners(count: usize) -> Vec<(AccountId, DidId)> {
		(1..=20)
			.filter(|who| *who != KYC_ISSUER)
			.take(count)
			.map(|who| (who, kyc_person(who)))
			.collect()
	}

	/// Runs the next block's `on_initialize`: the activations and lapses it brought, and the
	/// weight it reported.
	fn next_block() -> (Vec<Event<Test>>, Weight) {
		let before = membership_events().len();
		let block = System::block_number() + 1;
		System::set_block_number(block);
		let weight = Membership::on_initialize(block);
		let events = membership_events()
			.into_iter()
			.skip(before)
			.filter(|event| {
				matches!(event, Event::MemberActivated { .. } | Event::MemberLapsed { .. })
			})
			.collect();
		(events, weight)
	}

	fn activated(plan: PlanId, dids: &[DidId]) -> Vec<Event<Test>> {
		dids.iter().map(|did| Event::MemberActivated { plan, did: *did }).collect()
	}

	/// The weight `on_initialize` reports for `served` entries and `passed_over` empty blocks.
	fn queue_weight(served: u32, passed_over: u64) -> Weight {
		let db = <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get();
		// Plus the count of queued entries, read and written.
		<() as WeightInfo>::activate_memberships(served)
			.saturating_add(db.reads(passed_over))
			.saturating_add(db.reads_writes(1, 1))
	}

	fn times_activated(plan: PlanId, did: DidId) -> usize {
		membership_events()
			.iter()
			.filter(|event| **event == Event::MemberActivated { plan, did })
			.count()
	}

	#[test]
	fn many_joins_due_in_one_block_all_start_cover_in_join_order_two_a_block() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members = joiners(10);
			for (who, did) in &members {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
				assert_eq!(
					last_event(),
					Event::MemberJoined { plan, did: *did, deposit: 50, waiting_until: 6 }
				);
			}
			assert_eq!(ActivationsDue::<Test>::get(6), 10);
			for (seq, (_, did)) in members.iter().enumerate() {
				assert_eq!(Activations::<Test>::get(6, seq as u32), Some((plan, *did)));
			}
			assert_eq!(counts(plan), (10, 0, 0));
			run_to_block(5);
			assert_eq!(counts(plan), (10, 0, 0));

			// The mock serves 2 a block: blocks 6 to 10 each start the cover of the next two.
			for (round, pair) in members.chunks(2).enumerate() {
				let block = 6 + round as u64;
				let dids: Vec<DidId> = pair.iter().map(|(_, did)| *did).collect();
				assert_eq!(next_block(), (activated(plan, &dids), queue_weight(2, 0)));
				assert_eq!(System::block_number(), block);
				for (who, did) in pair {
					let record = Members::<Test>::get(plan, did).expect("member");
					assert_eq!(record.status, MemberStatus::Active);
					assert_eq!(record.waiting_until, 6);
					assert_eq!(record.active_since, Some(block), "cover starts when served");
					assert!(pool_sees_cover(plan, *who));
				}
				// Those not served yet are past their waiting period and not covered.
				for (who, did) in &members[2 * (round + 1)..] {
					assert_eq!(status(plan, *did), Some(MemberStatus::Waiting));
					assert!(!pool_sees_cover(plan, *who));
					assert!(!<Membership as MembershipInspect<_, _>>::is_active_member(plan, who));
				}
				let active = 2 * (round as u32 + 1);
				assert_eq!(counts(plan), (10 - active, active, 0));
				Membership::do_try_state().expect("invariants hold while the queue spills over");
			}
			assert!(Activations::<Test>::iter().next().is_none());
			assert!(ActivationsDue::<Test>::iter().next().is_none());
			assert_eq!(
				ActivationCursor::<Test>::get(),
				ActivationPosition { block: 7, next: 0 },
				"the block's last entry moves the cursor on"
			);
			// The cursor lags by four blocks, all empty, and nothing is queued: it moves to the
			// current block at once, passing over none.
			assert_eq!(ActivationsQueued::<Test>::get(), 0);
			assert_eq!(next_block(), (vec![], queue_weight(0, 0)));
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 11, next: 0 });
			run_to_block(13);
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 13, next: 0 });
		});
	}

	#[test]
	fn a_backlog_is_served_in_join_order_across_blocks_within_the_bound() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members = joiners(7);
			let did = |i: usize| members[i].1;
			// Five waiting periods end in block 6, then two in block 7.
			for (who, _) in &members[..5] {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			run_to_block(2);
			for (who, _) in &members[5..] {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			assert_eq!((ActivationsDue::<Test>::get(6), ActivationsDue::<Test>::get(7)), (5, 2));
			run_to_block(5);

			assert_eq!(next_block(), (activated(plan, &[did(0), did(1)]), queue_weight(2, 0)));
			// Block 7: block 6's entries come first.
			assert_eq!(next_block(), (activated(plan, &[did(2), did(3)]), queue_weight(2, 0)));
			// Block 8: the last of block 6, then the first of block 7.
			assert_eq!(next_block(), (activated(plan, &[did(4), did(5)]), queue_weight(2, 0)));
			assert!(!ActivationsDue::<Test>::contains_key(6));
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 7, next: 1 });
			// Block 9: the last of block 7; passing over block 8, empty, spends the second unit.
			assert_eq!(next_block(), (activated(plan, &[did(6)]), queue_weight(1, 1)));
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 9, next: 0 });
			// Block 10: nothing is queued; the cursor moves to the current block at once.
			assert_eq!(next_block(), (vec![], queue_weight(0, 0)));
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 10, next: 0 });

			let since: Vec<_> = members
				.iter()
				.map(|(_, did)| Members::<Test>::get(plan, did).and_then(|m| m.active_since))
				.collect();
			assert_eq!(since, [6, 6, 7, 7, 8, 8, 9].map(Some).to_vec());
			assert_eq!(counts(plan), (0, 7, 0));
		});
	}

	#[test]
	fn a_thousand_joins_in_one_block_all_succeed_and_activate_two_a_block() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members: Vec<(AccountId, DidId)> = (1_000..2_000)
				.map(|who| {
					assert_eq!(Balances::set_balance(&who, STARTING_BALANCE), STARTING_BALANCE);
					(who, kyc_person(who))
				})
				.collect();
			for (who, _) in &members {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			assert_eq!(ActivationsDue::<Test>::get(6), 1_000);
			assert_eq!(counts(plan), (1_000, 0, 0));
			// Two a block from block 6, in join order: the last two in block 505.
			run_to_block(504);
			assert_eq!(counts(plan), (2, 998, 0));
			run_to_block(505);
			assert_eq!(counts(plan), (0, 1_000, 0));
			for (position, (who, did)) in members.iter().enumerate() {
				let record = Members::<Test>::get(plan, did).expect("member");
				assert_eq!(record.active_since, Some(6 + position as u64 / 2));
				assert!(pool_sees_cover(plan, *who));
			}
			assert!(Activations::<Test>::iter().next().is_none());
		});
	}

	#[test]
	fn an_exit_while_waiting_leaves_a_stale_entry_that_is_passed_over() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members = joiners(3);
			let [(leaver, left), (_, second), (_, third)] = members[..] else { unreachable!() };
			for (who, _) in &members {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			assert_ok!(Membership::exit_plan(signed(leaver), plan));
			assert_eq!(counts(plan), (2, 0, 0));
			assert_eq!(Activations::<Test>::get(6, 0), Some((plan, left)), "the entry stays");
			run_to_block(5);
			// The stale entry takes one of the block's two units and activates nothing.
			assert_eq!(next_block(), (activated(plan, &[second]), queue_weight(2, 0)));
			assert_eq!(next_block(), (activated(plan, &[third]), queue_weight(1, 1)));
			assert_eq!(status(plan, left), None);
			assert_eq!(times_activated(plan, left), 0);
			assert!(!pool_sees_cover(plan, leaver));
			assert!(MembershipsOf::<Test>::get(left).is_empty());
			assert_eq!(counts(plan), (0, 2, 0));
			assert!(Activations::<Test>::iter().next().is_none());
		});
	}

	#[test]
	fn an_exit_and_rejoin_in_the_same_block_is_activated_once() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let [(who, did), (other, other_did)] = joiners(2)[..] else { unreachable!() };
			assert_ok!(Membership::join_plan(signed(who), plan, 50, None));
			assert_ok!(Membership::exit_plan(signed(who), plan));
			assert_ok!(Membership::join_plan(signed(who), plan, 50, None));
			assert_ok!(Membership::join_plan(signed(other), plan, 50, None));
			// Two entries for the same membership, both due in block 6.
			assert_eq!(Activations::<Test>::get(6, 0), Some((plan, did)));
			assert_eq!(Activations::<Test>::get(6, 1), Some((plan, did)));
			assert_eq!(Activations::<Test>::get(6, 2), Some((plan, other_did)));
			assert_eq!(counts(plan), (2, 0, 0));
			run_to_block(5);
			// The first entry activates it; the second finds it active and changes nothing.
			assert_eq!(next_block(), (activated(plan, &[did]), queue_weight(2, 0)));
			assert_eq!(counts(plan), (1, 1, 0));
			assert_eq!(ActiveMembershipsOf::<Test>::get(did), 1);
			assert_eq!(ActiveMemberDids::<Test>::get(), 1);
			assert_eq!(ActiveSlots::<Test>::iter_prefix(plan).count(), 1);
			assert_eq!(next_block(), (activated(plan, &[other_did]), queue_weight(1, 1)));
			assert_eq!(times_activated(plan, did), 1);
			assert_eq!(counts(plan), (0, 2, 0));
			assert_eq!(ActiveMemberDids::<Test>::get(), 2);
			assert_eq!(ActiveMembershipsOf::<Test>::get(did), 1);
			assert_eq!(Members::<Test>::get(plan, did).and_then(|m| m.active_since), Some(6));
		});
	}

	#[test]
	fn a_rejoin_waits_its_own_waiting_period_despite_its_old_entry() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let [(who, did)] = joiners(1)[..] else { unreachable!() };
			assert_ok!(Membership::join_plan(signed(who), plan, 50, None));
			run_to_block(3);
			assert_ok!(Membership::exit_plan(signed(who), plan));
			assert_ok!(Membership::join_plan(signed(who), plan, 50, None));
			assert_eq!(Activations::<Test>::get(8, 0), Some((plan, did)));
			run_to_block(5);
			// Block 6 serves the old entry: the new membership still waits.
			assert_eq!(next_block(), (vec![], queue_weight(1, 0)));
			assert_eq!(status(plan, did), Some(MemberStatus::Waiting));
			assert_eq!(next_block(), (vec![], queue_weight(0, 1)));
			assert_eq!(next_block(), (activated(plan, &[did]), queue_weight(1, 0)));
			assert_eq!(Members::<Test>::get(plan, did).and_then(|m| m.active_since), Some(8));
			assert_eq!(times_activated(plan, did), 1);
			assert_eq!(counts(plan), (0, 1, 0));
		});
	}

	#[test]
	fn a_member_whose_credential_is_revoked_while_waiting_lapses_when_served_late() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members = joiners(3);
			let [(_, first), (_, second), (revoked, revoked_did)] = members[..] else {
				unreachable!()
			};
			for (who, _) in &members {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			run_to_block(3);
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), revoked_did, KYC));
			run_to_block(5);
			assert_eq!(next_block(), (activated(plan, &[first, second]), queue_weight(2, 0)));
			let lapse = Event::MemberLapsed {
				plan,
				did: revoked_did,
				reason: LapseReason::CredentialInvalid,
			};
			assert_eq!(next_block(), (vec![lapse], queue_weight(1, 1)));
			assert_eq!(
				status(plan, revoked_did),
				Some(MemberStatus::Lapsed(LapseReason::CredentialInvalid))
			);
			assert!(!pool_sees_cover(plan, revoked));
			assert_eq!(counts(plan), (0, 2, 1));
		});
	}

	/// A parachain's first block: the relay chain's block number is far past the cursor. With
	/// nothing queued the cursor moves there at once; the joins of that block wait the plan's
	/// waiting period in the source's blocks and are served when it ends.
	#[test]
	fn a_source_far_ahead_of_the_cursor_costs_nothing_and_waits_in_its_own_blocks() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members = joiners(2);
			ClockLead::set(20_000_000);
			assert_eq!(next_block(), (vec![], queue_weight(0, 0)));
			let now = Membership::now();
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: now, next: 0 });
			for (who, _) in &members {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			let waiting_until = now + illness_terms().waiting_period;
			let record = Members::<Test>::get(plan, members[0].1).expect("member");
			assert_eq!(record.waiting_until, waiting_until);
			assert_eq!(ActivationsQueued::<Test>::get(), 2);
			// The source skips blocks (missed slots): the entries are served when it reaches
			// their block, not later, and cover starts at the source's block.
			while Membership::now() + 2 < waiting_until {
				ClockLead::set(ClockLead::get() + 1);
				assert_eq!(next_block().0, vec![]);
			}
			let mut served = Vec::new();
			for _ in 0..3 {
				ClockLead::set(ClockLead::get() + 1);
				let (events, _) = next_block();
				assert!(events.is_empty() || Membership::now() >= waiting_until);
				served.extend(events);
			}
			let dids: Vec<DidId> = members.iter().map(|(_, did)| *did).collect();
			assert_eq!(served, activated(plan, &dids));
			for did in dids {
				let since = Members::<Test>::get(plan, did).and_then(|record| record.active_since);
				assert!(since.is_some_and(|since| since >= waiting_until), "cover in source time");
			}
			assert_eq!(ActivationsQueued::<Test>::get(), 0);
		});
	}

	/// The count of queued entries follows the queue through joins, an exit while waiting (its
	/// stale entry stays counted until served) and service.
	#[test]
	fn the_queued_count_follows_joins_exits_and_service() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let members = joiners(3);
			for (who, _) in &members {
				assert_ok!(Membership::join_plan(signed(*who), plan, 50, None));
			}
			assert_eq!(ActivationsQueued::<Test>::get(), 3);
			assert_ok!(Membership::exit_plan(signed(members[0].0), plan));
			assert_eq!(ActivationsQueued::<Test>::get(), 3);
			Membership::do_try_state().expect("the count is the queue's");
			run_to_block(6);
			assert_eq!(ActivationsQueued::<Test>::get(), 1);
			run_to_block(7);
			assert_eq!(ActivationsQueued::<Test>::get(), 0);
		});
	}
}

mod pool_hooks {
	use super::*;

	#[test]
	fn pool_is_told_when_cover_starts_and_when_the_member_leaves() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 50, None));
			assert!(!pool_sees_cover(plan, 1), "no cover while waiting");
			run_to_block(6);
			assert!(pool_sees_cover(plan, 1), "cover starts with activation");
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), did, KYC));
			assert_ok!(Membership::refresh_membership(signed(5), plan, did));
			assert!(Membership::covered_membership(plan, did).is_none(), "a lapse ends cover");
			assert!(pool_sees_cover(plan, 1), "but the lapsed member still shares claims");
			assert_ok!(Membership::attest_credential(
				signed(KYC_ISSUER),
				did,
				KYC,
				commitment(2),
				None
			));
			assert_ok!(Membership::refresh_membership(signed(5), plan, did));
			assert!(Membership::covered_membership(plan, did).is_some(), "a cure restores cover");
			assert_ok!(Membership::exit_plan(signed(1), plan));
			assert!(!pool_sees_cover(plan, 1), "leaving stops the sharing");
		});
	}
}

mod personhood {
	//! Issue #15 route 3 (sybils): votes come only from plans requiring the personhood
	//! credential, whose issuers only the personhood origin accredits and which an issuer
	//! attests once per person.
	use super::*;

	fn is_voter(did: DidId) -> bool {
		<Membership as MembershipInspect<_, _>>::is_voter(did)
	}

	fn voter_count() -> u32 {
		<Membership as MembershipInspect<_, _>>::voter_count()
	}

	fn attest(subject: DidId, commitment: sp_core::H256) -> sp_runtime::DispatchResult {
		Membership::attest_credential(signed(KYC_ISSUER), subject, KYC, commitment, None)
	}

	#[test]
	fn a_member_of_a_credential_free_plan_is_covered_but_never_votes() {
		ExtBuilder::build_and_execute(|| {
			// The attack: a plan without credentials and a tiny deposit, sybils joining it.
			let free = create_plan(alliance_terms());
			let sybils: Vec<DidId> = (1..=5).map(create_did).collect();
			for who in 1..=5 {
				assert_ok!(Membership::join_plan(signed(who), free, 10, None));
			}
			// Two activations a block in the tests.
			run_to_block(5);
			for did in &sybils {
				assert!(Membership::is_covered_did(*did), "covered in the plan");
				assert!(!is_voter(*did), "but not a voter");
			}
			assert_eq!(ActiveMemberDids::<Test>::get(), 5);
			assert_eq!(voter_count(), 0);
			assert_eq!(VoterMembershipsOf::<Test>::iter().count(), 0);
			// A KYC person in the same plan does not vote either: the plan gives no vote.
			let person = kyc_person(6);
			assert_ok!(Membership::join_plan(signed(6), free, 10, None));
			run_to_block(7);
			assert!(Membership::is_covered_did(person));
			assert!(!is_voter(person));
			assert_eq!(voter_count(), 0);
			// Its membership of a plan requiring KYC does.
			let weather = create_plan(weather_terms());
			assert_ok!(Membership::join_plan(signed(6), weather, 20, Some(7)));
			assert!(is_voter(person));
			assert_eq!(voter_count(), 1);
		});
	}

	#[test]
	fn an_issuer_attests_one_person_to_one_did() {
		ExtBuilder::build_and_execute(|| {
			let issuer = kyc_issuer();
			let first = kyc_person(1);
			let c = person_commitment(1);
			assert_eq!(PersonOf::<Test>::get(issuer, c), Some(first));
			// The same person's second DID is refused, and nothing changes.
			let second = create_did(2);
			assert_noop!(attest(second, c), Error::<Test>::DuplicatePerson);
			assert!(Credentials::<Test>::get(second, KYC).is_none());
			// Even while the first credential has expired (it can be renewed).
			assert_ok!(Membership::attest_credential(signed(KYC_ISSUER), first, KYC, c, Some(3)));
			run_to_block(3);
			assert!(!<Membership as CredentialInspect>::has_valid_credential(first, KYC));
			assert_noop!(attest(second, c), Error::<Test>::DuplicatePerson);
			// The first DID renews its own credential under the same commitment.
			assert_ok!(attest(first, c));
			assert_eq!(PersonOf::<Test>::get(issuer, c), Some(first));
			// Once the first is revoked, the person may use the second DID.
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), first, KYC));
			assert_eq!(PersonOf::<Test>::get(issuer, c), None);
			assert_ok!(attest(second, c));
			assert_eq!(PersonOf::<Test>::get(issuer, c), Some(second));
			assert_noop!(attest(first, c), Error::<Test>::DuplicatePerson);
			// A DID's credential replaced under another commitment frees the old one.
			let other = person_commitment(9);
			assert_ok!(attest(second, other));
			assert_eq!(PersonOf::<Test>::get(issuer, c), None);
			assert_eq!(PersonOf::<Test>::get(issuer, other), Some(second));
			assert_ok!(attest(first, c));
			// Deactivating a DID frees its commitment too.
			assert_ok!(Membership::deactivate_did(signed(2)));
			assert_eq!(PersonOf::<Test>::get(issuer, other), None);
			let third = create_did(3);
			assert_ok!(attest(third, other));
			assert_eq!(PersonOf::<Test>::get(issuer, other), Some(third));
			// Left open, by design: another accredited issuer scopes its commitments itself, so
			// one person checked by two issuers can hold two DIDs.
			accredited(4, KYC);
			let fourth = create_did(5);
			assert_ok!(Membership::attest_credential(signed(4), fourth, KYC, c, None));
			assert_eq!(PersonOf::<Test>::get(DidOf::<Test>::get(4).unwrap(), c), Some(fourth));
			// Other credential types are not personhood: no uniqueness, no entry.
			accredited(6, MEDICAL);
			assert_ok!(Membership::attest_credential(signed(6), first, MEDICAL, c, None));
			assert_ok!(Membership::attest_credential(signed(6), third, MEDICAL, c, None));
			assert_eq!(PersonOf::<Test>::iter().count(), 3);
		});
	}

	#[test]
	fn a_replaced_credential_of_another_issuer_frees_its_commitment() {
		ExtBuilder::build_and_execute(|| {
			let first_issuer = kyc_issuer();
			let person = kyc_person(1);
			let c = person_commitment(1);
			let second_issuer = accredited(3, KYC);
			// The first issuer is suspended: the second may replace the credential.
			assert_ok!(Membership::suspend_issuer(root(), KYC, first_issuer));
			assert_ok!(Membership::attest_credential(signed(3), person, KYC, c, None));
			assert_eq!(PersonOf::<Test>::get(first_issuer, c), None);
			assert_eq!(PersonOf::<Test>::get(second_issuer, c), Some(person));
		});
	}

	#[test]
	fn only_the_personhood_origin_accredits_personhood_issuers() {
		ExtBuilder::build_and_execute(|| {
			// The attack: an accreditation referendum accrediting a lenient KYC issuer.
			let lenient = create_did(3);
			assert_ok!(Membership::request_accreditation(signed(3), KYC));
			assert_noop!(
				Membership::accredit_issuer(root(), KYC, lenient),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Membership::accredit_issuer(signed(3), KYC, lenient),
				DispatchError::BadOrigin
			);
			assert!(!Membership::issuer_is_accredited(lenient, KYC));
			assert_ok!(Membership::accredit_issuer(personhood(), KYC, lenient));
			assert_eq!(
				last_event(),
				Event::IssuerAccredited { credential_type: KYC, issuer: lenient }
			);
			// Other types stay with the accreditation origin, which the personhood origin is not.
			let hospital = create_did(4);
			assert_ok!(Membership::request_accreditation(signed(4), MEDICAL));
			assert_noop!(
				Membership::accredit_issuer(personhood(), MEDICAL, hospital),
				DispatchError::BadOrigin
			);
			assert_ok!(Membership::accredit_issuer(root(), MEDICAL, hospital));
			// Suspending and slashing a personhood issuer stay with the accreditation origin.
			assert_noop!(
				Membership::suspend_issuer(personhood(), KYC, lenient),
				DispatchError::BadOrigin
			);
			assert_ok!(Membership::slash_issuer(root(), KYC, lenient, 1));
			assert_ok!(Membership::suspend_issuer(root(), KYC, lenient));
			assert!(!Membership::issuer_is_accredited(lenient, KYC));
		});
	}

	#[test]
	fn plan_terms_cannot_add_or_remove_the_personhood_requirement() {
		ExtBuilder::build_and_execute(|| {
			// The attack: a plan that gave no vote made into one after sybils joined it.
			let free = create_plan(alliance_terms());
			let voting = create_plan(illness_terms());
			let mut with_kyc = alliance_terms();
			with_kyc.required_credentials = vec![KYC].try_into().unwrap();
			assert_noop!(
				Membership::update_plan_terms(root(), free, with_kyc),
				Error::<Test>::PersonhoodRequirementFixed
			);
			let mut without_kyc = illness_terms();
			without_kyc.required_credentials = vec![MEDICAL].try_into().unwrap();
			assert_noop!(
				Membership::update_plan_terms(root(), voting, without_kyc),
				Error::<Test>::PersonhoodRequirementFixed
			);
			// Other changes, other credentials included, are allowed.
			let mut more = illness_terms();
			more.required_credentials = vec![MEDICAL, KYC].try_into().unwrap();
			more.min_deposit = 60;
			assert_ok!(Membership::update_plan_terms(root(), voting, more.clone()));
			assert_eq!(Plans::<Test>::get(voting).unwrap().terms, more);
			let mut alliance = alliance_terms();
			alliance.required_credentials = vec![MEDICAL].try_into().unwrap();
			assert_ok!(Membership::update_plan_terms(root(), free, alliance));
			// Creating a plan either way is not restricted.
			create_plan(illness_terms());
			create_plan(alliance_terms());
		});
	}

	#[test]
	fn a_voters_standing_starts_over_with_a_new_personhood_credential() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			run_to_block(3);
			let first = kyc_person(1);
			assert_eq!(Membership::voter_since_did(first), None, "not a member yet");
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(7)));
			// A voter since it is covered with a credential issued earlier.
			let since = Membership::voter_since_did(first).expect("a voter");
			assert_eq!(since, 3);
			// The person moves to another DID: that DID is a voter since the re-attestation.
			run_to_block(6);
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), first, KYC));
			assert_eq!(Membership::voter_since_did(first), None);
			let second = create_did(2);
			attest_person(second, 1, None);
			assert_ok!(Membership::join_plan(signed(2), plan, 20, Some(7)));
			assert_eq!(Membership::voter_since_did(second), Some(6));
			// And back: the first DID starts over too, although its membership is older.
			run_to_block(9);
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), second, KYC));
			attest_person(first, 1, None);
			// (Its record still says active: no refresh ran meanwhile.)
			assert_eq!(Membership::voter_since_did(first), Some(9));
		});
	}

	/// Attack review: an issuer renewing a credential (a later expiry) reset its issue block,
	/// which took the holder's vote on every poll already submitted — honest renewals
	/// disenfranchised, or chosen voters silenced. A renewal in place keeps the issue block;
	/// after a revocation or an expiry the standing starts over.
	#[test]
	fn a_renewed_personhood_credential_keeps_its_standing() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			run_to_block(3);
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(7)));
			assert_eq!(Membership::voter_since_did(did), Some(3));
			run_to_block(5);
			let renew = |expiry| {
				Membership::attest_credential(
					signed(KYC_ISSUER),
					did,
					KYC,
					person_commitment(1),
					Some(expiry),
				)
			};
			assert_ok!(renew(8));
			assert_eq!(Membership::voter_since_did(did), Some(3));
			assert_ok!(renew(20));
			assert_eq!(Credentials::<Test>::get(did, KYC).map(|c| c.issued_at), Some(3));
			// Another commitment is another person: a new standing.
			run_to_block(6);
			attest_person(did, 9, Some(20));
			assert_eq!(Membership::voter_since_did(did), Some(6));
			// Renewed after it expired: a new standing too.
			run_to_block(21);
			assert_eq!(Membership::voter_since_did(did), None, "expired");
			attest_person(did, 9, None);
			assert_eq!(Membership::voter_since_did(did), Some(21));
		});
	}

	/// Attack review: the version 4 migration left a second DID holding a person's commitment
	/// (attested before uniqueness was checked), and both voted. Only the DID the person is
	/// recorded for ([`PersonOf`]) votes.
	#[test]
	fn a_duplicate_left_by_the_migration_does_not_vote() {
		use frame_support::traits::{Hooks, RankedMembers};
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let first = kyc_person(1);
			let duplicate = create_did(2);
			// Already a voter when the version 4 migration met it (counted and on the roll)…
			attest_person(duplicate, 2, None);
			assert_ok!(Membership::join_plan(signed(2), plan, 20, Some(7)));
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(7)));
			assert!(is_voter(first) && is_voter(duplicate));
			// …which then found its commitment to be the first person's (as the migration
			// leaves a duplicate attested before uniqueness was checked).
			PersonOf::<Test>::remove(kyc_issuer(), person_commitment(2));
			Credentials::<Test>::mutate(duplicate, KYC, |credential| {
				if let Some(credential) = credential {
					credential.commitment = person_commitment(1);
				}
			});
			assert!(!is_voter(duplicate));
			assert_eq!(Membership::voter_since_did(duplicate), None);
			assert!(!Membership::credential_is_valid(duplicate, KYC), "no person under it");
			// The sweep lapses its membership: out of the electorate and off the roll.
			assert_eq!(voter_count(), 2);
			Membership::on_idle(1, Weight::MAX);
			assert_eq!(voter_count(), 1);
			assert_eq!(<MockRoll as RankedMembers>::rank_of(&2), None);
			assert!(is_voter(first));
			// And it cannot join a personhood plan again.
			let other = create_plan(weather_terms());
			assert_noop!(
				Membership::join_plan(signed(2), other, 20, Some(7)),
				Error::<Test>::MissingRequiredCredential
			);
		});
	}

	/// Accounts 1, 2 and 3 as KYC persons whose personhood will end three ways: 1's credential
	/// can be revoked, 2's expires at block 4, and 3's issuer (account 4, accredited here) can
	/// be suspended. Returns their DIDs and that issuer's DID.
	fn three_persons_to_end() -> (DidId, DidId, DidId, DidId) {
		let revoked = kyc_person(1);
		let expiring = create_did(2);
		attest_person(expiring, 2, Some(4));
		let other_issuer = accredited(4, KYC);
		let suspended = create_did(3);
		assert_ok!(Membership::attest_credential(
			signed(4),
			suspended,
			KYC,
			person_commitment(3),
			None
		));
		(revoked, expiring, suspended, other_issuer)
	}

	#[test]
	fn a_voter_stops_voting_in_the_block_its_personhood_fails_without_a_refresh() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let (revoked, expiring, suspended, other_issuer) = three_persons_to_end();
			for who in 1..=3 {
				assert_ok!(Membership::join_plan(signed(who), plan, 20, Some(7)));
			}
			assert!([revoked, expiring, suspended].iter().all(|did| is_voter(*did)));
			assert_eq!(voter_count(), 3);

			// Revoked: no vote in the same block.
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), revoked, KYC));
			assert!(!is_voter(revoked));
			// Expired: no vote from the expiry block on.
			run_to_block(4);
			assert!(!is_voter(expiring));
			// The issuer suspended: none of its persons votes.
			assert_ok!(Membership::suspend_issuer(root(), KYC, other_issuer));
			assert!(!is_voter(suspended));
			// No refresh ran: the records still say active, and the electorate still counts
			// them (an upper bound, which only makes support harder to reach).
			assert_eq!(counts(plan), (0, 3, 0));
			assert_eq!(voter_count(), 3);
			for did in [revoked, expiring, suspended] {
				assert_ok!(Membership::refresh_membership(signed(9), plan, did));
			}
			assert_eq!(voter_count(), 0);
		});
	}

	/// Nobody refreshes: the sweep, in `on_idle`, takes the revoked, expired and suspended
	/// voters off the roll and out of the electorate within a pass, a few voters a block, and
	/// leaves the live voter alone.
	#[test]
	fn the_sweep_strikes_voters_whose_standing_ended_without_a_refresh() {
		use frame_support::traits::{Hooks, RankedMembers};
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let (revoked, expiring, suspended, other_issuer) = three_persons_to_end();
			let live = kyc_person(5);
			for who in [1, 2, 3, 5] {
				assert_ok!(Membership::join_plan(signed(who), plan, 20, Some(7)));
			}
			assert_eq!(voter_count(), 4);
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), revoked, KYC));
			run_to_block(4);
			assert_ok!(Membership::suspend_issuer(root(), KYC, other_issuer));
			assert_eq!(voter_count(), 4, "nobody refreshed");

			// Too little weight left: the sweep does nothing.
			assert_eq!(Membership::on_idle(4, Weight::zero()), Weight::zero());
			assert_eq!(VoterSweep::<Test>::get(), None);
			// Three voters a block (the mock's bound): two blocks make a pass.
			let first = Membership::on_idle(4, Weight::MAX);
			assert!(first.any_gt(Weight::zero()));
			assert!(VoterSweep::<Test>::get().is_some(), "the pass goes on next block");
			Membership::on_idle(5, Weight::MAX);
			assert_eq!(VoterSweep::<Test>::get(), None, "a pass ended");
			assert_eq!(voter_count(), 1);
			assert!(is_voter(live));
			for (who, did) in [(1, revoked), (2, expiring), (3, suspended)] {
				assert!(!VoterMembershipsOf::<Test>::contains_key(did));
				assert_eq!(<MockRoll as RankedMembers>::rank_of(&who), None, "struck: {did}");
				assert!(matches!(
					Members::<Test>::get(plan, did).map(|m| m.status),
					Some(MemberStatus::Lapsed(_))
				));
			}
			assert_eq!(<MockRoll as RankedMembers>::rank_of(&5), Some(0));
			// The live voter costs a check a block; the weight stays within the bound.
			let idle = Membership::on_idle(6, Weight::MAX);
			let bound = <() as crate::WeightInfo>::sweep_voters(3).saturating_add(
				<() as crate::WeightInfo>::refresh_membership().saturating_mul(
					3 * u64::from(<<Test as Config>::MaxMembershipsPerDid as Get<u32>>::get()),
				),
			);
			assert!(bound.all_gte(idle));
		});
	}

	#[test]
	fn voter_counts_follow_join_activation_lapse_cure_and_exit() {
		ExtBuilder::build_and_execute(|| {
			let illness = create_plan(illness_terms());
			let weather = create_plan(weather_terms());
			let free = create_plan(alliance_terms());
			let did = kyc_person(1);
			let voters = |did| VoterMembershipsOf::<Test>::get(did);
			// Waiting counts nothing.
			assert_ok!(Membership::join_plan(signed(1), illness, 50, None));
			assert_eq!((voters(did), voter_count()), (0, 0));
			assert!(roll().is_empty());
			run_to_block(6);
			assert_eq!((voters(did), voter_count()), (1, 1));
			// The voters' roll follows: the controller is on it once, however many plans.
			assert_eq!(roll(), vec![1]);
			assert_ok!(Membership::join_plan(signed(1), weather, 20, Some(7)));
			assert_eq!((voters(did), voter_count()), (2, 1));
			// A credential-free plan adds an active membership, not a voter one.
			assert_ok!(Membership::join_plan(signed(1), free, 10, None));
			run_to_block(8);
			assert_eq!(ActiveMembershipsOf::<Test>::get(did), 3);
			assert_eq!((voters(did), voter_count()), (2, 1));
			// A second voter.
			let other = kyc_person(2);
			assert_ok!(Membership::join_plan(signed(2), weather, 20, Some(8)));
			assert_eq!((voters(other), voter_count()), (1, 2));
			assert_eq!(roll(), vec![1, 2]);
			// Lapse (deposit) and cure.
			set_member_deposit(weather, 1, 0);
			assert_ok!(Membership::refresh_membership(signed(9), weather, did));
			assert_eq!((voters(did), voter_count()), (1, 2));
			set_member_deposit(weather, 1, 20);
			assert_ok!(Membership::refresh_membership(signed(9), weather, did));
			assert_eq!((voters(did), voter_count()), (2, 2));
			// Exits.
			assert_ok!(Membership::exit_plan(signed(1), illness));
			assert_eq!((voters(did), voter_count()), (1, 2));
			assert_ok!(Membership::exit_plan(signed(1), weather));
			assert_eq!((voters(did), voter_count()), (0, 1));
			assert!(!VoterMembershipsOf::<Test>::contains_key(did));
			assert!(Membership::is_covered_did(did) && !is_voter(did));
			assert_eq!(roll(), vec![2]);
			// The other's lapse through the pool's report.
			assert_ok!(<Membership as MemberStanding<_>>::deposit_exhausted(weather, &2));
			assert_eq!((voters(other), voter_count()), (0, 0));
			assert!(roll().is_empty());
			set_member_deposit(weather, 2, 20);
			assert_ok!(<Membership as MemberStanding<_>>::deposit_restored(weather, &2));
			assert_eq!((voters(other), voter_count()), (1, 1));
			assert_eq!(roll(), vec![2]);
		});
	}

	#[test]
	fn try_state_catches_wrong_voter_counts_and_persons() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(weather_terms());
			let did = kyc_person(1);
			assert_ok!(Membership::join_plan(signed(1), plan, 20, Some(7)));
			Membership::do_try_state().expect("consistent");
			VoterDids::<Test>::put(2);
			assert!(Membership::do_try_state().is_err());
			VoterDids::<Test>::put(1);
			VoterMembershipsOf::<Test>::insert(did, 2);
			assert!(Membership::do_try_state().is_err());
			VoterMembershipsOf::<Test>::insert(did, 1);
			PersonOf::<Test>::insert(kyc_issuer(), person_commitment(5), did);
			assert!(Membership::do_try_state().is_err());
			PersonOf::<Test>::remove(kyc_issuer(), person_commitment(5));
		});
	}
}

mod migration {
	use super::*;
	use crate::migrations::{
		v1::MigrateToV1,
		v3::{ActivationQueue as OldActivationQueue, MigrateToV3},
		v4::MigrateToV4,
	};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	/// Version 7 counts the queue's unserved entries, less those of the cursor's block already
	/// served, stale ones included.
	#[test]
	fn version_7_counts_the_queued_activations() {
		ExtBuilder::build_and_execute(|| {
			let plan = create_plan(illness_terms());
			for who in [1, 2, 3] {
				kyc_person(who);
				assert_ok!(Membership::join_plan(signed(who), plan, 50, None));
			}
			run_to_block(2);
			for who in [4, 5] {
				kyc_person(who);
				assert_ok!(Membership::join_plan(signed(who), plan, 50, None));
			}
			assert_ok!(Membership::exit_plan(signed(4), plan));
			// Block 6 serves two of block 6's three entries (two units a block).
			run_to_block(6);
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 6, next: 2 });
			ActivationsQueued::<Test>::kill();
			StorageVersion::new(6).put::<Membership>();
			crate::migrations::v7::MigrateToV7::<Test>::on_runtime_upgrade();
			assert_eq!(Membership::on_chain_storage_version(), 7);
			assert_eq!(ActivationsQueued::<Test>::get(), 3);
			Membership::do_try_state().expect("the count is the queue's");
		});
	}

	#[test]
	fn version_2_activation_queue_moves_to_the_unbounded_queue() {
		ExtBuilder::build_and_execute(|| {
			let illness = create_plan(illness_terms());
			let mut quick_terms = alliance_terms();
			quick_terms.waiting_period = 1;
			let quick = create_plan(quick_terms);
			let dids: Vec<DidId> = (1..=5).map(kyc_person).collect();
			for who in 1..=3 {
				assert_ok!(Membership::join_plan(signed(who), illness, 50, None));
			}
			assert_ok!(Membership::join_plan(signed(5), quick, 10, None));
			// Block 2's `on_initialize` is skipped, so its entry is left in the old queue (which
			// version 2 never does): the migration must not lose it.
			System::set_block_number(2);
			assert_ok!(Membership::join_plan(signed(4), illness, 50, None));
			System::set_block_number(3);
			// Version 2's layout: one vec of entries per block, in join order.
			let _ = Activations::<Test>::clear(u32::MAX, None);
			let _ = ActivationsDue::<Test>::clear(u32::MAX, None);
			ActivationCursor::<Test>::kill();
			OldActivationQueue::<Test>::insert(
				6,
				vec![(illness, dids[0]), (illness, dids[1]), (illness, dids[2])],
			);
			OldActivationQueue::<Test>::insert(7, vec![(illness, dids[3])]);
			OldActivationQueue::<Test>::insert(2, vec![(quick, dids[4])]);
			StorageVersion::new(2).put::<Membership>();
			assert!(Membership::do_try_state().is_err(), "the waiting members have no entries");

			#[cfg(feature = "try-runtime")]
			assert_ok!(MigrateToV3::<Test>::try_on_runtime_upgrade(true));
			#[cfg(not(feature = "try-runtime"))]
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(Membership::on_chain_storage_version(), StorageVersion::new(3));
			assert!(OldActivationQueue::<Test>::iter().next().is_none(), "the old queue is gone");
			let mut entries: Vec<_> = Activations::<Test>::iter().collect();
			entries.sort();
			assert_eq!(
				entries,
				vec![
					(2, 0, (quick, dids[4])),
					(6, 0, (illness, dids[0])),
					(6, 1, (illness, dids[1])),
					(6, 2, (illness, dids[2])),
					(7, 0, (illness, dids[3])),
				]
			);
			let mut due: Vec<_> = ActivationsDue::<Test>::iter().collect();
			due.sort();
			assert_eq!(due, vec![(2, 1), (6, 3), (7, 1)]);
			// The cursor starts at the current block, or at the overdue entry's.
			assert_eq!(ActivationCursor::<Test>::get(), ActivationPosition { block: 2, next: 0 });
			Membership::do_try_state().expect("every waiting member has its entry");

			// Run again, it changes nothing.
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(Activations::<Test>::iter().count(), 5);

			// The upgrade runs before block 3's `on_initialize`, which serves the overdue entry.
			Membership::on_initialize(3);
			run_to_block(7);
			let since: Vec<_> =
				[(illness, 0), (illness, 1), (illness, 2), (illness, 3), (quick, 4)]
					.iter()
					.map(|(plan, i)| {
						Members::<Test>::get(plan, dids[*i]).and_then(|m| m.active_since)
					})
					.collect();
			assert_eq!(since, [6, 6, 7, 7, 3].map(Some).to_vec());
			assert!(Activations::<Test>::iter().next().is_none());
		});
	}

	#[test]
	fn version_3_builds_persons_and_voter_counts() {
		ExtBuilder::build_and_execute(|| {
			let issuer = kyc_issuer();
			let weather = create_plan(weather_terms());
			let free = create_plan(alliance_terms());
			let dids: Vec<DidId> = (1..=3).map(kyc_person).collect();
			for who in 1..=2 {
				assert_ok!(Membership::join_plan(signed(who), weather, 20, Some(7)));
			}
			assert_ok!(Membership::join_plan(signed(2), free, 10, None));
			assert_ok!(Membership::join_plan(signed(3), free, 10, None));
			run_to_block(3);
			// A lapsed membership of a personhood plan counts nothing.
			let lapsed = kyc_person(6);
			assert_ok!(Membership::join_plan(signed(6), weather, 20, Some(7)));
			set_member_deposit(weather, 6, 0);
			assert_ok!(Membership::refresh_membership(signed(9), weather, lapsed));
			// A deactivated DID's credential stays stored; it names nobody.
			kyc_person(5);
			assert_ok!(Membership::deactivate_did(signed(5)));
			// Version 3 did not check uniqueness: DID 4 holds person 1's commitment, attested
			// later.
			let duplicate = create_did(4);
			Credentials::<Test>::insert(
				duplicate,
				KYC,
				Credential {
					issuer,
					commitment: person_commitment(1),
					issued_at: 3,
					expires_at: None,
				},
			);
			// Version 3's state: no persons, no voter counts.
			let _ = PersonOf::<Test>::clear(u32::MAX, None);
			let _ = VoterMembershipsOf::<Test>::clear(u32::MAX, None);
			VoterDids::<Test>::kill();
			StorageVersion::new(3).put::<Membership>();
			assert!(Membership::do_try_state().is_err(), "the voter counts are missing");

			#[cfg(feature = "try-runtime")]
			assert_ok!(MigrateToV4::<Test>::try_on_runtime_upgrade(true));
			#[cfg(not(feature = "try-runtime"))]
			MigrateToV4::<Test>::on_runtime_upgrade();
			assert_eq!(Membership::on_chain_storage_version(), StorageVersion::new(4));
			Membership::do_try_state().expect("consistent after the migration");

			// The first attested keeps the commitment; the duplicate is left as it is.
			assert_eq!(PersonOf::<Test>::get(issuer, person_commitment(1)), Some(dids[0]));
			let mut persons: Vec<DidId> = PersonOf::<Test>::iter_values().collect();
			persons.sort();
			assert_eq!(persons, vec![dids[0], dids[1], dids[2], lapsed]);
			assert!(Credentials::<Test>::contains_key(duplicate, KYC));
			// Only the active memberships of the personhood plan count.
			let mut voters: Vec<(DidId, u32)> = VoterMembershipsOf::<Test>::iter().collect();
			voters.sort();
			assert_eq!(voters, vec![(dids[0], 1), (dids[1], 1)]);
			assert_eq!(VoterDids::<Test>::get(), 2);

			// Run again, it changes nothing.
			MigrateToV4::<Test>::on_runtime_upgrade();
			assert_eq!(VoterDids::<Test>::get(), 2);
			// The duplicate cannot be attested the commitment again while the first holds it.
			assert_noop!(
				Membership::attest_credential(
					signed(KYC_ISSUER),
					duplicate,
					KYC,
					person_commitment(1),
					None
				),
				Error::<Test>::DuplicatePerson
			);
			// Revoking the duplicate leaves the first's entry.
			assert_ok!(Membership::revoke_credential(signed(KYC_ISSUER), duplicate, KYC));
			assert_eq!(PersonOf::<Test>::get(issuer, person_commitment(1)), Some(dids[0]));
		});
	}

	#[test]
	fn version_0_active_member_dids_get_chain_wide_slots() {
		ExtBuilder::build_and_execute(|| {
			let weather = create_plan(weather_terms());
			for who in 1..=3 {
				kyc_person(who);
				assert_ok!(Membership::join_plan(signed(who), weather, 20, Some(8)));
			}
			// Version 0 kept no chain-wide slots.
			let _ = ActiveDidSlots::<Test>::clear(u32::MAX, None);
			let _ = ActiveDidSlotOf::<Test>::clear(u32::MAX, None);
			StorageVersion::new(0).put::<Membership>();
			assert!(Membership::do_try_state().is_err(), "the slots are missing");

			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Membership::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(ActiveDidSlots::<Test>::iter().count(), 3);
			Membership::do_try_state().expect("every active member DID has its slot");
			// The slots serve a leaving member as any other.
			assert_ok!(Membership::exit_plan(signed(2), weather));
			Membership::do_try_state().expect("slots stay dense");
		});
	}
}

/// Attacks by the reviewer (branch `attack`): random sequences of every call that moves a
/// membership or a personhood credential, checking after each step that the voter counts match
/// a recount (`try_state`), that no live voter is missing from them, and that no two live voters
/// hold the same issuer's personhood commitment (one person, one vote).
mod voter_count_attacks {
	use super::*;
	use frame_support::storage::with_storage_layer;

	/// A second personhood issuer (account 11), accredited by the personhood origin.
	const ISSUER_2: AccountId = 11;

	struct Rng(u64);
	impl Rng {
		fn next(&mut self, below: u64) -> u64 {
			self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
			(self.0 >> 33) % below
		}
	}

	fn check_voters() -> u32 {
		Membership::do_try_state().expect("invariants");
		let mut persons = std::collections::BTreeMap::new();
		let mut live_voters = 0u32;
		for (did, _) in Dids::<Test>::iter() {
			if !Membership::is_voter_did(did) {
				continue;
			}
			live_voters += 1;
			assert!(VoterMembershipsOf::<Test>::get(did) > 0, "a voter not counted");
			let credential = Credentials::<Test>::get(did, KYC).expect("a voter holds KYC");
			if let Some(other) = persons.insert((credential.issuer, credential.commitment), did) {
				panic!("one person, two live voters: {other} and {did}");
			}
		}
		assert!(VoterDids::<Test>::get() >= live_voters, "the electorate below the voters");
		live_voters
	}

	fn step(rng: &mut Rng, plans: &[PlanId; 3]) -> u32 {
		let who = 1 + rng.next(6);
		let other = 1 + rng.next(6);
		let plan = plans[rng.next(3) as usize];
		let issuer = if rng.next(2) == 0 { KYC_ISSUER } else { ISSUER_2 };
		let did = DidOf::<Test>::get(who);
		let _ = with_storage_layer(|| -> sp_runtime::DispatchResult {
			match rng.next(14) {
				0 => Membership::create_did(signed(who), auth_key(who as u8)),
				1 | 2 => {
					// The person `other` (usually oneself), expiring or not.
					let person = if rng.next(3) == 0 { other } else { who };
					let expiry =
						(rng.next(3) == 0).then(|| System::block_number() + 1 + rng.next(4));
					Membership::attest_credential(
						signed(issuer),
						did.ok_or(DispatchError::Other("no did"))?,
						KYC,
						person_commitment(person),
						expiry,
					)
				}
				3 => Membership::revoke_credential(
					signed(issuer),
					did.ok_or(DispatchError::Other("no did"))?,
					KYC,
				),
				4 | 5 => {
					let region = (plan == plans[1]).then_some(7);
					Membership::join_plan(signed(who), plan, 60, region)
						.map(|_| ())
						.map_err(|e| e.error)
				}
				6 => Membership::exit_plan(signed(who), plan),
				7 => Membership::refresh_membership(
					signed(other),
					plan,
					did.ok_or(DispatchError::Other("no did"))?,
				),
				8 => Membership::deactivate_did(signed(who)),
				9 => {
					if rng.next(2) == 0 {
						set_member_deposit(plan, who, 1);
						<Membership as MemberStanding<_>>::deposit_exhausted(plan, &who)
					} else {
						set_member_deposit(plan, who, 60);
						<Membership as MemberStanding<_>>::deposit_restored(plan, &who)
					}
				}
				10 => {
					let issuer_did = DidOf::<Test>::get(ISSUER_2).expect("issuer");
					if rng.next(2) == 0 {
						Membership::suspend_issuer(root(), KYC, issuer_did)
					} else {
						Membership::accredit_issuer(personhood(), KYC, issuer_did)
					}
				}
				11 => {
					// Terms that try to drop or add the personhood requirement.
					let mut terms = Plans::<Test>::get(plan).expect("plan").terms;
					terms.required_credentials = if terms.required_credentials.is_empty() {
						vec![KYC].try_into().expect("one")
					} else {
						Default::default()
					};
					Membership::update_plan_terms(root(), plan, terms)
				}
				12 => {
					// The sweep's share of a block.
					let _ = <Membership as frame_support::traits::Hooks<u64>>::on_idle(
						System::block_number(),
						Weight::MAX,
					);
					Ok(())
				}
				_ => {
					run_to_block(System::block_number() + 1 + rng.next(3));
					Ok(())
				}
			}
		});
		check_voters()
	}

	#[test]
	fn random_sequences_keep_the_voter_counts_and_one_vote_per_person() {
		let mut voter_steps = 0u32;
		for seed in 0..120u64 {
			ExtBuilder::build().execute_with(|| {
				create_did(ISSUER_2);
				accredited(ISSUER_2, KYC);
				let plans = [
					create_plan(illness_terms()),
					create_plan(weather_terms()),
					create_plan(alliance_terms()),
				];
				let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
				for _ in 0..150 {
					voter_steps += u32::from(step(&mut rng, &plans) > 0);
				}
				// A full pass of the sweep leaves exactly the live voters in the electorate.
				VoterSweep::<Test>::kill();
				loop {
					let _ = <Membership as frame_support::traits::Hooks<u64>>::on_idle(
						System::block_number(),
						Weight::MAX,
					);
					if VoterSweep::<Test>::get().is_none() {
						break;
					}
				}
				let live = check_voters();
				assert_eq!(VoterDids::<Test>::get(), live, "seed {seed}: a stale voter left");
			});
		}
		// The sequences do reach states with voters (not a vacuous check).
		assert!(voter_steps > 1_000, "{voter_steps}");
	}
}

#[test]
fn version_5_puts_every_voter_on_the_roll() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	ExtBuilder::build_and_execute(|| {
		let weather = create_plan(weather_terms());
		let free = create_plan(alliance_terms());
		for who in 1..=3 {
			kyc_person(who);
		}
		for who in 1..=2 {
			assert_ok!(Membership::join_plan(signed(who), weather, 20, Some(7)));
		}
		assert_ok!(Membership::join_plan(signed(3), free, 10, None));
		run_to_block(3);
		assert_eq!(roll(), vec![1, 2]);
		// Version 4's state: voters counted, nobody on the roll.
		for who in 1..=2 {
			assert_ok!(<MockRoll as frame_support::traits::RankedMembers>::demote(&who));
		}
		StorageVersion::new(4).put::<Membership>();
		assert!(Membership::do_try_state().is_err(), "voters missing from the roll");
		crate::migrations::v5::MigrateToV5::<Test>::on_runtime_upgrade();
		assert_eq!(Membership::on_chain_storage_version(), StorageVersion::new(5));
		// The voters, not the member of the credential-free plan.
		assert_eq!(roll(), vec![1, 2]);
		Membership::do_try_state().expect("consistent after the migration");
	});
}
