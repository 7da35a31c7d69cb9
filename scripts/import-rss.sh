#!/usr/bin/env bash
# Peak memory of a large `import` (issue 10: "Import of 200,000 rows: peak RSS <= 64 MiB"):
#   1. builds the release preset's CLI and emulator (unless SKIP_BUILD=1),
#   2. writes a CSV of ROWS users (email,password,firstName,lastName; every row valid: a unique
#      email, a password of 8..2048 characters),
#   3. for the CLI (and, with BASELINE_BIN, another build of it first), starts a fresh, empty
#      losant-emulator on a free loopback port, runs
#        losant-experience-users import --in FILE --report REPORT --concurrency CONCURRENCY
#      under /usr/bin/time -v (settings from the environment: LOSANT_API_URL, LOSANT_API_TOKEN,
#      LOSANT_APPLICATION_ID), reads the emulator's peak RSS (VmHWM in /proc/PID/status), counts
#      the users it holds (`list --per-page 1 --format json`: totalCount) and stops it,
#   4. prints per CLI: rows, exit code, wall time, the CLI's peak RSS (MiB), the emulator's,
#      the report's lines (a header and one a row) and created count, the users on the server,
#      and whether the 64 MiB target is met; with BASELINE_BIN, the before/after ratios.
#
# Peak RSS is /usr/bin/time's "maximum resident set size" of the CLI process alone (the
# emulator runs separately and is reported apart). Traffic goes to 127.0.0.1 only.
#
#   scripts/import-rss.sh                                  # 200,000 rows, the build's CLI
#   ROWS=2000 scripts/import-rss.sh                        # a quick check
#   BASELINE_BIN=/path/to/old/losant-experience-users scripts/import-rss.sh
#
# Environment: ROWS (200000), CONCURRENCY (8), JOBS (build parallelism, nproc), SKIP_BUILD=1
# (use what is built), BUILD_DIR (build/release), OUT_DIR (build/import-rss: the CSV, reports,
# logs), EMULATOR / CLI (program paths, to override the build's), BASELINE_BIN (another CLI,
# measured the same way before CLI), LIMIT_MIB (64, the target). Exit status: 1 if a run failed
# (import exit code not 0, or fewer than ROWS users created), else 0 (a missed target is printed,
# not an error).
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C  # '.' as the decimal point in awk and printf

rows=${ROWS:-200000}
concurrency=${CONCURRENCY:-8}
jobs=${JOBS:-$(nproc)}
build_dir=${BUILD_DIR:-build/release}
out_dir=${OUT_DIR:-build/import-rss}
limit_mib=${LIMIT_MIB:-64}
baseline=${BASELINE_BIN:-}
token=import-rss-token
app=5f0c1a2b3c4d5e6f7a8b9c0d

step() { printf '\n==== %s\n' "$*" >&2; }
die() { echo "import-rss.sh: $*" >&2; exit 1; }

[[ "$rows" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a positive integer, not '$rows'"

# ---- build ---------------------------------------------------------------------------------------
emulator=${EMULATOR:-$build_dir/emulator/losant-emulator}
cli=${CLI:-$build_dir/cli/losant-experience-users}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build (release preset)"
  cmake --preset release >/dev/null
  cmake --build "$build_dir" -j "$jobs" --target losant-emulator losant-experience-users
fi
for program in "$emulator" "$cli" ${baseline:+"$baseline"}; do
  [ -x "$program" ] || die "$program is missing (build it, or set EMULATOR/CLI/BASELINE_BIN)"
done

# ---- tools ---------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  step "installing GNU time (/usr/bin/time)"
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null; }
  fi
  [ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install time"
fi

# ---- the input -----------------------------------------------------------------------------------
mkdir -p "$out_dir"
input="$out_dir/users-$rows.csv"
if [ ! -s "$input" ] || [ "$(($(wc -l <"$input") - 1))" != "$rows" ]; then
  step "writing $input ($rows rows)"
  # Passwords of 16 characters, different for every row; emails unique (no repeated email, so the
  # checking pass's duplicate detection sees ROWS distinct emails).
  awk -v n="$rows" 'BEGIN {
    print "email,password,firstName,lastName"
    for (i = 1; i <= n; i++)
      printf "user%07d@import-rss.example.com,Pw-%07d-xQ9k!,First%d,Last%d\n", i, i, i, i
  }' >"$input.tmp"
  mv "$input.tmp" "$input"
fi
input_mib=$(awk -v b="$(stat -c %s "$input")" 'BEGIN { printf "%.1f", b / 1048576 }')

# ---- the emulator --------------------------------------------------------------------------------
emulator_pid=
stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=
  fi
}
trap stop_emulator EXIT

url=
start_emulator() {  # log
  local log=$1
  "$emulator" --port 0 --token "$token" --application-id "$app" >"$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^listening on ' "$log" && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] || { cat "$log" >&2; die "the emulator did not start"; }
  case "$url" in http://127.0.0.1:*) ;; *) die "unexpected emulator URL $url" ;; esac
}

# The CLI as a user runs it, settings from the environment (no token in the process list; with
# all three set it reads no profile).
run_cli() {  # program args...
  local program=$1
  shift
  env -u LOSANT_PROFILE "LOSANT_API_URL=$url" "LOSANT_API_TOKEN=$token" \
    "LOSANT_APPLICATION_ID=$app" "$program" "$@"
}

# ---- the runs ------------------------------------------------------------------------------------
failures=0
declare -A RSS WALL
measure() {  # name program
  local name=$1 program=$2 base="$out_dir/$1"
  local report="$base-report.csv" timing="$base.time" status=0
  rm -f "$report" "$timing"
  step "$name: importing $rows rows ($input_mib MiB) with $program"
  start_emulator "$base-emulator.log"
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
  /usr/bin/time -v -o "$timing" \
    env -u LOSANT_PROFILE "LOSANT_API_URL=$url" "LOSANT_API_TOKEN=$token" \
    "LOSANT_APPLICATION_ID=$app" "$program" import --in "$input" --report "$report" \
    --concurrency "$concurrency" >"$base.out" 2>"$base.err" || status=$?
  local hwm_kib total
  hwm_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$emulator_pid/status" 2>/dev/null || echo 0)
  total=$(run_cli "$program" list --per-page 1 --format json 2>/dev/null |
    sed -n 's/.*"totalCount":\([0-9]*\).*/\1/p' || true)
  stop_emulator

  local rss_kib wall report_lines created
  rss_kib=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$timing")
  wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$timing")
  report_lines=$( [ -f "$report" ] && wc -l <"$report" || echo 0)
  created=$( [ -f "$report" ] && awk -F, 'NR > 1 && $3 == "created"' "$report" | wc -l || echo 0)
  RSS[$name]=$rss_kib
  WALL[$name]=$(awk -v w="$wall" 'BEGIN { n = split(w, p, ":"); s = 0;
                                          for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
  local verdict
  verdict=$(awk -v r="$rss_kib" -v l="$limit_mib" 'BEGIN { print (r / 1024 <= l) ? "met" : "MISSED" }')
  {
    printf '  rows:                 %s\n' "$rows"
    printf '  exit code:            %s\n' "$status"
    printf '  wall time:            %s (%s s)\n' "$wall" "${WALL[$name]}"
    printf '  peak RSS, CLI:        %s MiB (%s KiB) - target <= %s MiB: %s\n' \
      "$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')" "$rss_kib" "$limit_mib" "$verdict"
    printf '  peak RSS, emulator:   %s MiB (VmHWM)\n' "$(awk -v k="$hwm_kib" 'BEGIN { printf "%.1f", k / 1024 }')"
    printf '  report lines:         %s (header + %s rows expected); created: %s\n' \
      "$report_lines" "$rows" "$created"
    printf '  users on the server:  %s (expected %s)\n' "${total:-?}" "$rows"
    printf '  summary (stdout):     %s\n' "$(tail -n 1 "$base.out")"
    printf '  load average before:  %s\n' "$load"
  } >&2
  if [ "$status" != 0 ] || [ "${total:-0}" != "$rows" ] || [ "$created" != "$rows" ]; then
    failures=$((failures + 1))
    echo "  FAILED: see $base.err:" >&2
    sed 's/^/      /' "$base.err" | tail -n 5 >&2
  fi
}

echo "$(uname -m), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "revision $(git rev-parse --short HEAD 2>/dev/null || echo unknown)" >&2
[ -n "$baseline" ] && measure baseline "$baseline"
measure cli "$cli"

if [ -n "$baseline" ]; then
  step "baseline -> cli"
  awk -v a="${RSS[baseline]}" -v b="${RSS[cli]}" -v c="${WALL[baseline]}" -v d="${WALL[cli]}" 'BEGIN {
    printf "  peak RSS: %.1f MiB -> %.1f MiB (%.2fx smaller)\n", a / 1024, b / 1024, a / b
    printf "  wall:     %.2f s -> %.2f s (%.2fx)\n", c, d, d / c
  }' >&2
fi
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" >&2
[ "$failures" = 0 ] || exit 1
