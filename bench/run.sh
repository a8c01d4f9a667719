#!/usr/bin/env bash
# Runs the reelflow benchmark suite (docs/performance.md) and prints a Markdown table;
# writes bench/results/latest.md and latest.json (quick.* for --quick or --only).
#
#   bench/run.sh                 # everything, medians of 3 runs (7-10 min on 2 idle-ish cores)
#   bench/run.sh --quick         # small sizes, 1 run: checks the suite works (~40 s)
#   bench/run.sh --only render,graph_scale --runs 5
#
# Builds reelflow first (Release, in build-bench/ or $REELFLOW_BUILD_DIR) with
# scripts/build.sh; needs ffmpeg, which bench/install-deps.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v ffmpeg >/dev/null || ! command -v gst-launch-1.0 >/dev/null; then
  echo "bench: ffmpeg or gst-launch-1.0 missing; running bench/install-deps.sh" >&2
  bench/install-deps.sh
fi

build_dir=${REELFLOW_BUILD_DIR:-build-bench}
# Release without the tests. -O2: GCC 12 at -O3 reports false -Werror=restrict
# warnings inside libstdc++'s std::string (GCC bug 105329) and the build stops.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREELFLOW_BUILD_TESTS=OFF \
  -DREELFLOW_BUILD_BENCH=ON "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" >/dev/null
mkdir -p bench/results/work
log=bench/results/work/build.log
echo "bench: building reelflow in $build_dir (log: $log)" >&2
if ! REELFLOW_BUILD_DIR="$build_dir" scripts/build.sh >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "bench: the build failed (full log: $log)" >&2
  exit 1
fi
build_dir=$(tail -n 1 "$log")

exec env PYTHONPATH="$PWD/bench${PYTHONPATH:+:$PYTHONPATH}" python3 -m reelbench --build-dir "$build_dir" "$@"
