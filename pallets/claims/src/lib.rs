//! # Claims pallet
//!
//! Why Huzhu exists: a member who falls ill, loses a harvest or is hurt by a supplier's failure is
//! paid within hours, by rules in code, with every step public. This pallet takes a claim from
//! filing to payout: the plan's trigger decides it, a public challenge window (公示) lets any
//! member dispute it, a jury of members drawn at random settles disputes, and the pool pays.
//!
//! ## Lifecycle
//!
//! The one diagram of a claim's states is on [`ClaimStatus`]. Every state that ends at a time
//! ([`ClaimStatus::due_at`]) sits in the [`Agenda`] of its tick and [`Lane`], which
//! `on_initialize` serves: an unchallenged claim is paid in the first block after its window,
//! with no transaction, and nothing ever scans all claims.
//!
//! ## The adjudication clock and the brake
//!
//! Deadlines are ticks of the pallet's [`Clock`], not block numbers: the clock moves one tick for
//! each block of [`Config::BlockNumberProvider`] that passed with [`Config::Brake`] off. While the brake is on (safe mode, or any claims
//! call paused by `pallet-tx-pause` in Huzhu's runtime) the clock stands still: no window closes,
//! no jury is drawn or counted, no juror is slashed and nothing is paid; when it comes off, every
//! deadline has moved by the time spent under the brake ([`Event::ClockStopped`],
//! [`Event::ClockResumed`]). Weather periods, cover and the record (`filed_at`, `Paid { at }`)
//! stay in blocks. The two deadlines that count from a weather period's end — the oracles'
//! submission window and the window to open the period's index event — are in blocks too, and
//! move by the blocks spent under the brake while they ran ([`BrakeEpisodes`],
//! [`Pallet::unbraked_deadline`]): a brake over the oracles' window does not cut it short, and
//! a brake after it closed does not reopen it. The last [`MAX_BRAKE_EPISODES`] episodes are
//! remembered; an older one no longer moves a deadline (weather windows last minutes to days,
//! emergency brakes are rare).
//!
//! ## Clocks on a parachain
//!
//! Every block number the pallet reads — the clock's source, cover, weather periods, the
//! record — comes from [`Config::BlockNumberProvider`]. Huzhu's solochain wires
//! `frame_system::Pallet`: one block of the source per block, one tick per block. A parachain
//! wires the relay chain's block number, so that periods keep real time whatever the
//! parachain's own block rate (with async backing several parachain blocks may share a relay
//! parent, and a missed slot skips relay blocks), and sets every period in relay blocks (6 s).
//! The source must give **one number throughout a block**, hooks and transactions alike:
//! `cumulus_pallet_parachain_system::RelaychainDataProvider` does not (in `on_initialize` it
//! gives the previous block's relay parent, after the validation-data inherent the current
//! one), so wire a provider that reads the last relay parent only
//! (`cumulus_pallet_parachain_system::LastRelayChainBlockNumber`, a block behind the relay
//! chain, the same number in every hook and call of a block). Wire the same source into every
//! Huzhu pallet and into `pallet-referenda` (`BlockNumberProvider`): cover is compared with this
//! pallet's filing blocks and the pool's plan years, a voter's standing with a poll's
//! submission. Set [`Config::MaxTicksPerBlock`] above the relay blocks per parachain block.
//!
//! Each `on_initialize` turns the source's blocks since the last one ([`ClockSync`]) into ticks
//! owed: none when the source did not move, several after a skip. It serves at most
//! [`Config::MaxTicksPerBlock`] of them, each tick's agenda whole and in order, and carries the
//! rest: a deadline inside a skip is served at its own tick, never jumped over, and after a
//! parachain stalled the clock catches up block by block, so the stall does not close a public
//! window before members could see the claim. Deadlines set meanwhile count from the tick the
//! source has reached ([`Pallet::tick`]: the clock plus the ticks owed), so they last their
//! whole period in the source's time. Blocks of the source under the brake are not owed. The
//! first block with no [`ClockSync`], and a source still at block 0, count as one block
//! however far the source starts.
//!
//! ```text
//!   on_initialize:  passed = source_now − seen          (0 when the source did not move)
//!     brake on  →  hold the clock; seen = source_now; owed unchanged
//!     brake off →  owed += passed;  serve min(owed, MaxTicksPerBlock) ticks, each:
//!                    Clock += 1;  owed −= 1;  Agenda[Clock] served lane by lane
//!                  seen = source_now
//!   tick() = Clock + owed: where every new deadline counts from
//! ```
//!
//! ## Capacity
//!
//! The agenda has three lanes — filings (expiry), windows, disputes — each holding at most
//! [`Config::MaxDuePerBlock`] claims per tick (a full tick sends a claim to the next tick with
//! room, at most that many ticks later), served disputes first: a flood of filings cannot delay
//! a window or a verdict, nor fill the ticks that challenges, appeals and verdicts need. Filling
//! the disputes lane itself takes `MaxDuePerBlock²` live disputes (1 024 in Huzhu's runtime),
//! each holding a challenge bond and a decided claim. A member
//! has at most [`Config::MaxOpenClaims`] claims open at once, and every filing first settles the
//! member's deposit in the pool ([`PoolPayout::settle_member`]): a member whose settled deposit is
//! below the plan's minimum is not covered and cannot claim. A due step that fails is rolled back
//! and postponed to the next tick with room ([`Event::StepPostponed`]); if none has room, the
//! claim ends unproven with every bond returned. `try_state` checks that no deadline lies in the
//! past.
//!
//! ## Triggers (chosen by the plan's [`TriggerKind`])
//!
//! - **Attestation** (critical illness, accident). A covered member [files](Pallet::file_claim)
//!   the amount asked (up to the plan maximum) and an evidence commitment, holding
//!   [`Config::ClaimBond`]. Accredited medical institutions (DIDs accredited for
//!   `MEDICAL_INSTITUTION`, bonded in the membership pallet) [attest](Pallet::attest_claim) it
//!   with a diagnosis commitment and the amount they confirm, or deny it. When the plan's
//!   `attestations_required` confirm, the claim is decided at the smallest confirmed amount; as
//!   many denials make it [`ClaimStatus::Denied`], and the claimant may
//!   [take the denial before a jury](Pallet::dispute_denial) within the appeal period.
//!   **Attesters carry the risk of what they sign**: when a final verdict finds an attestation
//!   false (a confirmation of a rejected claim, a denial of an upheld one), the institution loses
//!   [`Config::AttesterSlash`] of the amount it vouched for to the plan's reserve, and is
//!   suspended until governance acts ([`IssuerPenalty`]). That slash is covered: an
//!   institution's **exposure** — what its attestations of claims not yet decided for good may
//!   cost it ([`AttesterExposure`]; each attestation records its own
//!   [`at_risk`](Attestation::at_risk) when made) — may not exceed the bond it holds when it
//!   attests ([`Error::AttesterOverexposed`]: a hospital that signs more bonds more), and while
//!   it is not zero the membership pallet keeps the bond held however long the institution has
//!   been suspended ([`IssuerExposure`]). Only a slash that governance itself makes can leave a
//!   bond below its exposure; the institution then signs nothing more until it is back under.
//! - **Parametric** (farm weather). Accredited weather oracles
//!   [submit readings](Pallet::submit_reading) of a registered metric for a region and period;
//!   readings out of the metric's range, before the period ends or after its submission window
//!   are rejected, and so are readings of an oracle that is itself a member in that region. `pallet-oracle` keeps each oracle's reading (through [`IndexReadings`]); the
//!   pallet aggregates them itself: the **median of at least [`Config::MinReadings`]** readings
//!   (an even count takes the mean of the two middle readings, rounded down), so no two oracles
//!   decide alone, and readings farther from the median than the metric's `outlier_tolerance`
//!   are flagged ([`Event::OutlierReading`]) for governance. Anyone may
//!   [open an index event](Pallet::open_index_event) — only **after the submission window has
//!   closed**, so no reading can be sandwiched between a reading and the opening, and only
//!   **within one more window** ([`Error::EventOpeningOver`]), so nobody can wait for
//!   accreditations or the plan's terms to change: the event freezes the median, the payout
//!   and the plan's terms of that moment. If the median
//!   crosses the plan's trigger, each member covered in that region since before the period
//!   began [pulls its payout](Pallet::claim_index_payout) — linear from nothing at the trigger
//!   value to the plan maximum at the exit value — in O(1), with no loop over the region. The
//!   event's loss is public before anyone pulls, so the event takes a place in the plan's queue
//!   of open claims when it opens ([`IndexEventPlaces`]): a member giving notice of its exit
//!   afterwards stays liable, and covered, until the claim period is over and the last pull is
//!   closed. A
//!   member covered since before the period began may instead ask for one
//!   [basis-risk audit](Pallet::request_audit) per region and period (a larger bond), asking at
//!   most the plan maximum less the index payout it took: a jury decides whether to pay a loss
//!   the index missed, and the member carries the burden of proof.
//! - **Alliance** (supply chain). Members of the plan holding a valid `ALLIANCE_ENTERPRISE`
//!   credential [vote](Pallet::vote_alliance). The claim is decided when the ayes reach the
//!   plan's `approval_threshold` of the plan's other active members (counted at filing), and
//!   rejected once they no longer can.
//!
//! Claims not decided within the decision period ([`AdjudicationParams`]) expire. A member cannot
//! claim in the block its cover starts, and one evidence commitment backs at most one claim, ever.
//!
//! ## Challenge, jury, appeal: silence never pays
//!
//! A decided claim is public for its plan's `challenge_period`. Any active member of **any**
//! plan who is not the claimant or one of its deciders may [challenge](Pallet::challenge) it
//! with [`Config::ChallengeBond`] and a reason commitment; until the jury is drawn, others may
//! join as co-challengers (up to [`Config::MaxChallengers`]): a first challenge never shuts
//! others out (sybils filling the [`Config::MaxChallengers`] places take nothing from anyone:
//! the jury judges the claim, not its challengers). The jury is drawn
//! [`AdjudicationParams::draw_delay`] ticks later, in `on_initialize`, from randomness that did
//! not exist when the dispute was opened. Every juror comes from the chain-wide slots of
//! [`Config::Membership`] ([`MembershipInspect::active_did_controller_at`]): the active member
//! DIDs of the whole chain, or a narrower pool the runtime wires (Huzhu: the voters, one per
//! unique person, so that DIDs minted in a plan without a personhood credential sit on no
//! jury). First, members of *other* plans than the claim's get their share of the seats
//! ([`Pallet::outside_seats`]: their share of the chain's active DIDs, rounded down, at most a
//! majority), sampled independently at random; then the rest come from anyone eligible. So the
//! members of a small plan never judge their own claim: outsiders hold the majority. A plan
//! that is most of the chain gets juries that look like the chain, so a few DIDs outside it
//! (sybils in a cheap plan) never weigh more on its juries than their share. The share is
//! counted on the chain, not on the dispute: co-challengers cannot change it. Residual: when
//! members of other plans are rare, [`OUTSIDER_TRIES_PER_SEAT`] tries per reserved seat may
//! find fewer, and the uniform walk fills the rest. Never a party, an attester or an alliance
//! voter of the claim. Each juror holds [`Config::JurorBond`] (members who cannot pay it are
//! skipped).
//! Jurors [commit](Pallet::commit_vote) `blake2_256((claim, verdict, salt).encode())` during
//! the commit period, then [reveal](Pallet::reveal_vote) it with a rationale commitment during
//! the reveal period.
//!
//! **The claimant carries the burden of proof.** A verdict counts only when a quorum
//! ([`Config::JuryQuorum`] of the jury's seats, not of the jurors who could be drawn) revealed.
//! Then the majority decides; a tie goes against whoever must convince the jury — the
//! challengers of a decided claim, the claimant of an audit or a disputed denial. Below the
//! quorum, a first jury is replaced by a fresh final jury ([`Config::AppealJurySize`], none of the first jurors), and a final jury's
//! silence ends the claim [`RejectionReason::Unproven`]: nothing is paid, and the claimant's
//! evidence commitment (or index payout) is freed, so a claim that only silence stopped can be
//! filed again (an audit stays spent). A challenge is never free: when juries sat on it and
//! stayed silent, each challenger forfeits [`Config::JurorShare`] of its bond to the plan's
//! reserve (nobody gains from a challenge's failure); when no jury could be seated at all,
//! nobody is at fault and every bond is returned. Jurors who did not reveal lose their bond to
//! those who revealed (to the reserve if none did). An **appealed** verdict stands when the
//! final jury stays silent or cannot be seated: an appellant cannot undo a verdict by making
//! the final jury fail, and pays for the appeal as a loser.
//!
//! A first verdict may be [appealed](Pallet::appeal) once within the appeal period, with
//! [`Config::AppealBond`]: a rejection by the claimant, an upheld claim by any active member who
//! is not a party to it or one of its deciders. The final jury decides. When the verdict is final,
//! the losing side's bonds are slashed — [`Config::JurorShare`] to the jurors who revealed in the
//! deciding jury (majority and minority alike: a minority vote costs nothing), then
//! [`Config::WinnerShare`] of the rest to the winning side, the rest to the plan's reserve — and
//! the winning side's bonds are returned. When nobody bonded against an upheld claim (an audit,
//! a disputed denial), the claimant pays the jurors who revealed [`Config::JurorShare`] of its
//! claim bond: jurors are paid for their work in every verdict. An upheld claim is paid in the
//! same block.
//!
//! **Randomness.** Juries are drawn with [`Config::Randomness`]; a parachain plugs in the relay
//! chain's. In Huzhu's runtime that is `pallet-insecure-randomness-collective-flip`, a mix of
//! the last 81 block hashes. Because the draw happens `draw_delay` blocks after the dispute was
//! opened, the party that opened it cannot know the jury when it decides to act. What remains:
//! the authors of the blocks in between can bias the draw by choosing what to include, and an
//! author can withhold its block (losing its reward) to try another; a chain with VRF randomness
//! (BABE) narrows that. The draw walks the pool from a random start with a random stride
//! coprime to its size, so each draw is O(jury size).
//!
//! ## Payout
//!
//! Approval pays through [`PoolPayout`] in the same block and emits [`Event::ClaimPaid`]
//! (claim, member, amount, block), paying at most the plan maximum in force then (an approved
//! claim whose plan lowered its maximum is paid that maximum; one whose plan is gone ends
//! unproven with its bond returned). Sharing the cost among members is the pool's job. If the
//! pool cannot pay, the claim stays [`ClaimStatus::Approved`] and anyone may
//! [retry](Pallet::retry_payout).
//!
//! ## The public record and its deposit
//!
//! Every claim's record — filings, index payouts and audits alike — holds
//! [`Config::RecordDeposit`] from its claimant, besides the bond, from filing until the record
//! is pruned ([`RecordDeposits`]): records that nobody pays for cannot pile up (filing and
//! withdrawing in a loop costs a deposit per record). A finished claim (paid, rejected or
//! withdrawn, [`WithdrawnAt`]) stays as the public record for
//! [`AdjudicationParams::record_retention`] blocks after it ended; then anyone may
//! [prune](Pallet::prune_claim) it, which removes the record with its attestations and alliance
//! votes (at most [`Config::MaxPrunedVotes`] votes a call and one such call per claim and
//! block, the record with the last) and returns the deposit to the claimant. The events stay
//! in the blocks for indexers and archive nodes.
//!
//! What guards against paying twice stays, a key of a few dozen bytes per claim: the evidence
//! commitment ([`EvidenceClaims`], one claim ever), a paid index payout ([`IndexClaims`], which
//! nets a later audit by the event's payout) and an audit ([`AuditClaims`], one per member,
//! region and period). An index payout or an audit is pruned only once no payout of its region
//! and period can be pulled any more (the event's claim period is over, or its window to open
//! is, under the plan's trigger and metric as they are: while the plan is not parametric or its
//! metric is gone, an audit of a period without an event stays); an unpaid pull's entry goes
//! with it then. Residual: governance changing a metric's period length moves every period of
//! it, this check's included.
//!
//! ## Reading claims: the runtime API
//!
//! [`runtime_api::ClaimsApi`] is how wallets, the member app and the public notice board read
//! claims without decoding storage: a claim with its record deposit, dispute and pruning block;
//! a member's claims; a plan's open claims; an account's jury seats with what it still has to
//! do; a plan's index events; and the adjudication clock with the periods in force. Every list
//! is paginated with a cursor, at most [`runtime_api::MAX_PAGE`] items and
//! [`runtime_api::MAX_SCAN`] storage entries a call. A member's claims are found by scanning
//! claim ids downwards (there is no index by claimant: it would cost every filing a write):
//! a page covers at most [`runtime_api::MAX_SCAN`] ids.
//!
//! ## For a runtime that takes this pallet
//!
//! `Membership`, `Credentials`, `Plans` and `Penalties` come from the membership pallet; `Payout`
//! from the pool; `Readings` is `pallet-oracle` behind a small adapter; `Brake` says whether safe
//! mode (or a pause of a claims call) is on; and `pallet-oracle`'s
//! `Members` should be this pallet (its [`SortedMembers`](frame_support::traits::SortedMembers)
//! are the accredited oracles that submitted readings), with `pallet-oracle`'s own `feed_values`
//! call filtered out so every reading passes this pallet's checks.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod agenda;
mod claim_impls;
pub(crate) use claim_impls::Pruned;
mod index_impls;
mod jury_impls;
pub mod migrations;
pub mod runtime_api;
mod state_impls;
pub mod types;
mod view_impls;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use huzhu_primitives::{
	claims::{AdjudicationBrake, ClaimId, IndexReadings, OpenClaimsInspect, ReadingKey},
	membership::{
		credential_types, CredentialInspect, DidId, IssuerExposure, IssuerPenalty,
		MembershipInspect, MetricId, PlanId, PlanInspect, PlanTerms, RegionId, TriggerKind,
	},
	pool::PoolPayout,
};
pub use jury_impls::{MAX_DECIDER_SKIPS_PER_SEAT, OUTSIDER_TRIES_PER_SEAT};
pub use pallet::*;
pub use types::*;
pub use view_impls::{ClaimDetailsOf, JuryDutyOf};
pub use weights::WeightInfo;

use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;

/// The most brake episodes [`BrakeEpisodes`] remembers (the oldest is forgotten first): enough
/// for every deadline in blocks that can still be running, since emergency brakes are rare.
pub const MAX_BRAKE_EPISODES: u32 = 32;

/// The balance type of the currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// Slashed bonds on their way to the winners and the reserve.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
/// A claim of this runtime.
pub type ClaimOf<T> =
	Claim<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A dispute of this runtime.
pub type DisputeOf<T> = Dispute<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	<T as Config>::AppealJurySize,
	<T as Config>::MaxChallengers,
>;
/// A claim's state in this runtime.
pub type ClaimStatusOf<T> = ClaimStatus<BlockNumberFor<T>, BalanceOf<T>>;
/// A challenger or appellant of this runtime.
pub type DisputantOf<T> = Disputant<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A juror's seat in this runtime.
pub type JurorSeatOf<T> = JurorSeat<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An index event of this runtime.
pub type IndexEventOf<T> = IndexEvent<BalanceOf<T>, BlockNumberFor<T>>;
/// An index event's queue place in this runtime.
pub type IndexEventPlaceOf<T> = IndexEventPlace<BlockNumberFor<T>>;
/// Where the adjudication clock stands in this runtime.
pub type ClockSyncPointOf<T> = ClockSyncPoint<BlockNumberFor<T>>;
/// Adjudication periods of this runtime.
pub type AdjudicationParamsOf<T> = AdjudicationParams<BlockNumberFor<T>>;
/// A metric of this runtime.
pub type MetricSpecOf<T> = MetricSpec<BlockNumberFor<T>>;

/// Sets up what the benchmarks need in other pallets (plans, members, accreditations), which
/// this pallet only reads through traits.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates a plan with this trigger (and these regions for a parametric one) whose pool can
	/// pay [`Config::MaxDuePerBlock`] claims of its maximum payout.
	fn create_plan(trigger: TriggerKind, regions: alloc::vec::Vec<RegionId>) -> PlanId;
	/// Funds `who` and makes it an active, covered member of `plan` (in `region`, if any) from
	/// this block on, holding `credential` if given.
	fn add_member(
		plan: PlanId,
		who: &AccountId,
		region: Option<RegionId>,
		credential: Option<huzhu_primitives::CredentialTypeId>,
	);
	/// Funds `who` and makes its DID an accredited, bonded issuer of `credential_type`.
	fn accredit(who: &AccountId, credential_type: huzhu_primitives::CredentialTypeId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, BalancedHold, Inspect, Mutate, MutateHold},
			Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{traits::BlockNumberProvider, Perbill};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(6);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: bonds are held in it and slashed bonds paid out of it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Who is a covered member of which plan, and the plan's active members for jury draws
		/// (the membership pallet).
		type Membership: MembershipInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Accredited institutions, oracles and alliance enterprises (the membership pallet).
		type Credentials: CredentialInspect;

		/// The plans' terms: trigger, maximum payout, regions (the membership pallet).
		type Plans: PlanInspect<BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Slashes the bonds of institutions whose attestation a jury found false into the harmed
		/// plan's pool, and suspends them (the membership pallet).
		type Penalties: IssuerPenalty<Self::AccountId, BalanceOf<Self>>;

		/// Pays approved claims and books slashed bonds as reserve (the pool).
		type Payout: PoolPayout<Self::AccountId, BalanceOf<Self>>;

		/// The oracle feed and its median (`pallet-oracle` in Huzhu).
		type Readings: IndexReadings<Self::AccountId>;

		/// The randomness juries are drawn with (see the module docs on its quality). A
		/// parachain plugs in the relay chain's randomness here.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Whether the emergency brake is on: while it is, the adjudication [`Clock`] stands
		/// still (no window closes, no jury is drawn or counted, nothing is paid).
		type Brake: AdjudicationBrake;

		/// The clock every period of the pallet is measured on: `frame_system::Pallet` on a
		/// solochain (Huzhu), the relay chain's block number on a parachain (see the module
		/// docs, "Clocks on a parachain").
		type BlockNumberProvider: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// The most ticks of the adjudication [`Clock`] served in one block (at least 1). Only
		/// a source that moves more than one block per block owes more; the rest is carried to
		/// the next blocks ([`ClockSync`]). It must exceed the source's blocks per block, or the
		/// clock never catches up after a skip: 2 for a 6 s parachain on a 6 s relay chain, at
		/// least 3 for a 12 s one. The hook's worst case is this many ticks' worst case.
		#[pallet::constant]
		type MaxTicksPerBlock: Get<u32>;

		/// The origin that registers index metrics (a member referendum in Huzhu).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The bond a member holds to file a claim; returned unless a jury rejects the claim.
		#[pallet::constant]
		type ClaimBond: Get<BalanceOf<Self>>;

		/// The deposit a claimant holds for each claim's record (filings, index payouts and
		/// audits alike), from filing until the record is [pruned](Pallet::prune_claim): what
		/// the record's storage costs the chain.
		#[pallet::constant]
		type RecordDeposit: Get<BalanceOf<Self>>;

		/// The most alliance votes one [`prune_claim`](Pallet::prune_claim) removes; a claim
		/// with more is pruned over several calls.
		#[pallet::constant]
		type MaxPrunedVotes: Get<u32>;

		/// The bond a member holds to ask for a basis-risk audit.
		#[pallet::constant]
		type AuditBond: Get<BalanceOf<Self>>;

		/// The bond a member holds to challenge a decided claim.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;

		/// The bond the losing party of a first verdict holds to appeal it.
		#[pallet::constant]
		type AppealBond: Get<BalanceOf<Self>>;

		/// The bond each drawn juror holds until the verdict; lost if it does not reveal.
		#[pallet::constant]
		type JurorBond: Get<BalanceOf<Self>>;

		/// The adjudication periods until governance sets them ([`Params`]).
		#[pallet::constant]
		type DefaultParams: Get<AdjudicationParamsOf<Self>>;

		/// Jurors drawn for a challenge or an audit.
		#[pallet::constant]
		type JurySize: Get<u32>;

		/// Jurors drawn for an appeal (at least [`Config::JurySize`]; bounds every jury).
		#[pallet::constant]
		type AppealJurySize: Get<u32>;

		/// The share of a jury's seats that must reveal for its verdict to count (its quorum).
		#[pallet::constant]
		type JuryQuorum: Get<Perbill>;

		/// The share of the losing side's slashed bonds paid, in equal parts, to the jurors who
		/// revealed in the deciding jury (majority and minority alike): their pay for the work.
		/// When nobody bonded against an upheld claim, the claimant pays this share of its claim
		/// bond to them; a challenge no jury answered costs each challenger this share of its
		/// bond.
		#[pallet::constant]
		type JurorShare: Get<Perbill>;

		/// The share of the rest of a slashed bond that goes to the winners (the rest to the
		/// plan's reserve).
		#[pallet::constant]
		type WinnerShare: Get<Perbill>;

		/// The share of the amount an institution confirmed (or, for a denial, of the amount
		/// asked) slashed from its bond when a jury finds its attestation false; the slash goes to
		/// the plan's reserve and the institution is suspended.
		#[pallet::constant]
		type AttesterSlash: Get<Perbill>;

		/// The most claims whose state ends in one tick, in each lane of the agenda (the bound
		/// of `on_initialize`'s work is three times this per tick, times
		/// [`Config::MaxTicksPerBlock`]).
		#[pallet::constant]
		type MaxDuePerBlock: Get<u32>;

		/// The most challengers of one claim (the first and its co-challengers).
		#[pallet::constant]
		type MaxChallengers: Get<u32>;

		/// The most claims a member may have open (not yet paid, rejected or withdrawn) at once.
		#[pallet::constant]
		type MaxOpenClaims: Get<u32>;

		/// The most oracle operators (accounts of accredited weather oracles) feeding readings.
		#[pallet::constant]
		type MaxOracleOperators: Get<u32>;

		/// The fewest readings of a region and period that make an aggregated reading (at least
		/// three: no two oracles decide alone).
		#[pallet::constant]
		type MinReadings: Get<u32>;

		/// Weights of this pallet's calls and hook, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up plans, members and accreditations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A claimant's bond (claims and audits).
		#[codec(index = 0)]
		ClaimBond,
		/// A challenger's bond and appeal bonds.
		#[codec(index = 1)]
		DisputeBond,
		/// A juror's bond.
		#[codec(index = 2)]
		JurorBond,
		/// A claimant's deposit for a claim's record, until the record is pruned.
		#[codec(index = 3)]
		RecordDeposit,
	}

	/// The number the next claim gets.
	#[pallet::storage]
	pub type NextClaimId<T> = StorageValue<_, ClaimId, ValueQuery>;

	/// Every claim, by number. A finished claim stays as the public record for
	/// [`AdjudicationParams::record_retention`] blocks, then anyone may
	/// [prune](Pallet::prune_claim) it.
	#[pallet::storage]
	pub type Claims<T: Config> = StorageMap<_, Twox64Concat, ClaimId, ClaimOf<T>>;

	/// The record deposit held from each claim's claimant until its record is pruned (claims
	/// filed before storage version 5 have none).
	#[pallet::storage]
	pub type RecordDeposits<T: Config> = StorageMap<_, Twox64Concat, ClaimId, BalanceOf<T>>;

	/// The block each withdrawn claim was withdrawn in, until its record is pruned: its
	/// retention counts from then (claims withdrawn before storage version 5: from filing).
	#[pallet::storage]
	pub type WithdrawnAt<T: Config> = StorageMap<_, Twox64Concat, ClaimId, BlockNumberFor<T>>;

	/// The block in which some of a finished alliance claim's votes were last pruned, while
	/// others remain: its next votes are pruned in a later block (in the same one, each call
	/// would step over the keys the earlier calls deleted, at a cost nobody is charged).
	#[pallet::storage]
	pub type VotesPrunedIn<T: Config> = StorageMap<_, Twox64Concat, ClaimId, BlockNumberFor<T>>;

	/// The claim each evidence commitment backs; a commitment backs one claim, ever.
	#[pallet::storage]
	pub type EvidenceClaims<T> = StorageMap<_, Identity, H256, ClaimId>;

	/// Medical institutions' attestations, by claim and attester DID.
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ClaimId, Twox64Concat, DidId, Attestation<BalanceOf<T>>>;

	/// The adjudication clock: how many blocks ran with the brake off. Every deadline of a claim
	/// is a tick of this clock, so time spent under the brake moves every deadline.
	#[pallet::storage]
	pub type Clock<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block since which the brake holds the clock, while it does.
	#[pallet::storage]
	pub type BrakedSince<T: Config> = StorageValue<_, BlockNumberFor<T>>;

	/// Where the [`Clock`] stands against [`Config::BlockNumberProvider`]: the block the last
	/// `on_initialize` saw and the ticks owed. Absent before the first block, which moves the
	/// clock one tick.
	#[pallet::storage]
	pub type ClockSync<T: Config> = StorageValue<_, ClockSyncPointOf<T>>;

	/// The last brake episodes, `(first block held, first block free)`, oldest first (at most
	/// [`MAX_BRAKE_EPISODES`]): the oracles' submission window, a deadline in blocks, moves by
	/// the blocks spent under the brake ([`Pallet::unbraked_deadline`]).
	#[pallet::storage]
	pub type BrakeEpisodes<T: Config> = StorageValue<
		_,
		BoundedVec<(BlockNumberFor<T>, BlockNumberFor<T>), ConstU32<MAX_BRAKE_EPISODES>>,
		ValueQuery,
	>;

	/// What each medical institution's attestations of claims not yet decided for good may
	/// still cost it: the sum of [`Config::AttesterSlash`] of the amounts it vouched for. Never
	/// above the bond it holds when it attests; while not zero, the institution cannot withdraw
	/// its bond ([`IssuerExposure`]).
	#[pallet::storage]
	pub type AttesterExposure<T: Config> =
		StorageMap<_, Twox64Concat, DidId, BalanceOf<T>, ValueQuery>;

	/// How many claims each account has open (not paid, rejected or withdrawn); at most
	/// [`Config::MaxOpenClaims`].
	#[pallet::storage]
	pub type OpenClaims<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Each plan's open claims, oldest first ([`OpenQueue`]; the links in [`OpenLinks`]): what
	/// a member giving notice of its exit stays liable for ([`OpenClaimsInspect`]).
	#[pallet::storage]
	pub type OpenQueues<T> = StorageMap<_, Twox64Concat, PlanId, OpenQueue>;

	/// Each open claim's neighbours in its plan's queue.
	#[pallet::storage]
	pub type OpenLinks<T> = StorageMap<_, Twox64Concat, ClaimId, OpenLink>;

	/// Alliance votes (`true` approves), by claim and voter DID.
	#[pallet::storage]
	pub type AllianceVotes<T> =
		StorageDoubleMap<_, Twox64Concat, ClaimId, Twox64Concat, DidId, bool>;

	/// Open disputes (challenges and audits) with their juries.
	#[pallet::storage]
	pub type Disputes<T: Config> = StorageMap<_, Twox64Concat, ClaimId, DisputeOf<T>>;

	/// The claims whose state ends in a tick of the [`Clock`], by tick and lane, served by
	/// `on_initialize` when the clock reaches that tick.
	#[pallet::storage]
	pub type Agenda<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		Lane,
		BoundedVec<ClaimId, T::MaxDuePerBlock>,
		ValueQuery,
	>;

	/// The adjudication periods governance set (absent: [`Config::DefaultParams`]).
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, AdjudicationParamsOf<T>>;

	/// The registered index metrics.
	#[pallet::storage]
	pub type Metrics<T: Config> = StorageMap<_, Twox64Concat, MetricId, MetricSpecOf<T>>;

	/// Accounts of accredited weather oracles that fed readings, sorted: `pallet-oracle`'s
	/// operators.
	#[pallet::storage]
	pub type OracleOperators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxOracleOperators>, ValueQuery>;

	/// Open index events, by plan and `(region, period)`.
	#[pallet::storage]
	pub type IndexEvents<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, (RegionId, u32), IndexEventOf<T>>;

	/// Each open index event's place in its plan's queue of open claims, by the claim id the
	/// event took when it opened ([`IndexEventPlace`]). A member giving notice after an index
	/// event opened stays liable for every payout of that event: the place stays in the queue
	/// until the event's claim period is over and its last pull is closed.
	#[pallet::storage]
	pub type IndexEventPlaces<T: Config> =
		StorageMap<_, Twox64Concat, ClaimId, IndexEventPlaceOf<T>>;

	/// The queue place of each open index event, by plan, region and period.
	#[pallet::storage]
	pub type IndexEventPlaceIds<T> = StorageMap<_, Twox64Concat, (PlanId, RegionId, u32), ClaimId>;

	/// The index payout claim of each member DID, by plan, region and period.
	#[pallet::storage]
	pub type IndexClaims<T> =
		StorageDoubleMap<_, Twox64Concat, (PlanId, RegionId, u32), Twox64Concat, DidId, ClaimId>;

	/// The basis-risk audit of each member DID, by plan, region and period: at most one.
	#[pallet::storage]
	pub type AuditClaims<T> =
		StorageDoubleMap<_, Twox64Concat, (PlanId, RegionId, u32), Twox64Concat, DidId, ClaimId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A member filed a claim.
		ClaimFiled {
			/// The claim.
			claim: ClaimId,
			/// The plan.
			plan: PlanId,
			/// The member.
			claimant: T::AccountId,
			/// The amount asked.
			amount: BalanceOf<T>,
			/// The evidence commitment.
			evidence: H256,
		},
		/// A medical institution attested a claim.
		ClaimAttested {
			/// The claim.
			claim: ClaimId,
			/// The institution's DID.
			attester: DidId,
			/// The amount it confirmed, or `None` if it denied the claim.
			confirmed_amount: Option<BalanceOf<T>>,
		},
		/// An alliance enterprise voted on a claim.
		AllianceVoted {
			/// The claim.
			claim: ClaimId,
			/// The enterprise's DID.
			voter: DidId,
			/// Whether it approves.
			approve: bool,
		},
		/// A claim was decided in the claimant's favour; its public challenge window runs until
		/// `window_ends`.
		ClaimDecided {
			/// The claim.
			claim: ClaimId,
			/// How it was decided.
			decision: Decision,
			/// The amount that will be paid.
			amount: BalanceOf<T>,
			/// The tick of the adjudication clock of the automatic payout if unchallenged.
			window_ends: BlockNumberFor<T>,
		},
		/// A claim was rejected.
		ClaimRejected {
			/// The claim.
			claim: ClaimId,
			/// Why.
			reason: RejectionReason,
		},
		/// The claimant withdrew a claim; its bond was returned.
		ClaimWithdrawn {
			/// The claim.
			claim: ClaimId,
		},
		/// A claim was approved (window over unchallenged, or upheld by a jury).
		ClaimApproved {
			/// The claim.
			claim: ClaimId,
			/// The amount to pay.
			amount: BalanceOf<T>,
		},
		/// A claim was paid from the plan's pool.
		ClaimPaid {
			/// The claim.
			claim: ClaimId,
			/// The member paid.
			member: T::AccountId,
			/// The amount paid.
			amount: BalanceOf<T>,
			/// The block of the payout.
			block: BlockNumberFor<T>,
		},
		/// The pool could not pay an approved claim; anyone may retry.
		PayoutFailed {
			/// The claim.
			claim: ClaimId,
			/// Why the pool refused.
			error: DispatchError,
		},
		/// A member challenged a decided claim, or joined its challenge.
		ClaimChallenged {
			/// The claim.
			claim: ClaimId,
			/// The challenger.
			challenger: T::AccountId,
			/// The commitment of its reasons.
			reason: H256,
		},
		/// A member asked for a basis-risk audit (a claim decided by a jury).
		AuditRequested {
			/// The claim that carries the audit.
			claim: ClaimId,
			/// The member.
			member: T::AccountId,
			/// The amount asked.
			amount: BalanceOf<T>,
		},
		/// A jury will be drawn for a claim at tick `draw_at`.
		JuryScheduled {
			/// The claim.
			claim: ClaimId,
			/// Which jury.
			round: JuryRound,
			/// The tick of the draw.
			draw_at: BlockNumberFor<T>,
		},
		/// A jury was drawn for a claim.
		JuryDrawn {
			/// The claim.
			claim: ClaimId,
			/// Which jury.
			round: JuryRound,
			/// The jurors.
			jurors: Vec<T::AccountId>,
			/// The tick the reveal phase starts.
			commit_ends: BlockNumberFor<T>,
			/// The tick the votes are counted.
			reveal_ends: BlockNumberFor<T>,
		},
		/// A juror committed a hidden vote.
		VoteCommitted {
			/// The claim.
			claim: ClaimId,
			/// The juror.
			juror: T::AccountId,
		},
		/// A juror revealed its vote.
		VoteRevealed {
			/// The claim.
			claim: ClaimId,
			/// The juror.
			juror: T::AccountId,
			/// The vote.
			verdict: Verdict,
			/// The commitment of its rationale.
			rationale: H256,
		},
		/// A jury's votes were counted.
		JuryVerdict {
			/// The claim.
			claim: ClaimId,
			/// Which jury.
			round: JuryRound,
			/// What the count came to.
			outcome: JuryOutcome,
			/// Revealed votes to uphold.
			upholds: u32,
			/// Revealed votes to reject.
			rejects: u32,
			/// Jurors who did not reveal (their bonds were slashed).
			absent: u32,
		},
		/// A first verdict was appealed.
		VerdictAppealed {
			/// The claim.
			claim: ClaimId,
			/// The appellant.
			appellant: T::AccountId,
			/// The side it argues.
			side: Side,
		},
		/// A denied claimant took the denial before a jury.
		DenialDisputed {
			/// The claim.
			claim: ClaimId,
			/// The commitment of its reasons.
			reason: H256,
		},
		/// The brake is on: the adjudication clock stands still at `tick`.
		ClockStopped {
			/// The tick it stopped at.
			tick: BlockNumberFor<T>,
		},
		/// The brake is off: the adjudication clock runs again from `tick`, every deadline moved
		/// by the `blocks_held` it stood still.
		ClockResumed {
			/// The tick it resumes from.
			tick: BlockNumberFor<T>,
			/// How many blocks it stood still.
			blocks_held: BlockNumberFor<T>,
		},
		/// A due step of a claim failed in `on_initialize`; it is retried at `retry_at`.
		StepPostponed {
			/// The claim.
			claim: ClaimId,
			/// Why the step failed.
			error: DispatchError,
			/// The tick of the retry.
			retry_at: BlockNumberFor<T>,
		},
		/// A bond was slashed.
		BondSlashed {
			/// The claim.
			claim: ClaimId,
			/// Whose bond.
			who: T::AccountId,
			/// The amount slashed.
			amount: BalanceOf<T>,
		},
		/// Slashed bonds were paid out: to the winners (winning party or majority jurors) and to
		/// the plan's reserve.
		SlashDistributed {
			/// The claim.
			claim: ClaimId,
			/// Paid to the winners.
			to_winners: BalanceOf<T>,
			/// Paid to the plan's reserve.
			to_reserve: BalanceOf<T>,
		},
		/// A medical institution's bond was slashed, to the plan's reserve, for an attestation a
		/// jury found false; the institution is suspended until governance acts.
		AttesterSlashed {
			/// The claim.
			claim: ClaimId,
			/// The institution's DID.
			attester: DidId,
			/// The amount slashed.
			amount: BalanceOf<T>,
		},
		/// A finished claim's record was removed after its retention; its record deposit went
		/// back to the claimant.
		ClaimPruned {
			/// The claim.
			claim: ClaimId,
			/// The record deposit returned.
			deposit: BalanceOf<T>,
		},
		/// Some of a finished alliance claim's votes were removed; its record goes when the
		/// last vote does (call [`prune_claim`](Pallet::prune_claim) again).
		AllianceVotesPruned {
			/// The claim.
			claim: ClaimId,
			/// How many votes were removed.
			removed: u32,
		},
		/// Governance set the adjudication periods.
		ParamsSet {
			/// The new periods.
			params: AdjudicationParamsOf<T>,
		},
		/// Governance registered or changed an index metric.
		MetricSet {
			/// The metric.
			metric: MetricId,
			/// Its specification.
			spec: MetricSpecOf<T>,
		},
		/// An accredited oracle submitted a reading.
		ReadingSubmitted {
			/// The oracle's account.
			oracle: T::AccountId,
			/// What was read.
			key: ReadingKey,
			/// The value.
			value: i64,
		},
		/// An account that is no longer an accredited oracle was removed from the operators.
		OracleOperatorRemoved {
			/// The account.
			oracle: T::AccountId,
		},
		/// A reading lies farther from the aggregated reading than the metric's tolerance (for
		/// governance to look at the oracle).
		OutlierReading {
			/// The oracle's account.
			oracle: T::AccountId,
			/// What was read.
			key: ReadingKey,
			/// Its reading.
			value: i64,
			/// The aggregated reading.
			median: i64,
		},
		/// An index event opened: members covered in the region pull `payout` each.
		IndexEventOpened {
			/// The plan.
			plan: PlanId,
			/// The region.
			region: RegionId,
			/// The period.
			period: u32,
			/// The aggregated reading.
			reading: i64,
			/// What each covered member is paid.
			payout: BalanceOf<T>,
			/// Payouts can be pulled until this tick of the adjudication clock.
			claims_until: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The plan does not exist.
		PlanNotFound,
		/// The claim does not exist.
		ClaimNotFound,
		/// The amount must be more than zero.
		ZeroAmount,
		/// The amount is above the plan's maximum payout per claim.
		AmountAboveMaximum,
		/// The account's DID is not an active, covered member of the plan.
		NotCovered,
		/// Cover started in this block: a member cannot join and claim in the same block.
		CoverStartedThisBlock,
		/// This evidence commitment already backs a claim.
		EvidenceAlreadyClaimed,
		/// Parametric plans pay through index events (`claim_index_payout`), not filed claims.
		UseIndexEvent,
		/// The claim's plan is not decided by this trigger.
		WrongTrigger,
		/// The claim is not waiting for attestations or votes.
		NotAwaitingDecision,
		/// The account has no DID.
		NoDid,
		/// The DID is not an accredited medical institution.
		NotAccreditedAttester,
		/// A party to the claim cannot decide it, attest it, vote on it or sit on its jury.
		PartyCannotDecide,
		/// This institution already attested the claim.
		AlreadyAttested,
		/// A confirmed amount must be more than zero and at most the amount asked.
		InvalidConfirmedAmount,
		/// The DID is not a covered member of the plan holding a valid alliance credential.
		NotAllianceEnterprise,
		/// This enterprise already voted on the claim.
		AlreadyVoted,
		/// Only the claimant can do this.
		NotClaimant,
		/// A claim can be withdrawn only before it is paid or disputed.
		CannotWithdraw,
		/// The claim is not in its public challenge window.
		NotChallengeable,
		/// The account's DID is not an active member of any plan.
		NotActiveMember,
		/// The claim has no jury sitting.
		NoJury,
		/// The account is not on the claim's jury.
		NotJuror,
		/// The commit phase is over.
		CommitPhaseOver,
		/// The reveal phase has not started or is over.
		NotRevealPhase,
		/// The juror committed no vote.
		NoCommitment,
		/// The juror already revealed its vote.
		AlreadyRevealed,
		/// The revealed vote and salt do not match the commitment.
		CommitmentMismatch,
		/// The claim's first verdict is not open to appeal.
		NotAppealable,
		/// Only the claimant may appeal a rejection, and the claimant may not appeal an upheld
		/// verdict.
		NoStandingToAppeal,
		/// The claim is not approved and waiting for payout.
		NotApproved,
		/// The claim's state ends in a block whose agenda, and the following ones, are full.
		AgendaFull,
		/// Every adjudication period must last at least one block.
		InvalidParams,
		/// The metric is not registered.
		UnknownMetric,
		/// A metric needs `min_value ≤ max_value` and periods and windows of at least one block.
		InvalidMetric,
		/// The account's DID is not an accredited weather oracle.
		NotAccreditedOracle,
		/// The reading is outside the metric's plausible range.
		ReadingOutOfRange,
		/// The period has not ended yet.
		PeriodNotOver,
		/// The period's submission window is over: the reading is stale.
		StaleReading,
		/// The oracle operator set is full.
		TooManyOracleOperators,
		/// The account is still an accredited oracle (or not an operator).
		StillAccredited,
		/// The plan is not parametric.
		NotParametric,
		/// The plan does not cover this region.
		RegionNotCovered,
		/// An index event for this plan, region and period is already open.
		EventAlreadyOpen,
		/// Not enough fresh readings were aggregated for this region and period.
		NoAggregatedReading,
		/// The aggregated reading does not cross the plan's trigger.
		ThresholdNotCrossed,
		/// No index event is open for the member's region and this period.
		NoIndexEvent,
		/// The index event no longer takes claims.
		IndexClaimPeriodOver,
		/// The member's cover did not start before the period began.
		NotCoveredDuringPeriod,
		/// The member already pulled its payout of this index event.
		AlreadyClaimed,
		/// The member has no region in this plan.
		NoRegion,
		/// The claim has as many challengers as it may.
		TooManyChallengers,
		/// The account already challenges this claim.
		AlreadyChallenging,
		/// The account has as many open claims as it may.
		TooManyOpenClaims,
		/// The member already asked for an audit of this region and period.
		AlreadyAudited,
		/// The audit asks more than the member's cover pays, net of the index payout it took.
		AboveCover,
		/// The claim is not denied, or its window to dispute the denial is over.
		NotDenied,
		/// The member's deposit, settled, is below the plan's minimum: it is not covered.
		DepositBelowMinimum,
		/// The oracle is itself a member in the region it reports on.
		OracleHasStake,
		/// The brake is on: nothing is paid until it comes off.
		Braked,
		/// Readings of the period may still be submitted: the event opens after the window.
		SubmissionWindowOpen,
		/// The institution's open attestations would risk more than its bond can pay: it must
		/// bond more, or wait until some of the claims it attested are decided for good.
		AttesterOverexposed,
		/// The period's index event may no longer be opened: its opening window, one
		/// submission window long after the submission window, is over.
		EventOpeningOver,
		/// The claim is not finished (paid, rejected or withdrawn): its record is still in use.
		NotFinished,
		/// The claim's record is kept as the public record until its retention is over.
		RecordRetained,
		/// Members may still pull payouts of the claim's region and period (or open its index
		/// event, or the plan's trigger or metric is not what it was): its record still guards
		/// against paying one period twice.
		PullsStillOpen,
		/// Some of the claim's alliance votes were pruned in this block: prune the rest in a
		/// later one.
		VotesPrunedThisBlock,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			Self::do_tick()
		}

		fn integrity_test() {
			assert!(T::JurySize::get() > 0, "a jury has jurors");
			assert!(T::MaxTicksPerBlock::get() > 0, "the clock moves");
			assert!(
				T::JuryQuorum::get() > Perbill::from_percent(50),
				"a quorum is more than half the seats"
			);
			assert!(T::MaxChallengers::get() > 0, "a claim can be challenged");
			assert!(T::MaxOpenClaims::get() > 0, "a member can claim");
			assert!(T::MaxPrunedVotes::get() > 0, "an alliance claim's votes can be pruned");
			assert!(T::MinReadings::get() >= 3, "no two oracles decide alone");
			assert!(T::JurySize::get() <= T::AppealJurySize::get(), "appeal juries are larger");
			assert!(T::AppealJurySize::get() <= 64, "juries stay small enough to settle in a hook");
			assert!(T::MaxDuePerBlock::get() > 0, "the agenda takes claims");
			assert!(
				Pallet::<T>::valid_params(&T::DefaultParams::get()),
				"every default period lasts a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Index metrics registered at genesis.
		pub metrics: Vec<(MetricId, MetricSpecOf<T>)>,
		/// Adjudication periods, if not [`Config::DefaultParams`].
		pub params: Option<AdjudicationParamsOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (metric, spec) in &self.metrics {
				Pallet::<T>::do_set_metric(*metric, *spec).expect("genesis metrics are valid");
			}
			if let Some(params) = self.params {
				Pallet::<T>::do_set_params(params).expect("genesis periods are valid");
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// File a claim under an attestation or alliance plan: `amount` asked (at most the plan
		/// maximum) and the commitment of the evidence kept off chain. Holds
		/// [`Config::ClaimBond`]. The caller must be a covered member whose cover started before
		/// this block.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::file_claim())]
		pub fn file_claim(
			origin: OriginFor<T>,
			plan: PlanId,
			amount: BalanceOf<T>,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_file_claim(who, plan, amount, evidence)
		}

		/// Attest a claim as an accredited medical institution: the diagnosis commitment and the
		/// amount confirmed, or `None` to deny it. Decides the claim when the plan's required
		/// number of institutions agree.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::attest_claim())]
		pub fn attest_claim(
			origin: OriginFor<T>,
			claim: ClaimId,
			diagnosis: H256,
			confirmed_amount: Option<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_attest_claim(&who, claim, diagnosis, confirmed_amount)
		}

		/// Vote on an alliance claim as a covered member holding a valid alliance-enterprise
		/// credential. Decides or rejects the claim when the plan's threshold is reached or out of
		/// reach.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::vote_alliance())]
		pub fn vote_alliance(
			origin: OriginFor<T>,
			claim: ClaimId,
			approve: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote_alliance(&who, claim, approve)
		}

		/// Withdraw one's own claim before it is paid or disputed; the bond is returned.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_claim())]
		pub fn withdraw_claim(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_claim(&who, claim)
		}

		/// Challenge a decided claim in its public window, holding [`Config::ChallengeBond`],
		/// with the commitment of one's reasons, as an active member of any plan who is not a
		/// party or decider of the claim. The first challenge schedules the jury draw
		/// [`AdjudicationParams::draw_delay`] ticks later; until the draw, other members may join
		/// as co-challengers (up to [`Config::MaxChallengers`]), sharing the challengers' fate.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, claim: ClaimId, reason: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(who, claim, reason)
		}

		/// As a juror, commit a hidden vote: `blake2_256((claim, verdict, salt).encode())` (see
		/// [`Pallet::vote_commitment`]). May be replaced until the commit phase ends.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::commit_vote())]
		pub fn commit_vote(
			origin: OriginFor<T>,
			claim: ClaimId,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_vote(&who, claim, commitment)
		}

		/// As a juror, reveal the committed vote with its salt and the commitment of one's
		/// written rationale.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reveal_vote())]
		pub fn reveal_vote(
			origin: OriginFor<T>,
			claim: ClaimId,
			verdict: Verdict,
			salt: [u8; 32],
			rationale: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_vote(&who, claim, verdict, salt, rationale)
		}

		/// Appeal a first verdict once, holding [`Config::AppealBond`]: the claimant against a
		/// rejection, any other active member (not a decider of the claim) against an upheld
		/// claim. A larger jury, none of the first jurors, is drawn later and decides finally.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_appeal(who, claim)
		}

		/// Pay an approved claim whose payout the pool refused before (anyone), unless the brake
		/// is on.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::retry_payout())]
		pub fn retry_payout(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_retry_payout(claim)
		}

		/// Set the adjudication periods: decision, commit, reveal, appeal and index-claim
		/// periods, each at least one block (governance). Running periods keep their end.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: AdjudicationParamsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}

		/// Register or change an index metric: its plausible range, period length and submission
		/// window (governance).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_metric())]
		pub fn set_metric(
			origin: OriginFor<T>,
			metric: MetricId,
			spec: MetricSpecOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_metric(metric, spec)
		}

		/// As an accredited weather oracle that is not a member in the region, submit a reading
		/// of `key` after its period ended and within the metric's submission window; the
		/// readings are aggregated by their median.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::submit_reading(T::MaxOracleOperators::get()))]
		pub fn submit_reading(origin: OriginFor<T>, key: ReadingKey, value: i64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_reading(who, key, value)
		}

		/// Remove an account that is no longer an accredited weather oracle from the operators
		/// (anyone).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::remove_oracle_operator())]
		pub fn remove_oracle_operator(
			origin: OriginFor<T>,
			oracle: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_oracle_operator(oracle)
		}

		/// Open the index event of a parametric plan for a region and period whose aggregated
		/// reading crosses the plan's trigger (anyone).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::open_index_event())]
		pub fn open_index_event(
			origin: OriginFor<T>,
			plan: PlanId,
			region: RegionId,
			period: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_open_index_event(plan, region, period)
		}

		/// Pull one's payout of an open index event of one's region, as a member covered since
		/// before the period began. Holds [`Config::ClaimBond`]; the claim enters its public
		/// window at once.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::claim_index_payout())]
		pub fn claim_index_payout(
			origin: OriginFor<T>,
			plan: PlanId,
			period: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_index_payout(who, plan, period)
		}

		/// Ask a jury to pay a loss the index missed (basis risk) for one's region and an ended
		/// period during all of which one was covered, holding [`Config::AuditBond`]: at most one
		/// audit per member, region and period, asking at most the plan maximum less the index
		/// payout taken for that period. The jury is drawn later; the member carries the burden
		/// of proof (a jury without quorum pays nothing).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::request_audit())]
		pub fn request_audit(
			origin: OriginFor<T>,
			plan: PlanId,
			period: u32,
			amount: BalanceOf<T>,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_audit(who, plan, period, amount, evidence)
		}

		/// As the claimant of a denied claim, take the denial before a jury within the appeal
		/// period, holding [`Config::AppealBond`] besides the claim bond, with the commitment of
		/// one's reasons. The claimant carries the burden of proof: the claim is paid only if a
		/// quorate jury upholds it, and then the denying institutions are penalized.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::dispute_denial())]
		pub fn dispute_denial(
			origin: OriginFor<T>,
			claim: ClaimId,
			reason: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute_denial(who, claim, reason)
		}

		/// Remove a finished claim's record once [`AdjudicationParams::record_retention`]
		/// blocks have passed since it ended, returning its [`Config::RecordDeposit`] to the
		/// claimant. Anyone may call it. The record goes with its attestations and alliance
		/// votes — at most [`Config::MaxPrunedVotes`] votes a call and one such call per claim
		/// and block: a claim with more is pruned over several blocks, the record last. An index
		/// payout or audit is pruned only once no payout of its region and period can be
		/// pulled any more. What guards against paying twice stays: the evidence commitment
		/// ([`EvidenceClaims`]), a paid index payout ([`IndexClaims`]) and an audit
		/// ([`AuditClaims`]).
		#[pallet::call_index(17)]
		#[pallet::weight(
			T::WeightInfo::prune_claim_alliance(T::MaxPrunedVotes::get())
				.max(T::WeightInfo::prune_claim_attested())
				.max(
					T::WeightInfo::prune_claim_index()
						.saturating_add(T::DbWeight::get().reads_writes(1, 1))
				)
		)]
		pub fn prune_claim(origin: OriginFor<T>, claim: ClaimId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let pruned = Self::do_prune_claim(claim)?;
			Ok(Some(match pruned {
				Pruned::Attested => T::WeightInfo::prune_claim_attested(),
				// The benchmark measures an audit of a period without an event (the most reads);
				// a pull also reads and may remove its entry.
				Pruned::Audit => T::WeightInfo::prune_claim_index(),
				Pruned::Pull => T::WeightInfo::prune_claim_index()
					.saturating_add(T::DbWeight::get().reads_writes(1, 1)),
				Pruned::Votes(removed) => T::WeightInfo::prune_claim_alliance(removed),
			})
			.into())
		}
	}
}
