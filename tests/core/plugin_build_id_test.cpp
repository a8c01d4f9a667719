// A rebuilt plugin is picked up on the next run and never answered from the stage
// cache entries of its older build, even when it keeps its version string.
#include "temp_dir.hpp"

#include <reelflow/runtime.hpp>

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;

class PluginBuildIdTest : public ::testing::Test {
 protected:
  PluginBuildIdTest() {
    fs::create_directories(plugins);
    fs::create_directories(counters);
    fs::copy_file(fs::path(REELFLOW_TEST_PLUGIN_DIR) / "good" / "libreelflow_test_stages.so", plugin);
  }

  // A fresh runtime each time, as a new process would be, with its own plugin index.
  RunResult run() {
    Runtime runtime(RuntimeOptions{{plugins}, false, dir / "index"});
    auto graph = runtime.load_graph_string("stages:\n  - id: a\n    type: test_counter\n    params: { counter_dir: \"" +
                                           counters.string() + "\", text: A }\n");
    EXPECT_TRUE(graph.ok()) << graph.error_text();
    RunOptions options;
    options.output_dir = dir / "out";
    options.cache_dir = dir / "cache";
    return runtime.start(graph, options).wait();
  }

  int runs() const {
    std::ifstream in(counters / "a.count");
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }

  TempDir dir;
  const fs::path plugins = dir / "plugins";
  const fs::path plugin = plugins / "libreelflow_test_stages.so";
  const fs::path counters = dir / "counters";
};

TEST_F(PluginBuildIdTest, ARebuiltPluginIsNotServedFromItsOlderBuildsCacheEntries) {
  ASSERT_EQ(run().outcome, RunOutcome::Succeeded);
  auto again = run();
  ASSERT_EQ(again.outcome, RunOutcome::Succeeded) << again.error;
  EXPECT_EQ(again.cached_stages(), 1u);
  EXPECT_EQ(runs(), 1);

  // A rebuild: other bytes in the library, the same name and version string.
  std::ofstream(plugin, std::ios::app | std::ios::binary) << "rebuilt";
  auto rebuilt = run();
  ASSERT_EQ(rebuilt.outcome, RunOutcome::Succeeded) << rebuilt.error;
  EXPECT_EQ(rebuilt.cached_stages(), 0u);
  EXPECT_EQ(runs(), 2);
  // And the new build's own result is cached from then on.
  EXPECT_EQ(run().cached_stages(), 1u);
  EXPECT_EQ(runs(), 2);
}

}  // namespace
}  // namespace reelflow::testing
