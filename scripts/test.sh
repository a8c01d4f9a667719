#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through CTest.
# Usage: scripts/test.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
build_dir=$(./scripts/build.sh "$@" | tail -n 1)

if [[ "${1:-}" == "--sanitize" ]]; then
  # GStreamer, GLib and friends keep process-lifetime allocations; .ci/lsan.supp names
  # their allocation sites, so only our code's leaks count. Matching a site needs the
  # stack down to the suppressed function: the slow unwinder (those libraries have no
  # frame pointers), 14 frames (the deepest match is at frame 8; 20 cost 15 % more time).
  # G_SLICE=always-malloc: GLib's slice allocator would hide GObjects from LeakSanitizer.
  # tests/sanitizer/leak_report_test.cpp checks these settings still catch our leaks.
  export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:fast_unwind_on_malloc=0:malloc_context_size=14"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export G_SLICE=always-malloc
fi

# The sanitizer pass leaves out three tests that measure length or speed and add no
# code path of their own: their code runs instrumented in shorter tests, and they
# run in the normal pass (docs/testing.md, "Sanitizers").
not_instrumented=()
if [[ "${1:-}" == "--sanitize" ]]; then
  not_instrumented=(-E '^(DefaultGraph\.SixtySecondsGivesASixtySecondLandscapeVideoWithLandscapePictures|FliteConcurrency\.ThreadsKeepTheirOwnSpeed|TtsFlite\.VoiceRateMeasuresFliteSoTheScriptFitsTheTarget)$')
fi

ctest --test-dir "$build_dir" -j "$(nproc)" --output-on-failure --timeout 600 "${not_instrumented[@]}"
