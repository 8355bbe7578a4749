# Shared by the scripts: paths, the one build command, the node binary.
# shellcheck shell=bash

HUZHU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One target directory outside the checkout, shared by every clone, session and CI run.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/huzhu-target}"
HUZHU_NODE_BIN="${HUZHU_NODE:-$CARGO_TARGET_DIR/release/huzhu-node}"

# Builds the node and every test target in one cargo invocation, so that the node, the unit
# tests and the integration tests share one feature resolution and one set of artifacts.
huzhu_build() {
	"$HUZHU_ROOT/scripts/setup.sh"
	(cd "$HUZHU_ROOT" && cargo build --release --locked --workspace --all-targets)
}

# Builds only if the node binary is missing.
huzhu_ensure_node() {
	if [ ! -x "$HUZHU_NODE_BIN" ]; then
		huzhu_build
	fi
}

# Builds the runtime with `--features runtime-benchmarks` in its own target directory (the wasm
# builder keeps one output per target directory: sharing it would let a benchmark runtime end up
# inside the normal node) and prints the path of its wasm. Only the wasm is really built: the
# host side is `cargo check`ed.
huzhu_bench_runtime() {
	local bench_target="${HUZHU_BENCH_TARGET_DIR:-$HOME/.cache/huzhu-target-bench}"
	echo "building the benchmark runtime in $bench_target" >&2
	(cd "$HUZHU_ROOT" && CARGO_TARGET_DIR="$bench_target" cargo check --release --locked \
		-p huzhu-runtime --features runtime-benchmarks,metadata-hash >&2) || return 1
	echo "$bench_target/release/wbuild/huzhu-runtime/huzhu_runtime.compact.compressed.wasm"
}

# Builds the runtime with `--features next-spec-version,try-runtime` (the same runtime,
# `spec_version` + 1, with the migrations' checks and `TryRuntime_*` API: what the runtime-upgrade
# referenda of the governance and upgrade node tests enact, the latter calling
# `TryRuntime_on_runtime_upgrade` on the node) in its own target directory, for the same reason
# as the benchmark runtime, and prints the path of its wasm.
huzhu_upgrade_runtime() {
	local upgrade_target="${HUZHU_UPGRADE_TARGET_DIR:-$HOME/.cache/huzhu-target-upgrade}"
	echo "building the next-spec-version runtime in $upgrade_target" >&2
	(cd "$HUZHU_ROOT" && CARGO_TARGET_DIR="$upgrade_target" cargo check --release --locked \
		-p huzhu-runtime --features next-spec-version,metadata-hash,try-runtime >&2) || return 1
	echo "$upgrade_target/release/wbuild/huzhu-runtime/huzhu_runtime.compact.compressed.wasm"
}

# Lints and documents the crates of the runtime (primitives, pallets, runtime) in the upgrade
# runtime's target directory, whose `cargo check` of the same dependencies it reuses: only these
# crates are checked again, through clippy-driver and rustdoc (and FRAME once more with
# `runtime-benchmarks`, for the pallets' benchmarks). Warnings are errors, so a clippy lint or a
# broken intra-doc link fails. The node and test crates are not linted here: their client
# dependencies are checked nowhere else, which would cost a second full build.
huzhu_lint_runtime() {
	local upgrade_target="${HUZHU_UPGRADE_TARGET_DIR:-$HOME/.cache/huzhu-target-upgrade}"
	local pallets=(-p pallet-huzhu-membership -p pallet-huzhu-pool -p pallet-huzhu-claims
		-p pallet-huzhu-elections -p pallet-huzhu-governance)
	local crates=(-p huzhu-primitives "${pallets[@]}" -p huzhu-runtime)
	(cd "$HUZHU_ROOT" && SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$upgrade_target" cargo clippy \
		--release --locked --all-targets "${crates[@]}" \
		--features huzhu-runtime/next-spec-version,huzhu-runtime/metadata-hash,huzhu-runtime/try-runtime \
		-- -D warnings) || return 1
	# The pallets' benchmarks and their test suites, linted with their feature (scripts/test.sh
	# runs the suites; the node's `benchmark pallet` measures them, scripts/benchmark.sh).
	(cd "$HUZHU_ROOT" && SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$upgrade_target" cargo clippy \
		--release --locked --all-targets "${pallets[@]}" --features runtime-benchmarks \
		-- -D warnings) || return 1
	(cd "$HUZHU_ROOT" && SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$upgrade_target" RUSTDOCFLAGS="-D warnings" \
		cargo doc --release --locked --no-deps "${crates[@]}" \
		--features huzhu-runtime/next-spec-version,huzhu-runtime/metadata-hash,huzhu-runtime/try-runtime) || return 1
}
