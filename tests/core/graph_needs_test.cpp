// What a confined run grants a graph: the network only when one of its stages
// declares it needs it (for the params it has), and the paths its path params name.
#include "sandbox/graph_needs.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::testing {
namespace {

using framework::sandbox::graph_needs;

class GraphNeedsTest : public ::testing::Test {
 protected:
  framework::sandbox::GraphNeeds needs(const std::string& yaml) {
    auto v = registry_.validate(yaml);
    if (!v.ok()) throw std::runtime_error(framework::format_diagnostics(v.diagnostics));
    return graph_needs(*v.plan);
  }
  TestRegistry registry_;
  framework::PluginLoader& loader_ = registry_.loader;
};

TEST_F(GraphNeedsTest, NetworkOnlyWhenAStageDeclaresItForItsParams) {
  EXPECT_FALSE(needs("stages:\n  - id: a\n    type: test_source\n").network);
  EXPECT_FALSE(needs("stages:\n  - id: a\n    type: test_trust\n    params: { choice: a }\n").network);
  EXPECT_TRUE(needs("stages:\n  - id: a\n    type: test_source\n  - id: b\n    type: test_trust\n"
                    "    params: { choice: b }\n")
                  .network);
}

TEST_F(GraphNeedsTest, ListParamsNeedTheNetworkWhenAnyItemDoes) {
  EXPECT_FALSE(needs("stages:\n  - id: a\n    type: test_trust\n    params: { choices: [a, a] }\n").network);
  EXPECT_TRUE(needs("stages:\n  - id: a\n    type: test_trust\n    params: { choices: [a, b] }\n").network);
}

// av_source (kind: auto) takes its kind from the resolved source: a confined run
// gets the network for an srt:// URL, also one a variable supplies, and not for
// the test pattern or a file.
TEST_F(GraphNeedsTest, AnAvSourceNeedsTheNetworkExactlyForANetworkUrl) {
  ASSERT_TRUE(loader_.load_library(std::filesystem::path(REELFLOW_BUILD_PLUGIN_DIR) / "libreelflow_av_io.so"));
  const auto source = [&](const std::string& params, const std::string& variables = "") {
    return needs(variables + "stages:\n  - id: a\n    type: av_source\n    params: { " + params + " }\n").network;
  };
  EXPECT_TRUE(source("source: \"srt://127.0.0.1:9000\""));
  EXPECT_TRUE(source("source: \"rtmp://127.0.0.1/live/x\", kind: auto"));
  EXPECT_TRUE(source("source: \"rtsp://127.0.0.1:8554/x\", kind: rtsp"));
  EXPECT_TRUE(source("source: \"${url}\"", "variables:\n  url: { type: enum, choices: [test, \"srt://127.0.0.1:9000\"], "
                                            "default: \"srt://127.0.0.1:9000\" }\n"));
  EXPECT_FALSE(source("source: \"${url}\"", "variables:\n  url: { type: enum, choices: [test, \"srt://127.0.0.1:9000\"], "
                                             "default: test }\n"));
  EXPECT_FALSE(source("source: test"));
  EXPECT_FALSE(source("source: clip.mp4"));
  // Only the scheme counts: a file whose name mentions one is still a file.
  EXPECT_FALSE(source("source: \"clips/srt://x.mp4\""));
}

TEST_F(GraphNeedsTest, PathParamsThatNameExistingFilesAreReadPaths) {
  TempDir dir;
  const auto file = dir / "input.txt";
  std::ofstream(file) << "x";
  const auto n = needs("stages:\n  - id: a\n    type: test_trust\n    params: { path: \"" + file.string() +
                       "\", name: \"" + file.string() + "\", urls: [\"" + file.string() + "\"] }\n");
  // Only the path param counts: a name or URL param that happens to spell a path does not.
  ASSERT_EQ(n.read_paths.size(), 1u);
  EXPECT_EQ(n.read_paths[0], file);
  EXPECT_TRUE(needs("stages:\n  - id: a\n    type: test_trust\n    params: { path: /no/such/file }\n").read_paths.empty());
}

TEST_F(GraphNeedsTest, EnvironmentNamesComeFromTheGraph) {
  ::setenv("REELFLOW_NEEDS_TEST", "v", 1);
  const auto n = needs("stages:\n  - id: a\n    type: test_source\n    params: { text: \"${env:REELFLOW_NEEDS_TEST}\" }\n");
  EXPECT_EQ(n.environment_names, (std::set<std::string>{"REELFLOW_NEEDS_TEST"}));
}

}  // namespace
}  // namespace reelflow::testing
