#!/usr/bin/env bash
# Fuzzes the graph loader and validator (tests/fuzz/graph_fuzzer.cpp) with libFuzzer
# for a bounded time, starting from the example graphs and the bad-graph corpus.
# Usage: scripts/fuzz.sh [seconds]      (default 60)
#
# Builds only what the fuzzer needs (libreelflow and the test plugins) with clang,
# ASan and UBSan in build-fuzz/ (or $REELFLOW_FUZZ_BUILD_DIR). The corpus grows in a
# temp dir; the source tree is never written. Exits non-zero when an input crashes,
# hangs (> 10 s), leaks or needs more than 2 GiB; the input is kept in
# <build>/fuzz-findings/ and can be replayed with: <build>/tests/fuzz/graph_fuzzer FILE
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if [[ ! "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [seconds]  (a whole number of seconds, not '$seconds')" >&2
  exit 2
fi

./scripts/install-deps.sh
./scripts/install-fuzz-deps.sh

build_dir=${REELFLOW_FUZZ_BUILD_DIR:-build-fuzz}
# -fsanitize=fuzzer-no-link gives libFuzzer coverage feedback from inside libreelflow;
# REELFLOW_SANITIZE adds ASan + UBSan (UB aborts) to every target. The sanitizer
# build's warning list is written for GCC; clang must not fail on GCC-only names.
fuzz_flags="-fsanitize=fuzzer-no-link -Wno-unknown-warning-option"
# -O1 -g1, as in scripts/build.sh --sanitize: reports with line numbers, built in CI time.
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" \
  -DREELFLOW_BUILD_PLUGINS=OFF -DREELFLOW_BUILD_TESTS=ON -DREELFLOW_SANITIZE=ON \
  -DCMAKE_C_FLAGS="$fuzz_flags" -DCMAKE_CXX_FLAGS="$fuzz_flags" >/dev/null
cmake --build "$build_dir" --target graph_fuzzer -j "$(nproc)"

work=$(mktemp -d "${TMPDIR:-/tmp}/reelflow-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build_dir/fuzz-findings"
shopt -s nullglob
for seed in graphs/*.yaml tests/bad_graphs/*.yaml; do
  cp "$seed" "$work/corpus/$(basename "$(dirname "$seed")")-$(basename "$seed")"
done

# The sanitizer settings of scripts/test.sh --sanitize: only our leaks count.
source scripts/sanitizer-env.sh
# -max_len: libFuzzer would otherwise stop at the largest seed (2 kB); deep nesting,
# long values and alias chains need more room.
echo "reelflow: fuzzing the graph loader and validator for ${seconds} s ($(ls "$work/corpus" | wc -l) seeds)"
status=0
"$build_dir/tests/fuzz/graph_fuzzer" "$work/corpus" \
  -dict=tests/fuzz/graph.dict \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -artifact_prefix="$build_dir/fuzz-findings/" -print_final_stats=1 || status=$?
if ((status != 0)); then
  echo "reelflow: the fuzzer found a failing input (exit $status); see $build_dir/fuzz-findings/" >&2
  exit "$status"
fi
echo "reelflow: no failures in ${seconds} s of fuzzing"
