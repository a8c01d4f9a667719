// provider: folder — clips picked per scene by the words of their names, else by a
// seeded draw; every clip is probed.
#include "clip_test_support.hpp"

#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::clip_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

class ClipSourceFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"ocean-waves.mp4", "city-night.mp4", "forest-path.mov"}) {
      reelflow::testing::TestClip clip;
      clip.seconds = 0.4;
      clip.width = 64;
      clip.height = 36;
      clip.with_audio = false;
      reelflow::testing::write_test_clip(dir_.path() / name, clip);
    }
  }
  std::string params(int seed = 0) const {
    return "provider: folder\nfolder: " + dir_.path().string() + "\nseed: " + std::to_string(seed) + "\n";
  }
  TempDir dir_;
};

TEST_F(ClipSourceFolder, AClipWhoseNameSharesTheScenesWordsIsPicked) {
  StageHarness harness;
  const auto run = harness.run("clip_source", params(),
                               {{"scenes", make_scenes({"Waves on the ocean", "A city at night", "A forest path"})}});
  const auto clips = clips_of(run);
  ASSERT_EQ(clips.size(), 3u);
  EXPECT_EQ(std::filesystem::path(clips[0].path).filename(), "ocean-waves.mp4");
  EXPECT_EQ(std::filesystem::path(clips[1].path).filename(), "city-night.mp4");
  EXPECT_EQ(std::filesystem::path(clips[2].path).filename(), "forest-path.mov");
  EXPECT_TRUE(std::filesystem::path(clips[0].path).is_absolute()) << clips[0].path;
  // Probed: the clip's real size and length.
  EXPECT_EQ(clips[0].width, 64);
  EXPECT_EQ(clips[0].height, 36);
  EXPECT_NEAR(clips[0].duration_s, 0.4, 0.1);
  EXPECT_EQ(sources_of(run), (std::vector<std::string>{"folder", "folder", "folder"}));
}

TEST_F(ClipSourceFolder, WithoutAMatchTheSeedPicksTheSameClipsEveryTime) {
  const auto scenes = make_scenes({"one", "two", "three", "four", "five", "six"});
  StageHarness harness;
  auto picks = [&](int seed) {
    std::vector<std::string> names;
    for (const auto& clip : clips_of(harness.run("clip_source", params(seed), {{"scenes", scenes}})))
      names.push_back(std::filesystem::path(clip.path).filename().string());
    return names;
  };
  const auto first = picks(1);
  ASSERT_EQ(first.size(), 6u);
  EXPECT_EQ(picks(1), first);
  bool other = false;  // another seed gives another set (one of 3^6 could match by chance; these do not)
  for (int seed = 2; seed < 6 && !other; ++seed) other = picks(seed) != first;
  EXPECT_TRUE(other);
}

TEST_F(ClipSourceFolder, AFileThatIsNoVideoIsAClearErrorNamingIt) {
  std::ofstream(dir_.path() / "broken-waves.mp4") << "not a video at all";
  StageHarness harness;
  const auto run = harness.run("clip_source", params(), {{"scenes", make_scenes({"broken waves"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("scene 1: clip '"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("broken-waves.mp4"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.status.message().find('\n'), std::string::npos);
}

TEST_F(ClipSourceFolder, AMissingFolderAndAnUnknownChainEntryAreErrors) {
  StageHarness harness;
  const auto run = harness.run("clip_source", "provider: folder\nfolder: /nonexistent/clips\n",
                               {{"scenes", make_scenes({"x"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_EQ(run.status.message(), "folder '/nonexistent/clips' does not exist");
  const auto problems = harness.check("clip_source", "providers: [stock, pictures]", {{"scenes", make_scenes({"x"})}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("unknown provider 'pictures'"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace reelflow::clip_source::testing
