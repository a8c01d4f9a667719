#!/usr/bin/env bash
# Installs reelflow into a temporary prefix, builds sdk/examples against that
# prefix only (never the build tree), then runs a graph that uses the
# out-of-tree plugin through the embedding example and the installed CLI.
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/reelflow-install-XXXXXX")
trap 'rm -rf "$work"' EXIT

prefix=$work/prefix
# Runs below use the default cache dir: keep it inside the test's scratch space.
export XDG_CACHE_HOME=$work/cache
cmake --install "$build_dir" --prefix "$prefix" >/dev/null

# The examples must not see the build tree: only the prefix is on the search path.
cmake -S "$source_dir/sdk/examples" -B "$work/examples" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release >/dev/null
grep -q "reelflow_DIR:PATH=$prefix/" "$work/examples/CMakeCache.txt" || { echo "FAIL: reelflow found outside the prefix"; exit 1; }
cmake --build "$work/examples" >/dev/null

plugin_dir=$work/examples/srt_writer
# The installed CLI sees the installed plugins plus the example plugin.
"$prefix/bin/reelflow" inspect srt_writer --plugin-path "$plugin_dir" | grep -q "subtitles     file"
"$prefix/bin/reelflow" plugins | grep -q "^llm_script "

# The embedding example runs the graph and prints events and outputs.
"$work/examples/embed_runtime/embed_runtime" "$source_dir/tests/install/subtitles.yaml" \
    -o "$work/out" --plugin-path "$plugin_dir" > "$work/log.txt"
grep -q "^stage_finished srt" "$work/log.txt" || { cat "$work/log.txt"; echo "FAIL: no stage_finished event"; exit 1; }
grep -q "^progress srt" "$work/log.txt"
srt=$work/out/captions.srt
[ -s "$srt" ] || { echo "FAIL: no subtitles written"; exit 1; }
head -n 2 "$srt" | tail -n 1 | grep -Eq '^00:00:00,000 --> 00:00:0[0-9],[0-9]{3}$' || { cat "$srt"; echo "FAIL: bad SRT timing"; exit 1; }
# Bad graph → exit code 2 from the embedding app too.
printf 'stages:\n  - id: x\n    type: srt_writr\n' > "$work/bad.yaml"
set +e
"$work/examples/embed_runtime/embed_runtime" "$work/bad.yaml" --plugin-path "$plugin_dir" 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || { echo "FAIL: expected exit 2, got $code"; exit 1; }
grep -q "did you mean 'srt_writer'" "$work/err.txt"
echo "install test passed"
