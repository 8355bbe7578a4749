// polkadot-js smoke test against a running Huzhu node:
//   node smoke.mjs [ws://127.0.0.1:9944]
// Connects with @polkadot/api (metadata decoded from the node), checks the chain's token
// properties, submits a balance transfer signed by //Alice, waits for it in a block, and checks
// the `balances.Transfer` event and both balances; then uses the membership pallet as a wallet
// would: creates a DID for //Ferdie with a service endpoint, reads it back from storage and
// through the `MembershipApi` runtime API, and reads the genesis plans and the calls' docs; and
// reads the session and era progress as the apps Staking page does (from BABE).
// Exits non-zero on any failure.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const fail = (message) => { console.error(`FAIL ${message}`); process.exit(1); };

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const [chain, version, properties] = await Promise.all([
  api.rpc.system.chain(), api.rpc.state.getRuntimeVersion(), api.rpc.system.properties(),
]);
console.log(`connected to ${chain}, runtime ${version.specName} v${version.specVersion.toNumber()}`);
console.log(`metadata: ${api.runtimeMetadata.version === undefined ? '?' : 'v' + api.runtimeMetadata.version}, ${api.runtimeMetadata.asLatest.pallets.length} pallets`);
if (properties.tokenSymbol.unwrap()[0].toString() !== 'HUZ') fail('token symbol is not HUZ');
if (properties.tokenDecimals.unwrap()[0].toNumber() !== 12) fail('token decimals are not 12');

const keyring = new Keyring({ type: 'sr25519' });
const alice = keyring.addFromUri('//Alice');
const bob = keyring.addFromUri('//Bob');
const amount = 1_234_567_890_123n;
const before = (await api.query.system.account(bob.address)).data.free.toBigInt();

// Signs and sends `tx`, resolving with the block it is in, its events and its dispatch error
// (decoded with the pallet's error docs, as apps shows them), if any.
const submit = (tx, signer) => new Promise((resolve, reject) => {
  tx.signAndSend(signer, ({ status, events, dispatchError }) => {
    if (!status.isInBlock) return;
    let error = null;
    if (dispatchError) {
      const detail = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
      error = detail ? `${detail.section}.${detail.name}: ${detail.docs.join(' ')}` : dispatchError.toString();
    }
    resolve({ blockHash: status.asInBlock, events, error });
  }).catch(reject);
}).catch((error) => fail(error.message));
// `submit`, failing the test on a dispatch error.
const send = async (tx, signer) => {
  const result = await submit(tx, signer);
  if (result.error) fail(`dispatch error: ${result.error}`);
  return result;
};

const { blockHash, events } = await send(api.tx.balances.transferKeepAlive(bob.address, amount), alice);

const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
if (!transfer) fail('no balances.Transfer event');
const [from, to, value] = transfer.event.data;
if (from.toString() !== alice.address || to.toString() !== bob.address || value.toBigInt() !== amount) {
  fail(`unexpected Transfer event ${transfer.event.data.toString()}`);
}
const apiAt = await api.at(blockHash);
const after = (await apiAt.query.system.account(bob.address)).data.free.toBigInt();
if (after - before !== amount) fail(`Bob's balance grew by ${after - before}, not ${amount}`);
console.log(`transfer of ${amount} included in ${blockHash.toHex()}; Bob ${before} -> ${after}`);

// Membership: a DID for Ferdie, with a service endpoint, in one batch-free sequence.
const ferdie = keyring.addFromUri('//Ferdie');
const created = await send(api.tx.huzhuMembership.createDid({ Sr25519: ferdie.publicKey }), ferdie);
const didCreated = created.events.find(({ event }) => api.events.huzhuMembership.DidCreated.is(event));
if (!didCreated) fail('no membership.DidCreated event');
const did = didCreated.event.data.did.toBigInt();
await send(api.tx.huzhuMembership.addServiceEndpoint('LinkedDomains', 'https://ferdie.example'), ferdie);
const didOf = await api.query.huzhuMembership.didOf(ferdie.address);
if (didOf.unwrap().toBigInt() !== did) fail(`didOf(Ferdie) is ${didOf.toString()}, not ${did}`);
const document = await api.call.membershipApi.resolveDid(did);
if (document.isNone) fail('MembershipApi.resolve_did found no document');
const { uri, record, services } = document.unwrap();
if (uri.toUtf8() !== `did:huzhu:${did}`) fail(`DID URI is ${uri.toUtf8()}`);
if (record.controller.toString() !== ferdie.address) fail('DID controller is not Ferdie');
if (services.length !== 1 || services[0][1].toUtf8() !== 'https://ferdie.example') fail(`services: ${services.toString()}`);
const plan = (await api.query.huzhuMembership.plans(0)).unwrap();
if (plan.terms.name.toUtf8() !== 'Critical illness') fail(`plan 0 is ${plan.terms.name.toUtf8()}`);
const undocumented = Object.entries(api.tx.huzhuMembership).filter(([, tx]) => tx.meta.docs.length === 0);
if (undocumented.length > 0) fail(`calls without docs: ${undocumented.map(([name]) => name)}`);
if (api.errors.huzhuMembership.NoDid.meta.docs.length === 0) fail('membership errors carry no docs');
console.log(`membership: ${uri.toUtf8()} controlled by Ferdie, ${services.length} service endpoint; plan 0 "${plan.terms.name.toUtf8()}", ${Object.keys(api.tx.huzhuMembership).length} documented calls`);

// Claims: a weather oracle's reading (a struct key, an i64 value) for the last ended rainfall
// period, and a claims error as apps decodes it. The station //Oracle3 has no stake in the
// drought plan (Charlie, one of its founders, may not report on its regions).
const station = keyring.addFromUri('//Oracle3');
let best = (await api.rpc.chain.getHeader()).number.toNumber();
while (best < 10) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  best = (await api.rpc.chain.getHeader()).number.toNumber();
}
const key = { region: 110101, period: Math.floor(best / 10) - 1, metric: 0 };
const reading = await send(api.tx.claims.submitReading(key, 250), station);
if (!reading.events.find(({ event }) => api.events.claims.ReadingSubmitted.is(event))) fail('no claims.ReadingSubmitted event');
const operators = await api.query.claims.oracleOperators();
if (!operators.some((operator) => operator.toString() === station.address)) fail('Oracle3 is not an oracle operator');
const refused = await submit(api.tx.claims.fileClaim(0, 1_000_000_000_000n, `0x${'ab'.repeat(32)}`), ferdie);
if (!refused.error?.startsWith('claims.NotCovered: ')) fail(`filing without cover gave ${refused.error}`);
const undocumentedClaims = Object.entries(api.tx.claims).filter(([, tx]) => tx.meta.docs.length === 0);
if (undocumentedClaims.length > 0) fail(`claims calls without docs: ${undocumentedClaims.map(([name]) => name)}`);
console.log(`claims: reading of period ${key.period} by Oracle3; "${refused.error}"; ${Object.keys(api.tx.claims).length} documented calls`);

// Elections: the ranking runtime API as a voter reads it.
const ranking = await api.call.electionsApi.ranking();
if (ranking.length !== 1 || ranking[0].candidate.toString() !== alice.address || !ranking[0].wouldBeElected.isTrue) {
  fail(`ranking: ${ranking.toString()}`);
}
console.log(`elections: Alice ranked first with ${ranking[0].totalBacking.toString()} backing from ${ranking[0].voters.toNumber()} voter(s)`);
// The Staking page's session and era progress, which polkadot-js derives from BABE's storage.
const progress = await api.derive.session.progress();
if (!progress.isEpoch) fail('session progress: no BABE');
const sessionLength = progress.sessionLength.toNumber();
const sessionProgress = progress.sessionProgress.toNumber();
if (sessionLength !== 10 || sessionProgress < 0 || sessionProgress >= sessionLength) {
  fail(`session progress ${sessionProgress}/${sessionLength}`);
}
// An era is a day: 1 440 one-minute sessions.
if (progress.eraLength.toNumber() !== 1440 * sessionLength) fail(`era length ${progress.eraLength}`);
console.log(`session: ${sessionProgress}/${sessionLength} slots, era ${progress.eraProgress}/${progress.eraLength}`);
console.log('polkadot-js smoke test passed');
await api.disconnect();
process.exit(0);
