#!/usr/bin/env bash
# The end-to-end benchmarks (docs/performance.md says how to read the output):
#   1. builds the release preset's emulator, CLI and workload programs,
#   2. installs Losant's JavaScript SDK (npm losant-rest@2.8.1) into bench/.js-sdk,
#   3. for each of REPS repetitions and each mode (loopback; WAN: the same emulator answering
#      every request WAN_LATENCY after it arrived): starts losant-emulator seeded with USERS
#      users on a free loopback port, runs the mode's workloads with the SDK (for `export`: the
#      CLI), the raw-libcurl baseline and the JS SDK (interleaved, the starting implementation
#      rotating from one repetition to the next), and stops the emulator (so every fetch-all
#      reads exactly USERS users: creates come last),
#   4. in the first loopback repetition, counts the TCP connections each implementation opens
#      during create-seq (one extra, untimed run under strace: its connect() calls),
#   5. prints one markdown table of medians for both modes, the ratios, peak RSS, and every
#      target of issue 13 met or missed; writes it to OUT_DIR/table.md.
#
# Environment: REPS (5), USERS (100000), GET_REQUESTS (1000), CREATES (2000), IN_FLIGHT (16),
# MODES ("loopback wan"), WAN_LATENCY (25ms), WORKLOADS (loopback; default all), WAN_WORKLOADS
# ("export fetch-all-stream"), IMPLS ("sdk raw js"), COUNT_CONNECTIONS (1; 0 skips step 4),
# JOBS (build parallelism, nproc), SKIP_BUILD=1 (use what is built), BUILD_DIR (build/release),
# OUT_DIR (build/bench: raw results, logs, exported files, the table), EMULATOR / CLI /
# BENCH_SDK / BENCH_RAW (program paths, to override the build's), ALLOW_COMPRESSION=1 (run even
# against an emulator that compresses responses; by default that stops the script).
#
# What is timed: for `export`, the wall clock of the whole process (start-up, and for node the
# module load, included) for all three implementations; for every other workload, the
# workload alone as the program reports it (from before its first request to after its last
# response is handled). Peak RSS is /usr/bin/time's "maximum resident set size" of the whole
# process, the same method for the three implementations. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C  # '.' as the decimal point in $EPOCHREALTIME, awk and printf

reps=${REPS:-5}
users=${USERS:-100000}
get_requests=${GET_REQUESTS:-1000}
creates=${CREATES:-2000}
in_flight=${IN_FLIGHT:-16}
jobs=${JOBS:-$(nproc)}
impls=${IMPLS:-sdk raw js}
modes=${MODES:-loopback wan}
wan_latency=${WAN_LATENCY:-25ms}
count_connections=${COUNT_CONNECTIONS:-1}
build_dir=${BUILD_DIR:-build/release}
out_dir=${OUT_DIR:-build/bench}
token=bench-token
app=5f0c1a2b3c4d5e6f7a8b9c0d
all_workloads=(export fetch-all-keep fetch-all-stream get-page create-seq create-seq-fresh create-16
               create-many-16)
read -r -a loopback_workloads <<<"${WORKLOADS:-${all_workloads[*]}}"
# WAN: only what has a target there. get-page (1,000 round trips) and the creates (2,000) would
# spend most of the run waiting; the issue sets no WAN target for them.
read -r -a wan_workloads <<<"${WAN_WORKLOADS:-export fetch-all-stream}"
js_sdk_version=2.8.1

step() { printf '\n==== %s\n' "$*" >&2; }
die() { echo "bench.sh: $*" >&2; exit 1; }

for mode in $modes; do
  case "$mode" in loopback | wan) ;; *) die "MODES: unknown mode '$mode' (loopback, wan)" ;; esac
done
for w in "${loopback_workloads[@]}" "${wan_workloads[@]}"; do
  [[ " ${all_workloads[*]} " == *" $w "* ]] || die "unknown workload '$w' (${all_workloads[*]})"
done
for i in $impls; do
  case "$i" in sdk | raw | js) ;; *) die "IMPLS: unknown implementation '$i' (sdk raw js)" ;; esac
done

# ---- build ---------------------------------------------------------------------------------------
emulator=${EMULATOR:-$build_dir/emulator/losant-emulator}
cli=${CLI:-$build_dir/cli/losant-experience-users}
bench_sdk=${BENCH_SDK:-$build_dir/bench/workloads/losant-bench-sdk}
bench_raw=${BENCH_RAW:-$build_dir/bench/workloads/losant-bench-raw}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build (release preset)"
  cmake --preset release >/dev/null
  cmake --build "$build_dir" -j "$jobs" --target losant-emulator losant-experience-users \
    losant-bench-sdk losant-bench-raw
fi
for program in "$emulator" "$cli" "$bench_sdk" "$bench_raw"; do
  [ -x "$program" ] || die "$program is missing (build it, or set EMULATOR/CLI/BENCH_SDK/BENCH_RAW)"
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
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    die "the JS SDK needs node and npm (apt-get install nodejs npm), or set IMPLS='sdk raw'"
  fi
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
if [ -n "$(git --no-optional-locks status --porcelain -- src include cli 2>/dev/null)" ]; then
  sdk_revision+=" with uncommitted changes in src/, include/ or cli/"
fi

# ---- the runs ------------------------------------------------------------------------------------
mkdir -p "$out_dir"
# mode rep impl workload seconds(as the program times it; empty for the CLI) wall_seconds(the
# whole process) peak_rss_kib(time -v) count errors
results="$out_dir/results.tsv"
connections="$out_dir/connections.tsv"  # impl workload connections
log_dir="$out_dir/logs"
export_dir="$out_dir/export"
rm -rf "$log_dir" "$export_dir"
mkdir -p "$log_dir" "$export_dir"
printf 'mode\trep\timpl\tworkload\tseconds\twall_seconds\tpeak_rss_kib\tcount\terrors\n' >"$results"
printf 'impl\tworkload\tconnections\n' >"$connections"

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
emulator_checked=0
start_emulator() {  # mode rep
  local log="$log_dir/emulator-$1-$2.log" latency=()
  [ "$1" = wan ] && latency=(--latency "$wan_latency")
  "$emulator" --port 0 --seed-users "$users" --token "$token" "${latency[@]}" >"$log" 2>&1 &
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
  if [ "$emulator_checked" = 0 ]; then
    check_emulator
    emulator_checked=1
  fi
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

# The command of one run, into the array `command`: impl workload run-id [export file]
make_command() {
  local impl=$1 workload=$2 run_id=$3 file=${4:-}
  if [ "$workload" = export ] && [ "$impl" = sdk ]; then
    # The CLI as a user runs it, settings from the environment (no token in the process list;
    # with all three set it reads no profile).
    command=(env -u LOSANT_PROFILE "LOSANT_API_URL=$url" "LOSANT_API_TOKEN=$token"
             "LOSANT_APPLICATION_ID=$app" "$cli" export --format jsonl --out "$file")
    return
  fi
  local args=(--workload "$workload" --url "$url" --token "$token" --app "$app" --users "$users"
              --threads "$in_flight" --run-id "$run_id")
  case "$workload" in
    get-page) args+=(--requests "$get_requests") ;;
    create-*) args+=(--requests "$creates") ;;
    export) args+=(--out "$file") ;;
  esac
  case "$impl" in
    sdk) command=("$bench_sdk" "${args[@]}") ;;
    raw) command=("$bench_raw" "${args[@]}") ;;
    js) command=(node bench/js/workloads.js "${args[@]}") ;;
  esac
}

failures=0
run_failed() {  # impl workload base why
  failures=$((failures + 1))
  printf '  %-4s %-16s FAILED (%s), see %s.err\n' "$1" "$2" "$4" "$3" >&2
  sed 's/^/      /' "$3.err" | head -n 5 >&2
}

run_one() {  # mode rep impl workload
  local mode=$1 rep=$2 impl=$3 workload=$4
  local base="$log_dir/$mode-$rep-$impl-$workload" file=
  if [ "$workload" = export ]; then
    file="$export_dir/$mode-$impl.$([ "$impl" = raw ] && echo json || echo jsonl)"
    rm -f "$file"
  fi
  local command=()
  make_command "$impl" "$workload" "r$rep-$mode-$impl-$workload-$$" "$file"
  local status=0 t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$base.rss" "${command[@]}" >"$base.out" 2>"$base.err" || status=$?
  t1=$EPOCHREALTIME
  local wall line seconds='' count='' errors=0 field rss
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
  line=$(grep '^RESULT ' "$base.out" | tail -n 1 || true)
  for field in $line; do
    case "$field" in
      seconds=*) seconds=${field#seconds=} ;;
      count=*) count=${field#count=} ;;
      errors=*) errors=${field#errors=} ;;
    esac
  done
  if [ "$status" != 0 ]; then run_failed "$impl" "$workload" "$base" "exit $status"; return 0; fi
  if [ "$workload" = export ]; then
    [ -s "$file" ] || { run_failed "$impl" "$workload" "$base" "no $file"; return 0; }
    # JSON Lines: one line a user. The raw floor writes the pages' bodies as they came.
    [ "$impl" != raw ] && count=$(wc -l <"$file")
    if [ "$count" != "$users" ]; then
      run_failed "$impl" "$workload" "$base" "$file has $count users, not $users"
      return 0
    fi
  elif [ -z "$line" ]; then
    run_failed "$impl" "$workload" "$base" "no RESULT line"
    return 0
  fi
  rss=$(tail -n 1 "$base.rss")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$rep" "$impl" "$workload" "$seconds" \
    "$wall" "$rss" "$count" "$errors" >>"$results"
  local timed=-
  [ -n "$seconds" ] && timed=$(printf '%.3f' "$seconds")
  printf '  %-8s %-4s %-16s timed %7s s, process %7.3f s, %7d KiB, count=%s\n' "$mode" "$impl" \
    "$workload" "$timed" "$wall" "$rss" "$count" >&2
}

# The TCP connections a run opens, counted as the kernel sees them being opened: strace records
# the process's connect() calls (all threads), and those to the emulator's port are counted.
# One extra run per implementation, untimed (strace slows the traced calls down).
count_connections_of() {  # impl workload
  local impl=$1 workload=$2 base="$log_dir/connections-$1-$2" command=() status=0
  make_command "$impl" "$workload" "c-$impl-$workload-$$"
  strace -f -qq --seccomp-bpf -e trace=connect -e signal=none -o "$base.strace" \
    "${command[@]}" >"$base.out" 2>"$base.err" || status=$?
  if [ "$status" != 0 ] || ! grep -q '^RESULT .* errors=0' "$base.out"; then
    printf '  %-4s %-16s connection count FAILED (exit %s), see %s.err\n' "$impl" "$workload" \
      "$status" "$base" >&2
    return 0
  fi
  local port=${url##*:} n
  n=$(grep -c "sin_port=htons($port)," "$base.strace" || true)
  printf '%s\t%s\t%s\n' "$impl" "$workload" "$n" >>"$connections"
  printf '  %-4s %-16s %d connection(s) opened (strace: connect() to port %s)\n' "$impl" \
    "$workload" "$n" "$port" >&2
}

workloads_of() {  # mode -> the array `mode_workloads`
  if [ "$1" = wan ]; then mode_workloads=("${wan_workloads[@]}"); else mode_workloads=("${loopback_workloads[@]}"); fi
}

read -r -a impl_list <<<"$impls"
read -r -a mode_list <<<"$modes"
strace_note=
if [ "$count_connections" = 1 ] && ! command -v strace >/dev/null; then
  strace_note="Connections not counted: strace is missing (apt-get install strace)."
  count_connections=0
fi
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
for rep in $(seq 1 "$reps"); do
  # Rotate which implementation goes first, so none always runs right after another's load.
  order=()
  for i in "${!impl_list[@]}"; do
    order+=("${impl_list[$(((i + rep - 1) % ${#impl_list[@]}))]}")
  done
  for mode in "${mode_list[@]}"; do
    step "repetition $rep of $reps, $mode$([ "$mode" = wan ] && echo " ($wan_latency a request)"): starting the emulator with $users users"
    start_emulator "$mode" "$rep"
    workloads_of "$mode"
    for workload in "${mode_workloads[@]}"; do
      for impl in "${order[@]}"; do
        # create-many-16 is the SDK's create_many(); the others' requests are create-16's.
        # create-seq-fresh is the SDK without reuse_connections_for_post; the others': create-seq's.
        case "$workload" in create-many-16 | create-seq-fresh) [ "$impl" != sdk ] && continue ;; esac
        run_one "$mode" "$rep" "$impl" "$workload"
      done
    done
    if [ "$rep" = 1 ] && [ "$mode" = loopback ] && [ "$count_connections" = 1 ]; then
      for workload in create-seq create-seq-fresh; do
        [[ " ${loopback_workloads[*]} " == *" $workload "* ]] || continue
        for impl in "${impl_list[@]}"; do
          [ "$workload" = create-seq-fresh ] && [ "$impl" != sdk ] && continue
          count_connections_of "$impl" "$workload"
        done
      done
    fi
    stop_emulator
  done
done
elapsed=$(($(date +%s) - started))
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---- the table -----------------------------------------------------------------------------------
# median mode impl workload column(5 = seconds, 6 = wall, 7 = rss): over repetitions, or "".
median() {
  awk -F'\t' -v m="$1" -v i="$2" -v w="$3" -v c="$4" \
    'NR > 1 && $1 == m && $3 == i && $4 == w && $c != "" { print $c }' "$results" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
                    else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
secs() { [ -n "$1" ] && calc '%.3f s' "$1" || echo '—'; }
mib() { [ -n "$1" ] && calc '%.1f MiB' "$1 / 1024" || echo '—'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && calc '%.2f×' "$1 / $2" || echo '—'; }
q() { if [ -n "$1" ] && [ -n "$2" ]; then calc '%.6f' "$1 / $2"; fi; }  # a/b, or "" if either is ""

declare -A T R P C
for mode in loopback wan; do
  for w in "${all_workloads[@]}"; do
    for i in sdk raw js; do
      # export: the whole process (the CLI has no other clock); the rest: the workload alone.
      T[$mode,$i,$w]=$(median "$mode" "$i" "$w" "$([ "$w" = export ] && echo 6 || echo 5)")
      P[$mode,$i,$w]=$(median "$mode" "$i" "$w" 5)
      R[$mode,$i,$w]=$(median "$mode" "$i" "$w" 7)
    done
  done
  # The SDK-only rows send the requests of another workload: compare them with its raw and JS.
  for i in raw js; do
    T[$mode,$i,create-many-16]=${T[$mode,$i,create-16]}
    R[$mode,$i,create-many-16]=${R[$mode,$i,create-16]}
    T[$mode,$i,create-seq-fresh]=${T[$mode,$i,create-seq]}
    R[$mode,$i,create-seq-fresh]=${R[$mode,$i,create-seq]}
  done
done
while IFS=$'\t' read -r i w n; do
  [ "$i" = impl ] || C[$i,$w]=$n
done <"$connections"

# A row's label: which program stands for the SDK, and whose raw/JS figures it borrows.
label() {
  case "$1" in
    export) echo "export, JSON Lines (SDK: the CLI; whole process)" ;;
    create-seq-fresh) echo "create-seq-fresh (SDK opt-out; raw, JS: create-seq's)" ;;
    create-many-16) echo "create-many-16 (create_many; raw, JS: create-16's)" ;;
    *) echo "$1" ;;
  esac
}
borrowed() {  # a cell of a row that repeats another workload's figures, in parentheses
  case "$1" in create-seq-fresh | create-many-16) echo "($2)" ;; *) echo "$2" ;; esac
}
mode_name() { if [ "$1" = wan ]; then echo "WAN $wan_latency"; else echo loopback; fi; }

table="$out_dir/table.md"
{
  echo "Medians of $reps repetition(s), $users users (pages of 1000), $get_requests GETs, $creates creates, $in_flight in flight;"
  echo "$(uname -m), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'); $js_version_line; run took ${elapsed} s."
  echo "SDK at $sdk_revision; emulator $emulator; WAN mode: \`losant-emulator --latency $wan_latency\`."
  echo "Load average (1, 5, 15 min) $load_before before the run, $load_after after it (the run itself adds about 2)."
  if [ "$users" != 100000 ] || [ "$get_requests" != 1000 ] || [ "$creates" != 2000 ] ||
    [ "$in_flight" != 16 ] || { [[ " $modes " == *" wan "* ]] && [ "$wan_latency" != 25ms ]; }; then
    echo "**Not the issue's sizes** (100000 users, 1000 GETs, 2000 creates, 16 in flight, WAN 25ms): the verdicts below are for this run only."
  fi
  echo
  echo "| mode | workload | raw libcurl | SDK | JS SDK | SDK/raw | JS/SDK | peak RSS raw | peak RSS SDK | peak RSS JS |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for mode in "${mode_list[@]}"; do
    workloads_of "$mode"
    for w in "${all_workloads[@]}"; do
      [[ " ${mode_workloads[*]} " == *" $w "* ]] || continue
      k="$mode,sdk,$w" kr="$mode,raw,$w" kj="$mode,js,$w"
      echo "| $(mode_name "$mode") | $(label "$w") | $(borrowed "$w" "$(secs "${T[$kr]}")") |" \
        "$(secs "${T[$k]}") | $(borrowed "$w" "$(secs "${T[$kj]}")") |" \
        "$(ratio "${T[$k]}" "${T[$kr]}") | $(ratio "${T[$kj]}" "${T[$k]}") |" \
        "$(borrowed "$w" "$(mib "${R[$kr]}")") | $(mib "${R[$k]}") | $(borrowed "$w" "$(mib "${R[$kj]}")") |"
    done
  done
  echo
  echo "Times: \`export\` is the wall clock of the whole process for all three (the CLI command with its start-up;" \
    "node's start and loading losant-rest; losant-bench-raw), every other row the workload alone as each program times it" \
    "(client built, node and modules loaded before the clock starts)."
  for mode in "${mode_list[@]}"; do
    [ -n "${P[$mode,js,export]}${P[$mode,raw,export]}" ] || continue
    echo "Export ($(mode_name "$mode")) timed inside the programs instead (no process start-up, no module load):" \
      "JS $(secs "${P[$mode,js,export]}"), raw $(secs "${P[$mode,raw,export]}")."
  done
  if [ -n "${C[sdk,create-seq]:-}${C[raw,create-seq]:-}${C[js,create-seq]:-}" ]; then
    echo "TCP connections opened by one create-seq run of $creates creates (counted in an extra, untimed run under strace:" \
      "connect() calls to the emulator's port): SDK ${C[sdk,create-seq]:-—}," \
      "SDK without reuse_connections_for_post ${C[sdk,create-seq-fresh]:-—}, raw libcurl ${C[raw,create-seq]:-—}, JS SDK ${C[js,create-seq]:-—}."
  fi
  [ -n "$strace_note" ] && echo "$strace_note"
  for mode in "${mode_list[@]}"; do
    a="$export_dir/$mode-sdk.jsonl" b="$export_dir/$mode-js.jsonl"
    if [ ! -s "$a" ] || [ ! -s "$b" ]; then continue; fi
    if cmp -s "$a" "$b"; then
      echo "Export ($(mode_name "$mode")): the CLI's file and the JS loop's are byte-identical."
    else
      echo "Export ($(mode_name "$mode")): **the CLI's file and the JS loop's differ** ($a, $b)."
    fi
  done
  echo
  echo "| workload | mode | target | measured | verdict |"
  echo "|---|---|---|---|---|"
  # target workload mode description value condition(awk, over the value) unit
  target() {
    local verdict='not measured' shown='—'
    if [ -n "$4" ]; then
      if awk "BEGIN { exit !($4 $5) }"; then verdict=met; else verdict=MISSED; fi
      shown="$(calc "$7" "$4")$6"
    fi
    echo "| $1 | $2 | $3 | $shown | $verdict |"
  }
  lo=loopback wan=$(mode_name wan)
  target "export 100k, JSON Lines" "$lo" "≥ 5× the JS loop" \
    "$(q "${T[loopback,js,export]}" "${T[loopback,sdk,export]}")" ">= 5" "×" '%.2f'
  target "export 100k, JSON Lines" "$lo" "≤ 32 MiB" \
    "$(q "${R[loopback,sdk,export]}" 1024)" "<= 32" " MiB" '%.1f'
  target "export 100k, JSON Lines" "$wan" "≥ 10× the JS loop" \
    "$(q "${T[wan,js,export]}" "${T[wan,sdk,export]}")" ">= 10" "×" '%.2f'
  target "export 100k, JSON Lines" "$wan" "≤ 64 MiB" \
    "$(q "${R[wan,sdk,export]}" 1024)" "<= 64" " MiB" '%.1f'
  target "fetch-all-stream (\`list_all\`)" "$lo" "≤ 1.5× raw libcurl" \
    "$(q "${T[loopback,sdk,fetch-all-stream]}" "${T[loopback,raw,fetch-all-stream]}")" "<= 1.5" "×" '%.2f'
  target "fetch-all-stream (\`list_all\`)" "$wan" "≥ 10× the JS SDK" \
    "$(q "${T[wan,js,fetch-all-stream]}" "${T[wan,sdk,fetch-all-stream]}")" ">= 10" "×" '%.2f'
  target "fetch-all-keep" "$lo" "≥ 4× the JS SDK" \
    "$(q "${T[loopback,js,fetch-all-keep]}" "${T[loopback,sdk,fetch-all-keep]}")" ">= 4" "×" '%.2f'
  target "fetch-all-keep" "$lo" "peak RSS ≤ 1/2 of the JS SDK's" \
    "$(q "${R[loopback,sdk,fetch-all-keep]}" "${R[loopback,js,fetch-all-keep]}")" "<= 0.5" " (SDK/JS)" '%.2f'
  target "get-page ×$get_requests" "$lo" "≥ 6× the JS SDK" \
    "$(q "${T[loopback,js,get-page]}" "${T[loopback,sdk,get-page]}")" ">= 6" "×" '%.2f'
  target "create, sequential, default options" "$lo" "≤ 1.3× raw libcurl" \
    "$(q "${T[loopback,sdk,create-seq]}" "${T[loopback,raw,create-seq]}")" "<= 1.3" "×" '%.2f'
  target "create, sequential, default options" "$lo" "connections ≤ 1" \
    "${C[sdk,create-seq]:-}" "<= 1" "" '%d'
  target "create, 16 in flight (threads sharing a client)" "$lo" "≥ 4× the JS SDK" \
    "$(q "${T[loopback,js,create-16]}" "${T[loopback,sdk,create-16]}")" ">= 4" "×" '%.2f'
  target "create, 16 in flight (\`create_many\`)" "$lo" "≥ 4× the JS SDK" \
    "$(q "${T[loopback,js,create-16]}" "${T[loopback,sdk,create-many-16]}")" ">= 4" "×" '%.2f'
  echo
  echo "Ratios \"× the JS …\" are JS time / SDK time (higher is better); \"× raw libcurl\" is SDK time / raw time."
  echo "create-seq-fresh is create-seq with CurlTransportOptions::reuse_connections_for_post = false (a new connection per create, the default before); create-many-16 is"
  echo "create_many() with concurrency $in_flight. Figures in parentheses repeat the workload they send the same requests as."
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
