#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time, starting from the seed corpus
# in tests/fuzz/corpus/<target>/ (copied: the repository's corpus is never written to).
#   scripts/fuzz.sh BUILD_DIR SECONDS
# Prints, per target, the executions and the rate libFuzzer reports; fails on the first crash.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS}
seconds=${2:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shopt -s nullglob
targets=("$build"/tests/fuzz/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then echo "no fuzz targets in $build/tests/fuzz" >&2; exit 1; fi
printf '%-28s %12s %10s\n' target executions exec/s
for target in "${targets[@]}"; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  mkdir -p "$work/$name"
  [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/$name/"
  log="$work/$name.log"
  dict=()
  case "$name" in fuzz_decode_*) dict=(-dict=tests/fuzz/codec.dict) ;; esac
  if ! "$target" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/" \
      "${dict[@]}" "$work/$name" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "FUZZ FAILURE in $name" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  printf '%-28s %12s %10s\n' "$name" "${runs:-?}" "${rate:-?}"
done
