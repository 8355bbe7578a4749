#!/usr/bin/env bash
# Regenerates the committed raw chain specs from the runtime's genesis presets:
#   chain-specs/local.json       (local_testnet: 4 validators)
#   chain-specs/testnet-21.json  (testnet_21: 21 validators)
#   chain-specs/mainnet-template.json  (mainnet_template: production-shaped, placeholder keys)
# and prints the blake2-256 hash of their runtime blob (`:code`), which the README lists.
# The integration test `chain_specs` fails when these no longer match, byte for byte, what the
# node built from this checkout produces (the blob is reproducible: see runtime/build.rs).
set -euo pipefail
source "$(dirname "$0")/common.sh"
huzhu_ensure_node
mkdir -p "$HUZHU_ROOT/chain-specs"
for pair in "local:local" "testnet_21:testnet-21" "mainnet_template:mainnet-template"; do
	chain="${pair%%:*}"
	file="$HUZHU_ROOT/chain-specs/${pair##*:}.json"
	"$HUZHU_NODE_BIN" build-spec --chain "$chain" --raw --disable-default-bootnode \
		2>/dev/null >"$file.tmp"
	mv "$file.tmp" "$file"
	echo "wrote $file"
done

# The blob in the specs is the node's embedded runtime, the wasm-builder's compressed output:
# check that, then hash the file (blake2b with a 32-byte digest is Substrate's blake2_256).
wasm="$CARGO_TARGET_DIR/release/wbuild/huzhu-runtime/huzhu_runtime.compact.compressed.wasm"
code_hex=$(grep -o '"0x3a636f6465": *"0x[0-9a-f]*"' "$HUZHU_ROOT/chain-specs/local.json" |
	sed 's/.*"0x\([0-9a-f]*\)"$/\1/')
if [ "$code_hex" != "$(od -An -v -tx1 "$wasm" | tr -d ' \n')" ]; then
	echo "the specs' :code is not $wasm: rebuild the node (cargo build --release) and run again" >&2
	exit 1
fi
echo "runtime blob: $(stat -c %s "$wasm") bytes, blake2-256 0x$(b2sum -l 256 "$wasm" | cut -d' ' -f1)"
