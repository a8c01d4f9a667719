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

# Only the public API is installed: the SDK's headers, the test kit's, and the
# embedding API's (docs/embedding.md, "What is public"); no framework internals.
expected_headers=$( (cd "$source_dir/sdk/include/reelflow" && ls ./*.hpp; echo ./testing.hpp;
  printf './%s\n' bus_message.hpp confinement.hpp diagnostics.hpp events.hpp graph_description.hpp graph_trust.hpp \
    plugins.hpp run_options.hpp run_result.hpp runtime.hpp stage_type_description.hpp) | sort)
installed_headers=$(cd "$prefix/include/reelflow" && find . -type f | sort)
[ "$installed_headers" = "$expected_headers" ] || {
  diff <(echo "$expected_headers") <(echo "$installed_headers"); echo "FAIL: the installed headers are not the public API"; exit 1; }

# The examples must not see the build tree: only the prefix is on the search path.
cmake -S "$source_dir/sdk/examples" -B "$work/examples" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
grep -q "reelflow_DIR:PATH=$prefix/" "$work/examples/CMakeCache.txt" || { echo "FAIL: reelflow found outside the prefix"; exit 1; }
cmake --build "$work/examples" >/dev/null
# The embedding app is built with the public API alone: reelflow::framework brings
# no YAML, JSON or GStreamer include paths...
embed_command=$(grep '"command".*embed_runtime/main.cpp' "$work/examples/compile_commands.json" || \
  grep -A3 'embed_runtime' "$work/examples/compile_commands.json" | grep '"command"')
[ -n "$embed_command" ] || { echo "FAIL: no compile command for the embedding example"; exit 1; }
if grep -Eiq 'yaml|nlohmann|gstreamer|glib' <<< "$embed_command"; then
  echo "$embed_command"; echo "FAIL: the CMake package gives embedders private include paths"; exit 1
fi

# The example plugin's tests, built with the installed test kit (reelflow::testing,
# reelflow_add_plugin_test), run and pass.
ctest --test-dir "$work/examples" --output-on-failure > "$work/ctest.txt" 2>&1 \
  || { cat "$work/ctest.txt"; echo "FAIL: the example plugin's tests"; exit 1; }
grep -q "100% tests passed, 0 tests failed out of 3" "$work/ctest.txt" \
  || { cat "$work/ctest.txt"; echo "FAIL: expected the example plugin's 3 tests"; exit 1; }

plugin_dir=$work/examples/srt_writer

# reelflow::sdk_gst from an out-of-tree project: a plugin that includes
# reelflow/gst_ptr.hpp builds with find_package(reelflow COMPONENTS sdk_gst) alone, loads and runs.
cmake -S "$source_dir/tests/install/gst_plugin" -B "$work/gst-plugin" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release > "$work/gst-plugin.txt" 2>&1 \
  || { cat "$work/gst-plugin.txt"; echo "FAIL: find_package(reelflow COMPONENTS sdk_gst)"; exit 1; }
cmake --build "$work/gst-plugin" > "$work/gst-plugin.txt" 2>&1 \
  || { cat "$work/gst-plugin.txt"; echo "FAIL: a plugin linking reelflow::sdk_gst does not build"; exit 1; }
printf 'stages:\n  - id: v\n    type: gst_version\n' > "$work/gst-version.yaml"
"$prefix/bin/reelflow" run "$work/gst-version.yaml" --plugin-path "$work/gst-plugin" -o "$work/gst-out" \
    --events json > "$work/gst-run.txt" 2>&1 \
  || { cat "$work/gst-run.txt"; echo "FAIL: the reelflow::sdk_gst plugin does not run"; exit 1; }
grep -q '"GStreamer 1\.' "$work/gst-run.txt" || { cat "$work/gst-run.txt"; echo "FAIL: no GStreamer version out"; exit 1; }
# Asking for the component where it cannot be made is an error that says why.
cmake -S "$source_dir/tests/install/gst_plugin" -B "$work/gst-nopc" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON > "$work/gst-nopc.txt" 2>&1 \
  && { echo "FAIL: COMPONENTS sdk_gst found without pkg-config"; exit 1; }
grep -q "reelflow::sdk_gst needs pkg-config" "$work/gst-nopc.txt" \
  || { cat "$work/gst-nopc.txt"; echo "FAIL: no reason given for a missing reelflow::sdk_gst"; exit 1; }

# pkg-config: relocatable (each .pc finds the prefix from its own place), and
# enough to build the example plugin without CMake.
pc_dir=$(dirname "$(find "$prefix" -name reelflow-sdk.pc | head -n 1)")
same_dir() { [ "$(realpath "$1")" = "$(realpath "$2")" ] || { echo "FAIL: $3: $1 is not $2"; exit 1; }; }
same_dir "$(PKG_CONFIG_PATH=$pc_dir pkg-config --variable=prefix reelflow-sdk)" "$prefix" "reelflow-sdk.pc prefix"
mv "$prefix" "$work/moved"
same_dir "$(PKG_CONFIG_PATH=${pc_dir/$prefix/$work/moved} pkg-config --variable=prefix reelflow)" "$work/moved" \
  "reelflow.pc prefix after moving the install"
mv "$work/moved" "$prefix"
PKG_CONFIG_PATH=$pc_dir pkg-config --cflags reelflow-sdk-gst | grep -q "gstreamer-1.0" \
  || { echo "FAIL: reelflow-sdk-gst.pc brings no GStreamer"; exit 1; }
mkdir -p "$work/pc-plugin"
# shellcheck disable=SC2046
c++ $(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags reelflow-sdk) -fPIC -shared -Wl,--no-undefined \
    "$source_dir/sdk/examples/srt_writer/srt_writer.cpp" -o "$work/pc-plugin/libsrt_writer.so"
"$prefix/bin/reelflow" inspect srt_writer --plugin-path "$work/pc-plugin" | grep -q "subtitles     file" \
  || { echo "FAIL: the plugin built with pkg-config does not load"; exit 1; }

# The embedding app with pkg-config alone: no dependency's include paths, and its
# headers (with everything they include) come from the prefix or the C++ library.
embed_cflags=$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags reelflow)
if grep -Eiq 'yaml|nlohmann|gstreamer|glib' <<< "$embed_cflags"; then
  echo "$embed_cflags"; echo "FAIL: reelflow.pc gives embedders private include paths"; exit 1
fi
# shellcheck disable=SC2086
c++ $embed_cflags -MM -MF "$work/embed.deps" "$source_dir/sdk/examples/embed_runtime/main.cpp"
if grep -Eq 'yaml|nlohmann|gst|glib|/framework/' "$work/embed.deps"; then
  cat "$work/embed.deps"; echo "FAIL: the embedding API includes more than the standard library"; exit 1
fi
mkdir -p "$work/pc-embed"
# shellcheck disable=SC2046,SC2086
c++ $embed_cflags "$source_dir/sdk/examples/embed_runtime/main.cpp" -o "$work/pc-embed/embed_runtime" \
    $(PKG_CONFIG_PATH=$pc_dir pkg-config --libs reelflow) \
    -Wl,-rpath,"$(PKG_CONFIG_PATH=$pc_dir pkg-config --variable=libdir reelflow)"

# The same tests built with pkg-config alone (reelflow-testing.pc and GoogleTest's).
# shellcheck disable=SC2046
c++ $(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags reelflow-testing gtest_main) \
    -DREELFLOW_PLUGIN_UNDER_TEST="\"$work/pc-plugin/libsrt_writer.so\"" \
    "$source_dir/sdk/examples/srt_writer/srt_writer_test.cpp" -o "$work/pc-plugin/srt_writer_test" \
    $(PKG_CONFIG_PATH=$pc_dir pkg-config --libs reelflow-testing gtest_main) \
    -Wl,-rpath,"$(PKG_CONFIG_PATH=$pc_dir pkg-config --variable=libdir reelflow-testing)"
"$work/pc-plugin/srt_writer_test" > "$work/pc-test.txt" 2>&1 \
  || { cat "$work/pc-test.txt"; echo "FAIL: the example's tests built with pkg-config"; exit 1; }
grep -q "\[  PASSED  \] 3 tests" "$work/pc-test.txt" || { cat "$work/pc-test.txt"; echo "FAIL: 3 tests expected"; exit 1; }

# The example plugin installs where the runtime looks, whatever its own prefix.
cmake --install "$work/examples/srt_writer" --prefix "$work/elsewhere" >/dev/null
"$prefix/bin/reelflow" inspect srt_writer | grep -q "subtitles     file" \
  || { echo "FAIL: the installed example plugin is not found by the installed CLI"; exit 1; }
[ ! -e "$work/elsewhere/lib" ] || { echo "FAIL: the plugin went into its own prefix"; exit 1; }
# The installed CLI sees the installed plugins plus the example plugin.
"$prefix/bin/reelflow" inspect srt_writer --plugin-path "$plugin_dir" | grep -q "subtitles     file"
# (grep reads it all: with -q it could stop first, and pipefail would fail on the CLI's SIGPIPE)
"$prefix/bin/reelflow" plugins | grep "^llm_script " >/dev/null

# The embedding example runs the graph and prints events and outputs.
"$work/examples/embed_runtime/embed_runtime" "$source_dir/tests/install/subtitles.yaml" \
    -o "$work/out" --plugin-path "$plugin_dir" > "$work/log.txt"
grep -q "^stage_finished srt" "$work/log.txt" || { cat "$work/log.txt"; echo "FAIL: no stage_finished event"; exit 1; }
grep -q "^progress srt" "$work/log.txt"
grep -q "^file $work/out/captions.srt$" "$work/log.txt" || { cat "$work/log.txt"; echo "FAIL: the subtitles are not in RunResult::output_files"; exit 1; }
srt=$work/out/captions.srt
[ -s "$srt" ] || { echo "FAIL: no subtitles written"; exit 1; }
# Every cue: numbered in order, well-formed times, starting where the previous one
# ended (the first at zero), lasting a while, with text.
awk -v RS= -F '\n' '
  function ms(t, p) { split(t, p, /[:,]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] }
  {
    n++
    if ($1 != n) { print "cue " n " is numbered " $1; bad = 1 }
    if ($2 !~ /^[0-9][0-9]:[0-5][0-9]:[0-5][0-9],[0-9][0-9][0-9] --> [0-9][0-9]:[0-5][0-9]:[0-5][0-9],[0-9][0-9][0-9]$/) {
      print "cue " n ": bad timing line: " $2; bad = 1; next
    }
    split($2, t, / --> /)
    if (ms(t[1]) != end) { print "cue " n " starts at " t[1] ", not where the one before ended"; bad = 1 }
    if (ms(t[2]) <= ms(t[1])) { print "cue " n " ends before it starts: " $2; bad = 1 }
    if (NF < 3 || $3 == "") { print "cue " n " has no text"; bad = 1 }
    end = ms(t[2])
  }
  END { if (n < 2) { print "only " n " cues"; bad = 1 }; exit bad }' "$srt" || { cat "$srt"; echo "FAIL: bad SRT cues"; exit 1; }
# A confined run from the installed CLI: its child is <prefix>/libexec/reelflow-sandbox-child,
# found from the installed libreelflow's own place, also after the install moved
# (skipped where the kernel has no Landlock).
mv "$prefix" "$work/moved"
if "$work/moved/bin/reelflow" run --sandbox --events none "$source_dir/tests/install/subtitles.yaml" \
    -o "$work/sandboxed" --plugin-path "$plugin_dir" > "$work/sandboxed.txt" 2>&1; then
  [ -s "$work/sandboxed/captions.srt" ] || { echo "FAIL: the confined run wrote no subtitles"; exit 1; }
elif ! grep -q "no Landlock" "$work/sandboxed.txt"; then
  cat "$work/sandboxed.txt"; echo "FAIL: a confined run from the moved install"; exit 1
fi
mv "$work/moved" "$prefix"
# Bad graph → exit code 2 from the embedding app too.
printf 'stages:\n  - id: x\n    type: srt_writr\n' > "$work/bad.yaml"
set +e
"$work/examples/embed_runtime/embed_runtime" "$work/bad.yaml" --plugin-path "$plugin_dir" 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || { echo "FAIL: expected exit 2, got $code"; exit 1; }
grep -q "did you mean 'srt_writer'" "$work/err.txt"
# The embedding app built with pkg-config runs the graph too.
"$work/pc-embed/embed_runtime" "$source_dir/tests/install/subtitles.yaml" \
    -o "$work/pc-out" --plugin-path "$plugin_dir" > "$work/pc-log.txt"
grep -q "^file $work/pc-out/captions.srt$" "$work/pc-log.txt" \
  || { cat "$work/pc-log.txt"; echo "FAIL: the pkg-config build of the embedding app lists no output file"; exit 1; }
echo "install test passed"
