#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through CTest.
# Usage: scripts/test.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
build_dir=$(./scripts/build.sh "$@" | tail -n 1)

if [[ "${1:-}" == "--sanitize" ]]; then
  source scripts/sanitizer-env.sh
fi

# The sanitizer pass leaves out three tests that measure length or speed and add no
# code path of their own: their code runs instrumented in shorter tests, and they
# run in the normal pass (docs/testing.md, "Sanitizers").
not_instrumented=()
if [[ "${1:-}" == "--sanitize" ]]; then
  not_instrumented=(-E '^(DefaultGraph\.SixtySecondsGivesASixtySecondLandscapeVideoWithLandscapePictures|FliteConcurrency\.ThreadsKeepTheirOwnSpeed|TtsFlite\.VoiceRateMeasuresFliteSoTheScriptFitsTheTarget)$')
fi

ctest --test-dir "$build_dir" -j "$(nproc)" --output-on-failure --timeout 600 "${not_instrumented[@]}"
