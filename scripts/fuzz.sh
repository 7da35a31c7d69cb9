#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time, starting from the seed corpus
# in tests/fuzz/corpus/<target>/ (copied: the repository's corpus is never written to).
#   scripts/fuzz.sh BUILD_DIR SECONDS
# Prints, per target, the executions and the rate libFuzzer reports; fails when any target finds
# a crash (its log's tail is printed). FUZZ_JOBS (default: the number of cores) run at once.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS}
seconds=${2:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shopt -s nullglob
targets=("$build"/tests/fuzz/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then echo "no fuzz targets in $build/tests/fuzz" >&2; exit 1; fi
# Runs one target; its result line goes to $work/NAME.result, its log to $work/NAME.log.
fuzz_one() {
  local target=$1 name log
  name=$(basename "$target")
  mkdir -p "$work/$name"
  [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/$name/"
  log="$work/$name.log"
  local dict=()
  case "$name" in fuzz_decode_* | fuzz_encode) dict=(-dict=tests/fuzz/codec.dict) ;; esac
  if ! "$target" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/$name-" \
      "${dict[@]}" "$work/$name" >"$log" 2>&1; then
    return 1
  fi
  local runs rate
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  printf '%-28s %12s %10s\n' "$name" "${runs:-?}" "${rate:-?}" >"$work/$name.result"
}

# FUZZ_JOBS targets at a time (default: one per core), each on its own core.
jobs=${FUZZ_JOBS:-$(nproc)}
declare -A running=()  # pid -> target name
failed=""
for target in "${targets[@]}"; do
  [ -x "$target" ] || continue
  while [ ${#running[@]} -ge "$jobs" ]; do
    wait -n -p done_pid || failed+=" ${running[$done_pid]}"
    unset "running[$done_pid]"
  done
  fuzz_one "$target" &
  running[$!]=$(basename "$target")
done
while [ ${#running[@]} -gt 0 ]; do
  wait -n -p done_pid || failed+=" ${running[$done_pid]}"
  unset "running[$done_pid]"
done

printf '%-28s %12s %10s\n' target executions exec/s
cat "$work"/*.result 2>/dev/null || true
for name in $failed; do
  tail -n 60 "$work/$name.log" >&2
  echo "FUZZ FAILURE in $name" >&2
done
[ -z "$failed" ]
