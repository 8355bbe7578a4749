#!/usr/bin/env bash
# Regenerates the weights of Huzhu's pallets by running their frame-benchmarking v2
# benchmarks through the node's `benchmark pallet` command.
#
#   scripts/benchmark.sh                 every Huzhu pallet (pallets/*/src/weights.rs)
#   scripts/benchmark.sh membership      one pallet
#   scripts/benchmark.sh --list          what the benchmark runtime contains
#
# The benchmarks are compiled into a runtime built with `--features runtime-benchmarks`. That
# runtime is built in its own target directory ($HUZHU_BENCH_TARGET_DIR): the wasm builder keeps
# one output per target directory, and sharing it would let a benchmark runtime end up inside
# the normal node. Only the runtime is built there (`cargo check` of the host side, a real build
# of the wasm); the normal release node then executes that wasm (`--runtime`). Build that node
# from the same sources first (`cargo build --release`): seen here, a node built before a storage
# type changed left the benchmarks reading genesis values they could not decode ("Corrupted
# state").
# Not part of CI: it is a second runtime build. Rerun it after changing a call or a benchmark.
# STEPS/REPEAT override the sampling (defaults 50/20, FRAME's usual values; the pool pallet
# defaults to 2 steps: its payout benchmark sets up plans of 10 and of 100 000 members, and the
# elections pallet to 10: its election benchmark bonds up to 2 000 voters per sample; the
# weights are linear in their components).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$HUZHU_ROOT"

steps="${STEPS:-50}"
repeat="${REPEAT:-20}"

huzhu_ensure_node
wasm="$(huzhu_bench_runtime)"

bench() {
	"$HUZHU_NODE_BIN" benchmark pallet --runtime "$wasm" --genesis-builder=runtime \
		--genesis-builder-preset development "$@"
}

if [ "${1:-}" = "--list" ]; then
	bench --list=all
	exit 0
fi

if [ "$#" -gt 0 ]; then
	pallets=("$@")
else
	pallets=()
	for weights in pallets/*/src/weights.rs; do
		[ -e "$weights" ] || continue
		pallets+=("$(basename "$(dirname "$(dirname "$weights")")")")
	done
fi

for name in "${pallets[@]}"; do
	out="pallets/$name/src/weights.rs"
	pallet_steps="$steps"
	if [ "$name" = pool ] && [ -z "${STEPS:-}" ]; then pallet_steps=2; fi
	if [ "$name" = elections ] && [ -z "${STEPS:-}" ]; then pallet_steps=10; fi
	echo "benchmarking pallet_huzhu_$name -> $out"
	bench --pallet "pallet_huzhu_$name" --extrinsic '*' --steps "$pallet_steps" --repeat "$repeat" \
		--template scripts/weight-template.hbs --output "$out"
done
