//! Reading the claims pallet's side of a block: its events, the claim an extrinsic filed, a
//! claim's stored state.

use crate::Client;
use huzhu_runtime::{Runtime, RuntimeEvent};
use pallet_huzhu_claims::{ClaimId, ClaimOf, Event};
use sp_core::H256;

/// The claims pallet's events among `events`.
pub fn claims_events(events: &[RuntimeEvent]) -> Vec<Event<Runtime>> {
	events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::Claims(event) => Some(event.clone()),
			_ => None,
		})
		.collect()
}

/// The claim that `events` (of one extrinsic) filed; panics if none.
pub fn filed_id(events: &[RuntimeEvent]) -> ClaimId {
	claims_events(events)
		.into_iter()
		.find_map(|event| match event {
			Event::ClaimFiled { claim, .. } => Some(claim),
			_ => None,
		})
		.expect("Claims::ClaimFiled")
}

/// Claim `id` as stored at block `at` (the best block if `None`); panics if it does not exist.
pub async fn claim(client: &Client, id: ClaimId, at: Option<H256>) -> ClaimOf<Runtime> {
	let key = pallet_huzhu_claims::Claims::<Runtime>::hashed_key_for(id);
	client.storage(&key, at).await.expect("the claim exists")
}
