#!/usr/bin/env bash
# Native equals wasm: builds sim-core for wasm32 (the `wasm-parity` crate), binds it for Node
# and replays every bundled reference replay under Node; each must reach the state hash and
# score the native build recorded. Needs what scripts/setup-web.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-web.sh
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
cargo build -p wasm-parity --target wasm32-unknown-unknown --release
out="$target_dir/wasm-parity"
rm -rf "$out"
wasm-bindgen --target nodejs --out-dir "$out" "$target_dir/wasm32-unknown-unknown/release/wasm_parity.wasm"
node scripts/wasm-parity.mjs "$out"
