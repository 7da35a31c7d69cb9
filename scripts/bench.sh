#!/usr/bin/env bash
# The end-to-end benchmarks (docs/performance.md says how to read the output):
#   1. builds the release preset's emulator and workload programs,
#   2. installs Losant's JavaScript SDK (npm losant-rest@2.8.1) into bench/.js-sdk,
#   3. for each of REPS repetitions: starts losant-emulator seeded with USERS users on a free
#      loopback port, runs every workload with the SDK, the raw-libcurl baseline and the JS SDK
#      (interleaved, the starting implementation rotating from one repetition to the next), and
#      stops the emulator (so every fetch-all reads exactly USERS users: creates come last),
#   4. prints a markdown table of medians, the ratios, peak RSS and each target met or missed.
#
# Environment: REPS (5), USERS (100000), GET_REQUESTS (1000), CREATES (2000), IN_FLIGHT (16),
# JOBS (build parallelism, nproc), IMPLS ("sdk raw js"), SKIP_BUILD=1 (use what is built),
# BUILD_DIR (build/release), OUT_DIR (build/bench: raw results, logs, the table),
# EMULATOR / BENCH_SDK / BENCH_RAW (program paths, to override the build's), ALLOW_COMPRESSION=1
# (run even against an emulator that compresses responses; by default that stops the script).
# Peak RSS is /usr/bin/time's "maximum resident set size" of the whole process, the same
# method for the three implementations. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

reps=${REPS:-5}
users=${USERS:-100000}
get_requests=${GET_REQUESTS:-1000}
creates=${CREATES:-2000}
in_flight=${IN_FLIGHT:-16}
jobs=${JOBS:-$(nproc)}
impls=${IMPLS:-sdk raw js}
build_dir=${BUILD_DIR:-build/release}
out_dir=${OUT_DIR:-build/bench}
token=bench-token
app=5f0c1a2b3c4d5e6f7a8b9c0d
workloads=(fetch-all-keep fetch-all-stream get-page create-seq create-seq-reuse create-16 create-many-16)
js_sdk_version=2.8.1

step() { printf '\n==== %s\n' "$*" >&2; }
die() { echo "bench.sh: $*" >&2; exit 1; }

# ---- build ---------------------------------------------------------------------------------------
emulator=${EMULATOR:-$build_dir/emulator/losant-emulator}
bench_sdk=${BENCH_SDK:-$build_dir/bench/workloads/losant-bench-sdk}
bench_raw=${BENCH_RAW:-$build_dir/bench/workloads/losant-bench-raw}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build (release preset)"
  cmake --preset release >/dev/null
  cmake --build "$build_dir" -j "$jobs" --target losant-emulator losant-bench-sdk losant-bench-raw
fi
for program in "$emulator" "$bench_sdk" "$bench_raw"; do
  [ -x "$program" ] || die "$program is missing (build it, or set EMULATOR/BENCH_SDK/BENCH_RAW)"
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

js_dir=bench/.js-sdk
if [[ " $impls " == *" js "* ]]; then
  command -v node >/dev/null && command -v npm >/dev/null ||
    die "the JS SDK needs node and npm (apt-get install nodejs npm), or set IMPLS='sdk raw'"
  installed=$(node -p "try { require('./$js_dir/node_modules/losant-rest/package.json').version } catch (e) { '' }")
  if [ "$installed" != "$js_sdk_version" ]; then
    step "installing losant-rest@$js_sdk_version into $js_dir"
    npm install --prefix "$js_dir" --no-audit --no-fund --save-exact "losant-rest@$js_sdk_version" >&2
  fi
  js_version_line="JS SDK losant-rest@$js_sdk_version on node $(node --version)"
else
  js_version_line="JS SDK not run"
fi

sdk_revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git --no-optional-locks status --porcelain -- src include 2>/dev/null)" ]; then
  sdk_revision+=" with uncommitted changes in src/ or include/"
fi

# ---- the runs ------------------------------------------------------------------------------------
mkdir -p "$out_dir"
results="$out_dir/results.tsv"  # rep impl workload seconds peak_rss_kib(time -v) count errors
log_dir="$out_dir/logs"
rm -rf "$log_dir"
mkdir -p "$log_dir"
printf 'rep\timpl\tworkload\tseconds\tpeak_rss_kib\tcount\terrors\n' >"$results"

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
start_emulator() {
  local log="$log_dir/emulator-$1.log"
  "$emulator" --port 0 --seed-users "$users" --token "$token" >"$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 1200); do
    grep -q '^listening on ' "$log" && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] || { cat "$log" >&2; die "the emulator did not start"; }
  case "$url" in http://127.0.0.1:*) ;; *) die "unexpected emulator URL $url" ;; esac
  # Warm the emulator's sorted index (built by the first list), so no implementation pays it.
  "$bench_raw" --workload get-page --url "$url" --token "$token" --requests 1 --per-page 1 \
    >/dev/null 2>&1 || die "the emulator does not answer at $url"
  [ "$1" = 1 ] && check_emulator
  return 0
}

# Two properties of the server that would distort the comparison, reported with the table:
# - compressing responses: the C++ programs accept gzip/br (the SDK's default) while the JS SDK
#   does not, and cpp-httplib's brotli takes about a second per 500 KB page;
# - a listen backlog below the number of connections opened at once (create-16): connects
#   beyond it are dropped and retried by the kernel a second later.
notes=()
check_emulator() {
  if command -v curl >/dev/null; then
    local encoding
    encoding=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: deflate, gzip, br, zstd' \
      -H "Authorization: Bearer $token" \
      "$url/applications/$app/experience/users?_actions=false&_links=true&_embedded=true&page=0&perPage=1000" |
      tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: *//p')
    if [ -n "$encoding" ] && [ "${ALLOW_COMPRESSION:-0}" != 1 ]; then
      die "the emulator compresses responses ($encoding) for clients that accept it, as the SDK and raw libcurl do (the JS SDK does not): their times would measure the server's compressor (about a second per page with brotli). Use an emulator that sends bodies as they are (docs/performance.md, 'Notes on the emulator'), or set ALLOW_COMPRESSION=1 to measure anyway."
    elif [ -n "$encoding" ]; then
      notes+=("WARNING: the emulator compresses responses ($encoding) for clients that accept it, as the SDK and raw libcurl do; their times include the server's compression.")
    fi
  fi
  if command -v ss >/dev/null; then
    local port=${url##*:} backlog
    backlog=$(ss -ltnH "sport = :$port" 2>/dev/null | awk '{ print $3; exit }')
    if [ -n "$backlog" ] && [ "$backlog" -lt "$in_flight" ]; then
      notes+=("WARNING: the emulator's listen backlog is $backlog (< $in_flight connections opened at once): create-16 connects can stall ~1 s on dropped SYNs.")
    fi
  fi
  local note
  for note in "${notes[@]}"; do echo "  $note" >&2; done
}

failures=0
run_one() {  # rep impl workload
  local rep=$1 impl=$2 workload=$3
  local args=(--workload "$workload" --url "$url" --token "$token" --app "$app" --users "$users"
              --threads "$in_flight" --run-id "r$rep-$impl-$workload-$$")
  case "$workload" in
    get-page) args+=(--requests "$get_requests") ;;
    create-*) args+=(--requests "$creates") ;;
  esac
  local command
  case "$impl" in
    sdk) command=("$bench_sdk" "${args[@]}") ;;
    raw) command=("$bench_raw" "${args[@]}") ;;
    js) command=(node bench/js/workloads.js "${args[@]}") ;;
  esac
  local base="$log_dir/$rep-$impl-$workload" status=0
  /usr/bin/time -f '%M' -o "$base.rss" "${command[@]}" >"$base.out" 2>"$base.err" || status=$?
  local line
  line=$(grep '^RESULT ' "$base.out" | tail -n 1 || true)
  if [ "$status" != 0 ] || [ -z "$line" ]; then
    failures=$((failures + 1))
    printf '  %-4s %-16s FAILED (exit %s), see %s.err\n' "$impl" "$workload" "$status" "$base" >&2
    sed 's/^/      /' "$base.err" | head -n 5 >&2
    return 0
  fi
  local field seconds count errors rss
  for field in $line; do
    case "$field" in
      seconds=*) seconds=${field#seconds=} ;;
      count=*) count=${field#count=} ;;
      errors=*) errors=${field#errors=} ;;
    esac
  done
  rss=$(tail -n 1 "$base.rss")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$impl" "$workload" "$seconds" "$rss" "$count" \
    "$errors" >>"$results"
  printf '  %-4s %-16s %9.3f s  %7d KiB  count=%s\n' "$impl" "$workload" "$seconds" "$rss" \
    "$count" >&2
}

read -r -a impl_list <<<"$impls"
started=$(date +%s)
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
for rep in $(seq 1 "$reps"); do
  step "repetition $rep of $reps: starting the emulator with $users users"
  start_emulator "$rep"
  # Rotate which implementation goes first, so none always runs right after another's load.
  order=()
  for i in "${!impl_list[@]}"; do
    order+=("${impl_list[$(((i + rep - 1) % ${#impl_list[@]}))]}")
  done
  for workload in "${workloads[@]}"; do
    for impl in "${order[@]}"; do
      # create-many-16 is the SDK's create_many(); the others' requests are create-16's.
      # create-seq-reuse is the SDK with reuse_connections_for_post; the others': create-seq's.
      case "$workload" in create-many-16 | create-seq-reuse) [ "$impl" != sdk ] && continue ;; esac
      run_one "$rep" "$impl" "$workload"
    done
  done
  stop_emulator
done
elapsed=$(($(date +%s) - started))
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')

# ---- the table -----------------------------------------------------------------------------------
# median impl workload column(4 = seconds, 5 = rss): the median over repetitions, or "" if none.
median() {
  awk -F'\t' -v i="$1" -v w="$2" -v c="$3" 'NR > 1 && $2 == i && $3 == w { print $c }' "$results" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
                    else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
secs() { [ -n "$1" ] && calc '%.3f s' "$1" || echo '—'; }
mib() { [ -n "$1" ] && calc '%.1f MiB' "$1 / 1024" || echo '—'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && calc '%.2f×' "$1 / $2" || echo '—'; }

declare -A T R
for w in "${workloads[@]}"; do
  for i in sdk raw js; do
    T[$i,$w]=$(median "$i" "$w" 4)
    R[$i,$w]=$(median "$i" "$w" 5)
  done
done
# create_many sends create-16's requests: compare it with their raw and JS figures.
for i in raw js; do
  T[$i,create-many-16]=${T[$i,create-16]}
  R[$i,create-many-16]=${R[$i,create-16]}
  T[$i,create-seq-reuse]=${T[$i,create-seq]}
  R[$i,create-seq-reuse]=${R[$i,create-seq]}
done

table="$out_dir/table.md"
{
  echo "Medians of $reps repetitions, $users users (pages of 1000), $get_requests GETs, $creates creates;"
  echo "$(uname -m), $(nproc) cores, $(date -u +%Y-%m-%d); $js_version_line; run took ${elapsed} s."
  echo "SDK at $sdk_revision; emulator $emulator."
  echo "Load average $load_before before the run, $load_after after it (the run itself adds about 2)."
  echo
  echo "| workload | raw libcurl | SDK | JS SDK | SDK/raw | JS/SDK | peak RSS raw | peak RSS SDK | peak RSS JS |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for w in "${workloads[@]}"; do
    echo "| $w | $(secs "${T[raw,$w]}") | $(secs "${T[sdk,$w]}") | $(secs "${T[js,$w]}") |" \
      "$(ratio "${T[sdk,$w]}" "${T[raw,$w]}") | $(ratio "${T[js,$w]}" "${T[sdk,$w]}") |" \
      "$(mib "${R[raw,$w]}") | $(mib "${R[sdk,$w]}") | $(mib "${R[js,$w]}") |"
  done
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  # target description, measured value, condition (awk expression over the value) or "" if n/a
  target() {
    local verdict='not measured'
    if [ -n "$2" ]; then
      if awk "BEGIN { exit !($2 $3) }"; then verdict=met; else verdict=MISSED; fi
      echo "| $1 | $(calc '%.2f' "$2")$4 | $verdict |"
    else
      echo "| $1 | — | $verdict |"
    fi
  }
  q() { # quotient a/b, or "" when either is missing
    [ -n "$1" ] && [ -n "$2" ] && calc '%.6f' "$1 / $2" || true
  }
  target "fetch-all-keep: SDK time ≤ 2× raw libcurl" "$(q "${T[sdk,fetch-all-keep]}" "${T[raw,fetch-all-keep]}")" "<= 2" "×"
  target "fetch-all-keep: ≥ 8× faster than the JS SDK" "$(q "${T[js,fetch-all-keep]}" "${T[sdk,fetch-all-keep]}")" ">= 8" "×"
  target "fetch-all-keep: peak RSS ≤ 1/3 of the JS SDK's (SDK/JS)" "$(q "${R[sdk,fetch-all-keep]}" "${R[js,fetch-all-keep]}")" "<= 1/3" ""
  target "get-page: ≥ 10× the JS SDK's throughput" "$(q "${T[js,get-page]}" "${T[sdk,get-page]}")" ">= 10" "×"
  target "create-seq: SDK time ≤ 1.3× raw libcurl" "$(q "${T[sdk,create-seq]}" "${T[raw,create-seq]}")" "<= 1.3" "×"
  target "(same, with reuse_connections_for_post)" "$(q "${T[sdk,create-seq-reuse]}" "${T[raw,create-seq]}")" "<= 1.3" "×"
  target "create-16: ≥ 1.5× the SDK's sequential throughput" "$(q "${T[sdk,create-seq]}" "${T[sdk,create-16]}")" ">= 1.5" "×"
  target "(same, with create_many, concurrency 16)" "$(q "${T[sdk,create-seq]}" "${T[sdk,create-many-16]}")" ">= 1.5" "×"
  rss_stream=${R[sdk,fetch-all-stream]}
  target "fetch-all-stream: SDK peak RSS ≤ 32 MiB" "$([ -n "$rss_stream" ] && calc '%.6f' "$rss_stream / 1024" || true)" "<= 32" " MiB"
  echo
  echo "create-many-16 is the SDK's create_many() with concurrency 16; its raw and JS columns repeat create-16's (the same requests)."
  echo "create-seq-reuse is create-seq with CurlTransportOptions::reuse_connections_for_post; its raw and JS columns repeat create-seq's."
  for note in "${notes[@]}"; do
    echo
    echo "$note"
  done
  if [ "$failures" != 0 ]; then
    echo
    echo "**$failures run(s) failed** and are left out of the medians: see $log_dir."
  fi
} >"$table"

step "results ($results, logs in $log_dir)"
cat "$table"
