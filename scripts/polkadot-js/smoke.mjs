// polkadot-js smoke test against a running Huzhu node:
//   node smoke.mjs [ws://127.0.0.1:9944]
// Connects with @polkadot/api (metadata decoded from the node), checks the chain's token
// properties, submits a balance transfer signed by //Alice, waits for it in a block, and checks
// the `balances.Transfer` event and both balances. Exits non-zero on any failure.
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

const { blockHash, events } = await new Promise((resolve, reject) => {
  api.tx.balances.transferKeepAlive(bob.address, amount)
    .signAndSend(alice, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(`dispatch error: ${dispatchError.toString()}`));
      if (status.isInBlock) resolve({ blockHash: status.asInBlock, events });
    })
    .catch(reject);
}).catch((error) => fail(error.message));

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
console.log('polkadot-js smoke test passed');
await api.disconnect();
process.exit(0);
