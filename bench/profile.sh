#!/usr/bin/env bash
# Profiles a short compositor render with perf (docs/performance.md, "Profile").
# Uses the Release build of bench/run.sh (build-bench/ or $REELFLOW_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "bench: perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
build_dir=${REELFLOW_BUILD_DIR:-build-bench}
[ -x "$build_dir/bench/graph_scale_bench" ] || { echo "bench: run bench/run.sh first (builds $build_dir)" >&2; exit 1; }
exec env PYTHONPATH="$PWD/bench${PYTHONPATH:+:$PYTHONPATH}" python3 -m reelbench.profile --build-dir "$build_dir" "$@"
