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
use sp_runtime::{
	traits::{BlockNumberProvider, One, Zero},
	Perbill,
};

type HelperOf<T> = <T as Config>::BenchmarkHelper;

/// The region of the parametric benchmarks.
const REGION: RegionId = 7;
/// The metric of the parametric benchmarks.
const METRIC: MetricId = 0;

fn block<T: Config>() -> BlockNumberFor<T> {
	T::BlockNumberProvider::current_block_number()
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	T::BlockNumberProvider::set_block_number(n);
	frame_system::Pallet::<T>::set_block_number(n);
}

/// Makes the next `on_initialize` owe the clock exactly one tick.
fn one_tick_owed<T: Config>() {
	ClockSync::<T>::put(ClockSyncPoint { seen: block::<T>() - One::one(), owed: Zero::zero() });
}

fn next_block<T: Config>() {
	set_block::<T>(block::<T>() + One::one());
}

/// Runs `on_initialize` with the adjudication clock reaching `tick`: serves that tick's agenda.
fn serve_tick<T: Config>(tick: BlockNumberFor<T>) {
	Clock::<T>::put(tick - One::one());
	next_block::<T>();
	one_tick_owed::<T>();
	ClaimsPallet::<T>::on_initialize(block::<T>());
}

/// The claim's state.
fn status<T: Config>(id: ClaimId) -> ClaimStatusOf<T> {
	Claims::<T>::get(id).expect("the claim exists").status
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
			outlier_tolerance: 10,
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
	let ClaimStatus::Disputed { phase: JuryPhase::Drawing { draw_at }, .. } = status::<T>(id)
	else {
		panic!("a jury is to be drawn")
	};
	serve_tick::<T>(draw_at);
	(id, claimant, challenger)
}

/// The sitting jury of a claim.
fn jurors<T: Config>(id: ClaimId) -> Vec<T::AccountId> {
	Disputes::<T>::get(id).expect("sits").jurors.iter().map(|seat| seat.juror.clone()).collect()
}

/// What the claims of a benchmark agenda are waiting for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Due {
	/// The end of their public window: each is approved and paid.
	Window,
	/// The count of a final jury of [`Config::AppealJurySize`], each juror its own member: a
	/// quorum revealed to reject and the rest stayed away (slashed), so the claimant's bonds are
	/// slashed to the jurors, [`Config::MaxChallengers`] challengers and the reserve, and the
	/// most institutions a plan may require are penalized.
	Verdict,
	/// The draw of a final jury of [`Config::AppealJurySize`] from the plan's members, with
	/// [`Config::MaxChallengers`] challengers and a first jury excluded.
	Draw,
}

/// Accounts `from..from + count` named `name`, members of `plan`.
fn numbered_members<T: Config>(
	plan: PlanId,
	name: &'static str,
	from: u32,
	count: u32,
) -> Vec<T::AccountId> {
	(from..from + count)
		.map(|index| {
			let who: T::AccountId = account(name, index, 0);
			HelperOf::<T>::add_member(plan, &who, None, None);
			who
		})
		.collect()
}

/// `n` claims whose state ends at tick `at`, written straight into storage as the agenda of
/// `at`, each with its own claimant, challengers and jurors (no account is shared between two
/// claims, so no storage read is shared either).
fn agenda_of<T: Config>(n: u32, at: BlockNumberFor<T>, due: Due) {
	let plan = attestation_plan::<T>(MAX_ATTESTATIONS_REQUIRED);
	let seats = T::AppealJurySize::get();
	let challengers = T::MaxChallengers::get();
	// A draw needs a plan large enough to judge itself, beyond the parties and first jurors.
	if due == Due::Draw {
		numbered_members::<T>(plan, "pool", 0, seats * 2 + challengers + 1 + T::JurySize::get());
	}
	let bond = T::ClaimBond::get();
	let amount = max_payout::<T>(plan);
	let mut agenda = BoundedVec::<ClaimId, T::MaxDuePerBlock>::new();
	for index in 0..n {
		let claimant = numbered_members::<T>(plan, "claimant", index, 1).remove(0);
		let id = ClaimsPallet::<T>::take_next_claim_id().expect("ids left");
		T::Currency::hold(&HoldReason::ClaimBond.into(), &claimant, bond).expect("funded");
		OpenClaims::<T>::insert(&claimant, 1);
		let required = u32::from(MAX_ATTESTATIONS_REQUIRED);
		let hospitals: Vec<DidId> = (index * required..(index + 1) * required)
			.map(|number| {
				T::Membership::did_of(&hospital::<T>(number)).expect("institutions have DIDs")
			})
			.collect();
		let confirmed_by: BoundedVec<DidId, _> = BoundedVec::truncate_from(hospitals.clone());
		for did in &hospitals {
			Attestations::<T>::insert(
				id,
				did,
				Attestation {
					diagnosis: H256::zero(),
					confirmed_amount: Some(amount),
					at_risk: T::AttesterSlash::get().mul_floor(amount),
				},
			);
		}
		let status = if due == Due::Window {
			ClaimStatus::Challengeable { decision: Decision::Attested, amount, window_ends: at }
		} else {
			let disputants: Vec<DisputantOf<T>> =
				numbered_members::<T>(plan, "challenger", index * challengers, challengers)
					.into_iter()
					.map(|who| {
						let bond = T::ChallengeBond::get();
						T::Currency::hold(&HoldReason::DisputeBond.into(), &who, bond)
							.expect("funded");
						Disputant { who, bond }
					})
					.collect();
			let mut jurors = BoundedVec::new();
			let mut first_jurors = BoundedVec::new();
			if due == Due::Verdict {
				let quorum = ClaimsPallet::<T>::quorum(JuryRound::Final);
				for (seat, juror) in numbered_members::<T>(plan, "juror", index * seats, seats)
					.into_iter()
					.enumerate()
				{
					let jury_bond = T::JurorBond::get();
					T::Currency::hold(&HoldReason::JurorBond.into(), &juror, jury_bond)
						.expect("funded");
					let revealed =
						((seat as u32) < quorum).then_some((Verdict::Reject, H256::zero()));
					let seat = JurorSeat {
						juror,
						bond: jury_bond,
						commitment: Some(H256::zero()),
						revealed,
					};
					jurors.try_push(seat).expect("within the bound");
				}
			} else {
				first_jurors = BoundedVec::truncate_from(numbered_members::<T>(
					plan,
					"first",
					index * T::JurySize::get(),
					T::JurySize::get(),
				));
			}
			Disputes::<T>::insert(
				id,
				Dispute {
					cause: DisputeCause::Challenge,
					challengers: BoundedVec::truncate_from(disputants),
					reason: H256::zero(),
					appeal: None,
					jurors,
					first_jurors,
					revealed: BoundedVec::new(),
				},
			);
			let phase = if due == Due::Verdict {
				JuryPhase::Sitting { commit_ends: ClaimsPallet::<T>::tick(), reveal_ends: at }
			} else {
				JuryPhase::Drawing { draw_at: at }
			};
			ClaimStatus::Disputed { amount, round: JuryRound::Final, phase }
		};
		Claims::<T>::insert(
			id,
			Claim {
				plan,
				claimant_did: T::Membership::did_of(&claimant).expect("members have DIDs"),
				claimant,
				kind: ClaimKind::Attestation { confirmed_by, denied_by: BoundedVec::new() },
				amount,
				evidence: H256::zero(),
				bond,
				filed_at: block::<T>(),
				status,
			},
		);
		agenda.try_push(id).expect("n is within the bound");
	}
	let lane = if due == Due::Window { Lane::Windows } else { Lane::Disputes };
	Agenda::<T>::insert(at, lane, agenda);
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

	/// The first challenge: the window closes and the jury draw is scheduled.
	#[benchmark]
	fn challenge() {
		let plan = attestation_plan::<T>(1);
		let people = members::<T>(plan, "member", T::JurySize::get() + 2);
		next_block::<T>();
		let id = decided::<T>(plan, &people[0]);
		let challenger = people[1].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), id, H256::repeat_byte(3));
		assert_eq!(Disputes::<T>::get(id).map(|d| d.challengers.len()), Some(1));
	}

	#[benchmark]
	fn commit_vote() {
		let (id, _, _) = challenged::<T>();
		let juror = jurors::<T>(id).remove(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(juror), id, H256::repeat_byte(4));
	}

	#[benchmark]
	fn reveal_vote() {
		let (id, _, _) = challenged::<T>();
		let juror = jurors::<T>(id).remove(0);
		let salt = [7u8; 32];
		let commitment = ClaimsPallet::<T>::vote_commitment(id, Verdict::Uphold, salt);
		ClaimsPallet::<T>::do_commit_vote(&juror, id, commitment).expect("a juror commits");
		let ClaimStatus::Disputed { phase: JuryPhase::Sitting { commit_ends, .. }, .. } =
			status::<T>(id)
		else {
			panic!("a jury sits")
		};
		Clock::<T>::put(commit_ends);
		#[extrinsic_call]
		_(RawOrigin::Signed(juror), id, Verdict::Uphold, salt, H256::repeat_byte(5));
	}

	/// An appeal of an upheld first verdict by a member: the final draw is scheduled.
	#[benchmark]
	fn appeal() {
		let (id, _, challenger) = challenged::<T>();
		let ClaimStatus::Disputed {
			phase: JuryPhase::Sitting { commit_ends, reveal_ends }, ..
		} = status::<T>(id)
		else {
			panic!("a jury sits")
		};
		let salt = [7u8; 32];
		let commitment = ClaimsPallet::<T>::vote_commitment(id, Verdict::Uphold, salt);
		let seated = jurors::<T>(id);
		for juror in &seated {
			ClaimsPallet::<T>::do_commit_vote(juror, id, commitment).expect("a juror commits");
		}
		Clock::<T>::put(commit_ends);
		for juror in &seated {
			ClaimsPallet::<T>::do_reveal_vote(juror, id, Verdict::Uphold, salt, H256::zero())
				.expect("a juror reveals");
		}
		serve_tick::<T>(reveal_ends);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), id);
		assert!(matches!(status::<T>(id), ClaimStatus::Disputed { round: JuryRound::Final, .. }));
	}

	/// A denied claimant takes the denial before a jury.
	#[benchmark]
	fn dispute_denial() {
		let plan = attestation_plan::<T>(1);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = filed::<T>(plan, &claimant, 1);
		ClaimsPallet::<T>::do_attest_claim(&hospital::<T>(0), id, H256::zero(), None)
			.expect("a hospital denies");
		#[extrinsic_call]
		_(RawOrigin::Signed(claimant), id, H256::repeat_byte(8));
		assert!(matches!(status::<T>(id), ClaimStatus::Disputed { .. }));
	}

	#[benchmark]
	fn retry_payout() {
		let plan = attestation_plan::<T>(1);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = decided::<T>(plan, &claimant);
		let mut claim = Claims::<T>::get(id).expect("filed");
		ClaimsPallet::<T>::unschedule_status(id, &claim.status);
		claim.status = ClaimStatus::Approved { amount: claim.amount };
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
			draw_delay: 2u32.into(),
			commit_period: 10u32.into(),
			reveal_period: 10u32.into(),
			appeal_period: 10u32.into(),
			index_claim_period: 100u32.into(),
			record_retention: 1_000u32.into(),
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
			outlier_tolerance: 100,
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
		set_block::<T>(30u32.into());
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
		set_block::<T>(30u32.into());
		ClaimsPallet::<T>::do_open_index_event(plan, REGION, 1).expect("the drought crossed");
		#[extrinsic_call]
		_(RawOrigin::Signed(member), plan, 1);
		// Id 0 is the event's place in the plan's queue.
		assert!(Claims::<T>::contains_key(1));
		assert_eq!(IndexEventPlaces::<T>::get(0).map(|place| place.open_pulls), Some(1));
	}

	/// The audit's jury draw is scheduled.
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
		assert!(Disputes::<T>::contains_key(0));
	}

	/// `n` claims whose public window ends: each is approved and paid.
	#[benchmark]
	fn on_initialize_window(n: Linear<0, { T::MaxDuePerBlock::get() }>) {
		let at = ClaimsPallet::<T>::tick() + One::one();
		agenda_of::<T>(n, at, Due::Window);
		next_block::<T>();
		one_tick_owed::<T>();
		#[block]
		{
			ClaimsPallet::<T>::on_initialize(block::<T>());
		}
		assert!(!Agenda::<T>::contains_key(at, Lane::Windows));
	}

	/// `n` final juries' counts at their worst (see [`Due::Verdict`]).
	#[benchmark]
	fn on_initialize_verdict(n: Linear<0, { T::MaxDuePerBlock::get() }>) {
		let at = ClaimsPallet::<T>::tick() + One::one();
		agenda_of::<T>(n, at, Due::Verdict);
		next_block::<T>();
		one_tick_owed::<T>();
		#[block]
		{
			ClaimsPallet::<T>::on_initialize(block::<T>());
		}
		assert!(Disputes::<T>::iter().next().is_none());
	}

	/// `n` final juries drawn (see [`Due::Draw`]).
	#[benchmark]
	fn on_initialize_draw(n: Linear<0, { T::MaxDuePerBlock::get() }>) {
		let at = ClaimsPallet::<T>::tick() + One::one();
		agenda_of::<T>(n, at, Due::Draw);
		next_block::<T>();
		one_tick_owed::<T>();
		#[block]
		{
			ClaimsPallet::<T>::on_initialize(block::<T>());
		}
		assert!(Disputes::<T>::iter().all(|(_, dispute)| !dispute.jurors.is_empty()));
	}

	/// The brake is on: the clock stands still.
	#[benchmark]
	fn on_initialize_braked() {
		BrakedSince::<T>::kill();
		#[block]
		{
			ClaimsPallet::<T>::do_hold_clock(block::<T>());
		}
		assert!(BrakedSince::<T>::exists());
	}

	/// A withdrawn attestation claim with the most attestations a claim can gather (the most a
	/// plan may require, confirming and denying).
	#[benchmark]
	fn prune_claim_attested() {
		let plan = attestation_plan::<T>(MAX_ATTESTATIONS_REQUIRED);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = filed::<T>(plan, &claimant, 1);
		ClaimsPallet::<T>::do_withdraw_claim(&claimant, id).expect("the claimant withdraws");
		let most = u32::from(MAX_ATTESTATIONS_REQUIRED);
		let attesters: Vec<DidId> = (0..2 * most).map(|number| u64::from(number) + 1_000).collect();
		for did in &attesters {
			Attestations::<T>::insert(
				id,
				did,
				Attestation {
					diagnosis: H256::zero(),
					confirmed_amount: None,
					at_risk: 0u32.into(),
				},
			);
		}
		Claims::<T>::mutate(id, |claim| {
			if let Some(claim) = claim {
				claim.kind = ClaimKind::Attestation {
					confirmed_by: BoundedVec::truncate_from(attesters[..most as usize].to_vec()),
					denied_by: BoundedVec::truncate_from(attesters[most as usize..].to_vec()),
				};
			}
		});
		set_block::<T>(block::<T>() + ClaimsPallet::<T>::params().record_retention);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		prune_claim(RawOrigin::Signed(caller), id);
		assert!(!Claims::<T>::contains_key(id));
		assert_eq!(Attestations::<T>::iter_prefix(id).count(), 0);
	}

	/// A rejected audit of a period whose index event never opened: whether one still may is
	/// read from the plan, its metric and the most brake episodes.
	#[benchmark]
	fn prune_claim_index() {
		let plan = parametric_plan::<T>();
		let auditor = members::<T>(plan, "member", 1).remove(0);
		register_metric::<T>();
		set_block::<T>(20u32.into());
		let amount = max_payout::<T>(plan);
		ClaimsPallet::<T>::do_request_audit(auditor, plan, 1, amount, H256::repeat_byte(6))
			.expect("a covered member asks for an audit");
		let id = NextClaimId::<T>::get() - 1;
		Disputes::<T>::remove(id);
		let at = block::<T>();
		Claims::<T>::mutate(id, |claim| {
			if let Some(claim) = claim {
				claim.status = ClaimStatus::Rejected { at, reason: RejectionReason::Unproven };
			}
		});
		let episodes: Vec<(BlockNumberFor<T>, BlockNumberFor<T>)> = (0..MAX_BRAKE_EPISODES)
			.map(|index| ((2 * index + 100).into(), (2 * index + 101).into()))
			.collect();
		BrakeEpisodes::<T>::put(BoundedVec::truncate_from(episodes));
		set_block::<T>(at + ClaimsPallet::<T>::params().record_retention + 1_000u32.into());
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		prune_claim(RawOrigin::Signed(caller), id);
		assert!(!Claims::<T>::contains_key(id));
	}

	/// A withdrawn alliance claim with `v` votes, its last: the record goes with them.
	#[benchmark]
	fn prune_claim_alliance(v: Linear<0, { T::MaxPrunedVotes::get() }>) {
		let plan = HelperOf::<T>::create_plan(
			TriggerKind::Alliance { approval_threshold: Perbill::from_percent(50) },
			Vec::new(),
		);
		let claimant = members::<T>(plan, "member", 1).remove(0);
		next_block::<T>();
		let id = filed::<T>(plan, &claimant, 1);
		ClaimsPallet::<T>::do_withdraw_claim(&claimant, id).expect("the claimant withdraws");
		for voter in 0..v {
			AllianceVotes::<T>::insert(id, u64::from(voter) + 1_000, true);
		}
		set_block::<T>(block::<T>() + ClaimsPallet::<T>::params().record_retention);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		prune_claim(RawOrigin::Signed(caller), id);
		assert!(!Claims::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(ClaimsPallet, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
