//! The members' votes: the stock `pallet-ranked-collective` ([`RankedCollective`]) voting on the
//! referenda of `pallet-referenda` ([`RankedPolls`]), the names polkadot-js apps' *Ranked
//! collective* page looks for.
//!
//! ```text
//!   membership ── a DID becomes / stops being a voter ──► RankedCollective (rank 0 = a voter's
//!        │           (RankedMembers: induct / demote)          controller account)
//!        │                                                          │ vote(poll, aye)
//!        │ is_voter, voter_since, voter_count                       ▼
//!        └──────────► governance ◄── CheckElectorate ─── the signed vote transaction
//!                     (Tally, electorate fixed at submission)       │
//!                          ▲                                        ▼
//!                          └──────── MemberPolls (tally adapter) ◄──┘
//!                                         │
//!                                         ▼
//!                                  RankedPolls (pallet-referenda): tracks, deposits, periods,
//!                                  enactment through the scheduler
//! ```
//!
//! - **Who is in the collective.** The membership pallet inducts a DID's controller when the DID
//!   becomes a voter (covered in a plan requiring the personhood credential) and removes it when
//!   it stops; nobody else changes the collective but root. Every member has rank 0 and one
//!   vote on every track ([`EveryVoter`], `Unit` vote weight).
//! - **Who votes on a poll.** The collective lets any member vote; the transaction extension
//!   [`CheckElectorate`](pallet_huzhu_governance::CheckElectorate) refuses a vote whose signer
//!   is not a voter *now* (a credential revoked or expired an instant ago) or was not one before
//!   the poll was submitted. A vote inside another call (a batch, a derivative account) is
//!   refused by the call filter ([`NoWrappedVotes`]), since the extension sees only the outer
//!   call. Root (a runtime-upgrade referendum, two thirds of the voters) is above both: it can
//!   dispatch a vote as any account (`utility.dispatch_as`) and change the collective; nothing
//!   else can.
//! - **The tally.** The referenda's tally is Huzhu's [`Tally`](pallet_huzhu_governance::Tally):
//!   the stock collective's three counts and the electorate fixed at submission.
//!   [`MemberPolls`] hands the collective its own tally type built from those counts and writes
//!   the counts back, so the collective's `vote` works unchanged while the quorum stays fixed.

use crate::*;
use codec::{Decode, Encode};
use frame_support::traits::{ConstU16, Contains, NeverEnsureOrigin, PollStatus, Polling};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use pallet_ranked_collective::{Rank, TallyOf as CollectiveTallyOf};
use sp_runtime::{traits::Convert, DispatchError};

/// The collective's tally type.
pub type CollectiveTally = CollectiveTallyOf<Runtime>;
/// Huzhu's tally, kept by the referenda.
pub type HuzhuTally = pallet_huzhu_governance::TallyOf<Runtime>;

/// Every track is open to every member: rank 0.
pub struct EveryVoter;
impl Convert<u16, Rank> for EveryVoter {
	fn convert(_track: u16) -> Rank {
		0
	}
}

/// The collective's tally with Huzhu's counts.
fn to_collective(tally: &HuzhuTally) -> CollectiveTally {
	CollectiveTally::from_parts(tally.bare_ayes, tally.ayes, tally.nays)
}

/// Writes the collective's counts back into Huzhu's tally (its electorate is untouched). The
/// collective's fields are private; its encoding is the three counts in order.
fn from_collective(counted: &CollectiveTally, tally: &mut HuzhuTally) {
	// Only a new layout of the collective's tally (a FRAME upgrade) fails to decode; the test
	// `the_collective_counts_into_the_tally_and_leaves_the_electorate` pins the layout.
	let Ok((bare_ayes, ayes, nays)) = <(u32, u32, u32)>::decode(&mut &counted.encode()[..]) else {
		frame_support::defensive!("the collective's tally no longer decodes as three counts");
		return;
	};
	tally.bare_ayes = bare_ayes;
	tally.ayes = ayes;
	tally.nays = nays;
}

/// The referenda as the collective sees them: [`RankedPolls`], with the tally converted both
/// ways on every access.
pub struct MemberPolls;
impl Polling<CollectiveTally> for MemberPolls {
	type Index = u32;
	type Votes = u32;
	type Class = u16;
	type Moment = BlockNumber;

	fn classes() -> alloc::vec::Vec<u16> {
		<RankedPolls as Polling<HuzhuTally>>::classes()
	}

	fn as_ongoing(index: u32) -> Option<(CollectiveTally, u16)> {
		<RankedPolls as Polling<HuzhuTally>>::as_ongoing(index)
			.map(|(tally, class)| (to_collective(&tally), class))
	}

	fn access_poll<R>(
		index: u32,
		f: impl FnOnce(PollStatus<&mut CollectiveTally, BlockNumber, u16>) -> R,
	) -> R {
		<RankedPolls as Polling<HuzhuTally>>::access_poll(index, |status| match status {
			PollStatus::Ongoing(tally, class) => {
				let mut counted = to_collective(tally);
				let result = f(PollStatus::Ongoing(&mut counted, class));
				from_collective(&counted, tally);
				result
			}
			PollStatus::Completed(moment, approved) => f(PollStatus::Completed(moment, approved)),
			PollStatus::None => f(PollStatus::None),
		})
	}

	fn try_access_poll<R>(
		index: u32,
		f: impl FnOnce(PollStatus<&mut CollectiveTally, BlockNumber, u16>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		<RankedPolls as Polling<HuzhuTally>>::try_access_poll(index, |status| match status {
			PollStatus::Ongoing(tally, class) => {
				let mut counted = to_collective(tally);
				let result = f(PollStatus::Ongoing(&mut counted, class))?;
				from_collective(&counted, tally);
				Ok(result)
			}
			PollStatus::Completed(moment, approved) => f(PollStatus::Completed(moment, approved)),
			PollStatus::None => f(PollStatus::None),
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn create_ongoing(class: u16) -> Result<u32, ()> {
		<RankedPolls as Polling<HuzhuTally>>::create_ongoing(class)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn end_ongoing(index: u32, approved: bool) -> Result<(), ()> {
		<RankedPolls as Polling<HuzhuTally>>::end_ongoing(index, approved)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn max_ongoing() -> (u16, u32) {
		<RankedPolls as Polling<HuzhuTally>>::max_ongoing()
	}
}

/// The collective's `vote`, for [`CheckElectorate`](pallet_huzhu_governance::CheckElectorate).
pub struct CollectiveVote;
impl pallet_huzhu_governance::VoteCall<RuntimeCall, u32> for CollectiveVote {
	fn voted_poll(call: &RuntimeCall) -> Option<u32> {
		match call {
			RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
				poll, ..
			}) => Some(*poll),
			_ => None,
		}
	}
}

/// Whether `call` is, or wraps at any depth, a vote of the collective.
fn holds_vote(call: &RuntimeCall, depth: u32) -> bool {
	// Deeper nesting than the runtime's call decoder allows is refused outright.
	if depth > 8 {
		return true;
	}
	match call {
		RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote { .. }) => true,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { calls }
			| pallet_utility::Call::batch_all { calls }
			| pallet_utility::Call::force_batch { calls },
		) => calls.iter().any(|inner| holds_vote(inner, depth.saturating_add(1))),
		RuntimeCall::Utility(
			pallet_utility::Call::as_derivative { call, .. }
			| pallet_utility::Call::dispatch_as { call, .. }
			| pallet_utility::Call::dispatch_as_fallible { call, .. }
			| pallet_utility::Call::with_weight { call, .. },
		) => holds_vote(call, depth.saturating_add(1)),
		RuntimeCall::Utility(pallet_utility::Call::if_else { main, fallback }) => {
			holds_vote(main, depth.saturating_add(1))
				|| holds_vote(fallback, depth.saturating_add(1))
		}
		_ => false,
	}
}

/// Refuses a vote wrapped in another call: [`CheckElectorate`](pallet_huzhu_governance::CheckElectorate)
/// checks the signer of a vote it sees at the top of a transaction, and a wrapper could change
/// the signer (a derivative account) or hide the vote. A vote is its own transaction.
pub struct NoWrappedVotes;
impl Contains<RuntimeCall> for NoWrappedVotes {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Utility(_) => !holds_vote(call, 0),
			_ => true,
		}
	}
}

impl pallet_ranked_collective::Config for Runtime {
	type WeightInfo = pallet_ranked_collective::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	// The membership pallet keeps the collective; root (a runtime-upgrade referendum) may
	// correct it by adding or removing a member. Every member has rank 0: nobody promotes, and
	// nobody swaps a member's account (a voter's account is its DID's controller).
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRootWithSuccess<AccountId, ConstU16<0>>;
	type PromoteOrigin = NeverEnsureOrigin<Rank>;
	type DemoteOrigin = EnsureRootWithSuccess<AccountId, ConstU16<0>>;
	type ExchangeOrigin = NeverEnsureOrigin<()>;
	type Polls = MemberPolls;
	type MinRankOfClass = EveryVoter;
	type MemberSwappedHandler = ();
	type VoteWeight = pallet_ranked_collective::Unit;
	type MaxMemberCount = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSetup = ();
}

/// Storage migrations of the move to the stock collective.
pub mod migrations {
	use super::*;
	use frame_support::{
		migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
	};
	use pallet_referenda::{ReferendumInfo, ReferendumInfoFor, ReferendumStatus};

	/// The tally of governance storage version 0: members aye, nay and abstaining.
	#[derive(
		Encode, Decode, Clone, PartialEq, Eq, Debug, scale_info::TypeInfo, codec::MaxEncodedLen,
	)]
	pub struct TallyV0 {
		/// Members voting aye.
		pub ayes: u32,
		/// Members voting nay.
		pub nays: u32,
		/// Members abstaining.
		pub abstains: u32,
	}

	/// A referendum as version 0 stored it.
	pub type ReferendumInfoV0 = ReferendumInfo<
		u16,
		OriginCaller,
		BlockNumber,
		pallet_referenda::BoundedCallOf<Runtime, ()>,
		Balance,
		TallyV0,
		AccountId,
		pallet_referenda::ScheduleAddressOf<Runtime, ()>,
	>;

	/// The referenda pallet's name before it became [`RankedPolls`].
	pub const OLD_REFERENDA: &[u8] = b"Referenda";

	/// Governance version 0 → 1, with the runtime's part of it:
	///
	/// 1. `Referenda`'s storage moves to its new name, `RankedPolls` (polkadot-js apps' name for
	///    the referenda of a ranked collective).
	/// 2. Every ongoing referendum's tally takes the new shape with no votes: the votes of the
	///    old pallet were kept in its own records, which go (and abstentions and delegated
	///    weight have no place in the collective). Members vote again through the collective.
	///    Its electorate is the voters now, and never fewer than the members its old tally
	///    counted (the voters at its submission are not recorded anywhere: exits since then
	///    would otherwise lower its quorum). Ended referenda carry no tally and are unchanged.
	/// 3. The governance pallet's own records are removed
	///    ([`pallet_huzhu_governance::migrations::v1`]).
	pub struct InnerToRankedCollective;
	impl UncheckedOnRuntimeUpgrade for InnerToRankedCollective {
		fn on_runtime_upgrade() -> Weight {
			frame_support::storage::migration::move_pallet(OLD_REFERENDA, b"RankedPolls");
			let electorate = pallet_huzhu_governance::Pallet::<Runtime>::electorate();
			let mut translated: u64 = 0;
			ReferendumInfoFor::<Runtime>::translate::<ReferendumInfoV0, _>(|_, old| {
				translated = translated.saturating_add(1);
				Some(match old {
					ReferendumInfo::Ongoing(status) => ReferendumInfo::Ongoing(ReferendumStatus {
						track: status.track,
						origin: status.origin,
						proposal: status.proposal,
						enactment: status.enactment,
						submitted: status.submitted,
						submission_deposit: status.submission_deposit,
						decision_deposit: status.decision_deposit,
						deciding: status.deciding,
						tally: HuzhuTally::from_counts(
							0,
							0,
							electorate.max(
								status
									.tally
									.ayes
									.saturating_add(status.tally.nays)
									.saturating_add(status.tally.abstains),
							),
						),
						in_queue: status.in_queue,
						alarm: status.alarm,
					}),
					ReferendumInfo::Approved(at, submission, decision) => {
						ReferendumInfo::Approved(at, submission, decision)
					}
					ReferendumInfo::Rejected(at, submission, decision) => {
						ReferendumInfo::Rejected(at, submission, decision)
					}
					ReferendumInfo::Cancelled(at, submission, decision) => {
						ReferendumInfo::Cancelled(at, submission, decision)
					}
					ReferendumInfo::TimedOut(at, submission, decision) => {
						ReferendumInfo::TimedOut(at, submission, decision)
					}
					ReferendumInfo::Killed(at) => ReferendumInfo::Killed(at),
				})
			});
			let records =
				pallet_huzhu_governance::migrations::v1::InnerMigrateToV1::<Runtime>::on_runtime_upgrade();
			// The move reads and writes every key of the referenda (a few per referendum).
			<Runtime as frame_system::Config>::DbWeight::get()
				.reads_writes(translated.saturating_mul(4), translated.saturating_mul(4))
				.saturating_add(records)
		}

		/// The referenda and how many are ongoing, under the old name.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let (mut all, mut ongoing) = (0u32, 0u32);
			for (_, info) in frame_support::storage::migration::storage_key_iter::<
				u32,
				ReferendumInfoV0,
				frame_support::Blake2_128Concat,
			>(OLD_REFERENDA, b"ReferendumInfoFor")
			{
				all = all.saturating_add(1);
				if matches!(info, ReferendumInfo::Ongoing(_)) {
					ongoing = ongoing.saturating_add(1);
				}
			}
			Ok((all, ongoing).encode())
		}

		/// Every referendum is still there, under the new name, and as many are ongoing, each
		/// with no votes.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (all, ongoing) = <(u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade state does not decode")?;
			let mut counted = (0u32, 0u32);
			for info in ReferendumInfoFor::<Runtime>::iter_values() {
				counted.0 = counted.0.saturating_add(1);
				if let ReferendumInfo::Ongoing(status) = info {
					counted.1 = counted.1.saturating_add(1);
					huzhu_primitives::ensure_invariant(
						status.tally.voters() == 0,
						"an ongoing referendum kept votes",
					)?;
				}
			}
			huzhu_primitives::ensure_invariant(
				counted == (all, ongoing),
				"referenda were lost in the move",
			)?;
			Ok(())
		}
	}

	/// Runs [`InnerToRankedCollective`] once: when the governance pallet is at version 0.
	pub type ToRankedCollective = VersionedMigration<
		0,
		1,
		InnerToRankedCollective,
		Governance,
		<Runtime as frame_system::Config>::DbWeight,
	>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_wrapped_vote_is_refused_and_a_plain_one_passes_the_filter() {
		let vote = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
			poll: 0,
			aye: true,
		});
		assert!(NoWrappedVotes::contains(&vote));
		let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch { calls });
		assert!(!NoWrappedVotes::contains(&batch(vec![vote.clone()])));
		let derivative = RuntimeCall::Utility(pallet_utility::Call::as_derivative {
			index: 0,
			call: Box::new(vote.clone()),
		});
		assert!(!NoWrappedVotes::contains(&derivative));
		// Hidden deeper, and beside harmless calls.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let deep = batch(vec![remark.clone(), batch(vec![derivative])]);
		assert!(!NoWrappedVotes::contains(&deep));
		assert!(NoWrappedVotes::contains(&batch(vec![remark.clone(), remark])));
		// The runtime's filter is the one that refuses it.
		sp_io::TestExternalities::default().execute_with(|| {
			assert!(!<Runtime as frame_system::Config>::BaseCallFilter::contains(&deep));
			assert!(<Runtime as frame_system::Config>::BaseCallFilter::contains(&vote));
		});
	}

	#[test]
	fn the_collective_counts_into_the_tally_and_leaves_the_electorate() {
		let mut tally = HuzhuTally::from_counts(2, 1, 10);
		let mut counted = to_collective(&tally);
		assert_eq!(<(u32, u32, u32)>::decode(&mut &counted.encode()[..]).ok(), Some((2, 2, 1)));
		counted = CollectiveTally::from_parts(3, 3, 1);
		from_collective(&counted, &mut tally);
		assert_eq!((tally.bare_ayes, tally.ayes, tally.nays, tally.electorate), (3, 3, 1, 10));
	}

	/// The stack on the development genesis: membership, the collective, the extension, the
	/// referenda.
	mod on_the_development_genesis {
		use super::*;
		use frame_support::{
			assert_ok,
			traits::{schedule::DispatchTime, Bounded},
		};
		use huzhu_primitives::membership::MembershipInspect;
		use pallet_huzhu_governance::VoteRefusal;
		use sp_keyring::Sr25519Keyring::{self as Keyring, Alice, Charlie, Dave, Ferdie};
		use sp_runtime::traits::Dispatchable;

		use crate::test_support::{development, refused, run_to, signed, vote};

		fn on_roll(who: Keyring) -> bool {
			pallet_ranked_collective::Members::<Runtime>::contains_key(who.to_account_id())
		}

		/// The collective's members are exactly the voters' controllers.
		fn roll_is_the_voters() {
			let voters = pallet_huzhu_membership::VoterDids::<Runtime>::get();
			assert_eq!(pallet_ranked_collective::MemberCount::<Runtime>::get(0), voters);
			for did in pallet_huzhu_membership::VoterMembershipsOf::<Runtime>::iter_keys() {
				let controller =
					pallet_huzhu_membership::Dids::<Runtime>::get(did).expect("a DID").controller;
				assert!(pallet_ranked_collective::Members::<Runtime>::contains_key(controller));
			}
		}

		/// Alice submits a remark on the runtime-upgrade track; its index.
		fn submit() -> u32 {
			let index = pallet_referenda::ReferendumCount::<Runtime>::get();
			let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1; 4] });
			assert_ok!(RankedPolls::submit(
				signed(Alice),
				Box::new(frame_system::RawOrigin::Root.into()),
				Bounded::Inline(remark.encode().try_into().expect("short")),
				DispatchTime::After(1),
			));
			index
		}

		fn tally(poll: u32) -> (u32, u32, u32) {
			let (tally, _) =
				<RankedPolls as Polling<HuzhuTally>>::as_ongoing(poll).expect("ongoing");
			(tally.ayes, tally.nays, tally.electorate)
		}

		#[test]
		fn the_founding_voters_are_the_collective_from_genesis() {
			development().execute_with(|| {
				assert!(on_roll(Alice) && on_roll(Charlie));
				assert!(!on_roll(Dave), "Dave holds KYC but no cover");
				roll_is_the_voters();
				assert_eq!(pallet_ranked_collective::MemberCount::<Runtime>::get(0), 2);
			});
		}

		#[test]
		fn a_vote_counts_once_and_an_exit_does_not_move_the_quorum() {
			development().execute_with(|| {
				run_to(2);
				let poll = submit();
				assert_eq!(tally(poll), (0, 0, 2));
				assert_eq!(vote(Alice, poll, true), Ok(()));
				// Changed, not added.
				assert_eq!(vote(Alice, poll, false), Ok(()));
				assert_eq!(vote(Alice, poll, true), Ok(()));
				assert_eq!(tally(poll), (1, 0, 2));
				// Charlie leaves the plan: off the roll at once, and the poll's quorum stays 2.
				assert_ok!(HuzhuMembership::exit_plan(signed(Charlie), 1));
				assert!(!on_roll(Charlie));
				roll_is_the_voters();
				assert_eq!(tally(poll), (1, 0, 2));
				assert_eq!(vote(Charlie, poll, true), refused(VoteRefusal::NotVoter));
				// Ferdie has no DID; root could put him on the roll, and he still cannot vote.
				assert_eq!(vote(Ferdie, poll, true), refused(VoteRefusal::NoDid));
				assert_ok!(RankedCollective::add_member(
					RuntimeOrigin::root(),
					Ferdie.to_account_id().into()
				));
				assert_eq!(vote(Ferdie, poll, true), refused(VoteRefusal::NoDid));
				assert_eq!(tally(poll), (1, 0, 2));
			});
		}

		#[test]
		fn a_joiner_is_on_the_roll_but_votes_only_on_later_polls() {
			development().execute_with(|| {
				run_to(2);
				let before = submit();
				assert_ok!(HuzhuMembership::join_plan(signed(Dave), 0, 20 * UNITS, None));
				assert!(!on_roll(Dave), "waiting is not cover");
				run_to(3 + crate::genesis_config_presets::GENESIS_WAITING_PERIOD);
				assert!(on_roll(Dave));
				roll_is_the_voters();
				let did = HuzhuMembership::did_of(&Dave.to_account_id()).expect("a DID");
				assert!(<HuzhuMembership as MembershipInspect<_, _>>::is_voter(did));
				// The poll submitted before he became a voter keeps its electorate of two.
				assert_eq!(vote(Dave, before, true), refused(VoteRefusal::NotInElectorate));
				assert_eq!(tally(before), (0, 0, 2));
				// A later poll counts him.
				System::set_block_number(System::block_number() + 1);
				let after = submit();
				assert_eq!(tally(after), (0, 0, 3));
				assert_eq!(vote(Dave, after, true), Ok(()));
				assert_eq!(tally(after), (1, 0, 3));
			});
		}

		/// ATTACK (traced): DIDs minted into a plan that asks for no personhood credential were
		/// covered, so they filled the chain-wide jury slots and could decide who is paid.
		/// Defended: the claims pallet's juries draw from the voters' roll only.
		#[test]
		fn sybils_in_a_credential_free_plan_sit_on_no_jury() {
			use frame_support::traits::fungible::Mutate;
			use huzhu_primitives::membership::{PlanTerms, TriggerKind};
			development().execute_with(|| {
				let terms = PlanTerms {
					name: b"No questions asked".to_vec().try_into().expect("short"),
					required_credentials: Default::default(),
					waiting_period: 0,
					min_deposit: 2 * UNITS,
					max_payout_per_claim: 10 * UNITS,
					member_share_cap_per_claim: UNITS,
					member_share_cap_per_year: UNITS,
					management_fee: sp_runtime::Permill::zero(),
					challenge_period: 10,
					trigger: TriggerKind::Attestation { attestations_required: 1 },
					regions: Default::default(),
				};
				assert_ok!(HuzhuMembership::create_plan(RuntimeOrigin::root(), terms));
				let plan = pallet_huzhu_membership::NextPlanId::<Runtime>::get() - 1;
				for seed in 0..20u8 {
					let sybil = sp_core::sr25519::Public::from_raw([seed + 100; 32]);
					let who = AccountId::from(sybil);
					let _ = Balances::set_balance(&who, 100 * UNITS);
					let origin = RuntimeOrigin::signed(who);
					assert_ok!(HuzhuMembership::create_did(
						origin.clone(),
						pallet_huzhu_membership::DidPublicKey::Sr25519(sybil)
					));
					assert_ok!(HuzhuMembership::join_plan(origin, plan, 3 * UNITS, None));
				}
				run_to(3);
				// Twenty-two DIDs are covered; two are voters, and they are the jury pool.
				type Members = HuzhuMembership;
				assert_eq!(
					<Members as MembershipInspect<AccountId, BlockNumber>>::active_member_dids(),
					22
				);
				let pool = <configs::JurorPool as MembershipInspect<AccountId, BlockNumber>>::active_member_dids();
				assert_eq!(pool, 2);
				let jurors: Vec<AccountId> = (0..pool)
					.filter_map(<configs::JurorPool as MembershipInspect<AccountId, BlockNumber>>::active_did_controller_at)
					.collect();
				assert!(jurors.contains(&Alice.to_account_id()));
				assert!(jurors.contains(&Charlie.to_account_id()));
				// A small plan's outside seats are counted against the voters too.
				assert_eq!(pallet_huzhu_claims::Pallet::<Runtime>::outside_seats(plan, 5), 0);
			});
		}

		#[test]
		fn a_vote_hidden_in_a_batch_is_refused() {
			development().execute_with(|| {
				run_to(2);
				let poll = submit();
				let vote = RuntimeCall::RankedCollective(pallet_ranked_collective::Call::vote {
					poll,
					aye: true,
				});
				let batch = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![vote] });
				// Dave is no voter; inside a batch the extension would not see the vote.
				assert!(batch.dispatch(signed(Dave)).is_err());
				assert_eq!(tally(poll), (0, 0, 2));
			});
		}
	}

	/// Governance version 0 → 1 on a development chain with a referendum in flight.
	#[test]
	fn the_migration_moves_the_referenda_and_resets_ongoing_tallies() {
		use frame_support::{
			storage::{storage_prefix, unhashed},
			traits::{
				schedule::DispatchTime, Bounded, GetStorageVersion, OnRuntimeUpgrade,
				StorageVersion,
			},
			Blake2_128Concat, StorageHasher,
		};
		use migrations::*;
		use pallet_referenda::{Deposit, ReferendumInfo, ReferendumInfoFor, ReferendumStatus};
		let storage = crate::genesis_config_presets::preset_storage(
			crate::genesis_config_presets::DEVELOPMENT,
		);
		sp_io::TestExternalities::new(storage).execute_with(|| {
			let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			let ongoing: ReferendumInfoV0 = ReferendumInfo::Ongoing(ReferendumStatus {
				track: 0,
				origin: frame_system::RawOrigin::Root.into(),
				proposal: Bounded::Inline(vec![0, 0].try_into().expect("short")),
				enactment: DispatchTime::After(1),
				submitted: 1,
				submission_deposit: Deposit { who: alice.clone(), amount: 10 },
				decision_deposit: None,
				deciding: None,
				tally: TallyV0 { ayes: 2, nays: 0, abstains: 1 },
				in_queue: false,
				alarm: None,
			});
			let ended: ReferendumInfoV0 =
				ReferendumInfo::Approved(1, Some(Deposit { who: alice.clone(), amount: 10 }), None);
			let key = |item: &[u8], index: u32| {
				let mut key = storage_prefix(OLD_REFERENDA, item).to_vec();
				key.extend(Blake2_128Concat::hash(&index.encode()));
				key
			};
			unhashed::put(&key(b"ReferendumInfoFor", 0), &ongoing);
			unhashed::put(&key(b"ReferendumInfoFor", 1), &ended);
			unhashed::put(&storage_prefix(OLD_REFERENDA, b"ReferendumCount"), &2u32);
			let mut vote_record =
				pallet_huzhu_governance::migrations::v1::voting_for_prefix::<Runtime>().to_vec();
			vote_record.push(0);
			unhashed::put_raw(&vote_record, &[1]);
			StorageVersion::new(0).put::<Governance>();

			ToRankedCollective::on_runtime_upgrade();

			assert_eq!(Governance::on_chain_storage_version(), StorageVersion::new(1));
			assert!(!unhashed::contains_prefixed_key(&frame_support::Twox128::hash(OLD_REFERENDA)));
			assert!(!unhashed::contains_prefixed_key(
				&pallet_huzhu_governance::migrations::v1::voting_for_prefix::<Runtime>()
			));
			assert_eq!(pallet_referenda::ReferendumCount::<Runtime>::get(), 2);
			match ReferendumInfoFor::<Runtime>::get(0) {
				Some(ReferendumInfo::Ongoing(status)) => {
					// Three counted at submission, two voters now: the quorum keeps three.
					assert_eq!(status.tally, HuzhuTally::from_counts(0, 0, 3));
					assert_eq!(status.submission_deposit.who, alice);
				}
				other => panic!("not ongoing: {other:?}"),
			}
			assert!(matches!(
				ReferendumInfoFor::<Runtime>::get(1),
				Some(ReferendumInfo::Approved(1, Some(_), None))
			));
		});
	}

	/// The membership pallet's storage moves from `Membership` to `HuzhuMembership`, with its
	/// storage version, before its own migrations read it; a second run does nothing.
	#[test]
	fn the_membership_prefix_moves_once() {
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		let storage = crate::genesis_config_presets::preset_storage(
			crate::genesis_config_presets::DEVELOPMENT,
		);
		sp_io::TestExternalities::new(storage).execute_with(|| {
			let plan = pallet_huzhu_membership::Plans::<Runtime>::get(0).expect("plan 0");
			let version = HuzhuMembership::on_chain_storage_version();
			assert!(version > StorageVersion::new(0));
			// The state as the old name stored it.
			frame_support::storage::migration::move_pallet(
				b"HuzhuMembership",
				configs::OLD_MEMBERSHIP,
			);
			assert!(pallet_huzhu_membership::Plans::<Runtime>::get(0).is_none());
			assert_eq!(HuzhuMembership::on_chain_storage_version(), StorageVersion::new(0));

			configs::MoveMembershipPrefix::on_runtime_upgrade();
			assert_eq!(pallet_huzhu_membership::Plans::<Runtime>::get(0), Some(plan.clone()));
			assert_eq!(HuzhuMembership::on_chain_storage_version(), version);
			assert!(!frame_support::storage::unhashed::contains_prefixed_key(
				&<frame_support::Twox128 as frame_support::StorageHasher>::hash(
					configs::OLD_MEMBERSHIP
				)
			));
			// Again: nothing to move, nothing lost.
			configs::MoveMembershipPrefix::on_runtime_upgrade();
			assert_eq!(pallet_huzhu_membership::Plans::<Runtime>::get(0), Some(plan));
			assert_eq!(pallet_huzhu_membership::VoterDids::<Runtime>::get(), 2);
		});
	}
}
