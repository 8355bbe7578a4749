#!/usr/bin/env bash
# Starts a local network of N validators (1 ≤ N ≤ 21, default 4) on loopback ports.
#
#   scripts/run-local-net.sh [N] [--detach]
#
# Validator i (0-based) is Alice, Bob, Charlie, Dave, Eve, Ferdie, then Validator07 … Validator21;
# its BABE (sr25519) and GRANDPA (ed25519) keys are derived from `//<name>` and inserted into its
# keystore. Node i listens on p2p port P2P_BASE+i and JSON-RPC port RPC_BASE+i (defaults 30333 and
# 9944: polkadot-js apps connects to ws://127.0.0.1:9944). The chain is the committed
# chain-specs/local.json for N=4, chain-specs/testnet-21.json for N=21, else the `testnet_N`
# preset. Alice's node has the public development node key whose address (p2p port 30333) the
# specs list as their bootnode, so a light client given the spec finds the network (README,
# "Following a chain with a light client"). The script waits until blocks are finalized, prints
# the ports, and then keeps the network running until Ctrl-C — or, with --detach, leaves it
# running and prints how to stop it.
#
# Environment: HUZHU_NET_DIR (default /tmp/huzhu-local-net), RPC_BASE, P2P_BASE.
set -euo pipefail
source "$(dirname "$0")/common.sh"

count=4
detach=0
for arg in "$@"; do
	case "$arg" in
		--detach) detach=1 ;;
		*[!0-9]*|"") echo "usage: $0 [N] [--detach]" >&2; exit 2 ;;
		*) count="$arg" ;;
	esac
done
if [ "$count" -lt 1 ] || [ "$count" -gt 21 ]; then
	echo "N must be between 1 and 21" >&2
	exit 2
fi

net_dir="${HUZHU_NET_DIR:-/tmp/huzhu-local-net}"
rpc_base="${RPC_BASE:-9944}"
p2p_base="${P2P_BASE:-30333}"
huzhu_ensure_node
node="$HUZHU_NODE_BIN"

if [ -f "$net_dir/pids" ]; then
	while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$net_dir/pids"
fi
rm -rf "$net_dir"
mkdir -p "$net_dir"

case "$count" in
	4) spec="$HUZHU_ROOT/chain-specs/local.json" ;;
	21) spec="$HUZHU_ROOT/chain-specs/testnet-21.json" ;;
	*) spec="$net_dir/testnet_$count.json"
	   "$node" build-spec --chain "testnet_$count" --raw --disable-default-bootnode \
		   2>/dev/null >"$spec" ;;
esac

validator_name() {
	local names=(Alice Bob Charlie Dave Eve Ferdie)
	if [ "$1" -lt 6 ]; then echo "${names[$1]}"; else printf 'Validator%02d' "$(( $1 + 1 ))"; fi
}

rpc() { # rpc PORT METHOD [PARAMS-JSON] -> the JSON-RPC response
	curl -s -m 5 -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":[${3:-}]}" \
		"http://127.0.0.1:$1" || true
}

bootnode=""
: >"$net_dir/pids"
for i in $(seq 0 $(( count - 1 ))); do
	name=$(validator_name "$i")
	base="$net_dir/node$i"
	mkdir -p "$base"
	"$node" key insert --base-path "$base" --chain "$spec" --scheme sr25519 \
		--suri "//$name" --key-type babe 2>/dev/null
	"$node" key insert --base-path "$base" --chain "$spec" --scheme ed25519 \
		--suri "//$name" --key-type gran 2>/dev/null
	if [ "$i" = 0 ]; then
		# The committed specs' bootnode (node/src/chain_spec.rs, LOCAL_BOOTNODE): a public
		# development key, so that a light client given the spec finds this network.
		printf '%064x' 1 >"$base/node-key"
	else
		"$node" key generate-node-key --file "$base/node-key" 2>/dev/null
	fi
	if [ -z "$bootnode" ]; then
		peer_id=$("$node" key inspect-node-key --file "$base/node-key" 2>/dev/null)
		bootnode="/ip4/127.0.0.1/tcp/$p2p_base/p2p/$peer_id"
	fi
	"$node" --chain "$spec" --base-path "$base" --validator --name "$name" \
		--node-key-file "$base/node-key" --bootnodes "$bootnode" \
		--listen-addr "/ip4/127.0.0.1/tcp/$(( p2p_base + i ))" \
		--rpc-port $(( rpc_base + i )) --rpc-cors all --allow-private-ip --no-mdns \
		--no-prometheus --no-telemetry \
		>"$net_dir/node$i.log" 2>&1 &
	echo $! >>"$net_dir/pids"
done

stop_network() {
	while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$net_dir/pids"
}
if [ "$detach" = 0 ]; then trap stop_network EXIT INT TERM; fi

echo "waiting for finality on $count validators (logs: $net_dir/node*.log) ..."
deadline=$(( $(date +%s) + 300 ))
while :; do
	head=$(rpc "$rpc_base" chain_getFinalizedHead | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')
	number=0
	if [ -n "$head" ]; then
		number=$(rpc "$rpc_base" chain_getHeader "\"$head\"" |
			sed -n 's/.*"number":"0x\([0-9a-f]*\)".*/\1/p')
		number=$(( 16#${number:-0} ))
	fi
	if [ "$number" -ge 2 ]; then break; fi
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "no finalized block after 300 s; see $net_dir/node*.log" >&2
		exit 1
	fi
	sleep 2
done

echo "finalized block #$number. Validators:"
for i in $(seq 0 $(( count - 1 ))); do
	printf '  %-12s rpc ws://127.0.0.1:%d  p2p %d\n' "$(validator_name "$i")" \
		$(( rpc_base + i )) $(( p2p_base + i ))
done
if [ "$detach" = 1 ]; then
	echo "running in the background; stop with: xargs kill < $net_dir/pids"
else
	echo "Ctrl-C stops the network."
	wait
fi
