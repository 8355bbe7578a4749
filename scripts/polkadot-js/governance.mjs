// Huzhu governance from polkadot-js: lists the ongoing referenda with their member tallies,
// casts a member vote (one DID, one vote) from a keyring account, and prints the new tally.
//
//   node governance.mjs [--url ws://127.0.0.1:9944] [--account //Charlie]
//                       [--vote aye|nay|abstain] [--referendum N] [--list-only]
//
// Without --referendum it votes on the first ongoing referendum. The signer must control a DID
// that is an active member of a plan (on a development chain: the founding members //Alice and
// //Charlie, or anyone who joined a plan). Prints one line per referendum:
//   referendum <index> track <id> (<name>) ayes <n> nays <n> abstains <n> support <x>% approval <y>%
// then `voted <vote> on <index> as <address> (DID <did>) in block <hash>` and the referendum's
// line again. Exits non-zero on any failure (a dispatch error is printed with its docs).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const url = option('url', 'ws://127.0.0.1:9944');
const account = option('account', '//Charlie');
const choice = option('vote', 'aye').toLowerCase();
const wanted = option('referendum', null);
const listOnly = args.includes('--list-only');
const fail = (message) => { console.error(`FAIL ${message}`); process.exit(1); };

const votes = { aye: 'Aye', nay: 'Nay', abstain: 'Abstain' };
if (!votes[choice]) fail(`--vote must be aye, nay or abstain, not ${choice}`);

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });

// Track names from the `referenda.tracks` constant.
const trackNames = new Map(api.consts.referenda.tracks.map(([id, info]) => [
  id.toNumber(),
  new TextDecoder().decode(info.name.toU8a(true)).replace(/\0+$/, ''),
]));
// The electorate of the support ratio: DIDs covered in a plan that requires the personhood credential.
const electorate = async (at = api) => (await at.query.membership.voterDids()).toNumber();
const percent = (part, whole) => (whole === 0 ? 0 : (100 * part) / whole).toFixed(1);

// The ongoing referenda, sorted by index: { index, track, ayes, nays, abstains }.
const ongoing = async (at = api) => {
  const entries = await at.query.referenda.referendumInfoFor.entries();
  return entries
    .filter(([, info]) => info.isSome && info.unwrap().isOngoing)
    .map(([key, info]) => {
      const status = info.unwrap().asOngoing;
      return {
        index: key.args[0].toNumber(),
        track: status.track.toNumber(),
        ayes: status.tally.ayes.toNumber(),
        nays: status.tally.nays.toNumber(),
        abstains: status.tally.abstains.toNumber(),
      };
    })
    .sort((a, b) => a.index - b.index);
};

const describe = (referendum, members) => {
  const { index, track, ayes, nays, abstains } = referendum;
  return `referendum ${index} track ${track} (${trackNames.get(track)}) ayes ${ayes} nays ${nays} ` +
    `abstains ${abstains} support ${percent(ayes + nays + abstains, Math.max(members, ayes + nays + abstains))}% ` +
    `approval ${percent(ayes, ayes + nays)}%`;
};

const members = await electorate();
const referenda = await ongoing();
console.log(`${referenda.length} ongoing referenda, ${members} voter DIDs`);
for (const referendum of referenda) console.log(describe(referendum, members));
if (listOnly) { await api.disconnect(); process.exit(0); }

const target = wanted === null ? referenda[0] : referenda.find(({ index }) => index === Number(wanted));
if (!target) fail(wanted === null ? 'no ongoing referendum to vote on' : `referendum ${wanted} is not ongoing`);

const signer = new Keyring({ type: 'sr25519' }).addFromUri(account);
const did = await api.query.membership.didOf(signer.address);
if (did.isNone) fail(`${account} controls no DID`);

const { blockHash, error } = await new Promise((resolve, reject) => {
  api.tx.governance.vote(target.index, votes[choice]).signAndSend(signer, ({ status, dispatchError }) => {
    if (!status.isInBlock) return;
    let error = null;
    if (dispatchError) {
      const detail = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
      error = detail ? `${detail.section}.${detail.name}: ${detail.docs.join(' ')}` : dispatchError.toString();
    }
    resolve({ blockHash: status.asInBlock, error });
  }).catch(reject);
}).catch((e) => fail(e.message));
if (error) fail(`the vote failed: ${error}`);
console.log(`voted ${choice} on ${target.index} as ${signer.address} (DID ${did.unwrap().toString()}) in block ${blockHash.toHex()}`);

// The tally in the block that includes the vote.
const apiAt = await api.at(blockHash);
const after = (await ongoing(apiAt)).find(({ index }) => index === target.index);
if (!after) {
  console.log(`referendum ${target.index} is no longer ongoing`);
} else {
  console.log(describe(after, await electorate(apiAt)));
}
await api.disconnect();
