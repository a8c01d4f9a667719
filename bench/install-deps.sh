#!/usr/bin/env bash
# Installs what the benchmarks need beyond reelflow's own dependencies: ffmpeg
# (with ffprobe), the peer of the render benchmark and the SSIM/PSNR comparison;
# python3-opencv for the shot-detection peer (PySceneDetect's path, run by Debian's
# /usr/bin/python3).
# Idempotent; benchmarks only.
set -euo pipefail
exec "$(dirname "$0")/../scripts/install-deps.sh" ffmpeg python3-opencv
