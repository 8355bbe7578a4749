#!/usr/bin/env bash
# Installs what is missing, builds the node, and starts a single-validator development chain
# (Alice authoring, state thrown away on exit). polkadot-js apps: ws://127.0.0.1:9944.
# Extra arguments go to huzhu-node, e.g. `scripts/run-dev.sh --rpc-port 9955`.
set -euo pipefail
source "$(dirname "$0")/common.sh"
huzhu_build
exec "$HUZHU_NODE_BIN" --dev --rpc-cors all "$@"
