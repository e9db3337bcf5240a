#!/usr/bin/env bash
# Fuzzes every file parser of the twin with libFuzzer (cargo-fuzz), each target through the
# entry point the CLI and the game use, starting from the bundled files as seed corpus.
#   bash scripts/fuzz.sh [EXECUTIONS per target, default 1000000] [TARGET ...]
# Targets: layout scenario replay commands save cell cif. A crash or a hang (an input running over
# 10 s) stops the run and leaves the input under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(layout scenario replay commands save cell cif)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
# cargo-fuzz passes a few unstable compiler flags; the stable toolchain accepts them so.
export RUSTC_BOOTSTRAP=1

for target in "${targets[@]}"; do
  corpus=target/fuzz-corpus/$target
  mkdir -p "$corpus"
  case $target in
    layout) cp assets/lines/*.ron "$corpus"/ ;;
    scenario) for f in scenarios/*.ron; do [[ $f == *.replay.ron ]] || cp "$f" "$corpus"/; done ;;
    replay) cp scenarios/*.replay.ron "$corpus"/ ;;
    commands | save) cp fuzz/seeds/"$target"/* "$corpus"/ ;;
    cell) cp fuzz/seeds/cell/* assets/cells/*.ron "$corpus"/ ;;
    cif) cp assets/structures/*.cif "$corpus"/ ;;
    *) echo "fuzz: no target $target" >&2; exit 2 ;;
  esac
  echo "== fuzz $target: $runs executions"
  log=target/fuzz-$target.log
  status=0
  cargo fuzz run --sanitizer none "$target" "$corpus" -- \
    -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|INFO: seed corpus|Done)|panicked|deadly|timeout|Test unit written" "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target found a failing input (see fuzz/artifacts/$target/ and $log)"
    exit 1
  fi
done
