//! Benchmarks of every call and of `on_initialize`, each at its worst case. Plans, members and
//! accreditations come from [`Config::BenchmarkHelper`]; disputes and agendas that would take
//! many blocks to reach are written straight into storage.

use super::*;
use crate::Pallet as ClaimsPallet;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::MutateHold, EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::RawOrigin;
use huzhu_primitives::membership::{
	credential_types::{ALLIANCE_ENTERPRISE, MEDICAL_INSTITUTION, WEATHER_ORACLE},
	MAX_ATTESTATIONS_REQUIRED,
};
use sp_core::H256;
use sp_runtime::{traits::One, Perbill};

type HelperOf<T> = <T as Config>::BenchmarkHelper;

/// The region of the parametric benchmarks.
const REGION: RegionId = 7;
/// The metric of the parametric benchmarks.
const METRIC: MetricId = 0;

fn block<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

fn next_block<T: Config>() {
	set_block::<T>(block::<T>() + One::one());
}

fn max_payout<T: Config>(plan: PlanId) -> BalanceOf<T> {
	T::Plans::plan_terms(plan).expect("the helper created it").max_payout_per_claim
}

fn attestation_plan<T: Config>(required: u8) -> PlanId {
	HelperOf::<T>::create_plan(
		TriggerKind::Attestation { attestations_required: required },
		Vec::new(),
	)
}

fn parametric_plan<T: Config>() -> PlanId {
	HelperOf::<T>::create_plan(
		TriggerKind::Parametric { metric: METRIC, trigger_value: 500, exit_value: 100 },
		vec![REGION],
	)
}

/// Members `index_from..index_from + count` of `plan`, covered from this block.
fn members<T: Config>(plan: PlanId, name: &'static str, count: u32) -> Vec<T::AccountId> {
	(0..count)
		.map(|index| {
			let who: T::AccountId = account(name, index, 0);
			HelperOf::<T>::add_member(
				plan,
				&who,
				Some(REGION).filter(|_| is_parametric::<T>(plan)),
				None,
			);
			who
		})
		.collect()
}

fn is_parametric<T: Config>(plan: PlanId) -> bool {
	T::Plans::plan_terms(plan)
		.is_some_and(|terms| matches!(terms.trigger, TriggerKind::Parametric { .. }))
}

fn hospital<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("hospital", index, 0);
	HelperOf::<T>::accredit(&who, MEDICAL_INSTITUTION);
	who
}

fn oracle<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("oracle", index, 0);
	HelperOf::<T>::accredit(&who, WEATHER_ORACLE);
	who
}

/// Files a claim of the plan's maximum for `who` (covered since an earlier block).
fn filed<T: Config>(plan: PlanId, who: &T::AccountId, evidence: u8) -> ClaimId {
	let id = NextClaimId::<T>::get();
	ClaimsPallet::<T>::do_file_claim(
		who.clone(),
		plan,
		max_payout::<T>(plan),
		H256::repeat_byte(evidence),
	)
	.expect("a covered member files");
	id
}

/// A claim decided by one hospital, in its window.
fn decided<T: Config>(plan: PlanId, who: &T::AccountId) -> ClaimId {
	let id = filed::<T>(plan, who, 1);
	let attester = hospital::<T>(0);
	ClaimsPallet::<T>::do_attest_claim(
		&attester,
		id,
		H256::repeat_byte(2),
		Some(max_payout::<T>(plan)),
	)
	.expect("an accredited hospital attests");
	id
}

/// Registers the benchmark metric: periods of 10 blocks, readings within 10 blocks after.
fn register_metric<T: Config>() {
	ClaimsPallet::<T>::do_set_metric(
		METRIC,
		MetricSpec {
			min_value: 0,
			max_value: 100_000,
			period_length: 10u32.into(),
			submission_window: 10u32.into(),
		},
	)
	.expect("valid metric");
}

/// Moves to the first block after period 1 (blocks 10..20) and has `count` oracles report a
/// drought for it.
fn report_drought<T: Config>(count: u32) -> Vec<T::AccountId> {
	register_metric::<T>();
	set_block::<T>(20u32.into());
	let key = ReadingKey { region: REGION, period: 1, metric: METRIC };
	(0..count)
		.map(|index| {
			let who = oracle::<T>(index);
			ClaimsPallet::<T>::do_submit_reading(who.clone(), key, 100).expect("a valid reading");
			who
		})
		.collect()
}

/// A challenged claim with a sitting first jury of [`Config::JurySize`].
fn challenged<T: Config>() -> (ClaimId, T::AccountId, T::AccountId) {
	let plan = attestation_plan::<T>(1);
	let people =
		members::<T>(plan, "member", T::AppealJurySize::get() * 2 + T::JurySize::get() + 2);
	next_block::<T>();
	let claimant = people[0].clone();
	let challenger = people[1].clone();
	let id = decided::<T>(plan, &claimant);
	ClaimsPallet::<T>::do_challenge(challenger.clone(), id, H256::repeat_byte(3))
		.expect("a member challenges");
	(id, claimant, challenger)
}

/// `n` claims whose state ends in block `at`, written straight into storage as the agenda of
/// `at`: each in its window (`verdict == false`) or with an appeal jury of
/// [`Config::AppealJurySize`] that revealed to uphold (`verdict == true`).
fn agenda_of<T: Config>(n: u32, at: BlockNumberFor<T>, verdict: bool) {
	let plan = attestation_plan::<T>(1);
	let people = members::<T>(plan, "member", n + 1 + T::AppealJurySize::get());
	let challenger = people[0].clone();
	let jurors = &people[1..=T::AppealJurySize::get() as usize];
	let bond = T::ClaimBond::get();
	let mut due = BoundedVec::<ClaimId, T::MaxDuePerBlock>::new();
	for index in 0..n {
		let claimant = people[(1 + T::AppealJurySize::get() + index) as usize].clone();
		let id = ClaimsPallet::<T>::next_claim_id().expect("ids left");
		T::Currency::hold(&HoldReason::ClaimBond.into(), &claimant, bond).expect("funded");
		let status = if verdict {
			let jury_bond = T::JurorBond::get();
			let mut seats = BoundedVec::new();
			for juror in jurors {
				T::Currency::hold(&HoldReason::JurorBond.into(), juror, jury_bond).expect("funded");
				let seat = JurorSeat {
					juror: juror.clone(),
					bond: jury_bond,
					commitment: Some(H256::zero()),
					revealed: Some((Verdict::Uphold, H256::zero())),
				};
				seats.try_push(seat).expect("within the bound");
			}
			for bond in [T::ChallengeBond::get(), T::AppealBond::get()] {
				T::Currency::hold(&HoldReason::DisputeBond.into(), &challenger, bond)
					.expect("funded");
			}
			Disputes::<T>::insert(
				id,
				Dispute {
					challenger: Some((challenger.clone(), T::ChallengeBond::get())),
					reason: H256::zero(),
					appeal: Some((challenger.clone(), T::AppealBond::get())),
					jurors: seats,
					first_jurors: BoundedVec::new(),
				},
			);
			ClaimStatus::UnderJury { round: 1, commit_ends: block::<T>(), reveal_ends: at }
		} else {
			ClaimStatus::Challengeable { window_ends: at }
		};
		Claims::<T>::insert(
			id,
			Claim {
				plan,
				claimant_did: T::Membership::did_of(&claimant).expect("members have DIDs"),
				claimant,
				kind: ClaimKind::Attestation,
				amount: max_payout::<T>(plan),
				approved_amount: max_payout::<T>(plan),
				evidence: H256::zero(),
				bond,
				filed_at: block::<T>(),
				status,
				decided_by: Some(Decision::Attested),
				tally: Default::default(),
			},
		);
		due.try_push(id).expect("n is within the bound");
	}
	Agenda::<T>::insert(at, due);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn file_claim() {
		let plan = attestation_plan::<T>(1);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let amount = max_payout::<T>(plan);
		#[extrinsic_call]
		_(RawOrigin::Signed(claimant), plan, amount, H256::repeat_byte(1));
		assert!(Claims::<T>::contains_key(0));
	}

	/// The last of the most attestations a plan may require: it decides the claim.
	#[benchmark]
	fn attest_claim() {
		let plan = attestation_plan::<T>(MAX_ATTESTATIONS_REQUIRED);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = filed::<T>(plan, &claimant, 1);
		let amount = max_payout::<T>(plan);
		for index in 1..u32::from(MAX_ATTESTATIONS_REQUIRED) {
			ClaimsPallet::<T>::do_attest_claim(
				&hospital::<T>(index),
				id,
				H256::zero(),
				Some(amount),
			)
			.expect("attests");
		}
		let last = hospital::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, H256::repeat_byte(2), Some(amount));
		assert!(matches!(
			Claims::<T>::get(id).map(|c| c.status),
			Some(ClaimStatus::Challengeable { .. })
		));
	}

	/// The deciding vote.
	#[benchmark]
	fn vote_alliance() {
		let plan = HelperOf::<T>::create_plan(
			TriggerKind::Alliance { approval_threshold: Perbill::from_percent(50) },
			Vec::new(),
		);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		let voter: T::AccountId = account("enterprise", 0, 0);
		HelperOf::<T>::add_member(plan, &voter, None, Some(ALLIANCE_ENTERPRISE));
		next_block::<T>();
		let id = filed::<T>(plan, &claimant, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(voter), id, true);
		assert!(matches!(
			Claims::<T>::get(id).map(|c| c.status),
			Some(ClaimStatus::Challengeable { .. })
		));
	}

	#[benchmark]
	fn withdraw_claim() {
		let plan = attestation_plan::<T>(1);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = filed::<T>(plan, &claimant, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(claimant), id);
		assert_eq!(Claims::<T>::get(id).map(|c| c.status), Some(ClaimStatus::Withdrawn));
	}

	/// Draws a full jury.
	#[benchmark]
	fn challenge() {
		let plan = attestation_plan::<T>(1);
		let people = members::<T>(plan, "member", T::JurySize::get() + 2);
		next_block::<T>();
		let id = decided::<T>(plan, &people[0]);
		let challenger = people[1].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), id, H256::repeat_byte(3));
		assert_eq!(Disputes::<T>::get(id).map(|d| d.jurors.len() as u32), Some(T::JurySize::get()));
	}

	#[benchmark]
	fn commit_vote() {
		let (id, _, _) = challenged::<T>();
		let juror = Disputes::<T>::get(id).expect("sits").jurors[0].juror.clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(juror), id, H256::repeat_byte(4));
	}

	#[benchmark]
	fn reveal_vote() {
		let (id, _, _) = challenged::<T>();
		let juror = Disputes::<T>::get(id).expect("sits").jurors[0].juror.clone();
		let salt = [7u8; 32];
		let commitment = ClaimsPallet::<T>::vote_commitment(id, Verdict::Uphold, salt);
		ClaimsPallet::<T>::do_commit_vote(&juror, id, commitment).expect("a juror commits");
		let Some(ClaimStatus::UnderJury { commit_ends, .. }) =
			Claims::<T>::get(id).map(|c| c.status)
		else {
			panic!("under jury")
		};
		set_block::<T>(commit_ends);
		#[extrinsic_call]
		_(RawOrigin::Signed(juror), id, Verdict::Uphold, salt, H256::repeat_byte(5));
	}

	/// Draws a full appeal jury, skipping the first jurors.
	#[benchmark]
	fn appeal() {
		let (id, _, challenger) = challenged::<T>();
		let Some(ClaimStatus::UnderJury { reveal_ends, .. }) =
			Claims::<T>::get(id).map(|c| c.status)
		else {
			panic!("under jury")
		};
		// No juror reveals: a tie upholds the claim, so the challenger may appeal.
		set_block::<T>(reveal_ends);
		ClaimsPallet::<T>::on_initialize(reveal_ends);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), id);
		assert_eq!(
			Disputes::<T>::get(id).map(|d| d.jurors.len() as u32),
			Some(T::AppealJurySize::get())
		);
	}

	#[benchmark]
	fn retry_payout() {
		let plan = attestation_plan::<T>(1);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = decided::<T>(plan, &claimant);
		let mut claim = Claims::<T>::get(id).expect("filed");
		ClaimsPallet::<T>::unschedule_status(id, &claim.status);
		claim.status = ClaimStatus::Approved;
		Claims::<T>::insert(id, claim);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(matches!(Claims::<T>::get(id).map(|c| c.status), Some(ClaimStatus::Paid { .. })));
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = AdjudicationParams {
			decision_period: 100u32.into(),
			commit_period: 10u32.into(),
			reveal_period: 10u32.into(),
			appeal_period: 10u32.into(),
			index_claim_period: 100u32.into(),
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Params::<T>::get(), Some(params));
		Ok(())
	}

	#[benchmark]
	fn set_metric() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let spec = MetricSpec {
			min_value: -1_000,
			max_value: 1_000,
			period_length: 10u32.into(),
			submission_window: 5u32.into(),
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 3, spec);
		assert_eq!(Metrics::<T>::get(3), Some(spec));
		Ok(())
	}

	/// A new operator's reading, aggregated with `o` earlier ones.
	#[benchmark]
	fn submit_reading(o: Linear<1, { T::MaxOracleOperators::get() - 1 }>) {
		report_drought::<T>(o);
		let last = oracle::<T>(o);
		let key = ReadingKey { region: REGION, period: 1, metric: METRIC };
		#[extrinsic_call]
		_(RawOrigin::Signed(last), key, 200);
		assert_eq!(OracleOperators::<T>::get().len() as u32, o + 1);
	}

	/// From a full operator set.
	#[benchmark]
	fn remove_oracle_operator() {
		let mut operators: Vec<T::AccountId> =
			(0..T::MaxOracleOperators::get()).map(|index| account("operator", index, 0)).collect();
		operators.sort();
		let removed = operators[0].clone();
		OracleOperators::<T>::put(BoundedVec::try_from(operators).expect("the bound"));
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), removed);
		assert_eq!(OracleOperators::<T>::get().len() as u32, T::MaxOracleOperators::get() - 1);
	}

	#[benchmark]
	fn open_index_event() {
		let plan = parametric_plan::<T>();
		report_drought::<T>(T::MaxOracleOperators::get());
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), plan, REGION, 1);
		assert!(IndexEvents::<T>::contains_key(plan, (REGION, 1)));
	}

	#[benchmark]
	fn claim_index_payout() {
		let plan = parametric_plan::<T>();
		let member = members::<T>(plan, "member", 1).remove(0);
		report_drought::<T>(T::MaxOracleOperators::get());
		ClaimsPallet::<T>::do_open_index_event(plan, REGION, 1).expect("the drought crossed");
		#[extrinsic_call]
		_(RawOrigin::Signed(member), plan, 1);
		assert!(Claims::<T>::contains_key(0));
	}

	/// Draws a full jury.
	#[benchmark]
	fn request_audit() {
		let plan = parametric_plan::<T>();
		let people = members::<T>(plan, "member", T::JurySize::get() + 1);
		register_metric::<T>();
		set_block::<T>(20u32.into());
		let amount = max_payout::<T>(plan);
		let auditor = people[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(auditor), plan, 1, amount, H256::repeat_byte(6));
		assert_eq!(Disputes::<T>::get(0).map(|d| d.jurors.len() as u32), Some(T::JurySize::get()));
	}

	/// `n` claims whose public window ends: each is approved and paid.
	#[benchmark]
	fn on_initialize_window(n: Linear<0, { T::MaxDuePerBlock::get() }>) {
		let at = block::<T>() + One::one();
		agenda_of::<T>(n, at, false);
		set_block::<T>(at);
		#[block]
		{
			ClaimsPallet::<T>::on_initialize(at);
		}
		assert!(!Agenda::<T>::contains_key(at));
	}

	/// `n` appeal juries' verdicts: jurors settled, the challenger's bonds slashed to the
	/// claimant and the reserve, the claim paid.
	#[benchmark]
	fn on_initialize_verdict(n: Linear<0, { T::MaxDuePerBlock::get() }>) {
		let at = block::<T>() + One::one();
		agenda_of::<T>(n, at, true);
		set_block::<T>(at);
		#[block]
		{
			ClaimsPallet::<T>::on_initialize(at);
		}
		assert!(Disputes::<T>::iter().next().is_none());
	}

	impl_benchmark_test_suite!(ClaimsPallet, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
