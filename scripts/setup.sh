#!/usr/bin/env bash
# Installs what building and testing the twin needs, when it is missing:
# Debian packages for Bevy (ALSA, udev, Wayland/X11 keyboard), Xvfb and Mesa's software
# Vulkan driver for rendered tests, PostgreSQL for the results database tests, and the
# wasm32 Rust target for the web build.
set -euo pipefail

packages=(pkg-config libasound2-dev libudev-dev libwayland-dev libxkbcommon-dev xvfb xauth mesa-vulkan-drivers postgresql)
bash "$(dirname "$0")/install-missing.sh" setup "${packages[@]}"

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done
