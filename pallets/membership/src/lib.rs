//! # Membership pallet
//!
//! The front door of Huzhu: who is a person, who may vouch for what, and who is a member of
//! which mutual-aid plan.
//!
//! ## Overview
//!
//! - **DIDs.** Any account creates one decentralized identifier, `did:huzhu:<id>`, and becomes
//!   its *controller*: the account that signs every call the DID makes. The DID document lists an
//!   authentication key, optional delegation and attestation keys, and up to
//!   [`Config::MaxServiceEndpoints`] service endpoints. A deposit is held from the controller
//!   ([`Config::DidDeposit`] plus [`Config::ServiceEndpointDeposit`] per endpoint) and returned
//!   when the DID is deactivated. Wallets and verifiers resolve a DID with the
//!   [`runtime_api::MembershipApi`].
//! - **Credentials.** Governance ([`Config::AccreditationOrigin`]) registers credential types — an
//!   id, a name and a schema hash; the five standard ones (`Kyc`, `MedicalInstitution`,
//!   `WeatherOracle`, `AllianceEnterprise`, `RegulatorObserver`, ids in
//!   [`huzhu_primitives::membership::credential_types`]) come at genesis, further ones need no
//!   code change. A DID asks to become an *issuer* of a type and posts the type's bond;
//!   governance accredits it. An accredited issuer attests credentials to DIDs: the chain keeps
//!   only the type, the issuer, a commitment (hash) of the content, the issue block and an
//!   optional expiry — never personal data. Issuers revoke what they issued. One type,
//!   [`Config::PersonhoodCredential`] (KYC in Huzhu), vouches for a unique person: only
//!   [`Config::PersonhoodOrigin`] (root, the runtime-upgrade track, in Huzhu) accredits its
//!   issuers, and an issuer attests one person to one DID (see *Personhood and votes* below).
//!   Governance can
//!   suspend an accreditation — every credential of that type from that issuer stops being valid
//!   at once, without touching them — and slash the bond for false attestations, for
//!   [`Config::IssuerUnbondingPeriod`] after a suspension or resignation, and for as long as
//!   any of its attestations may still be found false ([`Config::Exposure`], the claims
//!   pallet's [`IssuerExposure`]): an institution cannot resign and walk away from a claim it
//!   signed.
//! - **Plans and members.** Governance creates plans and changes their terms
//!   ([`PlanTerms`]: required credentials, waiting period, minimum deposit, payout and share caps,
//!   management fee, challenge period, trigger kind, regions) and opens or closes them. A DID
//!   holding valid credentials of every required type joins with at least the minimum deposit
//!   (paid through [`Config::Deposits`], the pool). One DID has at most one membership per plan.
//!   Whether a plan's members vote is fixed when it is created: they do if its terms require
//!   the personhood credential, and later terms can neither add nor remove that requirement.
//! - **Regulators** hold a `RegulatorObserver` credential. It gives read access only (everything
//!   is public state anyway); nothing in this pallet lets it move funds.
//!
//! ## Member lifecycle
//!
//! ```text
//!   join_plan ──► Waiting ──(waiting period ends; on_initialize)──► Active
//!                                                          │  ▲
//!          credential revoked / expired / issuer suspended │  │ cured: credentials valid and
//!          (refresh_membership), deposit exhausted (pool)  ▼  │ deposit sufficient again
//!                                                         Lapsed
//!   exit_plan: Waiting leaves at once. Active or Lapsed gives notice (ExitNotices) and keeps
//!   sharing every claim until the plan's claims filed before the notice are all closed
//!   ([`Config::Claims`]); then it leaves (at once if none is open, else by calling exit_plan
//!   again). Active stays covered meanwhile.
//! ```
//!
//! A lapse ends cover — no claim, vote or jury seat — but not the member's part in the plan's
//! costs: the pool goes on counting a lapsed member until it leaves or its deposit runs out.
//! So nobody sheds a claim it can see coming by letting a credential lapse (a friendly issuer's
//! revocation, an expiry it knows the date of) or its deposit run down to the minimum, and
//! leaving at once.
//!
//! When the waiting period ends the member becomes active: cover starts in the first block of
//! `waiting_until`, or, when more than [`Config::MaxActivationsPerBlock`] memberships chain-wide
//! are due at once, in the first later block with room, in join order. Only then does the pool
//! count the member (it takes its cost-sharing index at that moment), so a member never pays for
//! a claim filed before its cover. If at that moment a required credential is no longer valid or
//! the deposit no longer suffices, the member lapses instead.
//!
//! The activation queue takes any number of joins: a join appends its entry to the block its
//! waiting period ends in ([`Activations`], numbered by [`ActivationsDue`]) and never fails
//! because others joined. `on_initialize` serves the queue from its cursor
//! ([`ActivationCursor`]), oldest block first and in join order within a block, and does at
//! most [`Config::MaxActivationsPerBlock`] units of work per block: each entry served is one,
//! and so is each block passed over with nothing left to serve. While no entry is queued
//! ([`ActivationsQueued`]), the cursor moves to the current block at no cost.
//!
//! ```text
//!   join_plan at block j, waiting period w > 0, due = j + w:
//!     seq = ActivationsDue[due];  Activations[(due, seq)] = (plan, did);  ActivationsDue[due] += 1
//!   on_initialize(now), budget = MaxActivationsPerBlock units:
//!     ActivationsQueued == 0 and cursor.block < now  →  cursor = (now, 0)
//!     while cursor.block <= now and units < budget:
//!       cursor.next < ActivationsDue[cursor.block]  →  take and activate that entry; next += 1
//!       otherwise (the block is done)               →  remove its count; cursor = (block + 1, 0)
//! ```
//!
//! An exit while waiting leaves its entry in the queue; when served, an entry whose membership is
//! gone, no longer waiting, or waiting for a later block (a re-join) is passed over, so an entry
//! activates nothing twice.
//!
//! A deposit can stop covering the plan's minimum without any transaction of its member too:
//! a payout's share takes it below. So *covered* means: the record is `Active`, every required
//! credential is valid, and the pool counts the member with a deposit (after what it owes) of
//! at least the minimum ([`MemberDeposits::is_covered`], three reads).
//! Only a covered member files a claim, only a DID covered in some plan sits on a jury
//! ([`MembershipInspect::is_active_did`]), and only a DID covered in some plan requiring the
//! personhood credential votes ([`MembershipInspect::is_voter`]); each looks at most at
//! [`Config::MaxMembershipsPerDid`] plans. The record says `Active` until the member is settled
//! (anyone may call the pool's `settle` for it, or
//! [`refresh_membership`](Pallet::refresh_membership)), when it lapses.
//!
//! Credentials can stop being valid without any transaction (expiry, or their issuer's
//! suspension, which reaches every holder at once). No block iterates over members to find them:
//! [`MembershipInspect::is_active_member`] checks the member's credentials each time it is asked
//! (at most [`MAX_REQUIRED_CREDENTIALS`] reads), so a member with an invalid credential is never
//! covered, and anyone may call [`Pallet::refresh_membership`] to write the lapse (or a cure)
//! into the record and the counts.
//!
//! ## Personhood and votes
//!
//! Governance gives one vote to each DID covered in a plan whose terms require
//! [`Config::PersonhoodCredential`]: a DID covered only in plans without it (which may ask for no
//! credential and a tiny deposit) files claims and sits on juries, but does not vote, so DIDs
//! minted into such a plan buy no votes. The personhood credential limits DIDs to persons:
//!
//! - Its commitment is the person's *issuer-scoped uniqueness commitment*: the hash of the
//!   identity document (type, issuing country, number) under a salt the issuer keeps, the same
//!   for every attestation of that issuer. An issuer attests a commitment to one DID at a time
//!   ([`PersonOf`]); a second DID of the same person fails with [`Error::DuplicatePerson`] until
//!   the first credential is revoked or its DID deactivated, whatever the first one's expiry.
//! - Its issuers mint voters, so they are accredited only by [`Config::PersonhoodOrigin`] (root
//!   in Huzhu: a runtime-upgrade referendum), not by the accreditation track, which can still
//!   suspend or slash them (that only takes power away).
//! - The vote is checked live ([`MembershipInspect::is_voter`]): a revoked or expired personhood
//!   credential, or its issuer's suspension, ends it in the same block, without a refresh.
//!
//! Left open: uniqueness is per issuer. The same person checked by two accredited personhood
//! issuers gets two commitments and may hold two DIDs, and so two votes; the personhood origin
//! is expected to accredit few issuers, and they are bonded and slashable. A chain migrated from
//! storage version 3 may hold duplicates attested before uniqueness was checked: the migration
//! keeps the first and logs the others ([`migrations::v4`]).
//!
//! ## Counts
//!
//! Each plan keeps its waiting, active and lapsed counts; [`ActiveMembershipsOf`] counts a DID's
//! active memberships and [`ActiveMemberDids`] the DIDs with at least one (used by
//! [`EnsureActiveMember`] and the chain-wide juries). [`VoterMembershipsOf`] counts a DID's
//! active memberships of plans requiring the personhood credential and [`VoterDids`] the DIDs
//! with at least one: the electorate of the support ratio ([`MembershipInspect::voter_count`]).
//! Like the active counts, it counts a membership whose credential stopped being valid until it
//! is refreshed: an upper bound of the live voters. Nobody has to send that refresh: the
//! **voters' sweep** ([`VoterSweep`]) goes through the voters in `on_idle`, at most
//! [`Config::MaxVoterSweepPerBlock`] a block and within the weight the block left, and
//! refreshes the memberships of each DID that no longer votes ([`Pallet::is_voter_did`]: a
//! personhood credential revoked, expired, or from an issuer that lost its accreditation).
//! That strikes it from the electorate and the roll within one pass (Huzhu: 64 voters a block,
//! 10⁵ voters in under 3 hours), so lapsed voters neither raise new polls' quorums nor sit on
//! juries drawn from the roll.
//! The same transitions keep the voters' roll ([`Config::Electorate`], `RankedMembers`): a DID's
//! controller is inducted when its [`VoterMembershipsOf`] count leaves zero and removed when it
//! returns to zero (Huzhu's voters vote through the ranked collective this is). A
//! plan's active members also sit in dense
//! [`ActiveSlots`] (a leaving member's slot goes to the last one), so that the claims pallet can
//! draw jurors at random with [`MembershipInspect::active_member_at`]; every active member DID
//! sits the same way in the chain-wide [`ActiveDidSlots`]
//! ([`MembershipInspect::active_did_controller_at`]), for juries of plans too small to judge
//! their own claims. All are updated in the one place a member's status changes, in O(1);
//! `try_state` recounts them from the records.
//!
//! ## Calls
//!
//! | who | calls |
//! |---|---|
//! | any account | [`create_did`](Pallet::create_did) |
//! | a DID's controller | [`set_did_key`](Pallet::set_did_key), [`revoke_did_key`](Pallet::revoke_did_key), [`add_service_endpoint`](Pallet::add_service_endpoint), [`remove_service_endpoint`](Pallet::remove_service_endpoint), [`deactivate_did`](Pallet::deactivate_did), [`request_accreditation`](Pallet::request_accreditation), [`join_plan`](Pallet::join_plan), [`exit_plan`](Pallet::exit_plan) |
//! | an issuer's controller | [`attest_credential`](Pallet::attest_credential), [`revoke_credential`](Pallet::revoke_credential), [`resign_accreditation`](Pallet::resign_accreditation), [`withdraw_issuer_bond`](Pallet::withdraw_issuer_bond) |
//! | accreditation track ([`Config::AccreditationOrigin`]) | [`register_credential_type`](Pallet::register_credential_type), [`accredit_issuer`](Pallet::accredit_issuer) (other than personhood), [`suspend_issuer`](Pallet::suspend_issuer), [`slash_issuer`](Pallet::slash_issuer) |
//! | personhood ([`Config::PersonhoodOrigin`]) | [`accredit_issuer`](Pallet::accredit_issuer) of [`Config::PersonhoodCredential`] |
//! | plan-terms track ([`Config::PlanOrigin`]) | [`create_plan`](Pallet::create_plan), [`update_plan_terms`](Pallet::update_plan_terms), [`set_plan_open`](Pallet::set_plan_open) |
//! | anyone | [`refresh_membership`](Pallet::refresh_membership) |
//!
//! ## For a runtime that takes this pallet
//!
//! - `Currency`: `pallet-balances` (holds for the DID deposit and issuer bonds; add
//!   [`HoldReason`] to the runtime's hold reasons).
//! - `Deposits`: whatever keeps members' plan deposits — Huzhu's pool pallet. A runtime without
//!   one may implement [`MemberDeposits`] over holds.
//! - `OnIssuerSlash`: where bonds slashed by governance go (a treasury, a plan reserve, or `()` to
//!   burn); a jury's penalty goes to the harmed plan's pool instead.
//! - The pallet provides [`MembershipInspect`], [`CredentialInspect`], [`PlanInspect`],
//!   [`MemberStanding`] and [`IssuerPenalty`] (the claims pallet moves the bond of a hospital
//!   whose attestation a jury found false to the harmed plan's pool, and the hospital is
//!   suspended until governance acts) for the other pallets, [`EnsureActiveMember`] for governance, and the
//!   [`runtime_api::MembershipApi`] for wallets.
//!
//! ## Clocks on a parachain
//!
//! Waiting periods, credential expiries, issuer unbonding, cover (`active_since`) and the
//! activation queue are in blocks of [`Config::BlockNumberProvider`]: `frame_system::Pallet` on
//! Huzhu's solochain; on a parachain, the last relay parent's block number, the same in every
//! hook and call of a block (the claims pallet's docs, "Clocks on a parachain", say which
//! provider and why), with every period set in relay
//! blocks, so that they keep real time whatever the parachain's block rate. Wire the same source
//! into the claims and pool pallets: cover is compared with the claims' filing blocks and the
//! pool's plan years. The queue serves every block of the source up to the current one, so a
//! source that skips blocks skips no entry; while nothing is queued ([`ActivationsQueued`]) the
//! cursor moves to the current block at once, so a parachain's first block — the relay chain
//! far past the stored cursor — costs nothing.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]

extern crate alloc;

mod credential_impls;
mod did_impls;
mod inspect_impls;
mod member_impls;
pub mod migrations;
pub mod runtime_api;
mod state_impls;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use huzhu_primitives::membership::credential_types;
pub use huzhu_primitives::membership::{
	CredentialInspect, CredentialTypeId, DidId, IssuerExposure, IssuerPenalty, MemberDeposits,
	MemberStanding, MembershipInspect, PlanId, PlanInspect, PlanTerms, RegionId, TriggerKind,
	MAX_ATTESTATIONS_REQUIRED, MAX_REQUIRED_CREDENTIALS,
};
pub use huzhu_primitives::{ClaimId, OpenClaimsInspect};
pub use inspect_impls::EnsureActiveMember;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::{fungible, RankedMembers};

/// The balance type of the currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A slashed amount on its way to [`Config::OnIssuerSlash`].
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
/// A DID record of this runtime.
pub type DidRecordOf<T> = DidRecord<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
/// A plan of this runtime.
pub type PlanOf<T> = Plan<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;
/// Plan terms of this runtime.
pub type PlanTermsOf<T> = PlanTerms<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;
/// A membership of this runtime.
pub type MemberRecordOf<T> = MemberRecord<frame_system::pallet_prelude::BlockNumberFor<T>>;
/// A position in the activation queue of this runtime.
pub type ActivationPositionOf<T> =
	ActivationPosition<frame_system::pallet_prelude::BlockNumberFor<T>>;
/// An exit notice in this runtime.
pub type ExitNoticeOf<T> = ExitNotice<frame_system::pallet_prelude::BlockNumberFor<T>>;
/// A credential of this runtime.
pub type CredentialOf<T> = Credential<frame_system::pallet_prelude::BlockNumberFor<T>>;
/// An accreditation of this runtime.
pub type AccreditationOf<T> = Accreditation<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
/// A service endpoint of this runtime.
pub type ServiceEndpointOf<T> = ServiceEndpoint<<T as Config>::MaxUrlLength>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible::BalancedHold, fungible::MutateHold, OnUnbalanced},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(7);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: DID deposits and issuer bonds are held in it.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The origin that registers credential types and accredits, suspends and slashes
		/// issuers (a referendum of the members on the accreditation track in Huzhu).
		type AccreditationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The origin that creates plans, changes their terms and opens or closes them (a
		/// referendum of the members on the plan-terms track in Huzhu).
		type PlanOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The credential type that vouches for a unique person (KYC in Huzhu): only members of
		/// plans requiring it vote ([`MembershipInspect::is_voter`]), and its commitment is the
		/// issuer-scoped uniqueness commitment of the person ([`PersonOf`]). Changing it in a
		/// runtime upgrade needs a migration that rebuilds [`PersonOf`], [`VoterMembershipsOf`]
		/// and [`VoterDids`].
		type PersonhoodCredential: Get<CredentialTypeId>;

		/// The origin that accredits issuers of [`Config::PersonhoodCredential`] (root, the
		/// runtime-upgrade track, in Huzhu): an issuer of it mints voters. Suspending and
		/// slashing them stays with [`Config::AccreditationOrigin`], as that only takes power
		/// away.
		type PersonhoodOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Keeps members' plan deposits (the pool): takes the deposit on joining and says whether
		/// it still covers the plan's minimum.
		type Deposits: MemberDeposits<Self::AccountId, BalanceOf<Self>>;

		/// Receives slashed issuer bonds.
		type OnIssuerSlash: OnUnbalanced<CreditOf<Self>>;

		/// Whether an issuer's attestations may still be slashed (the claims pallet): such an
		/// issuer cannot withdraw its bond, however long it has been suspended.
		type Exposure: IssuerExposure;

		/// Each plan's open claims (the claims pallet): a member who gives notice of its exit
		/// stays covered, and shares their cost, until every claim filed before its notice is
		/// closed.
		type Claims: OpenClaimsInspect;

		/// The deposit held for a DID, in plancks.
		#[pallet::constant]
		type DidDeposit: Get<BalanceOf<Self>>;

		/// The deposit held for each service endpoint of a DID, in plancks.
		#[pallet::constant]
		type ServiceEndpointDeposit: Get<BalanceOf<Self>>;

		/// The most service endpoints a DID document lists.
		#[pallet::constant]
		type MaxServiceEndpoints: Get<u32>;

		/// The longest service-endpoint URL, in bytes.
		#[pallet::constant]
		type MaxUrlLength: Get<u32>;

		/// The most plans one DID can be a member of at the same time.
		#[pallet::constant]
		type MaxMembershipsPerDid: Get<u32>;

		/// The most activations `on_initialize` serves in one block (an empty block it passes over
		/// counts as one): memberships due beyond it start cover in the following blocks, in join
		/// order. It must be more than the joins that fit in one block, so that a backlog drains.
		#[pallet::constant]
		type MaxActivationsPerBlock: Get<u32>;

		/// The most voters the sweep ([`VoterSweep`]) looks at in one block, in `on_idle`, with
		/// what weight the block left. A full pass over `n` voters takes at least
		/// `n / MaxVoterSweepPerBlock` blocks.
		#[pallet::constant]
		type MaxVoterSweepPerBlock: Get<u32>;

		/// How long, in blocks, a suspended or resigned issuer's bond stays slashable before the
		/// issuer can withdraw it.
		#[pallet::constant]
		type IssuerUnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The voters' roll kept beside [`VoterDids`]: the controller of every voter DID is a
		/// member of it (inducted when the DID becomes a voter, removed when it stops). Huzhu
		/// uses the stock `pallet-ranked-collective` at rank 0, through which members vote.
		type Electorate: RankedMembers<AccountId = Self::AccountId>;

		/// The clock of waiting periods, credential expiries, issuer unbonding and the record
		/// (`frame_system::Pallet` on a solochain, the relay chain's block number on a
		/// parachain; see the module docs, "Clocks on a parachain"). The same source as the
		/// claims and pool pallets'.
		type BlockNumberProvider: sp_runtime::traits::BlockNumberProvider<
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a DID and its service endpoints.
		#[codec(index = 0)]
		DidDeposit,
		/// An issuer's bond, slashable by governance.
		#[codec(index = 1)]
		IssuerBond,
	}

	/// The id the next DID gets.
	#[pallet::storage]
	pub type NextDidId<T> = StorageValue<_, DidId, ValueQuery>;

	/// Every live DID.
	#[pallet::storage]
	pub type Dids<T: Config> = StorageMap<_, Twox64Concat, DidId, DidRecordOf<T>>;

	/// The DID each controller account controls (one per account).
	#[pallet::storage]
	pub type DidOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, DidId>;

	/// The service endpoints of each DID.
	#[pallet::storage]
	pub type ServiceEndpoints<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DidId,
		BoundedVec<ServiceEndpointOf<T>, T::MaxServiceEndpoints>,
		ValueQuery,
	>;

	/// The id the next credential type gets.
	#[pallet::storage]
	pub type NextCredentialTypeId<T> = StorageValue<_, CredentialTypeId, ValueQuery>;

	/// Every registered credential type.
	#[pallet::storage]
	pub type CredentialTypes<T: Config> =
		StorageMap<_, Twox64Concat, CredentialTypeId, CredentialType<BalanceOf<T>>>;

	/// Issuer accreditations, by credential type and issuer DID.
	#[pallet::storage]
	pub type Accreditations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CredentialTypeId,
		Twox64Concat,
		DidId,
		AccreditationOf<T>,
	>;

	/// Credentials, by subject DID and credential type (one of each type per DID).
	#[pallet::storage]
	pub type Credentials<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DidId, Twox64Concat, CredentialTypeId, CredentialOf<T>>;

	/// The id the next plan gets.
	#[pallet::storage]
	pub type NextPlanId<T> = StorageValue<_, PlanId, ValueQuery>;

	/// Every plan.
	#[pallet::storage]
	pub type Plans<T: Config> = StorageMap<_, Twox64Concat, PlanId, PlanOf<T>>;

	/// Memberships, by plan and member DID.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, DidId, MemberRecordOf<T>>;

	/// Exit notices of covered members, by plan and member DID: the member stays covered until
	/// the plan's claims filed before its notice are closed.
	#[pallet::storage]
	pub type ExitNotices<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, DidId, ExitNoticeOf<T>>;

	/// The plans each DID is a member of.
	#[pallet::storage]
	pub type MembershipsOf<T: Config> =
		StorageMap<_, Twox64Concat, DidId, BoundedVec<PlanId, T::MaxMembershipsPerDid>, ValueQuery>;

	/// How many of a DID's memberships are active (absent when none).
	#[pallet::storage]
	pub type ActiveMembershipsOf<T> = StorageMap<_, Twox64Concat, DidId, u32, ValueQuery>;

	/// How many DIDs are active members of at least one plan.
	#[pallet::storage]
	pub type ActiveMemberDids<T> = StorageValue<_, u32, ValueQuery>;

	/// The person behind each personhood credential: by issuer DID and the credential's
	/// commitment (the issuer-scoped uniqueness commitment, see
	/// [`attest_credential`](Pallet::attest_credential)), the DID holding it. An issuer attests
	/// one commitment to one DID at a time.
	#[pallet::storage]
	pub type PersonOf<T> =
		StorageDoubleMap<_, Twox64Concat, DidId, Blake2_128Concat, H256, DidId, OptionQuery>;

	/// How many of a DID's memberships are active in plans that require
	/// [`Config::PersonhoodCredential`] (absent when none).
	#[pallet::storage]
	pub type VoterMembershipsOf<T> = StorageMap<_, Twox64Concat, DidId, u32, ValueQuery>;

	/// How many DIDs have at least one active membership of a plan that requires
	/// [`Config::PersonhoodCredential`]: the electorate ([`MembershipInspect::voter_count`]).
	#[pallet::storage]
	pub type VoterDids<T> = StorageValue<_, u32, ValueQuery>;

	/// A plan's active members in dense slots `0..active_members`: a member leaving the active
	/// set hands its slot to the last one. Lets other pallets draw active members at random in
	/// O(1) (the claims pallet's juries).
	#[pallet::storage]
	pub type ActiveSlots<T> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, u32, DidId, OptionQuery>;

	/// The slot of each active membership in [`ActiveSlots`].
	#[pallet::storage]
	pub type ActiveSlotOf<T> =
		StorageDoubleMap<_, Twox64Concat, PlanId, Twox64Concat, DidId, u32, OptionQuery>;

	/// Every DID that is an active member of at least one plan, in dense slots
	/// `0..ActiveMemberDids` (a DID leaving hands its slot to the last one): chain-wide juries
	/// for plans too small to judge their own claims.
	#[pallet::storage]
	pub type ActiveDidSlots<T> = StorageMap<_, Twox64Concat, u32, DidId, OptionQuery>;

	/// The slot of each active member DID in [`ActiveDidSlots`].
	#[pallet::storage]
	pub type ActiveDidSlotOf<T> = StorageMap<_, Twox64Concat, DidId, u32, OptionQuery>;

	/// The activation queue: entry `seq` of the memberships whose waiting period ends in a
	/// block, by block and `seq` (join order). `on_initialize` takes each entry when it serves it.
	/// An entry outlives an exit while waiting; it is passed over when served.
	#[pallet::storage]
	pub type Activations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		u32,
		(PlanId, DidId),
		OptionQuery,
	>;

	/// How many entries [`Activations`] has had for a block: the `seq` of its next entry. Removed
	/// when the block's entries are all served.
	#[pallet::storage]
	pub type ActivationsDue<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, u32, ValueQuery>;

	/// The sweep's place: the last voter DID it looked at (absent: a pass starts from the
	/// first). A voter whose standing ended without anyone sending `refresh_membership` — a
	/// personhood credential that expired, or whose issuer lost its accreditation — would stay
	/// on the voters' roll, count in every new poll's electorate and sit in the jury pool. In
	/// `on_idle`, the sweep goes through the voters ([`VoterMembershipsOf`]) in storage order,
	/// at most [`Config::MaxVoterSweepPerBlock`] a block, and refreshes the memberships of each
	/// one that no longer votes ([`Pallet::is_voter_did`]), which strikes it from the roll.
	#[pallet::storage]
	pub type VoterSweep<T> = StorageValue<_, DidId>;

	/// The next entry of the activation queue to serve: the oldest block whose entries are not
	/// all served, and the `seq` of the next one in it. Never after the block after the current
	/// one.
	#[pallet::storage]
	pub type ActivationCursor<T: Config> = StorageValue<_, ActivationPositionOf<T>, ValueQuery>;

	/// How many entries of the activation queue are not served yet (stale ones included). While
	/// none is, the cursor moves to the current block at once instead of passing over blocks
	/// one by one: a parachain's first block, whose relay-chain block number is far past the
	/// cursor, costs nothing.
	#[pallet::storage]
	pub type ActivationsQueued<T> = StorageValue<_, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A DID was created.
		DidCreated {
			/// The new DID.
			did: DidId,
			/// Its controller.
			controller: T::AccountId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A key of a DID document was set (added or rotated).
		DidKeySet {
			/// The DID.
			did: DidId,
			/// Which key.
			purpose: KeyPurpose,
		},
		/// A key of a DID document was removed.
		DidKeyRevoked {
			/// The DID.
			did: DidId,
			/// Which key.
			purpose: KeyPurpose,
		},
		/// A service endpoint was added to a DID document.
		ServiceEndpointAdded {
			/// The DID.
			did: DidId,
			/// Its position in the DID's list.
			index: u32,
		},
		/// A service endpoint was removed from a DID document (later ones moved up by one).
		ServiceEndpointRemoved {
			/// The DID.
			did: DidId,
			/// The position it had.
			index: u32,
		},
		/// A DID was deactivated and its deposit returned.
		DidDeactivated {
			/// The DID.
			did: DidId,
			/// The deposit released to the controller.
			deposit_released: BalanceOf<T>,
		},
		/// A credential type was registered.
		CredentialTypeRegistered {
			/// Its id.
			credential_type: CredentialTypeId,
			/// The hash of its schema.
			schema_hash: H256,
		},
		/// A DID asked to be accredited as an issuer and posted its bond.
		AccreditationRequested {
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer DID.
			issuer: DidId,
			/// The bond held.
			bond: BalanceOf<T>,
		},
		/// An issuer was accredited: its credentials of the type are valid.
		IssuerAccredited {
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer DID.
			issuer: DidId,
		},
		/// Governance turned down a request for accreditation; the bond was released.
		AccreditationRejected {
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The DID that asked.
			issuer: DidId,
		},
		/// An accreditation was suspended (by governance or by the issuer's resignation): the
		/// issuer's credentials of the type are no longer valid.
		IssuerSuspended {
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer DID.
			issuer: DidId,
			/// When the bond may be withdrawn.
			unbonds_at: BlockNumberFor<T>,
		},
		/// Governance slashed an issuer's bond.
		IssuerSlashed {
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer DID.
			issuer: DidId,
			/// The amount taken.
			amount: BalanceOf<T>,
		},
		/// An issuer withdrew its bond (or a request was withdrawn); the accreditation is gone.
		IssuerBondWithdrawn {
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer DID.
			issuer: DidId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// A credential was attested to a DID.
		CredentialAttested {
			/// The holder.
			subject: DidId,
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer.
			issuer: DidId,
			/// When it expires, if it does.
			expires_at: Option<BlockNumberFor<T>>,
		},
		/// An issuer revoked a credential.
		CredentialRevoked {
			/// The holder.
			subject: DidId,
			/// The credential type.
			credential_type: CredentialTypeId,
			/// The issuer.
			issuer: DidId,
		},
		/// A plan was created (open for members).
		PlanCreated {
			/// The new plan.
			plan: PlanId,
		},
		/// A plan's terms were changed.
		PlanTermsUpdated {
			/// The plan.
			plan: PlanId,
		},
		/// A plan was opened to or closed for new members.
		PlanOpenSet {
			/// The plan.
			plan: PlanId,
			/// Whether it now takes new members.
			open: bool,
		},
		/// A DID joined a plan.
		MemberJoined {
			/// The plan.
			plan: PlanId,
			/// The member.
			did: DidId,
			/// The deposit paid in.
			deposit: BalanceOf<T>,
			/// The block its waiting period ends in: cover starts then, or in the first later
			/// block with room when more memberships are due at once than a block serves.
			waiting_until: BlockNumberFor<T>,
		},
		/// A member's cover started (waiting period over) or was restored (lapse cured).
		MemberActivated {
			/// The plan.
			plan: PlanId,
			/// The member.
			did: DidId,
		},
		/// A member's cover was suspended.
		MemberLapsed {
			/// The plan.
			plan: PlanId,
			/// The member.
			did: DidId,
			/// Why.
			reason: LapseReason,
		},
		/// A covered member gave notice of its exit: it stays covered and shares the plan's claims
		/// until every claim of the plan filed before its notice is closed, then leaves with
		/// `exit_plan` again.
		ExitNoticeGiven {
			/// The plan.
			plan: PlanId,
			/// The member.
			did: DidId,
			/// It is liable for the plan's claims with a lower id than this.
			liable_below: ClaimId,
		},
		/// A member left a plan.
		MemberExited {
			/// The plan.
			plan: PlanId,
			/// The former member.
			did: DidId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account already controls a DID.
		AlreadyHasDid,
		/// The account controls no DID.
		NoDid,
		/// No live DID has this id.
		DidNotFound,
		/// The DID document already has this key for this purpose.
		KeyUnchanged,
		/// The DID document has no key for this purpose.
		KeyNotSet,
		/// The authentication key can be rotated but not removed.
		AuthenticationKeyRequired,
		/// The DID document already lists the most service endpoints allowed.
		TooManyServiceEndpoints,
		/// The DID document has no service endpoint at this position.
		ServiceEndpointNotFound,
		/// A service endpoint needs a kind and a printable-ASCII URL with a scheme (`x://`).
		InvalidServiceEndpoint,
		/// The DID is still a member of a plan: exit the plans first.
		DidHasMemberships,
		/// The DID still has an issuer accreditation or bond: withdraw them first.
		DidIsIssuer,
		/// A credential type needs a name.
		EmptyCredentialTypeName,
		/// No credential type has this id.
		CredentialTypeNotFound,
		/// The DID already has (or asked for) an accreditation for this type.
		AccreditationExists,
		/// The DID has no accreditation (or request) for this type.
		AccreditationNotFound,
		/// The issuer is already accredited for this type.
		AlreadyAccredited,
		/// The issuer is not accredited for this type now.
		NotAccredited,
		/// The accreditation is not suspended, so its bond cannot be withdrawn.
		AccreditationNotSuspended,
		/// The suspended issuer's bond is still slashable: wait for `unbonds_at`.
		BondStillLocked,
		/// An issuer cannot attest credentials to its own DID.
		SelfAttestation,
		/// A credential cannot expire in the past or in the current block.
		ExpiryInPast,
		/// The subject holds a valid credential of this type from another issuer.
		CredentialFromOtherIssuer,
		/// The subject holds no credential of this type.
		CredentialNotFound,
		/// Only the issuer of a credential can revoke it.
		NotCredentialIssuer,
		/// No plan has this id.
		PlanNotFound,
		/// A plan needs a name.
		EmptyPlanName,
		/// A plan lists the same required credential type twice.
		DuplicateRequiredCredential,
		/// A plan's maximum payout per claim must be more than zero.
		ZeroMaxPayout,
		/// A plan's challenge period must last at least one block.
		ZeroChallengePeriod,
		/// A member's share cap per claim cannot exceed the cap per year.
		ShareCapAboveYearlyCap,
		/// The member gave notice of its exit, and a claim of the plan filed before its notice is
		/// still open: it leaves when that claim is closed.
		ClaimsStillOpen,
		/// The minimum deposit must be at least the share cap per claim, the management fee on
		/// it and a sixteenth of it: a member whose deposit reaches the minimum still pays its
		/// full share.
		MinimumBelowShareCap,
		/// An attestation plan needs at least one attestation per claim.
		NoAttestationsRequired,
		/// An attestation plan may require at most `MAX_ATTESTATIONS_REQUIRED` attestations.
		TooManyAttestationsRequired,
		/// A parametric plan's exit value must differ from its trigger value.
		ExitEqualsTrigger,
		/// An alliance plan needs an approval threshold above zero.
		ZeroApprovalThreshold,
		/// A parametric plan must list the regions it covers.
		ParametricPlanNeedsRegions,
		/// Only parametric plans list regions.
		RegionsOnlyForParametricPlans,
		/// A plan lists the same region twice.
		DuplicateRegion,
		/// The plan is already open (or already closed).
		PlanOpenUnchanged,
		/// The plan takes no new members.
		PlanClosed,
		/// The DID is already a member of this plan.
		AlreadyMember,
		/// The DID is not a member of this plan.
		NotMember,
		/// The DID lacks a valid credential of a type the plan requires.
		MissingRequiredCredential,
		/// The deposit is below the plan's minimum.
		DepositBelowMinimum,
		/// A parametric plan's member must name its region.
		RegionRequired,
		/// The plan does not cover this region.
		RegionNotCovered,
		/// Only members of parametric plans name a region.
		RegionNotApplicable,
		/// The DID is a member of the most plans allowed.
		TooManyMemberships,
		// `ActivationQueueFull` (a join into a full per-block queue) was removed with storage
		// version 3: a join no longer fails because others joined. The errors after it moved up
		// by one index.
		/// Nothing to refresh: the membership's status already matches its credentials and
		/// deposit (or it is still waiting).
		MembershipUnchanged,
		/// Some of the issuer's attestations may still be found false by a jury: its bond stays
		/// slashable until those claims are final.
		IssuerExposed,
		/// Another DID holds the personhood credential of this issuer with this commitment: the
		/// person already has a DID (revoke that credential first).
		DuplicatePerson,
		/// A plan's terms cannot add or remove the personhood credential from its requirements
		/// (whether its members vote is fixed when the plan is created).
		PersonhoodRequirementFixed,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Serves the activation queue: at most [`Config::MaxActivationsPerBlock`] units of
		/// work.
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			Self::do_activate_due(Self::now())
		}

		/// Sweeps voters whose standing ended (see [`VoterSweep`]) with the weight left.
		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_sweep_voters(remaining)
		}

		fn integrity_test() {
			assert!(T::MaxMembershipsPerDid::get() > 0, "a DID must be able to join a plan");
			assert!(T::MaxActivationsPerBlock::get() > 0, "some joins must be able to activate");
			assert!(T::MaxVoterSweepPerBlock::get() > 0, "the voters' sweep must move on");
			assert!(T::MaxUrlLength::get() >= 8, "a URL needs room for a scheme and a host");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Credential types to register, in id order: `(name, schema hash, issuer bond)`.
		/// Huzhu's presets start with [`standard_credential_types`].
		pub credential_types: Vec<(Vec<u8>, H256, BalanceOf<T>)>,
		/// DIDs to create: `(controller, authentication key)`. Their deposits are held.
		pub dids: Vec<(T::AccountId, DidPublicKey)>,
		/// Accredited issuers: `(credential type, controller of the issuer DID)`. Their bonds are
		/// held.
		pub issuers: Vec<(CredentialTypeId, T::AccountId)>,
		/// Credentials: `(subject's controller, type, issuer's controller, commitment)`.
		pub credentials: Vec<(T::AccountId, CredentialTypeId, T::AccountId, H256)>,
		/// Plans to create, open.
		pub plans: Vec<PlanTermsOf<T>>,
		/// Founding members: `(plan, controller, deposit, region)`, covered from genesis without
		/// a waiting period (they must hold the plan's credentials). With no members a chain
		/// cannot govern itself: only active members submit and vote on referenda.
		pub founders: Vec<(PlanId, T::AccountId, BalanceOf<T>, Option<RegionId>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::build_genesis(self);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a DID controlled by the signer, with `authentication` as its authentication
		/// key. Holds [`Config::DidDeposit`] from the signer. One DID per account.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_did())]
		pub fn create_did(origin: OriginFor<T>, authentication: DidPublicKey) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_create_did(controller, authentication).map(|_| ())
		}

		/// Sets the signer's DID key for `purpose`: rotates the authentication key, or adds or
		/// rotates the delegation or attestation key.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_did_key())]
		pub fn set_did_key(
			origin: OriginFor<T>,
			purpose: KeyPurpose,
			key: DidPublicKey,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_set_did_key(&controller, purpose, key)
		}

		/// Removes the signer's DID delegation or attestation key.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke_did_key())]
		pub fn revoke_did_key(origin: OriginFor<T>, purpose: KeyPurpose) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_revoke_did_key(&controller, purpose)
		}

		/// Adds a service endpoint to the signer's DID document and holds
		/// [`Config::ServiceEndpointDeposit`] for it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::add_service_endpoint())]
		pub fn add_service_endpoint(
			origin: OriginFor<T>,
			kind: Label,
			url: BoundedVec<u8, T::MaxUrlLength>,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_add_service_endpoint(&controller, ServiceEndpoint { kind, url })
		}

		/// Removes the service endpoint at `index` of the signer's DID document and releases its
		/// deposit; the endpoints after it move up by one.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_service_endpoint())]
		pub fn remove_service_endpoint(origin: OriginFor<T>, index: u32) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_remove_service_endpoint(&controller, index)
		}

		/// Deactivates the signer's DID and releases its deposit. The DID must have left every
		/// plan and hold no accreditation. Its id is never reused; credentials attested to it stop
		/// being valid.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deactivate_did())]
		pub fn deactivate_did(origin: OriginFor<T>) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_deactivate_did(&controller)
		}

		/// Governance registers a credential type: a short name, the hash of its schema and the
		/// bond its issuers post.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::register_credential_type())]
		pub fn register_credential_type(
			origin: OriginFor<T>,
			name: Label,
			schema_hash: H256,
			issuer_bond: BalanceOf<T>,
		) -> DispatchResult {
			T::AccreditationOrigin::ensure_origin(origin)?;
			Self::do_register_credential_type(name, schema_hash, issuer_bond).map(|_| ())
		}

		/// The signer's DID asks to be accredited as an issuer of `credential_type` and posts the
		/// type's bond (held).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::request_accreditation())]
		pub fn request_accreditation(
			origin: OriginFor<T>,
			credential_type: CredentialTypeId,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_request_accreditation(&controller, credential_type)
		}

		/// Governance accredits `issuer` for `credential_type` (after its request, or again after
		/// a suspension). For [`Config::PersonhoodCredential`] the origin must be
		/// [`Config::PersonhoodOrigin`] (an issuer of it mints voters), for any other type
		/// [`Config::AccreditationOrigin`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::accredit_issuer())]
		pub fn accredit_issuer(
			origin: OriginFor<T>,
			credential_type: CredentialTypeId,
			issuer: DidId,
		) -> DispatchResult {
			if credential_type == T::PersonhoodCredential::get() {
				T::PersonhoodOrigin::ensure_origin(origin)?;
			} else {
				T::AccreditationOrigin::ensure_origin(origin)?;
			}
			Self::do_accredit_issuer(credential_type, issuer)
		}

		/// Governance suspends `issuer`'s accreditation for `credential_type` (every credential of
		/// that type it issued stops being valid) or turns down its pending request (the bond is
		/// released).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::suspend_issuer())]
		pub fn suspend_issuer(
			origin: OriginFor<T>,
			credential_type: CredentialTypeId,
			issuer: DidId,
		) -> DispatchResult {
			T::AccreditationOrigin::ensure_origin(origin)?;
			Self::do_suspend_issuer(credential_type, issuer)
		}

		/// Governance slashes up to `amount` of `issuer`'s bond for `credential_type` (for false
		/// attestations) to [`Config::OnIssuerSlash`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::slash_issuer())]
		pub fn slash_issuer(
			origin: OriginFor<T>,
			credential_type: CredentialTypeId,
			issuer: DidId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::AccreditationOrigin::ensure_origin(origin)?;
			Self::do_slash_issuer(credential_type, issuer, amount)
		}

		/// The signer's DID gives up its accreditation for `credential_type`: a pending request
		/// is withdrawn with its bond at once; an accreditation is suspended and the bond can be
		/// withdrawn after [`Config::IssuerUnbondingPeriod`].
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::resign_accreditation())]
		pub fn resign_accreditation(
			origin: OriginFor<T>,
			credential_type: CredentialTypeId,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_resign_accreditation(&controller, credential_type)
		}

		/// The signer's DID withdraws the bond of its suspended accreditation for
		/// `credential_type` once the unbonding period is over and none of its attestations can
		/// still be found false ([`Config::Exposure`]); the accreditation is removed.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::withdraw_issuer_bond())]
		pub fn withdraw_issuer_bond(
			origin: OriginFor<T>,
			credential_type: CredentialTypeId,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_withdraw_issuer_bond(&controller, credential_type)
		}

		/// The signer's DID, an accredited issuer of `credential_type`, attests a credential to
		/// `subject`: a commitment to its content, valid until `expires_at` (if given). Replaces
		/// the subject's credential of this type if it came from the same issuer or is no longer
		/// valid.
		///
		/// For [`Config::PersonhoodCredential`] the `commitment` is the person's issuer-scoped
		/// uniqueness commitment: the hash of the person's identity document (its type, issuing
		/// country and number) under a salt the issuer keeps for all its attestations, so that
		/// the same person always gets the same commitment from the same issuer, and nobody else
		/// learns who it is. The issuer attests one commitment to one DID: it fails with
		/// [`Error::DuplicatePerson`] while another DID holds this issuer's personhood
		/// credential with this commitment (whatever its expiry); once that one is revoked, or
		/// its DID deactivated, the person may move to the new DID. [`PersonOf`] records who
		/// holds each commitment.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::attest_credential())]
		pub fn attest_credential(
			origin: OriginFor<T>,
			subject: DidId,
			credential_type: CredentialTypeId,
			commitment: H256,
			expires_at: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_attest_credential(
				&controller,
				subject,
				credential_type,
				commitment,
				expires_at,
			)
		}

		/// The signer's DID revokes the credential of `credential_type` it issued to `subject`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::revoke_credential())]
		pub fn revoke_credential(
			origin: OriginFor<T>,
			subject: DidId,
			credential_type: CredentialTypeId,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_revoke_credential(&controller, subject, credential_type)
		}

		/// Governance creates a plan with `terms`; it is open for members at once.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::create_plan())]
		pub fn create_plan(origin: OriginFor<T>, terms: PlanTermsOf<T>) -> DispatchResult {
			T::PlanOrigin::ensure_origin(origin)?;
			Self::do_create_plan(terms).map(|_| ())
		}

		/// Governance replaces a plan's terms. A new waiting period applies to later joins; new
		/// credential requirements reach existing members through `refresh_membership`. The new
		/// terms must require [`Config::PersonhoodCredential`] exactly if the old ones did
		/// ([`Error::PersonhoodRequirementFixed`]): whether a plan's members vote is fixed.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::update_plan_terms())]
		pub fn update_plan_terms(
			origin: OriginFor<T>,
			plan: PlanId,
			terms: PlanTermsOf<T>,
		) -> DispatchResult {
			T::PlanOrigin::ensure_origin(origin)?;
			Self::do_update_plan_terms(plan, terms)
		}

		/// Governance opens a plan to new members or closes it (existing members stay).
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::set_plan_open())]
		pub fn set_plan_open(origin: OriginFor<T>, plan: PlanId, open: bool) -> DispatchResult {
			T::PlanOrigin::ensure_origin(origin)?;
			Self::do_set_plan_open(plan, open)
		}

		/// The signer's DID joins `plan`, paying `deposit` (at least the plan's minimum) into the
		/// plan through [`Config::Deposits`]. It needs a valid credential of every type the plan
		/// requires, and for a parametric plan the `region` it is covered in. Cover starts when
		/// the plan's waiting period has passed, in the first block with room in the activation
		/// queue (see the module docs' member lifecycle). The join appends one entry to that
		/// queue, in O(1), and does not fail however many others join. Emits `MemberJoined` (and
		/// `MemberActivated` at once for a plan without waiting period).
		#[pallet::call_index(23)]
		#[pallet::weight(
			// A plan without waiting period activates the member in the same call.
			T::WeightInfo::join_plan().saturating_add(T::WeightInfo::activate_memberships(1))
		)]
		pub fn join_plan(
			origin: OriginFor<T>,
			plan: PlanId,
			deposit: BalanceOf<T>,
			region: Option<RegionId>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let activated = Self::do_join_plan(&who, plan, deposit, region)?;
			// A join that waits leaves its activation to the queue: the rest is refunded. (The
			// queue's count and, for an empty queue, its cursor: read and written.)
			let waiting =
				T::WeightInfo::join_plan().saturating_add(T::DbWeight::get().reads_writes(2, 2));
			Ok((!activated).then_some(waiting).into())
		}

		/// The signer's DID leaves `plan`. A covered member first gives notice: it stays covered
		/// and shares the cost of every claim of the plan filed before its notice, and leaves —
		/// at once, or by calling again — when the last of them is closed. A lapsed member gives
		/// notice the same way (it goes on sharing claims meanwhile); a waiting one leaves at
		/// once. Its deposit is then the pool's to return
		/// under the plan's notice rules.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::exit_plan())]
		pub fn exit_plan(origin: OriginFor<T>, plan: PlanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_exit_plan(&who, plan)
		}

		/// Anyone brings `did`'s membership of `plan` up to date: an active member whose required
		/// credential is no longer valid, or whose deposit no longer suffices, lapses; a lapsed
		/// member whose credentials and deposit are in order again is active again. Fails with
		/// [`Error::MembershipUnchanged`] when there is nothing to change.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::refresh_membership())]
		pub fn refresh_membership(
			origin: OriginFor<T>,
			plan: PlanId,
			did: DidId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_refresh_membership(plan, did)
		}
	}
}

/// The standard credential types as genesis registers them (ids 0 to 4 in
/// [`huzhu_primitives::membership::credential_types`]), each with `issuer_bond`. Their schema
/// hashes are `blake2_256` of `huzhu:credential:<name>:v1`, the name of the schema document.
pub fn standard_credential_types<Balance: Copy>(
	issuer_bond: Balance,
) -> alloc::vec::Vec<(alloc::vec::Vec<u8>, sp_core::H256, Balance)> {
	[
		&b"Kyc"[..],
		b"MedicalInstitution",
		b"WeatherOracle",
		b"AllianceEnterprise",
		b"RegulatorObserver",
	]
	.iter()
	.map(|name| {
		use sp_runtime::traits::{BlakeTwo256, Hash as HashT};
		let mut schema = b"huzhu:credential:".to_vec();
		schema.extend_from_slice(name);
		schema.extend_from_slice(b":v1");
		(name.to_vec(), <BlakeTwo256 as HashT>::hash(&schema), issuer_bond)
	})
	.collect()
}

impl<T: Config> Pallet<T> {
	/// The current block of [`Config::BlockNumberProvider`]: every period of the pallet is
	/// measured on it.
	pub fn now() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		<T::BlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::current_block_number()
	}
}
