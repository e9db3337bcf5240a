#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, all tests of all crates
# (the rendered screenshot test included, under Xvfb), and a wasm check of the core.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TERM_COLOR=never

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== sim-core builds for wasm32"
cargo check -p sim-core --target wasm32-unknown-unknown
echo "== cargo test"
cargo test --workspace
