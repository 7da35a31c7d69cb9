#!/usr/bin/env bash
# Installs the Debian 12 packages the build, tests, demo and benchmarks need, when missing:
# compilers and build tools (make too, for a plain `cmake -S . -B build` without -G Ninja), the
# libraries, the test tools, and for the packaging tests dpkg-dev (dpkg-shlibdeps, used by
# `cpack -G DEB`) and lintian. ccache is used by scripts/test.sh when present.
# Needs root (or sudo) only if something is missing.
set -euo pipefail

packages=(
  cmake ninja-build make g++ pkg-config git ccache
  libcurl4-openssl-dev nlohmann-json3-dev libsimdjson-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev libssl-dev openssl
  libcli11-dev libcsv-dev libbenchmark-dev
  clang libclang-rt-dev clang-format doxygen time
  dpkg-dev lintian
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
