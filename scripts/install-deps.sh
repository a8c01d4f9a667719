#!/usr/bin/env bash
# Installs the Debian 12 packages reelflow needs to build, run and test, plus any
# packages named on the command line (scripts/fuzz.sh and bench/ add theirs).
# Idempotent: only missing packages are installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libglib2.0-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  libboost-dev libboost-filesystem-dev
  libyaml-cpp-dev libcurl4-openssl-dev libspdlog-dev libfmt-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-videoio-dev
  libgtest-dev libgmock-dev
  libespeak-ng-dev espeak-ng-data flite1-dev
  # Word timings by forced alignment (tts align: auto/pocketsphinx) and its en-us model.
  libpocketsphinx-dev libsphinxbase-dev pocketsphinx pocketsphinx-en-us
  libcli11-dev nlohmann-json3-dev libcpp-httplib-dev libssl-dev
  gstreamer1.0-x fonts-dejavu-core
  # nginx with WebDAV (PUT/MKCOL built in, PROPFIND from dav-ext) for the uploader's tests
  nginx-core libnginx-mod-http-dav-ext
  redis-server libhiredis-dev
  chromium chromium-driver
  curl netcat-openbsd
  # Streams: loudness (EBU R128), and the live peers the tests start (an RTSP
  # server, nginx-rtmp, ffmpeg as an SRT/RTMP peer and prober).
  libebur128-dev libgstrtspserver-1.0-dev gir1.2-gst-rtsp-server-1.0
  libnginx-mod-rtmp ffmpeg
  "$@"
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "reelflow: installing ${#missing[@]} missing package(s): ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
