// Follows a Huzhu chain with the smoldot light client, from nothing but its chain spec:
//   node light-client.mjs <chain-spec.json> [finalized blocks to see, default 3] [bootnode]
// smoldot reads the genesis and the bootnodes from the spec (a bootnode given on the command
// line replaces them), connects over libp2p, syncs with GRANDPA warp sync and prints each block
// it sees finalized, through the JSON-RPC a wallet uses (`chain_subscribeFinalizedHeads`). It
// then reads the chain's name and a storage value as a light client proves them. Exits non-zero
// if it sees nothing finalized within two minutes.
import { readFileSync } from 'node:fs';
import * as smoldot from 'smoldot';

const [specPath, wanted = '3', bootnode] = process.argv.slice(2);
if (!specPath) {
  console.error('usage: node light-client.mjs <chain-spec.json> [finalized blocks] [bootnode]');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
if (bootnode) spec.bootNodes = [bootnode];
if (!spec.bootNodes?.length) {
  console.error(`FAIL ${specPath} lists no bootnodes`);
  process.exit(1);
}
const timer = setTimeout(() => { console.error('FAIL nothing finalized within two minutes'); process.exit(1); }, 120_000);

const client = smoldot.start({ maxLogLevel: 2 });
const chain = await client.addChain({ chainSpec: JSON.stringify(spec) });
let nextId = 1;
const pending = new Map();
const notifications = [];
let wake = null;
// One reader of smoldot's responses: replies go to their request, notifications to a queue.
(async () => {
  for (;;) {
    const message = JSON.parse(await chain.nextJsonRpcResponse());
    if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    } else if (message.params) {
      notifications.push(message.params.result);
      wake?.();
    }
  }
})().catch(() => {});
const request = (method, params = []) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, (message) => (message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result)));
  chain.sendJsonRpc(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
});
const nextNotification = async () => {
  while (notifications.length === 0) await new Promise((resolve) => { wake = resolve; });
  return notifications.shift();
};

console.log(`light client: ${spec.name} (${spec.id}) from ${specPath}, bootnodes ${spec.bootNodes.join(', ')}`);
await request('chain_subscribeFinalizedHeads');
const seen = new Set();
let last = null;
while (seen.size < Number(wanted)) {
  const header = await nextNotification();
  const number = parseInt(header.number, 16);
  if (!seen.has(number)) {
    seen.add(number);
    last = number;
    console.log(`finalized #${number} (state root ${header.stateRoot.slice(0, 18)}…)`);
  }
}
const name = await request('system_chain');
// System.Number (twox128("System") ++ twox128("Number")), proven against the finalized state.
const numberKey = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac';
const stored = await request('state_getStorage', [numberKey]);
console.log(`light client followed ${name}: ${seen.size} finalized blocks, last #${last}; System.Number read ${stored}`);
console.log('light client test passed');
clearTimeout(timer);
client.terminate();
process.exit(0);
