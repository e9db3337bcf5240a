#!/usr/bin/env bash
# The web build in a real browser: builds the game for wasm32 (fast profile), serves it on
# localhost and opens the public tour in headless Chromium, which must draw the hall, advance
# the plant and raise no JavaScript error or panic. Screenshots land in target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
dist="$target_dir/web-test"
bash scripts/web.sh --fast --out "$dist"

shots=target/screenshots
mkdir -p "$shots"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 "$port" -d "$dist" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

# The public tour, as a visitor opens it, until ten plant minutes have passed: with an
# English browser, then with a Flemish one (the tour's title must then be the Dutch one).
node scripts/browser-test.mjs "http://127.0.0.1:$port/" "$shots/web-tour-en.png" --until-s 600 \
  --lang en-GB --title-has "Tour: how a battery electrode is made"
node scripts/browser-test.mjs "http://127.0.0.1:$port/" "$shots/web-tour-nl.png" --until-s 600 \
  --lang nl-BE --title-has "Rondleiding: zo wordt een batterij-elektrode gemaakt"
