// provider: stock — a Pexels-videos-style search against a real local server: the
// file closest to the frame with its orientation is downloaded, probed and cached; a
// refused key is sent once and never shown; a chain falls back to the folder.
#include "clip_test_support.hpp"
#include "stock_video_server.hpp"

#include <temp_dir.hpp>

#include <gtest/gtest.h>

namespace reelflow::clip_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

constexpr const char* kApiKey = "pexels-video-K3y-s3cret";

class ClipSourceStock : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string clip = clip_bytes(dir_.path(), "clip.mp4", 0.4, 36, 64);
    for (const char* name : {"small-tall.mp4", "big-tall.mp4", "wide.mp4"}) server_.add_file(name, clip);
    server_.add_video("ocean waves", {{"wide.mp4", 640, 360}, {"big-tall.mp4", 2160, 3840}, {"small-tall.mp4", 360, 640}});
  }
  std::string params(const std::string& key = kApiKey) const {
    return "provider: stock\nstock_base_url: " + server_.base_url() + "\nstock_api_key: " + key +
           "\naspect: \"9:16\"\nwidth: 540\nmax_attempts: 2\n";
  }
  TempDir dir_;
  StockVideoServer server_{kApiKey};
};

TEST_F(ClipSourceStock, TheFileClosestToTheFrameInItsOrientationIsDownloadedAndCached) {
  TempDir cache("clip-source-cache");
  StageHarness harness;
  harness.set_cache_dir(cache.path());
  const auto clips = clips_of(harness.run("clip_source", params(), {{"scenes", make_scenes({"ocean waves"})}}));
  ASSERT_EQ(clips.size(), 1u);
  ASSERT_EQ(server_.searches().size(), 1u);
  const auto search = server_.searches().front();
  EXPECT_EQ(search.query, "ocean waves");
  EXPECT_EQ(search.orientation, "portrait");
  EXPECT_EQ(search.per_page, "5");
  EXPECT_EQ(search.authorization, kApiKey);
  // 540x960 frame: 360x640 is 2.25x smaller, 2160x3840 16x larger, 640x360 the wrong way round.
  EXPECT_EQ(server_.downloads(), std::vector<std::string>{"small-tall.mp4"});
  EXPECT_EQ(clips[0].width, 36);  // probed from the downloaded file itself
  EXPECT_NEAR(clips[0].duration_s, 0.4, 0.1);
  EXPECT_TRUE(clips[0].path.rfind(cache.path().string(), 0) == 0) << clips[0].path;

  const auto again = clips_of(harness.run("clip_source", params(), {{"scenes", make_scenes({"ocean waves"})}}));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].path, clips[0].path);
  EXPECT_EQ(server_.searches().size(), 1u) << "a cached clip makes no request";
  EXPECT_EQ(server_.downloads().size(), 1u);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(cache.path()))
    EXPECT_EQ(entry.path().string().find(kApiKey), std::string::npos);
}

TEST_F(ClipSourceStock, ARefusedKeyIsSentOnceAndNeverShown) {
  StageHarness harness;
  const auto run = harness.run("clip_source", params("wrong-K3y-value"), {{"scenes", make_scenes({"ocean waves"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_EQ(server_.searches().size(), 1u) << "401 is not retried";
  EXPECT_NE(run.status.message().find("the server refused the credentials (HTTP 401)"), std::string::npos)
      << run.status.message();
  EXPECT_NE(run.status.message().find("check stock_api_key"), std::string::npos);
  EXPECT_EQ(everything_said(run).find("wrong-K3y-value"), std::string::npos) << everything_said(run);
}

TEST_F(ClipSourceStock, AChainFallsBackToTheFolderForASceneStockCannotServe) {
  reelflow::testing::TestClip clip;
  clip.seconds = 0.4;
  clip.width = 64;
  clip.height = 36;
  clip.with_audio = false;
  reelflow::testing::write_test_clip(dir_.path() / "mountain.mp4", clip);
  std::filesystem::remove(dir_.path() / "clip.mp4");
  StageHarness harness;
  const auto run = harness.run("clip_source",
                               params() + "providers: [stock, folder]\nfolder: " + dir_.path().string() + "\n",
                               {{"scenes", make_scenes({"ocean waves", "a purple unicorn"})}});
  const auto clips = clips_of(run);
  ASSERT_EQ(clips.size(), 2u);
  EXPECT_EQ(sources_of(run), (std::vector<std::string>{"stock", "folder"}));
  EXPECT_EQ(std::filesystem::path(clips[1].path).filename(), "mountain.mp4");
  bool warned = false;
  for (const auto& line : run.log_lines)
    warned |= line.find("scene 2: provider 'stock' failed (clip search for 'a purple unicorn': no videos found), "
                        "trying 'folder'") != std::string::npos;
  EXPECT_TRUE(warned) << everything_said(run);
}

}  // namespace
}  // namespace reelflow::clip_source::testing
