#!/usr/bin/env bash
# Builds the browser version of the game into a static folder (default web/dist):
#   bash scripts/web.sh            size-optimised release (wasm-release profile), then wasm-opt
#   bash scripts/web.sh --fast     quick build for tests (wasm-fast profile, no wasm-opt)
#   bash scripts/web.sh --serve    build, then serve it on http://127.0.0.1:8080
# Prints the module's raw, gzip and brotli sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=wasm-release
serve=0
dist=web/dist
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) profile=wasm-fast ;;
    --serve) serve=1 ;;
    --out) dist="$2"; shift ;;
    *) echo "web.sh: unknown option $1 (--fast, --serve, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done

bash scripts/setup-web.sh
export PATH="$HOME/.cargo/bin:$PATH"
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

echo "web: building the game for wasm32 ($profile)"
cargo build -p game --bin intellibat --target wasm32-unknown-unknown --profile "$profile"

rm -rf "$dist"
mkdir -p "$dist/assets"
wasm-bindgen --target web --no-typescript --out-name intellibat --out-dir "$dist" \
  --remove-name-section --remove-producers-section \
  "$target_dir/wasm32-unknown-unknown/$profile/intellibat.wasm"

wasm="$dist/intellibat_bg.wasm"
if [ "$profile" = wasm-release ]; then
  # Binaryen from npm (Debian's 108 predates features rustc emits); the features are named
  # because the module carries no feature section after stripping.
  tools="$target_dir/web-tools"
  if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
    echo "web: installing binaryen (wasm-opt) from npm"
    npm install --silent --prefix "$tools" binaryen@132.0.0 >/dev/null
  fi
  echo "web: wasm-opt -Oz (a few minutes)"
  "$tools/node_modules/.bin/wasm-opt" -Oz \
    --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
fi

cp web/index.html web/style.css web/restart-audio-context.js "$dist/"
sed "s/@WASM_BYTES@/$(stat -c %s "$wasm")/" web/loader.js > "$dist/loader.js"
cp -r assets/sounds "$dist/assets/"

raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(brotli -q 11 -c "$wasm" | wc -c)
total_gz=$(tar -C "$dist" -cf - . | gzip -9 -c | wc -c)
printf 'web: %s: module %.1f MB raw, %.1f MB gzip, %.1f MB brotli; whole folder %.1f MB gzip\n' \
  "$dist" "$(echo "$raw/1000000" | bc -l)" "$(echo "$gz/1000000" | bc -l)" "$(echo "$br/1000000" | bc -l)" \
  "$(echo "$total_gz/1000000" | bc -l)"

if [ "$serve" = 1 ]; then
  echo "web: serving $dist on http://127.0.0.1:8080 (Ctrl-C to stop)"
  exec python3 -m http.server --bind 127.0.0.1 8080 -d "$dist"
fi
