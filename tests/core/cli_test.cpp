// The reelflow command line, run as a separate process: exit codes, compiler-style
// errors, JSON events, plugin listing, inspect, and Ctrl-C.
#include "bad_graph_corpus.hpp"
#include "media_probe.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"
#include "wait_until.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace reelflow::testing {
namespace {

// An environment variable set (or, with nullopt, unset) for a scope, then restored;
// the CLI children inherit it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value->c_str(), 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

class CliTest : public ::testing::Test {
 protected:
  // Runs without --cache-dir use the default stage cache; keep it out of the real home.
  // GStreamer's registry would move with it, and a new one costs seconds per process: it stays shared.
  CliTest() {
    ::setenv("XDG_CACHE_HOME", (dir.path() / "xdg-cache").c_str(), 1);
    const auto registry = std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR).parent_path() / "test-cache" / "gst-registry.bin";
    ::setenv("GST_REGISTRY", registry.c_str(), 0);
  }

  std::filesystem::path write_graph(const std::string& name, const std::string& yaml) {
    auto path = dir.path() / name;
    std::ofstream(path) << yaml;
    return path;
  }
  std::vector<std::string> cli(std::vector<std::string> args) {
    std::vector<std::string> argv = {REELFLOW_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  int run(std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) {
    Subprocess p(cli(std::move(args)), dir.path() / ("capture" + std::to_string(runs++)), dir.path());
    auto code = p.wait();
    if (out) *out = p.out();
    if (err) *err = p.err();
    return code.value_or(-1);
  }

  TempDir dir;
  int runs = 0;
  const std::string good = test_plugin_dir("good").string();
};

TEST_F(CliTest, ValidateAcceptsAGoodGraph) {
  auto g = write_graph("ok.yaml", "stages:\n  - id: a\n    type: test_source\n");
  std::string out;
  EXPECT_EQ(run({"validate", g.string(), "--plugin-path", good}, &out), 0);
  EXPECT_EQ(out, g.string() + ": valid (1 stages)\n");
}

TEST_F(CliTest, InvalidGraphExitsTwoWithEveryErrorAndRunsNothing) {
  auto g = write_graph("bad.yaml", R"(stages:
  - id: a
    type: test_sorce
  - id: b
    type: test_sleep
    params: { ms: lots }
    inputs: { in: ghost }
)");
  std::string err;
  EXPECT_EQ(run({"run", g.string(), "--plugin-path", good, "-o", (dir.path() / "out").string()}, nullptr, &err), 2);
  EXPECT_NE(err.find(g.string() + ":3:11: error: unknown stage type 'test_sorce' for stage 'a' (did you mean 'test_source'?"),
            std::string::npos) << err;
  EXPECT_NE(err.find(g.string() + ":6:19: error: parameter 'ms' of stage 'b' has the wrong type (int from 0 to 600000)"),
            std::string::npos) << err;
  EXPECT_NE(err.find(g.string() + ":7:19: error: input 'in' of stage 'b' refers to unknown stage 'ghost'"), std::string::npos)
      << err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out"));
}

// Through the real binary, a few files of the bad-graph corpus (tests/bad_graphs/): exit
// code 2 and, on stderr, exactly the errors the file expects.
TEST_F(CliTest, BadGraphCorpusFilesExitTwoWithTheirErrors) {
  for (const char* name : {"duplicate_id", "cycle", "secret_literal"}) {
    const auto file = (bad_graph_dir() / (std::string(name) + ".yaml")).string();
    std::string err;
    EXPECT_EQ(run({"validate", file, "--plugin-path", good}, nullptr, &err), 2) << name;
    std::vector<std::string> errors;
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);)
      if (line.find(": error: ") != std::string::npos) errors.push_back(line);
    EXPECT_EQ(errors, expected_diagnostics(file)) << err;
    EXPECT_EQ(err.find("sk-live-0123456789"), std::string::npos) << err;
  }
}

TEST_F(CliTest, BadCommandLineExitsTwo) {
  EXPECT_EQ(run({"run"}), 2);
  EXPECT_EQ(run({"frobnicate"}), 2);
  auto g = write_graph("ok.yaml", "variables: { topic: x }\nstages:\n  - id: a\n    type: test_source\n");
  std::string err;
  EXPECT_EQ(run({"run", g.string(), "--plugin-path", good, "--set", "novalue"}, nullptr, &err), 2);
  EXPECT_NE(err.find("--set novalue: expected name=value"), std::string::npos);
}

TEST_F(CliTest, RunsAGraphWithJsonEventsAndWritesTheVideo) {
  auto g = write_graph("video.yaml", R"(variables: { frames: 10 }
stages:
  - id: v
    type: test_video
    params: { frames: "${frames}", name: out.mp4 }
)");
  std::string out, err;
  const auto out_dir = dir.path() / "out";
  ASSERT_EQ(run({"run", g.string(), "--plugin-path", good, "-o", out_dir.string(), "--events", "json", "--set", "frames=25"},
                &out, &err), 0) << err;
  std::vector<std::string> kinds;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);  // every line is one JSON object
    kinds.push_back(j.at("event").get<std::string>());
  }
  ASSERT_GE(kinds.size(), 5u);
  EXPECT_EQ(kinds.front(), "run_started");
  EXPECT_EQ(kinds[1], "stage_started");
  EXPECT_EQ(kinds[kinds.size() - 2], "run_finished");
  EXPECT_EQ(kinds.back(), "outputs");
  auto info = probe_media(out_dir / "out.mp4");
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 1.0, 0.04);  // 25 frames at 25 fps, from --set
}

TEST_F(CliTest, RuntimeFailureExitsOne) {
  auto g = write_graph("fail.yaml", "stages:\n  - id: f\n    type: test_fail\n    params: { message: nope }\n");
  std::string err;
  EXPECT_EQ(run({"run", g.string(), "--plugin-path", good, "-o", (dir.path() / "o").string(), "--events", "none"}, nullptr, &err), 1);
  EXPECT_NE(err.find("reelflow: error: stage 'f' (test_fail): nope"), std::string::npos) << err;
}

TEST_F(CliTest, InterruptCancelsWithExitCode130AndLeavesNothingBehind) {
  auto g = write_graph("long.yaml", R"(stages:
  - id: v
    type: test_video
    params: { frames: 100000, width: 640, height: 480, name: never.mp4 }
  - id: s
    type: test_sleep
    params: { ms: 60000 }
)");
  const auto out_dir = dir.path() / "out";
  Subprocess p(cli({"run", g.string(), "--plugin-path", good, "-o", out_dir.string(), "--events", "json"}), dir.path() / "sig");
  // Ctrl-C only once both stages are inside process() (each reported progress) and the
  // video's temp file exists: there is then something that must not be left behind.
  const auto both_running = [&] {
    std::set<std::string> progressing;
    std::istringstream lines(p.out());
    for (std::string line; std::getline(lines, line);) {
      const auto event = nlohmann::json::parse(line, nullptr, false);
      if (event.is_object() && event.value("event", "") == "stage_progress") progressing.insert(event.value("stage", ""));
    }
    return progressing.count("v") && progressing.count("s");
  };
  const auto temp_file_exists = [&] {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(out_dir, ec))
      if (e.path().filename().string().starts_with(".never.tmp-")) return true;
    return false;
  };
  ASSERT_TRUE(wait_until([&] { return both_running() && temp_file_exists(); }, std::chrono::seconds(120)))
      << p.out() << p.err();
  p.signal(SIGINT);
  auto code = p.wait(std::chrono::seconds(30));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 130) << p.err();
  EXPECT_NE(p.err().find("reelflow: cancelled"), std::string::npos);
  std::vector<std::string> left;
  for (const auto& e : std::filesystem::recursive_directory_iterator(out_dir)) left.push_back(e.path().string());
  EXPECT_TRUE(left.empty()) << left.front();
}

// The plain display (stderr is not a terminal here) names the stages a second run
// took from the stage cache, as docs/reliability.md promises.
TEST_F(CliTest, ASecondRunSaysWhichStagesCameFromTheCache) {
  auto g = write_graph("cached.yaml", "stages:\n  - id: a\n    type: test_source\n    params: { text: hi }\n");
  const std::vector<std::string> args{"run", g.string(), "--plugin-path", good, "-o", (dir.path() / "out").string(),
                                      "--cache-dir", (dir.path() / "cache").string()};
  std::string err;
  ASSERT_EQ(run(args, nullptr, &err), 0) << err;
  EXPECT_NE(err.find("  done     a (test_source) in "), std::string::npos) << err;
  EXPECT_EQ(err.find("  cached   a"), std::string::npos) << err;
  ASSERT_EQ(run(args, nullptr, &err), 0) << err;
  EXPECT_NE(err.find("  cached   a (test_source)\n"), std::string::npos) << err;
  EXPECT_EQ(err.find("  done     a"), std::string::npos) << err;
}

// A live stream's stage_stats on the plain display (stderr is not a terminal here):
// a stats line per stream stage while it plays, with what the stage measured.
TEST_F(CliTest, APlayingStreamStagesStatsAreShown) {
  auto g = write_graph("live.yaml", R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 36, live: true, fps: 15 }
  - id: sink
    type: test_stream_sink
    params: { sync: true }
    inputs: { in: src.out }
)");
  std::string err;
  ASSERT_EQ(run({"run", g.string(), "--plugin-path", test_plugin_dir("streams").string(), "-o",
                 (dir.path() / "out").string()},
                nullptr, &err), 0) << err;
  // 36 frames at 15 fps play for 2.4 s: at least one tick of the once-a-second stats.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(err, m, std::regex(R"(  stats    sink: ([0-9.]+) fps, [0-9]+ ms behind, queue [0-9]+%)")))
      << err;
  EXPECT_GT(std::stod(m[1]), 0.0) << err;
  EXPECT_LT(err.find("  started  sink"), err.find("  stats    sink")) << err;
  EXPECT_LT(err.find("  stats    sink"), err.find("  done     sink")) << err;
}

TEST_F(CliTest, PluginsListsTypesAndFailures) {
  std::string out;
  EXPECT_EQ(run({"plugins", "--plugin-path", good, "--plugin-path", test_plugin_dir("bad").string()}, &out), 0);
  EXPECT_NE(out.find("test_stages 1.0.0"), std::string::npos) << out;
  EXPECT_NE(out.find("test_concat"), std::string::npos);
  EXPECT_NE(out.find("failed: " + test_plugin_dir("bad").string() + "/libreelflow_test_wrong_abi.so: ABI version mismatch"),
            std::string::npos) << out;
}

TEST_F(CliTest, PluginsGroupsStageTypesByVendorPrefix) {
  std::string out;
  const std::string vendor = test_plugin_dir("vendor").string();
  ASSERT_EQ(run({"plugins", "--plugin-path", good, "--plugin-path", vendor}, &out), 0) << out;
  const auto section = out.find("stage types by vendor:\n");
  ASSERT_NE(section, std::string::npos) << out;
  const std::string grouped = out.substr(section);
  const auto acme = grouped.find("\nacme (2)\n"), builtin = grouped.find("\nreelflow (");
  ASSERT_NE(acme, std::string::npos) << grouped;
  ASSERT_NE(builtin, std::string::npos) << grouped;
  // Each type under its vendor: acme's before the built-ins' heading, the built-ins after it.
  const auto watermark = grouped.find("    acme.watermark     from acme_tools\n");
  const auto loudness = grouped.find("    acme.loudness_check from acme_tools\n");
  const auto source = grouped.find("    test_source        from test_stages\n");
  ASSERT_NE(watermark, std::string::npos) << grouped;
  ASSERT_NE(loudness, std::string::npos) << grouped;
  ASSERT_NE(source, std::string::npos) << grouped;
  EXPECT_TRUE(acme < loudness && loudness < watermark && watermark < builtin) << grouped;
  EXPECT_GT(source, builtin) << grouped;

  std::string json;
  ASSERT_EQ(run({"plugins", "--plugin-path", good, "--plugin-path", vendor, "--json"}, &json), 0);
  const auto vendors = nlohmann::json::parse(json).at("vendors");
  EXPECT_EQ(vendors.at("acme"), nlohmann::json({"acme.loudness_check", "acme.watermark"}));
  const auto& builtins = vendors.at("reelflow");
  EXPECT_NE(std::find(builtins.begin(), builtins.end(), "test_source"), builtins.end()) << builtins;
  for (const auto& name : builtins) EXPECT_EQ(name.get<std::string>().find('.'), std::string::npos) << name;
}

TEST_F(CliTest, InspectPrintsPortsAndParameters) {
  std::string out;
  EXPECT_EQ(run({"inspect", "test_typed", "--plugin-path", good}, &out), 0);
  EXPECT_NE(out.find("test_typed: Has every kind of parameter"), std::string::npos) << out;
  EXPECT_NE(out.find("  script        script    a script"), std::string::npos) << out;
  EXPECT_NE(out.find("  must (string) required"), std::string::npos) << out;
  EXPECT_NE(out.find("  count (int) default 3"), std::string::npos) << out;
  EXPECT_NE(out.find("      one of: fast slow"), std::string::npos) << out;
  std::string err;
  EXPECT_EQ(run({"inspect", "test_typd", "--plugin-path", good}, nullptr, &err), 2);
  EXPECT_NE(err.find("did you mean 'test_typed'?"), std::string::npos);
  std::string json;
  EXPECT_EQ(run({"inspect", "test_secret", "--plugin-path", good, "--json"}, &json), 0);
  EXPECT_EQ(nlohmann::json::parse(json).at("params").at(0).at("secret"), true);
}

// Issue 14: listing and inspecting write the plugin index, and GStreamer its registry,
// where the cache is said to be (--cache-dir, else XDG_CACHE_HOME), never into $HOME/.cache.
TEST_F(CliTest, InspectAndPluginsLeaveHomeAloneWhenTheCacheIsElsewhere) {
  const auto home = dir.path() / "home";
  std::filesystem::create_directories(home);
  ScopedEnv fake_home("HOME", home.string());
  const auto elsewhere = dir.path() / "elsewhere";
  std::string out, err;
  {
    ScopedEnv no_xdg("XDG_CACHE_HOME", std::nullopt), no_registry("GST_REGISTRY", std::nullopt);
    ASSERT_EQ(run({"plugins", "--plugin-path", good, "--cache-dir", elsewhere.string()}, &out, &err), 0) << err;
    ASSERT_EQ(run({"inspect", "test_typed", "--plugin-path", good, "--cache-dir", elsewhere.string()}, &out, &err), 0)
        << err;
  }
  EXPECT_TRUE(std::filesystem::exists(elsewhere / "plugin-index-v2.json"));
  EXPECT_FALSE(std::filesystem::exists(home / ".cache"));
  // No --cache-dir: XDG_CACHE_HOME (the fixture's) decides.
  ASSERT_EQ(run({"plugins", "--plugin-path", good}, &out, &err), 0) << err;
  ASSERT_EQ(run({"inspect", "test_typed", "--plugin-path", good}, &out, &err), 0) << err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "xdg-cache" / "reelflow" / "plugin-index-v2.json"));
  EXPECT_FALSE(std::filesystem::exists(home / ".cache"));
}

// REELFLOW_PLUGIN_PATH adds plugin directories (docs/plugin-guide.md, "Ship it"); a
// directory on it that does not exist is skipped, not an error.
TEST_F(CliTest, ReelflowPluginPathAddsPluginDirectories) {
  std::string out, err;
  EXPECT_EQ(run({"inspect", "test_typed"}, &out, &err), 2) << "the test plugins are nowhere on the default path";
  ScopedEnv path("REELFLOW_PLUGIN_PATH", (dir.path() / "missing").string() + ":" + good);
  ASSERT_EQ(run({"inspect", "test_typed"}, &out, &err), 0) << err;
  EXPECT_NE(out.find("test_typed: Has every kind of parameter"), std::string::npos) << out;
  ASSERT_EQ(run({"plugins"}, &out, &err), 0) << err;
  EXPECT_NE(out.find("test_stages 1.0.0"), std::string::npos) << out;
  EXPECT_EQ(out.find("missing"), std::string::npos) << out;
}

// The point of the plugin index: with it warm, listing plugins and validating a
// gst_launch graph open none of the plugins that pull in OpenCV. LD_DEBUG=files
// makes the dynamic loader of the child name every library it opens.
TEST_F(CliTest, WarmPluginIndexOpensNoOpenCvPlugin) {
  const std::filesystem::path plugins = REELFLOW_BUILD_PLUGIN_DIR;
  if (!std::filesystem::exists(plugins / "libreelflow_compositor.so")) GTEST_SKIP() << "the bundled plugins are not built";
  const auto opened_opencv_plugin = [](const std::string& ld_debug) {
    for (const char* plugin : {"libreelflow_compositor.so", "libreelflow_image_source.so", "libreelflow_scene_segmenter.so"})
      if (ld_debug.find(plugin) != std::string::npos) return true;
    return false;
  };
  const std::string cache = (dir.path() / "cache").string();
  const std::string graph = std::string(REELFLOW_SOURCE_DIR) + "/bench/graphs/overhead.yaml";
  std::string out, err;
  {
    ScopedEnv debug("LD_DEBUG", "files");
    ASSERT_EQ(run({"plugins", "--cache-dir", cache}, &out, &err), 0);
    EXPECT_TRUE(opened_opencv_plugin(err)) << "a cold start opens every plugin";
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "cache" / "plugin-index-v2.json"));
    const std::string cold_listing = out;

    ASSERT_EQ(run({"plugins", "--cache-dir", cache}, &out, &err), 0);
    EXPECT_FALSE(opened_opencv_plugin(err));
    EXPECT_EQ(out, cold_listing);
    EXPECT_NE(out.find("compositor"), std::string::npos);

    ASSERT_EQ(run({"inspect", "compositor", "--cache-dir", cache}, &out, &err), 0);
    EXPECT_FALSE(opened_opencv_plugin(err));

    ASSERT_EQ(run({"validate", graph, "--cache-dir", cache}, &out, &err), 0) << err;
    EXPECT_FALSE(opened_opencv_plugin(err));
    EXPECT_NE(err.find("libreelflow_gst_launch.so"), std::string::npos) << "its check() runs, so gst_launch opens";

    {
      ScopedEnv no_index("REELFLOW_PLUGIN_INDEX", "off");
      ASSERT_EQ(run({"plugins", "--cache-dir", cache}, &out, &err), 0);
    }
    EXPECT_TRUE(opened_opencv_plugin(err)) << "REELFLOW_PLUGIN_INDEX=off opens every plugin";
  }
}

}  // namespace
}  // namespace reelflow::testing
