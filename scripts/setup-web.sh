#!/usr/bin/env bash
# Installs what the web build and its tests need, when missing: Debian's chromium (headless
# browser test), nodejs and npm (wasm parity test, browser driver, binaryen), brotli and bc
# (size report), and the wasm-bindgen CLI at exactly the wasm-bindgen version Cargo.lock pins
# (the CLI refuses any other).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium python3 brotli bc)
# Node may come from elsewhere than Debian (with its own npm): look for the commands.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
bash scripts/install-missing.sh setup-web "${packages[@]}"

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  rustup target add wasm32-unknown-unknown
fi

pinned=$(python3 - <<'PY'
import re
lock = open("Cargo.lock").read()
m = re.search(r'name = "wasm-bindgen"\nversion = "([^"]+)"', lock)
print(m.group(1) if m else "")
PY
)
if [ -z "$pinned" ]; then
  echo "setup-web: Cargo.lock pins no wasm-bindgen" >&2
  exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$pinned" ]; then
  echo "setup-web: installing wasm-bindgen-cli $pinned"
  # With its own lockfile first; if the registry no longer serves a version locked there,
  # with current compatible dependencies.
  cargo install --quiet wasm-bindgen-cli --version "$pinned" --locked \
    || cargo install --quiet wasm-bindgen-cli --version "$pinned"
fi
