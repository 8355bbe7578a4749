// polkadot-api (papi) against a Huzhu node, with no code generated for Huzhu: every type comes
// from the metadata the node serves (the "unsafe" API decodes by it at run time).
//
//   node papi.mjs ws://127.0.0.1:9944
//
// It reads a plan (storage), the adjudication clock and a pool's books (runtime APIs), then
// Alice sends Ferdie 3 HUZ in a transaction signed with CheckMetadataHash in mode 1: the signer
// (papi's `withMetadataHash`) merkleizes the node's metadata with the chain's token symbol and
// decimals, as an offline or hardware signer does. The same transfer signed over a wrong
// metadata hash (decimals 10) is refused. Exits non-zero on any failure.
import { createClient, Enum } from "polkadot-api";
import { getWsProvider } from "polkadot-api/ws";
import { getPolkadotSigner, withMetadataHash } from "polkadot-api/signer";
import { AccountId } from "@polkadot-api/substrate-bindings";
import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy } from "@polkadot-labs/hdkd-helpers";

const url = process.argv[2] ?? "ws://127.0.0.1:9944";
const UNITS = 10n ** 12n;

function fail(message) {
  console.error(`papi: ${message}`);
  process.exit(1);
}

// Node 20 has no global WebSocket (22 has): papi then takes the `ws` package's.
const websocketClass = globalThis.WebSocket ?? (await import("ws")).WebSocket;
const client = createClient(getWsProvider(url, { websocketClass }));
const api = client.getUnsafeApi();
const timeout = setTimeout(() => fail("timed out after 120 s"), 120_000);

const spec = await client.getChainSpecData();
const { tokenSymbol, tokenDecimals } = spec.properties;
if (tokenSymbol !== "HUZ" || tokenDecimals !== 12) fail(`unexpected token ${tokenSymbol}/${tokenDecimals}`);
console.log(`chain ${spec.name}, genesis ${spec.genesisHash.slice(0, 10)}…, token ${tokenSymbol} (${tokenDecimals} decimals)`);

// Storage and runtime APIs, decoded by the served metadata.
const plan = await api.query.HuzhuMembership.Plans.getValue(0);
if (!plan) fail("plan 0 is missing");
const name = new TextDecoder().decode(plan.terms.name);
console.log(`plan 0 "${name}": waiting ${plan.terms.waiting_period} blocks, challenge ${plan.terms.challenge_period} blocks, fee ${plan.terms.management_fee / 10_000}%`);
const clock = await api.apis.ClaimsApi.clock();
console.log(`claims clock: tick ${clock.tick}, braked ${clock.braked}, decision period ${clock.params.decision_period} blocks`);
const solvency = await api.apis.PoolApi.plan_solvency(0);
if (!solvency) fail("plan 0 has no books");
console.log(`plan 0 books: reserve ${solvency.reserve / UNITS} HUZ, deposits ${solvency.total_deposits / UNITS} HUZ`);

// Development keys (the public development phrase).
const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
const alice = derive("//Alice");
const ferdie = AccountId().dec(derive("//Ferdie").publicKey);
const raw = getPolkadotSigner(alice.publicKey, "Sr25519", alice.sign);
const signer = withMetadataHash({ tokenSymbol, decimals: tokenDecimals }, raw);
const transfer = api.tx.Balances.transfer_keep_alive({ dest: Enum("Id", ferdie), value: 3n * UNITS });

// A wrong metadata hash: the node computes the real one into the signed payload, so the
// signature does not verify.
const wrong = withMetadataHash({ tokenSymbol, decimals: 10 }, raw);
try {
  await transfer.signAndSubmit(wrong);
  fail("a transaction signed over a wrong metadata hash was accepted");
} catch (error) {
  const reason = String(error.message ?? error).replace(/\s+/g, " ").slice(0, 120);
  console.log(`wrong metadata hash refused: ${reason}`);
}

const before = (await api.query.System.Account.getValue(ferdie)).data.free;
const result = await transfer.signAndSubmit(signer);
if (!result.ok) fail(`the transfer failed: ${JSON.stringify(result.dispatchError)}`);
const event = result.events.find((e) => e.type === "Balances" && e.value.type === "Transfer");
if (!event || event.value.value.amount !== 3n * UNITS) fail("no Balances.Transfer of 3 HUZ");
const after = (await api.query.System.Account.getValue(ferdie, { at: result.block.hash })).data.free;
if (after - before !== 3n * UNITS) fail(`Ferdie's balance moved by ${after - before}`);
console.log(`transfer signed with CheckMetadataHash (mode 1) in block #${result.block.number}: Ferdie +${(after - before) / UNITS} HUZ`);

clearTimeout(timeout);
client.destroy();
console.log("papi test passed");
process.exit(0);
