#!/usr/bin/env bash
# Installs the Debian 12 packages the build, tests, demo and benchmarks need, when missing.
# Needs root (or sudo) only if something is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git
  libcurl4-openssl-dev nlohmann-json3-dev libsimdjson-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev libssl-dev openssl
  libcli11-dev libcsv-dev libbenchmark-dev
  clang libclang-rt-dev clang-format doxygen time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
