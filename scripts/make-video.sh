#!/usr/bin/env bash
# Installs what is missing, builds, and runs the default graph: a finished short
# video from a topic, fully offline. Usage: scripts/make-video.sh [reelflow run options...]
#   e.g. scripts/make-video.sh --set topic="How volcanoes work"
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
build_dir=$(./scripts/build.sh | tail -n 1)
"$build_dir/tools/reelflow" run graphs/short-video.yaml --output-dir out "$@"
