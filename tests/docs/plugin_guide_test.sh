#!/usr/bin/env bash
# docs/plugin-guide.md's code works as written: its `shout` plugin and the kit
# tests for it are cut out of the guide, built as the guide says (pkg-config
# style flags, here pointing at the build tree) and the tests run and pass; its
# `mirror` stream stage is built the same way and mirrors frames in a graph run by
# the CLI.
# Usage: plugin_guide_test.sh <source dir> <test kit library dir> <reelflow CLI> <test stream plugins dir>
set -euo pipefail
source_dir=$1
kit_dir=$2
cli=$3
stream_plugins=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/reelflow-guide-XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache

# The n-th ```cpp block that contains `marker`.
block() {
  awk -v marker="$1" '
    /^```cpp$/ { inside = 1; text = ""; next }
    /^```$/ && inside { inside = 0; if (index(text, marker)) { printf "%s", text; exit } ; next }
    inside { text = text $0 "\n" }' "$source_dir/docs/plugin-guide.md"
}
block 'REELFLOW_PLUGIN("shout"' > "$work/shout.cpp"
block 'TEST(Shout,' > "$work/shout_test.cpp"
[ -s "$work/shout.cpp" ] || { echo "FAIL: the guide has no shout plugin"; exit 1; }
[ -s "$work/shout_test.cpp" ] || { echo "FAIL: the guide has no shout tests"; exit 1; }

c++ -std=c++20 -I"$source_dir/sdk/include" -fPIC -shared -fvisibility=hidden -Wl,--no-undefined \
    "$work/shout.cpp" -o "$work/libshout.so"
# shellcheck disable=SC2046
c++ -std=c++20 -I"$source_dir/sdk/include" -I"$source_dir/sdk/testing/include" \
    -DREELFLOW_PLUGIN_UNDER_TEST="\"$work/libshout.so\"" "$work/shout_test.cpp" -o "$work/shout_test" \
    -L"$kit_dir" -lreelflow-testing -Wl,-rpath,"$kit_dir" $(pkg-config --libs gtest_main)
"$work/shout_test" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; echo "FAIL: the guide's tests"; exit 1; }
grep -q "\[  PASSED  \] 2 tests" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: expected the guide's 2 tests"; exit 1; }
echo "the plugin guide's code builds and its tests pass"

# The stream stage: built with the SDK and GStreamer's flags, then 24 frames of a test
# pattern pass through it to a counting sink.
block 'class Mirror final' > "$work/mirror.cpp"
[ -s "$work/mirror.cpp" ] || { echo "FAIL: the guide has no mirror stage"; exit 1; }
mkdir "$work/mirror"
# shellcheck disable=SC2046
c++ -std=c++20 -I"$source_dir/sdk/include" $(pkg-config --cflags gstreamer-1.0) -fPIC -shared -fvisibility=hidden \
    -Wl,--no-undefined "$work/mirror.cpp" -o "$work/mirror/libmirror.so" $(pkg-config --libs gstreamer-1.0)
cat > "$work/mirror.yaml" <<'YAML'
stages:
  - id: src
    type: test_stream_source
    params: { frames: 24 }
  - id: flip
    type: mirror
    inputs: { in: src.out }
  - id: sink
    type: test_stream_sink
    inputs: { in: flip.out }
YAML
"$cli" run "$work/mirror.yaml" --plugin-path "$work/mirror" --plugin-path "$stream_plugins" --events json \
    --cache-dir "$work/cache" -o "$work/out" > "$work/events.json" 2> "$work/err.txt" ||
  { cat "$work/err.txt"; echo "FAIL: the guide's mirror stage did not run"; exit 1; }
grep -q '"flip.frames":{"text":"24"' "$work/events.json" || { cat "$work/events.json"; echo "FAIL: mirror did not count 24 frames"; exit 1; }
grep -q '"sink.count":{"text":"24"' "$work/events.json" || { cat "$work/events.json"; echo "FAIL: the sink did not get 24 frames"; exit 1; }
echo "the plugin guide's mirror stage runs in a graph"
