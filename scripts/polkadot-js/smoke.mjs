// polkadot-js smoke test against a running Huzhu node:
//   node smoke.mjs [ws://127.0.0.1:9944]
// Connects with @polkadot/api (metadata decoded from the node), checks the chain's token
// properties, submits a balance transfer signed by //Alice, waits for it in a block, and checks
// the `balances.Transfer` event and both balances; then uses the membership pallet as a wallet
// would: creates a DID for //Ferdie with a service endpoint, reads it back from storage and
// through the `MembershipApi` runtime API, and reads the genesis plans and the calls' docs.
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

// Signs and sends `tx`, resolving with the block it is in and its events; fails on a dispatch
// error (decoded with the pallet's error docs, as apps shows them).
const send = (tx, signer) => new Promise((resolve, reject) => {
  tx.signAndSend(signer, ({ status, events, dispatchError }) => {
    if (dispatchError) {
      const detail = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
      reject(new Error(`dispatch error: ${detail ? `${detail.section}.${detail.name}: ${detail.docs.join(' ')}` : dispatchError.toString()}`));
    }
    if (status.isInBlock) resolve({ blockHash: status.asInBlock, events });
  }).catch(reject);
}).catch((error) => fail(error.message));

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
const created = await send(api.tx.membership.createDid({ Sr25519: ferdie.publicKey }), ferdie);
const didCreated = created.events.find(({ event }) => api.events.membership.DidCreated.is(event));
if (!didCreated) fail('no membership.DidCreated event');
const did = didCreated.event.data.did.toBigInt();
await send(api.tx.membership.addServiceEndpoint('LinkedDomains', 'https://ferdie.example'), ferdie);
const didOf = await api.query.membership.didOf(ferdie.address);
if (didOf.unwrap().toBigInt() !== did) fail(`didOf(Ferdie) is ${didOf.toString()}, not ${did}`);
const document = await api.call.membershipApi.resolveDid(did);
if (document.isNone) fail('MembershipApi.resolve_did found no document');
const { uri, record, services } = document.unwrap();
if (uri.toUtf8() !== `did:huzhu:${did}`) fail(`DID URI is ${uri.toUtf8()}`);
if (record.controller.toString() !== ferdie.address) fail('DID controller is not Ferdie');
if (services.length !== 1 || services[0][1].toUtf8() !== 'https://ferdie.example') fail(`services: ${services.toString()}`);
const plan = (await api.query.membership.plans(0)).unwrap();
if (plan.terms.name.toUtf8() !== 'Critical illness') fail(`plan 0 is ${plan.terms.name.toUtf8()}`);
const undocumented = Object.entries(api.tx.membership).filter(([, tx]) => tx.meta.docs.length === 0);
if (undocumented.length > 0) fail(`calls without docs: ${undocumented.map(([name]) => name)}`);
if (api.errors.membership.NoDid.meta.docs.length === 0) fail('membership errors carry no docs');
console.log(`membership: ${uri.toUtf8()} controlled by Ferdie, ${services.length} service endpoint; plan 0 "${plan.terms.name.toUtf8()}", ${Object.keys(api.tx.membership).length} documented calls`);
console.log('polkadot-js smoke test passed');
await api.disconnect();
process.exit(0);
