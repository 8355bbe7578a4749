// A member's claim, as a wallet or the member app does it with @polkadot/api, against a
// development node:
//   node claims.mjs [ws://127.0.0.1:9944]
// Dave (KYC'd at genesis) joins "Critical illness", waits out the waiting period and files a
// claim whose evidence is a file hashed here (only the hash goes on chain). Every transaction is
// signed with the RFC-78 metadata hash (`CheckMetadataHash` mode 1), computed from the node's
// metadata as an offline or hardware signer computes it; a transaction signed with a wrong hash
// is refused. Bob, the development hospital, attests; the claim is followed through the
// `ClaimsApi` runtime API (the claim, Dave's claims, the plan's open claims, the clock) until
// it is paid, with no transaction, after its public window. `GovernanceApi` tells whether Dave
// may vote. Exits non-zero on any failure.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { compactFromU8a, hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const fail = (message) => { console.error(`FAIL ${message}`); process.exit(1); };
const UNITS = 1_000_000_000_000n;
const CRITICAL_ILLNESS = 0;

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519' });
const [dave, bob] = ['//Dave', '//Bob'].map((uri) => keyring.addFromUri(uri));

// The metadata hash (RFC-78) over the node's V15 metadata, with the chain's token.
const raw = hexToU8a((await api.rpc.state.call('Metadata_metadata_at_version', '0x0f000000')).toHex());
if (raw[0] !== 1) fail('the node serves no V15 metadata');
const [offset, length] = compactFromU8a(raw.subarray(1));
const metadata = raw.subarray(1 + offset, 1 + offset + length.toNumber());
const properties = await api.rpc.system.properties();
const metadataHash = u8aToHex(merkleizeMetadata(metadata, {
  decimals: properties.tokenDecimals.unwrap()[0].toNumber(),
  tokenSymbol: properties.tokenSymbol.unwrap()[0].toString(),
}).digest());
console.log(`metadata hash (RFC-78): ${metadataHash}`);

const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Signs `tx` with the metadata hash `hash` (mode 1) and resolves when it is in a block, with
// its events; rejects with the node's or the runtime's refusal.
const submit = (tx, signer, hash = metadataHash) => new Promise((resolve, reject) => {
  tx.signAndSend(signer, { mode: 1, metadataHash: hash }, ({ status, events, dispatchError }) => {
    if (!status.isInBlock) return;
    if (dispatchError) {
      const detail = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
      reject(new Error(detail ? `${detail.section}.${detail.name}` : dispatchError.toString()));
    } else {
      resolve({ blockHash: status.asInBlock, events });
    }
  }).catch(reject);
});
const send = (tx, signer) => submit(tx, signer).catch((error) => fail(`${tx.method.section}.${tx.method.method}: ${error.message}`));

// A transaction signed over a wrong metadata hash is refused before it enters a block.
const wrong = await submit(api.tx.system.remark('0x00'), dave, `0x${'11'.repeat(32)}`).then(() => null, (error) => error.message);
if (!wrong || !/bad signature|Invalid Transaction/i.test(wrong)) fail(`a wrong metadata hash was not refused: ${wrong}`);
console.log(`wrong metadata hash refused: ${wrong}`);

// Dave joins; cover starts after the plan's waiting period.
const plan = (await api.query.huzhuMembership.plans(CRITICAL_ILLNESS)).unwrap();
const joined = await send(api.tx.huzhuMembership.joinPlan(CRITICAL_ILLNESS, 20n * UNITS, null), dave);
const joinedAt = (await api.rpc.chain.getHeader(joined.blockHash)).number.toNumber();
const coveredFrom = joinedAt + plan.terms.waitingPeriod.toNumber() + 1;
while (await best() < coveredFrom) await sleep(1000);

// Evidence stays with the member: only its hash is filed.
const evidenceFile = new TextEncoder().encode(`Discharge summary of Dave, ${new Date().toISOString()}`);
const evidence = blake2AsHex(evidenceFile, 256);
const filed = await send(api.tx.claims.fileClaim(CRITICAL_ILLNESS, 300n * UNITS, evidence), dave);
const filedEvent = filed.events.find(({ event }) => api.events.claims.ClaimFiled.is(event));
if (!filedEvent) fail('no claims.ClaimFiled event');
const id = filedEvent.event.data.claim.toNumber();
console.log(`filed claim ${id} with evidence ${evidence}, signed with the metadata hash`);

// The runtime API shows it: the claim, among Dave's claims and among the plan's open claims.
let details = (await api.call.claimsApi.claim(id)).unwrap();
if (details.claim.claimant.toString() !== dave.address || details.claim.evidence.toHex() !== evidence) fail(`claim: ${details.toString()}`);
if (!details.claim.status.isFiled || details.recordDeposit.toBigInt() === 0n) fail(`claim ${id} status ${details.claim.status.type}, deposit ${details.recordDeposit}`);
const mine = await api.call.claimsApi.claimsOf(dave.address, null, 10);
if (!mine.items.some((item) => item.id.toNumber() === id)) fail(`Dave's claims: ${mine.toString()}`);
const open = await api.call.claimsApi.openClaims(CRITICAL_ILLNESS, null, 10);
if (!open.items.some((item) => item.id.toNumber() === id)) fail(`open claims: ${open.toString()}`);
const clock = await api.call.claimsApi.clock();
if (clock.braked.isTrue || clock.brakedSince.isSome) fail('the brake is on');
console.log(`claimsApi: claim ${id} Filed (record deposit ${details.recordDeposit}), 1 of Dave's ${mine.items.length} claims, ${open.items.length} open in plan ${CRITICAL_ILLNESS}; clock at tick ${clock.tick}, retention ${clock.params.recordRetention} blocks`);

// Bob, the development hospital, attests: the claim enters its public window.
await send(api.tx.claims.attestClaim(id, blake2AsHex('diagnosis', 256), 250n * UNITS), bob);
details = (await api.call.claimsApi.claim(id)).unwrap();
if (!details.claim.status.isChallengeable) fail(`after attestation: ${details.claim.status.type}`);
const windowEnds = details.claim.status.asChallengeable.windowEnds.toNumber();
console.log(`attested: challengeable for 250 HUZ until tick ${windowEnds}`);
const before = (await api.query.system.account(dave.address)).data.free.toBigInt();
for (let waited = 0; !details.claim.status.isPaid; waited += 1) {
  if (waited > 120) fail(`not paid after its window: ${details.claim.status.type}`);
  await sleep(1000);
  details = (await api.call.claimsApi.claim(id)).unwrap();
}
const after = (await api.query.system.account(dave.address)).data.free.toBigInt();
if (after - before < 250n * UNITS) fail(`Dave's free balance grew by ${after - before}`);
const stillOpen = await api.call.claimsApi.openClaims(CRITICAL_ILLNESS, null, 10);
if (stillOpen.items.some((item) => item.id.toNumber() === id)) fail('a paid claim is still open');
if (details.prunableFrom.isNone) fail('a paid claim has no pruning block');
if (details.prunableNow.isTrue) fail('a paid claim is prunable before its retention is over');
console.log(`paid at block ${details.claim.status.asPaid.at}, no longer open, prunable from block ${details.prunableFrom.unwrap()}`);

// Governance: Dave is a voter now; Ferdie has no DID; a wallet learns it before signing.
const voter = (await api.call.governanceApi.voter(dave.address)).unwrap();
if (!voter.voter.isTrue) fail(`Dave's standing: ${voter.toString()}`);
const ferdie = keyring.addFromUri('//Ferdie');
if ((await api.call.governanceApi.voter(ferdie.address)).isSome) fail('Ferdie has a DID');
const mayVote = await api.call.governanceApi.mayVote(ferdie.address, 0);
if (!mayVote.isErr || !mayVote.asErr.isNoDid) fail(`may Ferdie vote: ${mayVote.toString()}`);
const duty = await api.call.claimsApi.juryDuty(dave.address, null, 10);
const events = await api.call.claimsApi.indexEvents(1, null, 10);
if (duty.items.length !== 0 || events.items.length !== 0) fail('jury duty or index events on a quiet chain');
console.log(`governanceApi: Dave is DID ${voter.did} and a voter since block ${voter.since.unwrap()}; Ferdie may not vote (${mayVote.asErr.type}); electorate ${await api.call.governanceApi.electorate()}`);
console.log('polkadot-js claims test passed');
await api.disconnect();
process.exit(0);
