#!/usr/bin/env bash
# Regenerates the committed raw chain specs from the runtime's genesis presets:
#   chain-specs/local.json       (local_testnet: 4 validators)
#   chain-specs/testnet-21.json  (testnet_21: 21 validators)
# The integration test `chain_specs` fails when these no longer match what the node produces.
set -euo pipefail
source "$(dirname "$0")/common.sh"
huzhu_ensure_node
mkdir -p "$HUZHU_ROOT/chain-specs"
for pair in "local:local" "testnet_21:testnet-21"; do
	chain="${pair%%:*}"
	file="$HUZHU_ROOT/chain-specs/${pair##*:}.json"
	"$HUZHU_NODE_BIN" build-spec --chain "$chain" --raw --disable-default-bootnode \
		2>/dev/null >"$file.tmp"
	mv "$file.tmp" "$file"
	echo "wrote $file"
done
