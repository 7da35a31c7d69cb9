#!/usr/bin/env bash
# The whole test suite, as CI runs it, on a fresh Debian 12 machine:
#   1. installs the Debian packages it needs (scripts/install-deps.sh),
#   2. a plain Release build with g++ (warnings as errors) of everything, and every test (unit,
#      integration against the emulator, CLI, install),
#   3. the shared library (BUILD_SHARED_LIBS=ON), plain Release with clang++: its exported
#      symbols, the consumers of the installed shared package and the Debian packages (cpack -G
#      DEB, lintian),
#   4. again with clang++ under AddressSanitizer + UndefinedBehaviorSanitizer,
#   5. the concurrency tests under ThreadSanitizer,
#   6. each libFuzzer target for FUZZ_SECONDS (default 60) seconds,
#   7. clang-format on every C++ file, and Doxygen on the public headers (warnings are errors).
# Set SKIP_SANITIZERS=1 or SKIP_FUZZ=1 to shorten a local run. ccache is used when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
fuzz_seconds=${FUZZ_SECONDS:-60}

step() { printf '\n==== %s\n' "$*"; }
if command -v ccache >/dev/null; then export CMAKE_CXX_COMPILER_LAUNCHER=ccache; fi

step "dependencies"
scripts/install-deps.sh

step "format"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror "${sources[@]}"
# The README's quick start is examples/quickstart.cpp, verbatim.
diff <(sed -n '/^## Quick start/,/^```$/p' README.md | sed '1,/^```cpp$/d;$d') examples/quickstart.cpp
# Its emulator test example is tests/install/emulator/users_test.cpp, verbatim.
diff <(sed -n '/^## Testing your code against the emulator/,/^## /p' README.md |
  sed -n '/^```cpp$/,/^```$/p' | sed '1d;$d') tests/install/emulator/users_test.cpp

# The build packagers and most users run: no preset, plain Release (-O3, the compiler's own
# choice of inlining, so warnings an -O2 build never sees, such as g++ 12's maybe-uninitialized),
# with g++, warnings as errors; every target, and every test (unit, integration against the
# emulator, CLI, install). clang++ builds everything in the sanitizer step below.
step "build and test: plain Release, g++, warnings as errors"
cmake -S . -B build/ci-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
  -DLOSANT_EU_WERROR=ON >/dev/null
cmake --build build/ci-release -j "$jobs"
ctest --test-dir build/ci-release -j "$jobs" --output-on-failure --timeout 300

step "API reference (Doxygen, warnings are errors)"
cmake --build build/ci-release --target docs

# The shared library as a distribution builds it (prefix /usr), with the other compiler: a plain
# Release build with clang++ of what is installed (the library, the emulator library, the CLI and
# the emulator program) and nothing else; the tests labelled `install` check the exported
# symbols, find_package and pkg-config against the installed shared package, and the .debs.
step "shared library, plain Release, clang++: exports, consumers, Debian packages"
cmake -S . -B build/ci-shared -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DBUILD_SHARED_LIBS=ON -DCMAKE_INSTALL_PREFIX=/usr -DLOSANT_EU_WERROR=ON \
  -DLOSANT_EU_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/ci-shared -j "$jobs" --target losant_eu_installed
ctest --test-dir build/ci-shared -j "$jobs" -L install --output-on-failure

if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  step "build and test with clang++ under ASan + UBSan"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan -j "$jobs"

  step "concurrency tests under ThreadSanitizer"
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j "$jobs" --target concurrency_test curl_transport_test bulk_test bulk_many_test range_in_flight_test
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp" \
    ctest --preset tsan
fi

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  step "fuzzing, ${fuzz_seconds}s per target"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$jobs"
  scripts/fuzz.sh build/fuzz "$fuzz_seconds"
fi

step "all tests passed"
