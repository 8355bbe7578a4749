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
# of the wasm); the normal release node then executes that wasm (`--runtime`).
# Not part of CI: it is a second runtime build. Rerun it after changing a call or a benchmark.
# STEPS/REPEAT override the sampling (defaults 50/20, FRAME's usual values).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$HUZHU_ROOT"

bench_target="${HUZHU_BENCH_TARGET_DIR:-$HOME/.cache/huzhu-target-bench}"
steps="${STEPS:-50}"
repeat="${REPEAT:-20}"

huzhu_ensure_node
echo "building the benchmark runtime in $bench_target"
CARGO_TARGET_DIR="$bench_target" cargo check --release --locked -p huzhu-runtime \
	--features runtime-benchmarks,metadata-hash
wasm="$bench_target/release/wbuild/huzhu-runtime/huzhu_runtime.compact.compressed.wasm"

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
	echo "benchmarking pallet_huzhu_$name -> $out"
	bench --pallet "pallet_huzhu_$name" --extrinsic '*' --steps "$steps" --repeat "$repeat" \
		--template scripts/weight-template.hbs --output "$out"
done
