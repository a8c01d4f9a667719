#!/bin/sh
# Generates the video clips shipped in graphs/assets/clips/ for graphs/short-video-clips.yaml:
# three 4-second abstract loops at 270x480 (9:16; the compositor cover-fits them to any
# frame), H.264 in MP4 without sound, about 100 KB each. Made by GStreamer's test
# sources, so they are royalty-free and the same on every run.
#
#   scripts/make-clips.sh [DIR]    # default DIR: graphs/assets/clips
#
# Needs gst-launch-1.0 with videotestsrc, coloreffects (gstreamer1.0-plugins-bad),
# x264enc (gstreamer1.0-plugins-ugly) and mp4mux.
set -eu
dir=${1:-"$(dirname "$0")/../graphs/assets/clips"}
mkdir -p "$dir"

# clip NAME "videotestsrc properties" "effect elements, each after a '!'" (word-split on purpose)
clip() {
  # shellcheck disable=SC2086
  gst-launch-1.0 -q videotestsrc $2 num-buffers=96 ! video/x-raw,width=270,height=480,framerate=24/1 \
    ! videoconvert $3 ! x264enc bitrate=200 speed-preset=slow key-int-max=48 ! h264parse \
    ! mp4mux ! filesink location="$dir/$1.mp4.tmp"
  mv "$dir/$1.mp4.tmp" "$dir/$1.mp4"   # never a partial clip
}

clip rings "pattern=zone-plate kx2=6 ky2=10 kt=2" "! coloreffects preset=sepia ! videoconvert"
clip ripples "pattern=zone-plate kx2=2 ky2=3 kt=3 kxt=1" "! coloreffects preset=yellowblue ! videoconvert"
clip sunrise "pattern=ball motion=sweep background-color=0xff1b2a49 foreground-color=0xfff2a541" ""
