//! Mutual aid: Huzhu's membership, pool and claims pallets and `pallet-oracle`, with the
//! adapters that wire them to each other and to the rest of the runtime.

use super::*;

parameter_types! {
	/// Held for each DID: 1 HUZ.
	pub const DidDeposit: Balance = UNITS;
	/// Held for each service endpoint of a DID: 0.1 HUZ.
	pub const ServiceEndpointDeposit: Balance = 100 * MILLI_UNITS;
	/// A suspended issuer's bond stays slashable for 28 days.
	pub const IssuerUnbondingPeriod: BlockNumber = 28 * DAYS;
	/// The keyless accounts of the plans' pools (one sub-account per plan).
	pub const PlanDepositsPalletId: PalletId = PalletId(*b"huzhu/pl");
}

impl pallet_huzhu_membership::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AccreditationOrigin = governance::AccreditationOrigin;
	type PlanOrigin = governance::PlanTermsOrigin;
	// KYC vouches for a unique person: only members of plans requiring it vote, and only the
	// runtime-upgrade track (root) accredits its issuers, since an issuer of it mints voters.
	type PersonhoodCredential = ConstU32<{ pallet_huzhu_membership::credential_types::KYC }>;
	type PersonhoodOrigin = EnsureRoot<AccountId>;
	// Voters vote through the stock ranked collective (see [`crate::voting`]).
	type Electorate = RankedCollective;
	type Deposits = Pool;
	// Burned until a treasury or plan reserve receives them.
	type OnIssuerSlash = ();
	// An institution whose attestations a jury may still find false keeps its bond held.
	type Exposure = Claims;
	type Claims = Claims;
	type DidDeposit = DidDeposit;
	type ServiceEndpointDeposit = ServiceEndpointDeposit;
	type MaxServiceEndpoints = ConstU32<8>;
	type MaxUrlLength = ConstU32<200>;
	type MaxMembershipsPerDid = ConstU32<16>;
	// At most 1024 activations a block; memberships due beyond that start cover in the next
	// blocks. The arithmetic, from the current weights (`pallets/membership/src/weights.rs`,
	// priced with RocksDB's 25 µs a read and 100 µs a write; a block has 2 s, normal
	// transactions 75 % of it):
	// - An activation costs 160 µs + 12 reads + 13 writes ≈ 1.76 ms (a new voter also joins the
	//   ranked collective): 1024 of them ≈ 1.80 s. It fits a block, leaving 0.2 s to the
	//   transactions of that block.
	// - A join that waits is charged 237 µs + 18 reads + 9 writes ≈ 1.59 ms (its activation is
	//   refunded), plus the 0.11 ms extrinsic base: at most 1.5 s / 1.70 ms ≈ 882 joins fit in
	//   a block.
	// - Each join adds at most one entry to the queue and a block passed over empty costs one
	//   unit, so the queue needs at most 882 + 1 units a block and gets 1024: the activations
	//   served per block exceed the joins that fit in one, and a backlog (many waiting periods
	//   ending together) drains by at least 141 entries a block instead of growing.
	type MaxActivationsPerBlock = ConstU32<1024>;
	// A voter whose standing ended unnoticed leaves the roll within a pass of the sweep: 64
	// voters a block, so 10⁵ voters in 1 563 blocks (under 3 hours), with the weight blocks
	// leave (`on_idle`).
	type MaxVoterSweepPerBlock = ConstU32<64>;
	type IssuerUnbondingPeriod = IssuerUnbondingPeriod;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_huzhu_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A plan year (the per-year share cap applies per plan year): 365 days.
	pub const PlanYear: BlockNumber = 365 * DAYS;
	/// The keyless account that receives management fees (spent only by governance).
	pub FeeAccount: AccountId = PalletId(*b"huzhu/fe").into_account_truncating();
	/// Pool parameters of a plan for which governance has set none: 7 days' notice for
	/// withdrawals, half of each fee to the reserve up to 10% of the deposits, no share warning,
	/// and the members pay the fee of a capped payout on top of their capped shares.
	pub const DefaultPoolParams: pallet_huzhu_pool::PoolParams<Balance, BlockNumber> =
		pallet_huzhu_pool::PoolParams {
			notice_period: 7 * DAYS,
			reserve_fee_share: Permill::from_percent(50),
			reserve_target: Permill::from_percent(10),
			share_guard: pallet_huzhu_pool::ShareGuard::Off,
			capped_fee: pallet_huzhu_pool::CappedFee::Members,
		};
	/// An approved custodian spend waits 2 days (governance can veto meanwhile).
	pub const SpendTimeLock: BlockNumber = 2 * DAYS;
	/// An unexecuted spend proposal expires after 14 days.
	pub const SpendLifetime: BlockNumber = 14 * DAYS;
	/// An announced withdrawal can be taken for one day after its notice period.
	pub const WithdrawalWindow: BlockNumber = DAYS;
	/// A lapse or cure the pool asks of the membership pallet costs at most a refresh.
	pub MembershipStandingWeight: Weight = <
		pallet_huzhu_membership::weights::SubstrateWeight<Runtime> as pallet_huzhu_membership::WeightInfo
	>::refresh_membership();
}

impl pallet_huzhu_pool::Config for Runtime {
	type Currency = Balances;
	type PalletId = PlanDepositsPalletId;
	type Plans = HuzhuMembership;
	type Standing = HuzhuMembership;
	type GovernanceOrigin = governance::TreasuryCustodyOrigin;
	type VetoOrigin = governance::SpendVetoOrigin;
	type FeeAccount = FeeAccount;
	type YearLength = PlanYear;
	type DefaultPoolParams = DefaultPoolParams;
	type MaxCustodians = ConstU32<16>;
	type SpendTimeLock = SpendTimeLock;
	type SpendLifetime = SpendLifetime;
	type WithdrawalWindow = WithdrawalWindow;
	type StandingWeight = MembershipStandingWeight;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_huzhu_pool::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held to file a claim (returned unless a jury rejects it): 1 HUZ.
	pub const ClaimBond: Balance = UNITS;
	/// Held for each claim's record (filings, index payouts, audits) until anyone prunes it
	/// after its retention: 1 HUZ, as a DID, for a record of about the same size (up to
	/// 300 bytes with the attestations' DIDs).
	pub const ClaimRecordDeposit: Balance = UNITS;
	/// Held to ask for a basis-risk audit: 20 HUZ.
	pub const AuditBond: Balance = 20 * UNITS;
	/// Held to challenge a decided claim: 10 HUZ.
	pub const ChallengeBond: Balance = 10 * UNITS;
	/// Held to appeal a first verdict: 20 HUZ.
	pub const AppealBond: Balance = 20 * UNITS;
	/// Held by each drawn juror until the verdict: 2 HUZ.
	pub const JurorBond: Balance = 2 * UNITS;
	/// Adjudication periods until governance sets others: 7 days to decide a claim, a day each
	/// to commit and reveal jury votes, 2 days to appeal, 30 days to pull an index payout, and
	/// a finished claim stays as the public record for 90 days. (The development presets set
	/// minutes at genesis.)
	pub const DefaultAdjudicationParams: pallet_huzhu_claims::AdjudicationParams<BlockNumber> =
		pallet_huzhu_claims::AdjudicationParams {
			decision_period: 7 * DAYS,
			draw_delay: HOURS,
			commit_period: DAYS,
			reveal_period: DAYS,
			appeal_period: 2 * DAYS,
			index_claim_period: 30 * DAYS,
			record_retention: 90 * DAYS,
		};
	/// A jury's verdict counts when three fifths of its seats revealed (3 of 5, 6 of 9).
	pub const JuryQuorum: Perbill = Perbill::from_percent(60);
	/// A fifth of the losing side's slashed bonds pays the jurors who revealed.
	pub const JurorShare: Perbill = Perbill::from_percent(20);
	/// Half of the rest goes to the winners, half to the plan's reserve.
	pub const WinnerShare: Perbill = Perbill::from_percent(50);
	/// A hospital whose attestation a jury finds false loses as much as it vouched for (up to
	/// its bond), to the plan's reserve, and is suspended.
	pub const AttesterSlash: Perbill = Perbill::from_percent(100);
	/// A region and period aggregate once three oracles reported (the claims pallet takes the
	/// median; `pallet-oracle`'s own combiner uses the same minimum).
	pub const MinimumOracleReadings: u32 = 3;
	/// A reading stays fresh for a day (milliseconds of `pallet-timestamp`).
	pub const OracleReadingLifetime: u64 = DAYS as u64 * MILLISECS_PER_BLOCK;
	/// `pallet-oracle`'s own account (used only for root feeds, which are filtered out).
	pub const OraclePalletId: PalletId = PalletId(*b"huzhu/or");
}

/// The members as the claims pallet sees them: `HuzhuMembership`, except that the chain-wide
/// slots its juries are drawn from are the voters' — the rank-0 members of the ranked
/// collective, one per unique person (`IndexToId`, dense, O(1)) — rather than every covered DID.
/// A DID minted into a plan that asks for no personhood credential is covered, but sits on no
/// jury: sybils cannot pack the juries that decide who is paid.
pub struct JurorPool;
impl MembershipInspect<AccountId, BlockNumber> for JurorPool {
	fn did_of(who: &AccountId) -> Option<DidId> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::did_of(who)
	}
	fn is_active_member(plan: PlanId, who: &AccountId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_active_member(plan, who)
	}
	fn active_since(plan: PlanId, who: &AccountId) -> Option<BlockNumber> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::active_since(plan, who)
	}
	fn member_region(plan: PlanId, who: &AccountId) -> Option<RegionId> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::member_region(plan, who)
	}
	fn active_member_count(plan: PlanId) -> u32 {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::active_member_count(plan)
	}
	/// The voters on the roll: the chain-wide jury pool.
	fn active_member_dids() -> u32 {
		pallet_ranked_collective::MemberCount::<Runtime>::get(0)
	}
	fn is_active_did(did: DidId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_active_did(did)
	}
	fn active_member_at(plan: PlanId, index: u32) -> Option<AccountId> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::active_member_at(
			plan, index,
		)
	}
	/// The voter on the roll in slot `index`.
	fn active_did_controller_at(index: u32) -> Option<AccountId> {
		pallet_ranked_collective::IndexToId::<Runtime>::get(0, index)
	}
	fn is_voter(did: DidId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_voter(did)
	}
	fn voter_since(did: DidId) -> Option<BlockNumber> {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::voter_since(did)
	}
	fn voter_count() -> u32 {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::voter_count()
	}
	fn is_member_in_region(who: &AccountId, region: RegionId) -> bool {
		<HuzhuMembership as MembershipInspect<AccountId, BlockNumber>>::is_member_in_region(
			who, region,
		)
	}
}

impl pallet_huzhu_claims::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Juries are drawn from the voters (unique persons), the rest is the membership pallet.
	type Membership = JurorPool;
	type Credentials = HuzhuMembership;
	type Plans = HuzhuMembership;
	type Penalties = HuzhuMembership;
	type Payout = Pool;
	type Readings = OracleReadings;
	type Randomness = RandomnessCollectiveFlip;
	type Brake = MutualAidBrake;
	// Adjudication periods and oracle metrics are claim rules: the plan-terms track.
	type GovernanceOrigin = governance::PlanTermsOrigin;
	type ClaimBond = ClaimBond;
	type RecordDeposit = ClaimRecordDeposit;
	// A prune of an alliance claim removes at most 128 votes (about 17 ms, 2 % of a block).
	type MaxPrunedVotes = ConstU32<128>;
	type AuditBond = AuditBond;
	type ChallengeBond = ChallengeBond;
	type AppealBond = AppealBond;
	type JurorBond = JurorBond;
	type DefaultParams = DefaultAdjudicationParams;
	type JurySize = ConstU32<5>;
	type AppealJurySize = ConstU32<9>;
	type JuryQuorum = JuryQuorum;
	type JurorShare = JurorShare;
	type WinnerShare = WinnerShare;
	type AttesterSlash = AttesterSlash;
	type MaxDuePerBlock = ConstU32<32>;
	type MaxChallengers = ConstU32<8>;
	type MaxOpenClaims = ConstU32<4>;
	type MaxOracleOperators = ConstU32<32>;
	type MinReadings = MinimumOracleReadings;
	// Huzhu is a solochain: its own blocks are the clock, one tick each (a parachain wires
	// the relay chain's block number; see the claims pallet's docs).
	type BlockNumberProvider = System;
	type MaxTicksPerBlock = ConstU32<2>;
	type WeightInfo = pallet_huzhu_claims::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::benchmark_helpers::ClaimsBenchmarkHelper;
}

/// The emergency brake as the claims pallet sees it: safe mode, or any claims call but
/// `prune_claim` (which moves no deadline) paused by `pallet-tx-pause`. While it is on, the
/// adjudication clock stands still.
pub struct MutualAidBrake;
impl huzhu_primitives::AdjudicationBrake for MutualAidBrake {
	fn engaged() -> bool {
		use frame_support::traits::GetCallName;
		SafeMode::is_entered()
			|| pallet_huzhu_claims::Call::<Runtime>::get_call_names().iter().any(|call| {
				*call != "prune_claim"
					&& TxPause::is_paused_unbound(b"Claims".to_vec(), call.as_bytes().to_vec())
			})
	}

	fn weight() -> Weight {
		use frame_support::traits::GetCallName;
		let calls = pallet_huzhu_claims::Call::<Runtime>::get_call_names().len() as u64;
		<Runtime as frame_system::Config>::DbWeight::get().reads(1 + calls)
	}
}

/// The claims pallet's oracle feed: `pallet-oracle` keeps each accredited oracle's reading of a
/// region and period; the claims pallet aggregates them.
pub struct OracleReadings;
impl huzhu_primitives::IndexReadings<AccountId> for OracleReadings {
	fn feed(
		who: &AccountId,
		key: huzhu_primitives::ReadingKey,
		value: i64,
	) -> sp_runtime::DispatchResult {
		<Oracle as pallet_oracle::DataFeeder<_, _, _>>::feed_value(Some(who.clone()), key, value)
	}

	fn readings(key: &huzhu_primitives::ReadingKey) -> Vec<(AccountId, i64)> {
		use frame_support::traits::SortedMembers;
		Claims::sorted_members()
			.into_iter()
			.filter_map(|oracle| {
				let reading = pallet_oracle::RawValues::<Runtime>::get(&oracle, key)?;
				Some((oracle, reading.value))
			})
			.collect()
	}
}

impl pallet_oracle::Config for Runtime {
	type OnNewData = ();
	type CombineData =
		pallet_oracle::DefaultCombineData<Runtime, MinimumOracleReadings, OracleReadingLifetime>;
	type Time = Timestamp;
	type OracleKey = huzhu_primitives::ReadingKey;
	type OracleValue = i64;
	type PalletId = OraclePalletId;
	// The accredited weather oracles that submitted readings through `Claims`.
	type Members = Claims;
	type WeightInfo = ();
	type MaxHasDispatchedSize = ConstU32<32>;
	type MaxFeedValues = ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
