#!/usr/bin/env bash
# Measures what a claim payout costs in a plan with 10 covered members and in one with 100 000:
# runs the pool's `force_payout(m)` benchmark (m = 10 and m = 100 000) through the node's
# `benchmark pallet` command and prints, for each m, the median extrinsic time and the storage
# reads and writes. The payout touches only the plan's books, so the numbers match.
#   scripts/bench-payout-scaling.sh            (REPEAT=20 by default)
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$HUZHU_ROOT"

huzhu_ensure_node
wasm="$(huzhu_bench_runtime)"
json="$(mktemp --suffix=.json)"
trap 'rm -f "$json"' EXIT

"$HUZHU_NODE_BIN" benchmark pallet --runtime "$wasm" --genesis-builder=runtime \
	--genesis-builder-preset development --pallet pallet_huzhu_pool --extrinsic force_payout \
	--steps 2 --repeat "${REPEAT:-20}" --json-file "$json" >&2

node - "$json" <<'JS'
const [batch] = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const byMembers = new Map();
for (const result of batch.db_results) {
  const m = result.components.find(([name]) => name === 'm')?.[1];
  if (!byMembers.has(m)) byMembers.set(m, { times: [], reads: result.reads, writes: result.writes });
  byMembers.get(m).times.push(result.extrinsic_time);
}
for (const [m, { times, reads, writes }] of [...byMembers].sort((a, b) => a[0] - b[0])) {
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] / 1000;
  console.log(`METRIC payout_members_${m}_median_us = ${median.toFixed(1)}`);
  console.log(`METRIC payout_members_${m}_db_reads = ${reads}`);
  console.log(`METRIC payout_members_${m}_db_writes = ${writes}`);
}
JS
