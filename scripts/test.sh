#!/usr/bin/env bash
# Everything CI runs: formatting, the build, every unit test, every integration test against
# the real node binary. Prints METRIC lines (timings, block counts) for the record.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$HUZHU_ROOT"
start=$(date +%s)

huzhu_build  # runs scripts/setup.sh first
cargo fmt --all -- --check
echo "METRIC build_seconds = $(( $(date +%s) - start ))"
echo "METRIC node_binary_bytes = $(stat -c %s "$HUZHU_NODE_BIN")"
wasm=$(ls "$CARGO_TARGET_DIR"/release/wbuild/huzhu-runtime/huzhu_runtime.compact.compressed.wasm)
echo "METRIC runtime_compact_compressed_wasm_bytes = $(stat -c %s "$wasm")"

# Both test runs select the whole workspace, so cargo resolves the same features as the build
# above and reuses its artifacts (a narrower selection would rebuild the runtime).
# Unit tests of every crate (same release profile as the node: no second dependency build).
cargo test --release --locked --workspace --lib

# The pallets' benchmarks, each run once as a test on its pallet's mock with its assertions
# (`impl_benchmark_test_suite!`): a native build of the FRAME crates with `runtime-benchmarks`,
# the rest reused (44 s warm, 124 s without those crates built).
bench_start=$(date +%s)
cargo test --release --locked -p pallet-huzhu-membership -p pallet-huzhu-pool -p pallet-huzhu-claims \
	-p pallet-huzhu-elections -p pallet-huzhu-governance --features runtime-benchmarks --lib
echo "METRIC benchmark_tests_seconds = $(( $(date +%s) - bench_start ))"

# The runtime the governance test upgrades to (its own target directory; warm after the first run).
upgrade_wasm="$(huzhu_upgrade_runtime)"
echo "METRIC upgrade_runtime_built_seconds = $(( $(date +%s) - start ))"

# Clippy and rustdoc (warnings are errors: a lint, a broken intra-doc link) over the runtime's
# crates, reusing the dependencies the upgrade runtime's `cargo check` just checked.
lint_start=$(date +%s)
huzhu_lint_runtime
echo "METRIC lint_seconds = $(( $(date +%s) - lint_start ))"

# Integration tests: real nodes on loopback, three tests at a time: they mostly wait for blocks,
# so even a 2-core machine runs three (1 053 s here against 1 515 s two at a time).
HUZHU_NODE="$HUZHU_NODE_BIN" HUZHU_UPGRADE_WASM="$upgrade_wasm" cargo test --release --locked --workspace --test integration \
	-- --test-threads=3 --nocapture

# The 21-validator network (22 nodes) takes the whole machine: alone, after the rest.
HUZHU_NODE="$HUZHU_NODE_BIN" cargo test --release --locked --workspace --test integration \
	-- --ignored seats21 --test-threads=1 --nocapture

echo "METRIC test_sh_seconds = $(( $(date +%s) - start ))"
