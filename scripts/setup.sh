#!/usr/bin/env bash
# Installs what building and testing Huzhu needs and is not there yet. Safe to run repeatedly.
#  - Debian packages: protobuf-compiler (libp2p's build scripts), g++ and make (binaryen's C++).
#  - Node.js and npm (Debian's, if absent) and the polkadot-js packages of scripts/polkadot-js.
#  - The Rust toolchain, targets and components named in rust-toolchain.toml (via rustup).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing Debian packages: ${missing[*]}"
	sudo_cmd=""
	if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: rustup is required (https://rustup.rs); cargo alone cannot install the wasm targets" >&2
	exit 1
fi
# With no argument, `rustup toolchain install` installs the toolchain rust-toolchain.toml names,
# with its targets (wasm32v1-none, wasm32-unknown-unknown) and components (rust-src, …).
rustup toolchain install >/dev/null 2>&1

# polkadot-js packages, exactly as locked.
js_dir=scripts/polkadot-js
if [ ! -d "$js_dir/node_modules" ] || [ "$js_dir/package-lock.json" -nt "$js_dir/node_modules" ]; then
	echo "setup: installing polkadot-js packages (npm ci)"
	(cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules)
fi
