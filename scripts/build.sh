#!/usr/bin/env bash
# Configures and builds reelflow. Usage: scripts/build.sh [--sanitize]
#   --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${REELFLOW_BUILD_DIR:-build}
config=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DREELFLOW_SANITIZE=OFF)
if [[ "${1:-}" == "--sanitize" ]]; then
  build_dir=${REELFLOW_BUILD_DIR:-build-asan}
  # -O1 -g1: sanitizer reports with line numbers, at half the compile time of -O2 -g.
  config=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DREELFLOW_SANITIZE=ON)
fi

cmake -S . -B "$build_dir" -G Ninja "${config[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
echo "$build_dir"
