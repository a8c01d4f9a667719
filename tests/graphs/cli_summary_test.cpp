// The plain (non-JSON) output of `reelflow run`: the script's title and hook, the
// files the run made, and where the upload went, as the uploader reported it.
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::testing {
namespace {

TEST(CliSummary, PrintsTitleHookFilesAndWhereTheUploadWent) {
  TempDir dir;
  std::ofstream(dir.path() / "clip.txt") << "a published file\n";
  std::ofstream(dir.path() / "g.yaml") << R"(reelflow: 1
name: summary
stages:
  - id: script
    type: llm_script
    params: { provider: offline, topic: "How honey bees make honey", scenes: 2, target_duration_s: 8 }
  - id: source
    type: file_source
    params: { path: "${graph_dir}/clip.txt" }
  - id: publish
    type: uploader
    inputs: { file: source.file }
    params: { target: local, dir: shelf }
)";
  const auto out = dir.path() / "out";
  Subprocess p({REELFLOW_CLI_PATH, "run", (dir.path() / "g.yaml").string(), "-o", out.string(), "--cache-dir",
                (dir.path() / "cache").string(), "--events", "none"},
               dir.path() / "capture");
  ASSERT_EQ(p.wait(std::chrono::seconds(120)).value_or(-1), 0) << p.err();
  const std::string err = p.err();
  EXPECT_NE(err.find("  title: How Honey Bees Make Honey\n"), std::string::npos) << err;
  EXPECT_NE(err.find("  hook: "), std::string::npos) << err;
  const auto published = std::filesystem::absolute(out / "shelf" / "clip.txt").lexically_normal();
  EXPECT_NE(err.find("  published: " + published.string() + "\n"), std::string::npos) << err;
}

}  // namespace
}  // namespace reelflow::testing
