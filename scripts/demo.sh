#!/usr/bin/env bash
# The demo, on a fresh Debian 12 machine: installs what it needs, builds the CLI and the
# emulator, starts the emulator seeded with users on a free loopback port, and uses the CLI
# against it: a page of users as a table, a new user, that user fetched back.
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
run() { printf '\n$ %s\n' "losant-experience-users $*"; "$cli" "$@"; }

echo "Emulator at $url (120 generated users)"
run list --per-page 10 --sort-field lastLogin --sort-direction desc
printf '\n$ %s\n' "echo '***' | losant-experience-users create --email ada@example.com --password-stdin ..."
created=$(echo 'analytical-engine-1843' | "$cli" --format json create --email ada@example.com \
  --password-stdin --first-name Ada --last-name Lovelace --tag team=math)
echo "$created"
id=$(echo "$created" | sed -n 's/.*"id":"\([0-9a-f]\{24\}\)".*/\1/p')
run get "$id"
run list --filter-field email --filter 'ada*' --per-page 5
