#!/usr/bin/env bash
# Installs what the benchmarks need beyond reelflow's own dependencies: ffmpeg
# (with ffprobe), the peer of the render benchmark and the SSIM/PSNR comparison.
# Idempotent; benchmarks only.
set -euo pipefail
exec "$(dirname "$0")/../scripts/install-deps.sh" ffmpeg
