#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, a short fuzz of every file
# parser, all tests of all crates (the rendered screenshot test included, under Xvfb; the
# results database on SQLite and on a PostgreSQL server started for them), the line
# kernel against the same lines in SimPy, the simulation core under Node as WebAssembly
# (native equals wasm), and the web build in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-web.sh
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"

step() { echo "== $1 ($(date +%T))"; }
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo clippy for wasm32 (the browser-only code)"
cargo clippy -p game -p wasm-parity --target wasm32-unknown-unknown -- -D warnings
step "fuzz smoke (every parser, 2000 inputs each)"
bash scripts/fuzz.sh 2000
step "PostgreSQL for the results database tests"
INTELLIBAT_TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"
export INTELLIBAT_TEST_POSTGRES_URL INTELLIBAT_REQUIRE_POSTGRES=1
trap 'bash scripts/postgres.sh stop' EXIT
step "cargo test"
cargo test --workspace
step "the line kernel against SimPy (an independent discrete-event simulator)"
bash scripts/simpy-crosscheck.sh
step "native equals wasm: every reference replay under Node"
bash scripts/wasm-parity.sh
step "the web build in headless Chromium"
bash scripts/browser-test.sh
step "done"
