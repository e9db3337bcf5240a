#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, a wasm check of the core, a
# short fuzz of every file parser, and all tests of all crates (the rendered screenshot
# test included, under Xvfb).
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
echo "== fuzz smoke (every parser, 2000 inputs each)"
bash scripts/fuzz.sh 2000
echo "== cargo test"
cargo test --workspace
