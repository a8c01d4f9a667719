#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through CTest.
# Usage: scripts/test.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
build_dir=$(./scripts/build.sh "$@" | tail -n 1)

if [[ "${1:-}" == "--sanitize" ]]; then
  # GStreamer, GLib and friends keep process-lifetime allocations; only our code's leaks count.
  export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi

ctest --test-dir "$build_dir" -j "$(nproc)" --output-on-failure --timeout 600
