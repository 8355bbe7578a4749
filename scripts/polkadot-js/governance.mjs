// Huzhu governance from polkadot-js, through what polkadot-js apps' *Ranked collective* page
// (#/ranked) uses: checks that the calls, storage and constants the page needs exist, lists the
// collective's members and the ongoing referenda with their tallies and recorded votes, casts a
// member's vote with `rankedCollective.vote(poll, aye)` from a keyring account, and prints the
// new tally and the vote record.
//
//   node governance.mjs [--url ws://127.0.0.1:9944] [--account //Charlie]
//                       [--vote aye|nay] [--referendum N] [--list-only]
//
// Without --referendum it votes on the first ongoing referendum. The signer must be a voter: a
// DID covered in a plan that requires the personhood credential (KYC), before the referendum was
// submitted (on a development chain: //Alice and //Charlie). Prints:
//   apps ranked page: tx.rankedCollective.vote tx.rankedPolls.submit ... present
//   <n> collective members, ranks <r,...>
//   <n> ongoing referenda, <m> voter DIDs
//   referendum <index> track <id> (<name>) ayes <n> nays <n> electorate <n> support <x>% approval <y>%
//   recorded <Aye|Nay> of <address> on <index>
// then `voted <vote> on <index> as <address> in block <hash>` (from the collective's `Voted`
// event) and the referendum's lines again. A vote the chain refuses prints
// `refused: <reason>` and exits with status 2; any other failure exits with status 1.
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

if (choice !== 'aye' && choice !== 'nay') fail(`--vote must be aye or nay, not ${choice}`);

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });

// What the apps page needs: its menu entry (`needsApi`) and what it reads.
const needed = [
  ['tx.rankedCollective.vote', api.tx.rankedCollective?.vote],
  ['tx.rankedPolls.submit', api.tx.rankedPolls?.submit],
  ['tx.rankedPolls.placeDecisionDeposit', api.tx.rankedPolls?.placeDecisionDeposit],
  ['query.rankedCollective.members', api.query.rankedCollective?.members],
  ['query.rankedCollective.voting', api.query.rankedCollective?.voting],
  ['query.rankedPolls.referendumInfoFor', api.query.rankedPolls?.referendumInfoFor],
  ['query.rankedPolls.referendumCount', api.query.rankedPolls?.referendumCount],
  ['query.balances.totalIssuance', api.query.balances?.totalIssuance],
  ['consts.rankedPolls.tracks', api.consts.rankedPolls?.tracks],
  ['consts.rankedPolls.submissionDeposit', api.consts.rankedPolls?.submissionDeposit],
];
const missing = needed.filter(([, found]) => found === undefined).map(([name]) => name);
if (missing.length) fail(`apps would not show the ranked page: missing ${missing.join(', ')}`);
console.log(`apps ranked page: ${needed.map(([name]) => name).join(' ')} present`);

// Track names from the `rankedPolls.tracks` constant, as apps shows them.
const trackNames = new Map(api.consts.rankedPolls.tracks.map(([id, info]) => [
  id.toNumber(),
  new TextDecoder().decode(info.name.toU8a(true)).replace(/\0+$/, ''),
]));
const percent = (part, whole) => (whole === 0 ? 0 : (100 * part) / whole).toFixed(1);

// The members as apps lists them: the keys of `members`, then their records' ranks.
const memberIds = (await api.query.rankedCollective.members.keys()).map((key) => key.args[0].toString());
const records = await api.query.rankedCollective.members.multi(memberIds);
const ranks = records.map((record) => record.unwrap().rank.toNumber());
console.log(`${memberIds.length} collective members, ranks ${[...new Set(ranks)].sort().join(',')}`);

// The ongoing referenda, sorted by index. apps treats a tally without `support` as a ranked one
// and reads `ayes` and `nays`.
const ongoing = async (at = api) => {
  const entries = await at.query.rankedPolls.referendumInfoFor.entries();
  return entries
    .filter(([, info]) => info.isSome && info.unwrap().isOngoing)
    .map(([key, info]) => {
      const { track, tally } = info.unwrap().asOngoing;
      if (tally.support !== undefined) fail('the tally has a `support` field: apps would read it as conviction voting');
      return {
        index: key.args[0].toNumber(),
        track: track.toNumber(),
        ayes: tally.ayes.toNumber(),
        nays: tally.nays.toNumber(),
        electorate: tally.electorate.toNumber(),
      };
    })
    .sort((a, b) => a.index - b.index);
};

const describe = ({ index, track, ayes, nays, electorate }) =>
  `referendum ${index} track ${track} (${trackNames.get(track)}) ayes ${ayes} nays ${nays} ` +
  `electorate ${electorate} support ${percent(ayes + nays, Math.max(electorate, ayes + nays))}% ` +
  `approval ${percent(ayes, ayes + nays)}%`;

// The votes recorded on a referendum, as apps reads them: `voting(poll, account)`, Aye(n) or Nay(n).
const recorded = async (index, at = api) => {
  const keys = await at.query.rankedCollective.voting.keys(index);
  const accounts = keys.map((key) => key.args[1].toString());
  const votes = await at.query.rankedCollective.voting.multi(accounts.map((who) => [index, who]));
  return accounts.map((who, i) => {
    const vote = votes[i].unwrap();
    return `recorded ${vote.isAye ? `Aye(${vote.asAye})` : `Nay(${vote.asNay})`} of ${who} on ${index}`;
  });
};

const show = async (referendum, at = api) => {
  console.log(describe(referendum));
  for (const line of await recorded(referendum.index, at)) console.log(line);
};

const referenda = await ongoing();
const voters = (await api.query.huzhuMembership.voterDids()).toNumber();
console.log(`${referenda.length} ongoing referenda, ${voters} voter DIDs`);
for (const referendum of referenda) await show(referendum);
if (listOnly) { await api.disconnect(); process.exit(0); }

const target = wanted === null ? referenda[0] : referenda.find(({ index }) => index === Number(wanted));
if (!target) fail(wanted === null ? 'no ongoing referendum to vote on' : `referendum ${wanted} is not ongoing`);

const signer = new Keyring({ type: 'sr25519' }).addFromUri(account);
const outcome = await new Promise((resolve, reject) => {
  api.tx.rankedCollective.vote(target.index, choice === 'aye').signAndSend(signer, ({ status, events, dispatchError }) => {
    if (!status.isInBlock) return;
    let error = null;
    if (dispatchError) {
      const detail = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
      error = detail ? `${detail.section}.${detail.name}: ${detail.docs.join(' ')}` : dispatchError.toString();
    }
    // apps reads the collective's `Voted` event as [who, poll, ...].
    const voted = events.find(({ event }) => api.events.rankedCollective.Voted.is(event));
    resolve({ blockHash: status.asInBlock, error, voted: voted?.event.data });
  }).catch(reject);
}).catch((e) => ({ refused: e.message }));
if (outcome.refused) {
  console.log(`refused: ${outcome.refused}`);
  await api.disconnect();
  process.exit(2);
}
if (outcome.error) fail(`the vote failed: ${outcome.error}`);
if (!outcome.voted) fail('no rankedCollective.Voted event');
const [who, poll] = outcome.voted;
if (who.toString() !== signer.address || poll.toNumber() !== target.index) {
  fail(`the Voted event names ${who} on ${poll}, not ${signer.address} on ${target.index}`);
}
console.log(`voted ${choice} on ${target.index} as ${signer.address} in block ${outcome.blockHash.toHex()}`);

// The tally and the votes in the block that includes the vote.
const apiAt = await api.at(outcome.blockHash);
const after = (await ongoing(apiAt)).find(({ index }) => index === target.index);
if (!after) {
  console.log(`referendum ${target.index} is no longer ongoing`);
} else {
  await show(after, apiAt);
}
await api.disconnect();
