//! The FRAME basics: `frame-system` (block weights and lengths, the base call filter),
//! timestamp, balances, transaction payment, the randomness flip, and the unsigned transactions
//! the runtime submits itself.

use super::*;

/// The share of a block that normal (non-operational) transactions may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// How many recent block hashes `frame_system` keeps (for mortal transactions).
	pub const BlockHashCount: BlockNumber = 2400;
	/// The runtime version, as seen by `CheckSpecVersion` and friends.
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per six-second block.
	pub RuntimeBlockWeights: limits::BlockWeights = limits::BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// At most 5 MiB of extrinsics per block.
	pub RuntimeBlockLength: limits::BlockLength = limits::BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// The generic Substrate SS58 prefix: addresses start with `5`.
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// ParityDB is at least as fast as RocksDB; RocksDB's weights are the conservative choice
	// until the node's `benchmark storage` is run on reference hardware.
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = InsideBoth<
		InsideBoth<NoDirectBypasses, voting::NoWrappedVotes>,
		InsideBoth<SafeMode, TxPause>,
	>;
}

/// Calls that would go around a Huzhu pallet's checks: `pallet-oracle`'s own `feed_values`
/// (readings enter only through `Claims::submit_reading`, which rejects stale and out-of-range
/// readings) and `pallet-staking`'s `validate` (a validator declares itself only by registering
/// as a candidate with `Elections::register_candidate`; otherwise anyone could fill staking's
/// validator slots without a candidacy and block every registration).
pub struct NoDirectBypasses;
impl Contains<RuntimeCall> for NoDirectBypasses {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Oracle(_) | RuntimeCall::Staking(pallet_staking::Call::validate { .. })
		)
	}
}

impl pallet_insecure_randomness_collective_flip::Config for Runtime {}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// `ConstU128` with the runtime's balance type.
pub(crate) type ConstU128<const N: u128> = frame_support::traits::ConstU128<N>;

parameter_types! {
	/// Fee per byte of an extrinsic: one micro-HUZ.
	pub const TransactionByteFee: Balance = MICRO_UNITS;
	/// The fee multiplier stays at one until a congestion policy is chosen by governance.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned for now; the pool and treasury issues decide where they go.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

// Unsigned transactions (GRANDPA equivocation reports) that the runtime itself submits.
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}
