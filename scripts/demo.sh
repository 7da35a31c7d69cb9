#!/usr/bin/env bash
# The demo, on a fresh Debian 12 machine: installs what it needs, builds the CLI and the
# emulator, starts the emulator seeded with users on a free loopback port, and uses the CLI
# against it: a page of users as a table, a new user, that user fetched back, a filtered list,
# the experience groups and an advanced query (API 1.30).
# With --keep the emulator keeps running afterwards, and the script says how to reach it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target losant-emulator losant-experience-users

bin=build/default
log=$(mktemp)
"$bin/emulator/losant-emulator" --port 0 --seed-users 120 --token demo-token >"$log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q '^export LOSANT_API_URL=' "$log" && break
  sleep 0.1
done
url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
exports=$(grep '^export LOSANT_API_URL=' "$log" | head -n 1)
[ -n "$url" ] && [ -n "$exports" ] || { cat "$log" >&2; echo "the emulator did not start" >&2; exit 1; }
# The banner's last line points the CLI at the emulator: URL, token and application id.
eval "$exports"
cli="$bin/cli/losant-experience-users"
# A command as one would type it: arguments with characters the shell treats specially quoted.
shown() {
  local out="losant-experience-users" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then out+=" $arg"; else out+=" '$arg'"; fi
  done
  printf '%s' "$out"
}
run() { printf '\n$ %s\n' "$(shown "$@")"; "$cli" "$@"; }

echo "Emulator at $url (120 generated users)"
run list --per-page 10 --sort-field lastLogin --sort-direction desc
create=(create --email ada@example.com --password-stdin --first-name Ada --last-name Lovelace
  --tag team=math)
printf '\n$ %s\n' "echo '***' | $(shown "${create[@]}")"
created=$(echo 'analytical-engine-1843' | "$cli" "${create[@]}")
echo "$created"
id=$(printf '%s\n' "$created" | sed -n 's/^ID:[[:space:]]*\([0-9a-f]\{24\}\)$/\1/p')
[ -n "$id" ] || { echo "the new user's id is not in the answer" >&2; exit 1; }
run get "$id"
run list --filter-field email --filter 'ada*' --per-page 5
run groups list
run list --query '{"userTags":{"team":"math"}}' --format jsonl

reach=$exports
if [ "${1:-}" = --keep ]; then
  trap - EXIT
  rm -f "$log"
  cat <<TEXT

The emulator keeps running (pid $emulator_pid). To use it from your shell:

  $reach
  $cli list --per-page 5

Stop it with: kill $emulator_pid
TEXT
else
  cat <<TEXT

The emulator (pid $emulator_pid) stops with this script. To keep it running and use it from your
shell, run scripts/demo.sh --keep: it ends with the export line to paste.
TEXT
fi
