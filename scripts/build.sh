#!/usr/bin/env bash
# Configures and builds reelflow. Usage: scripts/build.sh [--sanitize]
#   --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${REELFLOW_BUILD_DIR:-build}
sanitize=OFF
if [[ "${1:-}" == "--sanitize" ]]; then
  sanitize=ON
  build_dir=${REELFLOW_BUILD_DIR:-build-asan}
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREELFLOW_SANITIZE="$sanitize" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
echo "$build_dir"
