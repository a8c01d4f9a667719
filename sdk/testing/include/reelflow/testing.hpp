#pragma once
// The plugin test kit: run one stage of your plugin as the runtime would, outside
// any graph, and look at what it did. Needs only the standard library and the SDK.
//
//   reelflow::testing::StageTester tester;  // loads the plugin under test
//   auto run = tester.run("srt_writer", "name: out.srt", {{"scenes", scenes}});
//   ASSERT_TRUE(run.status) << run.status.message();
//   EXPECT_TRUE(std::filesystem::exists(run.output_as<reelflow::FileRef>("subtitles").path));
//
// Params are YAML, bound and checked exactly as a graph's are (unknown, missing,
// wrongly typed, the stage type's own check()); inputs are Values, checked as a
// graph's edges are (known ports, accepted types, required ones given). The run goes
// through the real runtime: a real HttpClient (libcurl), real GStreamer, the
// declared outputs checked. reelflow_add_plugin_test() (CMake) builds a GoogleTest
// file against this kit and tells it which plugin it tests.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::testing {

// A value the stage reported while it ran (StageContext::emit).
struct EmittedValue {
  std::string port;
  Value value;
};

struct StageRun {
  Status status = Status::ok();
  std::map<std::string, Value> outputs;
  std::vector<EmittedValue> emitted;
  std::vector<std::string> log_lines;  // "level: message"
  std::vector<double> progress;        // every fraction reported, in order

  // The value on output `port`; throws std::out_of_range naming it when unset.
  const Value& output(std::string_view port) const;
  template <class T> const T& output_as(std::string_view port) const {
    const T* typed = std::get_if<T>(&output(port));
    if (!typed) throw std::invalid_argument("output '" + std::string(port) + "' holds another type");
    return *typed;
  }
};

struct StageTesterOptions {
  // Plugin files or directories of plugins to load. Empty: the plugin under test
  // (REELFLOW_PLUGIN_UNDER_TEST, which reelflow_add_plugin_test() defines).
  std::vector<std::filesystem::path> plugins = {};
  // Where run outputs go; empty: a fresh temporary directory per run, removed
  // with the tester.
  std::filesystem::path output_dir = {};
  // The stage cache directory; empty: a fresh one per run (nothing is cached
  // across runs unless a test asks for it).
  std::filesystem::path cache_dir = {};
};

// Internal linkage: each test file sees the macro as it was compiled.
#ifdef REELFLOW_PLUGIN_UNDER_TEST
static inline StageTesterOptions plugin_under_test() { return {{REELFLOW_PLUGIN_UNDER_TEST}, {}, {}}; }
#else
static inline StageTesterOptions plugin_under_test() { return {}; }
#endif

class StageTester {
 public:
  explicit StageTester(StageTesterOptions options = plugin_under_test());
  ~StageTester();
  StageTester(const StageTester&) = delete;
  StageTester& operator=(const StageTester&) = delete;

  bool has_stage_type(std::string_view type) const;
  // Every plugin that did not load, with why ("<file>: <reason>").
  std::vector<std::string> load_failures() const;

  // What validation says about a stage of `type` with these params, inputs and
  // graph variables: one line per problem ("parameter 'x': ..."); empty when valid.
  std::vector<std::string> check(std::string_view type, std::string_view params_yaml,
                                 const std::map<std::string, Value>& inputs = {},
                                 const std::map<std::string, std::string>& variables = {}) const;

  // Checks, then runs the stage once. A failed check is a failed status holding
  // every problem. A stream stage cannot run alone: test it in a graph.
  StageRun run(std::string_view type, std::string_view params_yaml, std::map<std::string, Value> inputs = {});

  // Change StageTesterOptions::output_dir / cache_dir for the runs after this one
  // (e.g. run a stage twice against one cache).
  void set_output_dir(std::filesystem::path dir);
  void set_cache_dir(std::filesystem::path dir);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Test media, made with GStreamer; a failed status says why.
// A sine tone as 16-bit mono PCM WAV.
Status make_tone_wav(const std::filesystem::path& path, double seconds, double frequency_hz = 440.0,
                     int sample_rate = 48000);
// SMPTE colour bars as H.264 in MP4, with a 440 Hz AAC tone when `with_audio`.
Status make_color_bars_mp4(const std::filesystem::path& path, double seconds, int width = 320, int height = 240,
                           int fps = 30, bool with_audio = true);

}  // namespace reelflow::testing
