//! A test runtime: System and this pallet, with stand-ins for the membership pallet (DIDs,
//! active members and voters) and for the referenda pallet (polls with a tally, a class and an
//! end).

use crate::{self as pallet_huzhu_governance, *};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{EnsureOrigin, PollStatus},
};
use huzhu_primitives::membership::{DidId, PlanId, RegionId};
use sp_runtime::{BuildStorage, DispatchError};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Governance: pallet_huzhu_governance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
}

/// The tracks of the test polls.
pub const TRACKS: [u8; 2] = [0, 1];
/// How long one pull of the brake lasts in the tests.
pub const BRAKE_DURATION: u64 = 10;
/// The account that moves the brake as the emergency council.
pub const COUNCIL: AccountId = 77;
/// Accounts `REGULATORS` hold a regulator credential.
pub const REGULATORS: core::ops::RangeInclusive<AccountId> = 80..=84;

/// An account without a DID.
pub const NO_DID: AccountId = 99;

/// The DID of account `who` (accounts and DIDs coincide, except [`NO_DID`]).
pub fn did(who: AccountId) -> DidId {
	who
}

parameter_types! {
	pub static BrakeLength: u64 = BRAKE_DURATION;
	pub const BrakeCooldown: u64 = 20;
	pub const BrakePeriod: u64 = 100;
	pub const MaxBrakesPerPeriod: u32 = 3;
}

/// A poll of the stand-in referenda pallet.
#[derive(Clone, PartialEq, Debug)]
pub enum TestPoll {
	Ongoing(TallyOf<Test>, u8),
	Completed(u64, bool),
}

thread_local! {
	static ACTIVE: RefCell<BTreeSet<DidId>> = const { RefCell::new(BTreeSet::new()) };
	/// The DIDs covered in a plan that requires the personhood credential.
	static VOTERS: RefCell<BTreeSet<DidId>> = const { RefCell::new(BTreeSet::new()) };
	static POLLS: RefCell<BTreeMap<u8, TestPoll>> = const { RefCell::new(BTreeMap::new()) };
	/// The block each voter has been a voter since (absent: since block 0).
	static VOTER_SINCE: RefCell<BTreeMap<DidId, u64>> = const { RefCell::new(BTreeMap::new()) };
	/// The block each poll was submitted in (absent: block 1).
	static SUBMITTED: RefCell<BTreeMap<u8, u64>> = const { RefCell::new(BTreeMap::new()) };
	static SAFE_MODE_UNTIL: RefCell<Option<u64>> = const { RefCell::new(None) };
}

/// Signed by [`COUNCIL`] (the council) or one of [`REGULATORS`].
pub struct TestBrakers;
impl EnsureOrigin<RuntimeOrigin> for TestBrakers {
	type Success = Braker;

	fn try_origin(origin: RuntimeOrigin) -> Result<Braker, RuntimeOrigin> {
		match origin.clone().into() {
			Ok(frame_system::RawOrigin::Signed(COUNCIL)) => Ok(Braker::Council),
			Ok(frame_system::RawOrigin::Signed(who)) if REGULATORS.contains(&who) => {
				Ok(Braker::Regulator(did(who)))
			}
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(COUNCIL))
	}
}

/// A stand-in for `pallet-safe-mode`: entered until a block, or not.
pub struct TestSafeMode;
impl frame_support::traits::SafeMode for TestSafeMode {
	type BlockNumber = u64;

	fn remaining() -> Option<u64> {
		let now = System::block_number();
		SAFE_MODE_UNTIL.with(|s| *s.borrow()).filter(|until| *until > now).map(|until| until - now)
	}

	fn enter(duration: u64) -> Result<(), frame_support::traits::SafeModeError> {
		if Self::is_entered() {
			return Err(frame_support::traits::SafeModeError::AlreadyEntered);
		}
		SAFE_MODE_UNTIL.with(|s| *s.borrow_mut() = Some(System::block_number() + duration));
		Ok(())
	}

	fn extend(duration: u64) -> Result<(), frame_support::traits::SafeModeError> {
		let until = Self::remaining().ok_or(frame_support::traits::SafeModeError::AlreadyExited)?;
		SAFE_MODE_UNTIL.with(|s| *s.borrow_mut() = Some(System::block_number() + until + duration));
		Ok(())
	}

	fn exit() -> Result<(), frame_support::traits::SafeModeError> {
		Self::remaining().ok_or(frame_support::traits::SafeModeError::AlreadyExited)?;
		SAFE_MODE_UNTIL.with(|s| *s.borrow_mut() = None);
		VOTER_SINCE.with(|v| v.borrow_mut().clear());
		SUBMITTED.with(|s| s.borrow_mut().clear());
		Ok(())
	}
}

/// Makes `who` an active member of a plan requiring the personhood credential, so a voter (or
/// neither).
pub fn set_active(who: AccountId, active: bool) {
	for set in [&ACTIVE, &VOTERS] {
		set.with(|s| {
			if active {
				s.borrow_mut().insert(did(who))
			} else {
				s.borrow_mut().remove(&did(who))
			}
		});
	}
}

/// Makes `who` an active member of a plan that does not require the personhood credential
/// only: covered, but not a voter (a sybil of a credential-free plan).
pub fn set_covered_not_voter(who: AccountId) {
	ACTIVE.with(|a| a.borrow_mut().insert(did(who)));
	VOTERS.with(|v| v.borrow_mut().remove(&did(who)));
}

/// `who` has been a voter since block `since` (its standing started over then).
pub fn set_voter_since(who: AccountId, since: u64) {
	VOTER_SINCE.with(|v| v.borrow_mut().insert(did(who), since));
}

/// Poll `index` was submitted in block `block`.
pub fn set_submitted(index: u8, block: u64) {
	SUBMITTED.with(|s| s.borrow_mut().insert(index, block));
}

/// Opens poll `index` on `track`.
/// Submits poll `index` on `track` now: its tally's electorate is the voters now.
pub fn open_poll(index: u8, track: u8) {
	let tally = <TallyOf<Test> as frame_support::traits::VoteTally<u32, u8>>::new(track);
	POLLS.with(|p| p.borrow_mut().insert(index, TestPoll::Ongoing(tally, track)));
}

/// Ends poll `index`, freezing its tally.
pub fn end_poll(index: u8) {
	POLLS.with(|p| p.borrow_mut().insert(index, TestPoll::Completed(1, true)));
}

/// Poll `index`'s (ayes, nays, electorate).
pub fn tally(index: u8) -> (u32, u32, u32) {
	match POLLS.with(|p| p.borrow().get(&index).cloned()) {
		Some(TestPoll::Ongoing(tally, _)) => (tally.ayes, tally.nays, tally.electorate),
		other => panic!("poll {index} is not ongoing: {other:?}"),
	}
}

/// The tally of ongoing poll `index`.
pub fn poll_tally(index: u8) -> TallyOf<Test> {
	match POLLS.with(|p| p.borrow().get(&index).cloned()) {
		Some(TestPoll::Ongoing(tally, _)) => tally,
		other => panic!("poll {index} is not ongoing: {other:?}"),
	}
}

pub struct TestMembers;
impl MembershipInspect<AccountId, u64> for TestMembers {
	fn did_of(who: &AccountId) -> Option<DidId> {
		(*who != NO_DID).then(|| did(*who))
	}
	fn is_active_member(_: PlanId, who: &AccountId) -> bool {
		Self::is_active_did(did(*who))
	}
	fn active_since(_: PlanId, _: &AccountId) -> Option<u64> {
		None
	}
	fn member_region(_: PlanId, _: &AccountId) -> Option<RegionId> {
		None
	}
	fn active_member_count(_: PlanId) -> u32 {
		Self::active_member_dids()
	}
	fn active_member_dids() -> u32 {
		ACTIVE.with(|a| a.borrow().len() as u32)
	}
	fn is_active_did(did: DidId) -> bool {
		ACTIVE.with(|a| a.borrow().contains(&did))
	}
	fn is_voter(did: DidId) -> bool {
		VOTERS.with(|v| v.borrow().contains(&did))
	}
	fn voter_since(did: DidId) -> Option<u64> {
		Self::is_voter(did)
			.then(|| VOTER_SINCE.with(|v| v.borrow().get(&did).copied()))?
			.or(Some(0))
	}
	fn voter_count() -> u32 {
		VOTERS.with(|v| v.borrow().len() as u32)
	}
	fn active_member_at(_: PlanId, index: u32) -> Option<AccountId> {
		ACTIVE.with(|a| a.borrow().iter().nth(index as usize).copied())
	}
	fn active_did_controller_at(index: u32) -> Option<AccountId> {
		Self::active_member_at(0, index)
	}
	fn is_member_in_region(_: &AccountId, _: RegionId) -> bool {
		false
	}
}

pub struct TestPolls;
impl PollStart<u8, u64> for TestPolls {
	fn submitted(index: u8) -> Option<u64> {
		Self::as_ongoing(index)?;
		Some(SUBMITTED.with(|s| s.borrow().get(&index).copied()).unwrap_or(1))
	}
}
impl Polling<TallyOf<Test>> for TestPolls {
	type Index = u8;
	type Votes = u32;
	type Class = u8;
	type Moment = u64;

	fn classes() -> Vec<u8> {
		TRACKS.to_vec()
	}

	fn as_ongoing(index: u8) -> Option<(TallyOf<Test>, u8)> {
		match POLLS.with(|p| p.borrow().get(&index).cloned()) {
			Some(TestPoll::Ongoing(tally, class)) => Some((tally, class)),
			_ => None,
		}
	}

	fn access_poll<R>(
		index: u8,
		f: impl FnOnce(PollStatus<&mut TallyOf<Test>, u64, u8>) -> R,
	) -> R {
		let mut result = None;
		let _ = Self::try_access_poll(index, |status| {
			result = Some(f(status));
			Ok(())
		});
		result.expect("the closure ran")
	}

	fn try_access_poll<R>(
		index: u8,
		f: impl FnOnce(PollStatus<&mut TallyOf<Test>, u64, u8>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let mut polls = POLLS.with(|p| p.borrow().clone());
		let result = match polls.get_mut(&index) {
			Some(TestPoll::Ongoing(tally, class)) => f(PollStatus::Ongoing(tally, *class)),
			Some(TestPoll::Completed(when, approved)) => f(PollStatus::Completed(*when, *approved)),
			None => f(PollStatus::None),
		}?;
		POLLS.with(|p| *p.borrow_mut() = polls);
		Ok(result)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn create_ongoing(class: u8) -> Result<u8, ()> {
		let index = POLLS.with(|p| p.borrow().keys().last().map_or(0, |last| last + 1));
		open_poll(index, class);
		Ok(index)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn end_ongoing(index: u8, _approved: bool) -> Result<(), ()> {
		Self::as_ongoing(index).ok_or(())?;
		end_poll(index);
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct TestBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for TestBenchmarkHelper {
	fn active_member(seed: u32) -> AccountId {
		let who = AccountId::from(seed) + 1_000;
		set_active(who, true);
		who
	}
}

/// The test runtime's "vote": a remark whose single byte is the poll.
pub fn vote_call(poll: u8) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![poll] })
}

pub struct TestVoteCall;
impl VoteCall<RuntimeCall, u8> for TestVoteCall {
	fn voted_poll(call: &RuntimeCall) -> Option<u8> {
		match call {
			RuntimeCall::System(frame_system::Call::remark { remark }) if remark.len() == 1 => {
				remark.first().copied()
			}
			_ => None,
		}
	}
}

impl pallet_huzhu_governance::Config for Test {
	type Members = TestMembers;
	type Polls = TestPolls;
	type PollStart = TestPolls;
	type VoteCall = TestVoteCall;
	type BrakeOrigin = TestBrakers;
	type SafeMode = TestSafeMode;
	type BrakeDuration = BrakeLength;
	type BrakeCooldown = BrakeCooldown;
	type BrakePeriod = BrakePeriod;
	type MaxBrakesPerPeriod = MaxBrakesPerPeriod;
	type BlockNumberProvider = System;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestBenchmarkHelper;
}

/// A fresh test state: accounts 1..=6 are voters; polls 0 and 1 are open on track 0, poll 2 on
/// track 1, each with an electorate of six.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ACTIVE.with(|a| a.borrow_mut().clear());
	VOTERS.with(|v| v.borrow_mut().clear());
	POLLS.with(|p| p.borrow_mut().clear());
	SAFE_MODE_UNTIL.with(|s| *s.borrow_mut() = None);
	VOTER_SINCE.with(|v| v.borrow_mut().clear());
	SUBMITTED.with(|s| s.borrow_mut().clear());
	for who in 1..=6 {
		set_active(who, true);
	}
	open_poll(0, 0);
	open_poll(1, 0);
	open_poll(2, 1);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in a fresh state and checks the invariants afterwards.
pub fn test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Governance::do_try_state().expect("invariants hold");
	});
}
