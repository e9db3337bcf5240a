#!/usr/bin/env bash
# Runs the twin: the desktop game when a display is available, otherwise the headless CLI
# on the bundled line for one simulated week. Extra arguments go to the game.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec cargo run -p game --bin intellibat -- "$@"
else
  echo "No display found: running the headless CLI (twin) instead of the game."
  exec cargo run --release -p twin -- line assets/lines/generic-8.ron --hours 168 --seed 1
fi
