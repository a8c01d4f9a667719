// Tests of the example plugin with the plugin test kit: the stage runs as the
// runtime would run it, outside any graph, with no reelflow internals in sight.
#include <reelflow/testing.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using reelflow::FileRef;
using reelflow::Scene;
using reelflow::SceneList;
using reelflow::testing::StageTester;

SceneList two_scenes() {
  SceneList list;
  list.scenes.push_back(Scene{0, "The first narration.", "First", "", 1.5, 0, 0, {}});
  list.scenes.push_back(Scene{1, "The second narration.", "Second", "", 2.25, 0, 0, {}});
  return list;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SrtWriter, WritesOneCuePerSceneTimedByTheirDurations) {
  StageTester tester;  // the plugin under test, named by reelflow_add_plugin_test()
  ASSERT_TRUE(tester.has_stage_type("srt_writer"));
  auto run = tester.run("srt_writer", "name: subs.srt", {{"scenes", two_scenes()}});
  ASSERT_TRUE(run.status) << run.status.message();
  const auto& file = run.output_as<FileRef>("subtitles");
  EXPECT_EQ(file.path.filename(), "subs.srt");
  EXPECT_EQ(read(file.path),
            "1\n00:00:00,000 --> 00:00:01,500\nFirst\n\n"
            "2\n00:00:01,500 --> 00:00:03,750\nSecond\n\n");
  EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
}

TEST(SrtWriter, NarrationInsteadOfCaptionsWhenAsked) {
  StageTester tester;
  auto run = tester.run("srt_writer", "use_narration: true", {{"scenes", two_scenes()}});
  ASSERT_TRUE(run.status) << run.status.message();
  EXPECT_NE(read(run.output_as<FileRef>("subtitles").path).find("The second narration."), std::string::npos);
}

TEST(SrtWriter, NoScenesIsAnErrorAndBadParamsAreCaughtBeforeItRuns) {
  StageTester tester;
  auto empty = tester.run("srt_writer", "", {{"scenes", SceneList{}}});
  EXPECT_FALSE(empty.status);
  EXPECT_NE(empty.status.message().find("no scenes to subtitle"), std::string::npos) << empty.status.message();
  const auto problems = tester.check("srt_writer", "use_narration: maybe\nfont: big\n");
  EXPECT_EQ(problems.size(), 2u);  // not a boolean; no such parameter
}

}  // namespace
