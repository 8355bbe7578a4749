//! Benchmarking: the pallets `benchmark pallet` measures (`define_benchmarks!`), and the
//! set-up the Huzhu pallets' benchmarks need from the rest of the runtime.

use crate::{configs::*, *};

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_huzhu_membership, HuzhuMembership]
	[pallet_huzhu_pool, Pool]
	[pallet_huzhu_claims, Claims]
	[pallet_huzhu_elections, Elections]
	[pallet_huzhu_governance, Governance]
);

/// Set-up for the Huzhu pallets' benchmarks through the other pallets' own calls: plans, members
/// and accreditations for the claims pallet; bonds, session keys and nominations for the
/// elections pallet.
pub mod benchmark_helpers {
	use super::*;
	use frame_support::{assert_ok, traits::fungible::Mutate};
	use huzhu_primitives::{CredentialTypeId, PlanId, PlanTerms, RegionId, TriggerKind};
	use pallet_huzhu_membership::DidPublicKey;

	/// What a benchmark account is given: far above any bond or deposit.
	const FUNDS: Balance = 1_000_000 * UNITS;

	/// The name of the plan of voters the governance benchmarks create.
	const BENCHMARK_VOTER_PLAN_NAME: &[u8] = b"Benchmark voters";
	/// The name of the plans the claims benchmarks create.
	const BENCHMARK_PLAN_NAME: &[u8] = b"Benchmark plan";

	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}

	/// Funds `who` and gives it a DID (its account bytes as the key).
	fn funded_with_did(who: &AccountId) -> huzhu_primitives::DidId {
		let _ = Balances::set_balance(who, FUNDS);
		if let Some(did) = pallet_huzhu_membership::DidOf::<Runtime>::get(who) {
			return did;
		}
		let key = sp_core::sr25519::Public::from_raw(*AsRef::<[u8; 32]>::as_ref(who));
		assert_ok!(HuzhuMembership::create_did(signed(who), DidPublicKey::Sr25519(key)));
		pallet_huzhu_membership::DidOf::<Runtime>::get(who).expect("just created")
	}

	/// The account that issues benchmark members' credentials.
	fn credential_issuer(credential_type: CredentialTypeId) -> AccountId {
		let issuer: AccountId = frame_benchmarking::account("issuer", credential_type, 0);
		let did = funded_with_did(&issuer);
		if !pallet_huzhu_membership::Pallet::<Runtime>::issuer_is_accredited(did, credential_type) {
			ClaimsBenchmarkHelper::accredit_did(&issuer, did, credential_type);
		}
		issuer
	}

	/// The benchmark set-up of the claims pallet.
	pub struct ClaimsBenchmarkHelper;

	impl ClaimsBenchmarkHelper {
		fn accredit_did(
			who: &AccountId,
			did: huzhu_primitives::DidId,
			credential_type: CredentialTypeId,
		) {
			assert_ok!(HuzhuMembership::request_accreditation(signed(who), credential_type));
			assert_ok!(HuzhuMembership::accredit_issuer(
				RuntimeOrigin::root(),
				credential_type,
				did
			));
		}
	}

	/// The benchmark set-up of the governance pallet: active members of a fresh open plan.
	pub struct GovernanceBenchmarkHelper;

	impl pallet_huzhu_governance::BenchmarkHelper<AccountId> for GovernanceBenchmarkHelper {
		fn active_member(seed: u32) -> AccountId {
			use pallet_huzhu_claims::BenchmarkHelper;
			// The last plan if this helper created it (no credentials, no waiting), else a new one.
			// The last plan if this helper created it (personhood required, no waiting), else a
			// new one: only a plan that requires the personhood credential gives a vote.
			let last = pallet_huzhu_membership::NextPlanId::<Runtime>::get().checked_sub(1);
			let plan = match last.and_then(pallet_huzhu_membership::Plans::<Runtime>::get) {
				Some(record) if record.terms.name.as_slice() == BENCHMARK_VOTER_PLAN_NAME => {
					last.unwrap_or(0)
				}
				_ => benchmark_plan(
					BENCHMARK_VOTER_PLAN_NAME,
					TriggerKind::Attestation { attestations_required: 1 },
					Vec::new(),
					alloc::vec![huzhu_primitives::membership::credential_types::KYC],
				),
			};
			let who: AccountId = frame_benchmarking::account("member", seed, 0);
			let kyc = huzhu_primitives::membership::credential_types::KYC;
			ClaimsBenchmarkHelper::add_member(plan, &who, None, Some(kyc));
			who
		}
	}

	impl pallet_huzhu_claims::BenchmarkHelper<AccountId> for ClaimsBenchmarkHelper {
		/// Plans that require KYC, so that their members are voters: Huzhu's juries are drawn
		/// from the voters.
		fn create_plan(trigger: TriggerKind, regions: Vec<RegionId>) -> PlanId {
			benchmark_plan(
				BENCHMARK_PLAN_NAME,
				trigger,
				regions,
				alloc::vec![huzhu_primitives::membership::credential_types::KYC],
			)
		}

		fn add_member(
			plan: PlanId,
			who: &AccountId,
			region: Option<RegionId>,
			credential: Option<CredentialTypeId>,
		) {
			let did = funded_with_did(who);
			// Every member is a person (KYC, which the benchmark plans require), and some hold
			// `credential` too.
			let kyc = huzhu_primitives::membership::credential_types::KYC;
			for credential_type in core::iter::once(kyc).chain(credential.filter(|c| *c != kyc)) {
				let issuer = credential_issuer(credential_type);
				// Each member is its own person: a personhood commitment is unique per issuer.
				let commitment =
					<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&(
						b"benchmark person",
						who,
						credential_type,
					));
				assert_ok!(HuzhuMembership::attest_credential(
					signed(&issuer),
					did,
					credential_type,
					commitment,
					None
				));
			}
			assert_ok!(HuzhuMembership::join_plan(signed(who), plan, 10 * UNITS, region));
		}

		fn accredit(who: &AccountId, credential_type: CredentialTypeId) {
			let did = funded_with_did(who);
			Self::accredit_did(who, did, credential_type);
		}
	}

	/// A benchmark plan named `name`, funded, with `required` credentials and no waiting.
	fn benchmark_plan(
		name: &[u8],
		trigger: TriggerKind,
		regions: Vec<RegionId>,
		required: Vec<CredentialTypeId>,
	) -> PlanId {
		let max_payout = 100 * UNITS;
		let terms = PlanTerms {
			name: name.to_vec().try_into().expect("short"),
			required_credentials: required.try_into().expect("few credentials"),
			waiting_period: 0,
			min_deposit: 2 * UNITS,
			max_payout_per_claim: max_payout,
			member_share_cap_per_claim: UNITS,
			member_share_cap_per_year: 10 * UNITS,
			management_fee: Permill::from_percent(5),
			challenge_period: 10,
			trigger,
			regions: regions.try_into().expect("few regions"),
		};
		assert_ok!(HuzhuMembership::create_plan(RuntimeOrigin::root(), terms));
		let plan = pallet_huzhu_membership::NextPlanId::<Runtime>::get() - 1;
		let funder: AccountId = frame_benchmarking::account("reserve", plan, 0);
		let _ = Balances::set_balance(&funder, FUNDS);
		assert_ok!(Pool::fund_reserve(signed(&funder), plan, max_payout * 100));
		plan
	}
}

pub mod election_benchmark_helpers {
	use super::*;
	use frame_support::{assert_ok, traits::fungible::Mutate};
	use sp_runtime::MultiAddress;

	fn bonded(who: &AccountId, stake: Balance) {
		// Benchmarks measure the elections pallet at its own bounds, not staking's intent caps.
		pallet_staking::MaxValidatorsCount::<Runtime>::kill();
		pallet_staking::MaxNominatorsCount::<Runtime>::kill();
		let _ = Balances::set_balance(who, stake.saturating_mul(10));
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(who.clone()),
			stake,
			pallet_staking::RewardDestination::Staked
		));
	}

	/// The elections pallet's benchmark set-up over `pallet-staking` and `pallet-session`.
	pub struct ElectionsBenchmarkHelper;

	impl pallet_huzhu_elections::BenchmarkHelper<AccountId, Balance> for ElectionsBenchmarkHelper {
		fn bond_with_keys(who: &AccountId, stake: Balance) {
			bonded(who, stake);
			// `session.set_keys` wants a proof signed by the keys' secrets, which a benchmark
			// does not have; the elections pallet only asks whether next keys exist.
			let raw: [u8; 32] = *AsRef::<[u8; 32]>::as_ref(who);
			let keys = SessionKeys {
				babe: sp_core::sr25519::Public::from_raw(raw).into(),
				grandpa: sp_core::ed25519::Public::from_raw(raw).into(),
			};
			pallet_session::NextKeys::<Runtime>::insert(who, keys);
		}

		fn nominate(who: &AccountId, stake: Balance, targets: Vec<AccountId>) {
			bonded(who, stake);
			let targets = targets.into_iter().map(MultiAddress::Id).collect();
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(who.clone()), targets));
		}
	}
}
