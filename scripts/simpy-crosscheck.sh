#!/usr/bin/env bash
# Cross-checks the line kernel against SimPy (see scripts/simpy-crosscheck.py): the same
# eight-station lines in both, means over 20 seeds compared figure by figure, and the time
# each takes. Installs SimPy into a virtual environment beside the build (once).
#   bash scripts/simpy-crosscheck.sh [LAYOUT ...] [--runs N] [--hours H]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-missing.sh simpy-crosscheck python3-venv
export PATH="$HOME/.cargo/bin:$PATH"
target=${CARGO_TARGET_DIR:-target}
venv=$target/simpy-venv
if ! "$venv/bin/python" -c "import simpy" 2>/dev/null; then
  echo "simpy-crosscheck: installing SimPy 4.1.2 into $venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet simpy==4.1.2
fi
cargo build --release --quiet -p twin
"$venv/bin/python" scripts/simpy-crosscheck.py --twin "$target/release/twin" "$@"
