//! Benchmarks of every call and of the activation queue, each at its worst case: plans that
//! require [`MAX_REQUIRED_CREDENTIALS`] credentials, the personhood credential first among them
//! (so that memberships move the voter counts too), and cover [`MAX_PLAN_REGIONS`] regions, full
//! endpoint lists, nearly full membership lists, and activations that each complete a block of
//! the queue. The personhood credential type ([`Config::PersonhoodCredential`]) must be
//! registered in the benchmarks' genesis (it is one of the standard types in Huzhu).

use super::*;
use crate::Pallet as Membership;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get, Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::RawOrigin;
use huzhu_primitives::membership::MAX_PLAN_REGIONS;
use sp_core::{sr25519, H256};
use sp_runtime::{traits::Bounded, Perbill, Permill};

const SEED: u32 = 0;

/// An account with more than any benchmark spends.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let plenty = BalanceOf::<T>::max_value() / 1_000_000u32.into();
	T::Currency::set_balance(&who, plenty);
	who
}

fn key(seed: u8) -> DidPublicKey {
	DidPublicKey::Sr25519(sr25519::Public::from_raw([seed; 32]))
}

/// A funded account with a DID.
fn with_did<T: Config>(name: &'static str, index: u32) -> (T::AccountId, DidId) {
	let who = funded::<T>(name, index);
	let did = Membership::<T>::do_create_did(who.clone(), key(1)).expect("fresh account");
	(who, did)
}

/// A bond that any funded account can post.
fn bond<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().max(1u32.into()) * 100u32.into()
}

/// The personhood credential type, which the benchmarks' genesis registers.
fn personhood<T: Config>() -> CredentialTypeId {
	let credential_type = T::PersonhoodCredential::get();
	assert!(
		CredentialTypes::<T>::contains_key(credential_type),
		"the benchmarks' genesis registers the personhood credential type"
	);
	credential_type
}

/// The personhood commitment of person `index`: one per person.
fn person_commitment(index: u32) -> H256 {
	// `from_low_u64_be` needs `std`; the benchmarks also run in the wasm runtime.
	let mut bytes = [0u8; 32];
	let number = (u64::from(index) + 1).to_be_bytes();
	bytes.iter_mut().skip(24).zip(number).for_each(|(byte, from)| *byte = from);
	H256(bytes)
}

/// An issuer accredited for the personhood credential type and
/// [`MAX_REQUIRED_CREDENTIALS`]` - 1` fresh ones: the personhood type first.
fn issuer_of_many_types<T: Config>() -> (T::AccountId, Vec<CredentialTypeId>) {
	let (issuer, issuer_did) = with_did::<T>("issuer", 0);
	let fresh = (1..MAX_REQUIRED_CREDENTIALS).map(|i| {
		let name: Label = vec![b'T', i as u8].try_into().expect("short");
		Membership::<T>::do_register_credential_type(name, H256::repeat_byte(i as u8), bond::<T>())
			.expect("valid")
	});
	let types: Vec<CredentialTypeId> = core::iter::once(personhood::<T>()).chain(fresh).collect();
	for credential_type in &types {
		Membership::<T>::do_request_accreditation(&issuer, *credential_type).expect("funded");
		Membership::<T>::do_accredit_issuer(*credential_type, issuer_did).expect("requested");
	}
	(issuer, types)
}

/// A funded person with a DID and a credential of each of `types` (its own personhood
/// commitment).
fn person<T: Config>(
	index: u32,
	issuer: &T::AccountId,
	types: &[CredentialTypeId],
) -> (T::AccountId, DidId) {
	let (who, did) = with_did::<T>("person", index);
	for credential_type in types {
		Membership::<T>::do_attest_credential(
			issuer,
			did,
			*credential_type,
			person_commitment(index),
			None,
		)
		.expect("accredited issuer");
	}
	(who, did)
}

/// The most demanding terms: every required credential, every region, a waiting period.
fn worst_terms<T: Config>(types: &[CredentialTypeId]) -> PlanTermsOf<T> {
	PlanTerms {
		name: vec![b'P'; huzhu_primitives::membership::MAX_PLAN_NAME_LEN as usize]
			.try_into()
			.expect("max length"),
		required_credentials: types.to_vec().try_into().expect("at most the maximum"),
		waiting_period: 10u32.into(),
		min_deposit: T::Currency::minimum_balance().max(1u32.into()) * 10u32.into(),
		max_payout_per_claim: bond::<T>(),
		member_share_cap_per_claim: 1u32.into(),
		member_share_cap_per_year: 10u32.into(),
		management_fee: Permill::from_percent(8),
		challenge_period: 10u32.into(),
		trigger: TriggerKind::Parametric { metric: 0, trigger_value: 500, exit_value: 100 },
		regions: (0..MAX_PLAN_REGIONS).collect::<Vec<_>>().try_into().expect("the maximum"),
	}
}

/// Terms of a plan that requires nothing and has no waiting period (for filling lists).
fn open_terms<T: Config>() -> PlanTermsOf<T> {
	PlanTerms {
		name: b"filler".to_vec().try_into().expect("short"),
		required_credentials: Default::default(),
		waiting_period: 0u32.into(),
		min_deposit: T::Currency::minimum_balance().max(1u32.into()),
		max_payout_per_claim: 1u32.into(),
		member_share_cap_per_claim: 1u32.into(),
		member_share_cap_per_year: 1u32.into(),
		management_fee: Permill::zero(),
		challenge_period: 10u32.into(),
		trigger: TriggerKind::Alliance { approval_threshold: Perbill::from_percent(50) },
		regions: Default::default(),
	}
}

/// Makes `who` a member of `MaxMembershipsPerDid - 1` filler plans.
fn fill_memberships<T: Config>(who: &T::AccountId) {
	for _ in 1..T::MaxMembershipsPerDid::get() {
		let plan = Membership::<T>::do_create_plan(open_terms::<T>()).expect("valid");
		Membership::<T>::do_join_plan(who, plan, open_terms::<T>().min_deposit, None)
			.expect("open plan");
	}
}

fn full_endpoints<T: Config>(who: &T::AccountId, count: u32) {
	for _ in 0..count {
		let url = vec![b'a'; T::MaxUrlLength::get() as usize];
		let mut url = url;
		url[..8].copy_from_slice(b"https://");
		let endpoint = ServiceEndpoint {
			kind: b"LinkedDomains".to_vec().try_into().expect("short"),
			url: url.try_into().expect("max length"),
		};
		Membership::<T>::do_add_service_endpoint(who, endpoint).expect("room");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_did() {
		let who = funded::<T>("who", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), key(1));
		assert!(DidOf::<T>::contains_key(&who));
	}

	#[benchmark]
	fn set_did_key() {
		let (who, did) = with_did::<T>("who", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), KeyPurpose::Authentication, key(2));
		assert_eq!(Dids::<T>::get(did).expect("live").authentication, key(2));
	}

	#[benchmark]
	fn revoke_did_key() {
		let (who, did) = with_did::<T>("who", 0);
		Membership::<T>::do_set_did_key(&who, KeyPurpose::Delegation, key(3)).expect("DID");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), KeyPurpose::Delegation);
		assert_eq!(Dids::<T>::get(did).expect("live").delegation, None);
	}

	#[benchmark]
	fn add_service_endpoint() {
		let (who, did) = with_did::<T>("who", 0);
		full_endpoints::<T>(&who, T::MaxServiceEndpoints::get() - 1);
		let mut url = vec![b'b'; T::MaxUrlLength::get() as usize];
		url[..8].copy_from_slice(b"https://");
		let url: BoundedVec<u8, T::MaxUrlLength> = url.try_into().expect("max length");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), b"Hub".to_vec().try_into().expect("short"), url);
		assert_eq!(ServiceEndpoints::<T>::get(did).len() as u32, T::MaxServiceEndpoints::get());
	}

	#[benchmark]
	fn remove_service_endpoint() {
		let (who, did) = with_did::<T>("who", 0);
		full_endpoints::<T>(&who, T::MaxServiceEndpoints::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(who), 0);
		assert_eq!(ServiceEndpoints::<T>::get(did).len() as u32, T::MaxServiceEndpoints::get() - 1);
	}

	#[benchmark]
	fn deactivate_did() {
		// Worst case: the DID holds a personhood credential, whose commitment it frees.
		let (issuer, types) = issuer_of_many_types::<T>();
		let (who, did) = person::<T>(0, &issuer, &types[..1]);
		full_endpoints::<T>(&who, T::MaxServiceEndpoints::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(who));
		assert!(!Dids::<T>::contains_key(did));
		assert!(!PersonOf::<T>::iter_values().any(|person| person == did));
	}

	#[benchmark]
	fn register_credential_type() -> Result<(), BenchmarkError> {
		let origin = T::AccreditationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let name: Label = vec![b'N'; types::MAX_LABEL_LEN as usize].try_into().expect("max");
		let id = NextCredentialTypeId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, name, H256::repeat_byte(1), bond::<T>());
		assert!(CredentialTypes::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn request_accreditation() {
		let (who, did) = with_did::<T>("who", 0);
		let credential_type = Membership::<T>::do_register_credential_type(
			b"New".to_vec().try_into().expect("short"),
			H256::zero(),
			bond::<T>(),
		)
		.expect("valid");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), credential_type);
		assert!(Accreditations::<T>::contains_key(credential_type, did));
	}

	#[benchmark]
	fn accredit_issuer() -> Result<(), BenchmarkError> {
		// The personhood type: the origin is the personhood origin.
		let origin =
			T::PersonhoodOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (who, did) = with_did::<T>("who", 0);
		let credential_type = personhood::<T>();
		Membership::<T>::do_request_accreditation(&who, credential_type).expect("funded");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, credential_type, did);
		assert!(Membership::<T>::issuer_is_accredited(did, credential_type));
		Ok(())
	}

	#[benchmark]
	fn suspend_issuer() -> Result<(), BenchmarkError> {
		let origin = T::AccreditationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let (_, types) = issuer_of_many_types::<T>();
		let issuer = Accreditations::<T>::iter_keys()
			.find(|(credential_type, _)| *credential_type == types[0])
			.map(|(_, issuer)| issuer)
			.expect("accredited");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, types[0], issuer);
		assert!(!Membership::<T>::issuer_is_accredited(issuer, types[0]));
		Ok(())
	}

	#[benchmark]
	fn slash_issuer() -> Result<(), BenchmarkError> {
		let origin = T::AccreditationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let (issuer_account, types) = issuer_of_many_types::<T>();
		let issuer = DidOf::<T>::get(&issuer_account).expect("issuer DID");
		// The type's own bond (the runtime's genesis registers the personhood type with its own).
		let before = Accreditations::<T>::get(types[0], issuer).expect("accredited").bond;
		let half = before / 2u32.into();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, types[0], issuer, half);
		assert_eq!(Accreditations::<T>::get(types[0], issuer).expect("kept").bond, before - half);
		Ok(())
	}

	#[benchmark]
	fn resign_accreditation() {
		let (issuer_account, types) = issuer_of_many_types::<T>();
		let issuer = DidOf::<T>::get(&issuer_account).expect("issuer DID");
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer_account), types[0]);
		assert!(!Membership::<T>::issuer_is_accredited(issuer, types[0]));
	}

	#[benchmark]
	fn withdraw_issuer_bond() {
		let (issuer_account, types) = issuer_of_many_types::<T>();
		let issuer = DidOf::<T>::get(&issuer_account).expect("issuer DID");
		Membership::<T>::do_resign_accreditation(&issuer_account, types[0]).expect("accredited");
		let later = crate::Pallet::<T>::now() + T::IssuerUnbondingPeriod::get();
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			later,
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer_account), types[0]);
		assert!(!Accreditations::<T>::contains_key(types[0], issuer));
	}

	#[benchmark]
	fn attest_credential() {
		// Worst case: a personhood credential (its commitment checked and recorded in
		// `PersonOf`), and the subject holds one of another issuer that is no longer valid,
		// which must be checked before it is replaced, and whose `PersonOf` entry goes.
		let (first_issuer, types) = issuer_of_many_types::<T>();
		let first_did = DidOf::<T>::get(&first_issuer).expect("issuer DID");
		let (_, subject) = with_did::<T>("subject", 0);
		Membership::<T>::do_attest_credential(&first_issuer, subject, types[0], H256::zero(), None)
			.expect("accredited");
		assert_eq!(PersonOf::<T>::get(first_did, H256::zero()), Some(subject));
		Membership::<T>::do_resign_accreditation(&first_issuer, types[0]).expect("accredited");
		let (second_issuer, second_did) = with_did::<T>("issuer", 1);
		Membership::<T>::do_request_accreditation(&second_issuer, types[0]).expect("funded");
		Membership::<T>::do_accredit_issuer(types[0], second_did).expect("requested");
		let expiry = crate::Pallet::<T>::now() + 1_000u32.into();
		#[extrinsic_call]
		_(RawOrigin::Signed(second_issuer), subject, types[0], H256::repeat_byte(2), Some(expiry));
		assert_eq!(Credentials::<T>::get(subject, types[0]).expect("stored").issuer, second_did);
		assert_eq!(PersonOf::<T>::get(first_did, H256::zero()), None);
		assert_eq!(PersonOf::<T>::get(second_did, H256::repeat_byte(2)), Some(subject));
	}

	#[benchmark]
	fn revoke_credential() {
		let (issuer, types) = issuer_of_many_types::<T>();
		let (_, subject) = person::<T>(0, &issuer, &types);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), subject, types[0]);
		assert!(!Credentials::<T>::contains_key(subject, types[0]));
	}

	#[benchmark]
	fn create_plan() -> Result<(), BenchmarkError> {
		let origin =
			T::PlanOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, types) = issuer_of_many_types::<T>();
		let plan = NextPlanId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, worst_terms::<T>(&types));
		assert!(Plans::<T>::contains_key(plan));
		Ok(())
	}

	#[benchmark]
	fn update_plan_terms() -> Result<(), BenchmarkError> {
		let origin =
			T::PlanOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, types) = issuer_of_many_types::<T>();
		let plan = Membership::<T>::do_create_plan(worst_terms::<T>(&types)).expect("valid");
		let mut terms = worst_terms::<T>(&types);
		terms.waiting_period = 20u32.into();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, plan, terms.clone());
		assert_eq!(Plans::<T>::get(plan).expect("exists").terms, terms);
		Ok(())
	}

	#[benchmark]
	fn set_plan_open() -> Result<(), BenchmarkError> {
		let origin =
			T::PlanOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, types) = issuer_of_many_types::<T>();
		let plan = Membership::<T>::do_create_plan(worst_terms::<T>(&types)).expect("valid");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, plan, false);
		assert!(!Plans::<T>::get(plan).expect("exists").open);
		Ok(())
	}

	#[benchmark]
	fn join_plan() {
		let (issuer, types) = issuer_of_many_types::<T>();
		let plan = Membership::<T>::do_create_plan(worst_terms::<T>(&types)).expect("valid");
		let (who, did) = person::<T>(0, &issuer, &types);
		fill_memberships::<T>(&who);
		// Others' waiting periods end in the same block: the join appends after them. (The
		// benchmark harness moves a genesis at block 0 to block 1 before the call.)
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(
			1u32.into(),
		);
		let waiting_until = crate::Pallet::<T>::now() + 10u32.into();
		let others = T::MaxActivationsPerBlock::get();
		ActivationsDue::<T>::insert(waiting_until, others);
		ActivationsQueued::<T>::put(others);
		let deposit = worst_terms::<T>(&types).min_deposit;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), plan, deposit, Some(MAX_PLAN_REGIONS - 1));
		let record = Members::<T>::get(plan, did).expect("joined");
		assert_eq!(record.status, MemberStatus::Waiting);
		// Appended last in the queue of its block.
		let seq = ActivationsDue::<T>::get(record.waiting_until).saturating_sub(1);
		assert_eq!(Activations::<T>::get(record.waiting_until, seq), Some((plan, did)));
	}

	#[benchmark]
	fn exit_plan() {
		// Worst case: an active member of a personhood plan with no claim open before its
		// notice: it gives notice and leaves at once, out of the active slots and the active
		// and voter counts.
		let (issuer, types) = issuer_of_many_types::<T>();
		let mut terms = worst_terms::<T>(&types);
		terms.waiting_period = 0u32.into();
		let plan = Membership::<T>::do_create_plan(terms.clone()).expect("valid");
		let (who, did) = person::<T>(0, &issuer, &types);
		fill_memberships::<T>(&who);
		Membership::<T>::do_join_plan(&who, plan, terms.min_deposit, Some(0)).expect("eligible");
		assert_eq!(Members::<T>::get(plan, did).expect("member").status, MemberStatus::Active);
		assert_eq!(VoterMembershipsOf::<T>::get(did), 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), plan);
		assert!(!Members::<T>::contains_key(plan, did));
		assert_eq!(VoterMembershipsOf::<T>::get(did), 0);
	}

	#[benchmark]
	fn refresh_membership() {
		// Worst case: a cure, which checks every credential and the deposit and changes the
		// counts.
		let (issuer, types) = issuer_of_many_types::<T>();
		let mut terms = worst_terms::<T>(&types);
		terms.waiting_period = 0u32.into();
		let plan = Membership::<T>::do_create_plan(terms.clone()).expect("valid");
		let (who, did) = person::<T>(0, &issuer, &types);
		let caller = funded::<T>("caller", 0);
		Membership::<T>::do_join_plan(&who, plan, terms.min_deposit, Some(0)).expect("eligible");
		Membership::<T>::do_revoke_credential(&issuer, did, types[0]).expect("issued");
		Membership::<T>::do_refresh_membership(plan, did).expect("lapses");
		Membership::<T>::do_attest_credential(&issuer, did, types[0], H256::zero(), None)
			.expect("accredited");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), plan, did);
		assert_eq!(Members::<T>::get(plan, did).expect("member").status, MemberStatus::Active);
	}

	/// `on_idle` sweeping `n` voters that still vote, each at the worst case of the check: a
	/// full membership list of plans requiring the personhood credential (and every other
	/// credential), active but no longer covered — one of those credentials revoked, not yet
	/// refreshed — but for the last one, which covers it. Voters that no longer vote add a
	/// refresh per membership, charged from [`refresh_membership`](Self::refresh_membership)'s
	/// weight.
	#[benchmark]
	fn sweep_voters(n: Linear<0, { T::MaxVoterSweepPerBlock::get() }>) {
		let (issuer, types) = issuer_of_many_types::<T>();
		let mut terms = worst_terms::<T>(&types);
		terms.waiting_period = 0u32.into();
		// The uncovered ones also require the last type, which each person loses.
		let lost = *types.last().expect("several types");
		let mut covering = terms.clone();
		covering.required_credentials =
			types[..types.len() - 1].to_vec().try_into().expect("fewer than the maximum");
		let uncovered: Vec<PlanId> = (1..T::MaxMembershipsPerDid::get())
			.map(|_| Membership::<T>::do_create_plan(terms.clone()).expect("valid"))
			.collect();
		let covered = Membership::<T>::do_create_plan(covering.clone()).expect("valid");
		for i in 0..n {
			let (who, did) = person::<T>(i, &issuer, &types);
			for plan in &uncovered {
				Membership::<T>::do_join_plan(&who, *plan, terms.min_deposit, Some(0))
					.expect("eligible");
			}
			Membership::<T>::do_join_plan(&who, covered, covering.min_deposit, Some(0))
				.expect("eligible");
			Membership::<T>::do_revoke_credential(&issuer, did, lost).expect("issued");
			assert!(Membership::<T>::is_voter_did(did));
		}
		VoterSweep::<T>::kill();
		let voters = VoterDids::<T>::get();
		let now = crate::Pallet::<T>::now();
		#[block]
		{
			Membership::<T>::on_idle(now, Weight::MAX);
		}
		assert_eq!(VoterDids::<T>::get(), voters, "nobody struck");
	}

	/// `on_initialize` serving `n` activations, each the only entry of its block: every one
	/// also reads its block's count, removes it and moves the cursor on (a queue lagging behind
	/// over `n` blocks), the most bookkeeping `n` entries cost. With `n = 0` it passes over the
	/// current block, empty, as every block without activations does.
	#[benchmark]
	fn activate_memberships(n: Linear<0, { T::MaxActivationsPerBlock::get() }>) {
		let (issuer, types) = issuer_of_many_types::<T>();
		let terms = worst_terms::<T>(&types);
		let plan = Membership::<T>::do_create_plan(terms.clone()).expect("valid");
		let start = crate::Pallet::<T>::now();
		let dids: Vec<DidId> = (0..n)
			.map(|i| {
				<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(start + i.into());
				let (who, did) = person::<T>(i, &issuer, &types);
				Membership::<T>::do_join_plan(&who, plan, terms.min_deposit, Some(0))
					.expect("eligible");
				did
			})
			.collect();
		let first_due = start + terms.waiting_period;
		let now = first_due + n.saturating_sub(1).into();
		ActivationCursor::<T>::put(ActivationPosition { block: first_due, next: 0 });
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::set_block_number(now);
		#[block]
		{
			Membership::<T>::on_initialize(now);
		}
		for did in dids {
			assert_eq!(Members::<T>::get(plan, did).expect("member").status, MemberStatus::Active);
		}
		// Served up to the current block; with nothing queued, the cursor stays at it.
		let next = if n == 0 { now } else { now + 1u32.into() };
		assert_eq!(ActivationCursor::<T>::get(), ActivationPosition { block: next, next: 0 });
		assert_eq!(ActivationsDue::<T>::iter().count(), 0);
	}

	impl_benchmark_test_suite!(Membership, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
