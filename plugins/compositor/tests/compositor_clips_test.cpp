// A clip or a still per scene (`clips` beside `images`): the MP4 is decoded and
// measured. A clip scene shows the clip's own frames, cover-fitted, looped when it is
// shorter than its scene; a still scene keeps its Ken Burns; the clips' sound is dropped.
#include "compositor_test_media.hpp"

#include <media_probe.hpp>
#include <source_kit/clip_set.hpp>
#include <stage_harness.hpp>
#include <temp_dir.hpp>
#include <test_clips.hpp>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

namespace reelflow::compositor::testing {
namespace {

using reelflow::testing::decode_frame_at;
using reelflow::testing::probe_media;
using reelflow::testing::RgbFrame;
using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

constexpr int kWidth = 180, kHeight = 320, kFps = 15;
// Scenes of 1.0 s narration + 0.4 s padding, crossfades of 0.3 s: scene 1 is [0, 1.4),
// scene 2 [1.1, 2.5), scene 3 [2.2, 3.6).
constexpr double kTotal = 3 * 1.4 - 2 * 0.3;
const cv::Scalar kRed(192, 48, 32), kGreen(32, 192, 64);  // RGB backgrounds of the clips

cv::Mat pixels(const RgbFrame& frame) {
  return cv::Mat(frame.height, frame.width, CV_8UC3, const_cast<char*>(frame.pixels.data()));
}

cv::Scalar mean_rgb(const RgbFrame& frame) { return cv::mean(pixels(frame)); }

double colour_distance(const cv::Scalar& a, const cv::Scalar& b) {
  return std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
}

double difference(const RgbFrame& a, const RgbFrame& b) {
  return region_difference(a.pixels, b.pixels, a.width, a.height, 0, 0, 1, 1);
}

class CompositorClipsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reelflow::testing::TestClip looping;  // 8 frames: it plays more than twice in its scene
    looping.seconds = 8.0 / 15;
    looping.width = 90;
    looping.height = 160;
    looping.fps = 15;
    looping.background_rgb = 0xC03020;
    reelflow::testing::write_test_clip(dir_ / "short-red.mp4", looping);
    reelflow::testing::TestClip wide;  // landscape, longer than its scene: cropped and trimmed
    wide.seconds = 3.0;
    wide.width = 320;
    wide.height = 180;
    wide.background_rgb = 0x20C040;
    reelflow::testing::write_test_clip(dir_ / "long-green.mp4", wide);
  }

  // Scene 1 a clip, scene 2 its still, scene 3 a clip; narration silent, so any sound is the clips'.
  reelflow::testing::StageRun render() {
    auto in = make_scene_inputs(dir_ / "in", {{1.0, {}, {}, 0.0}, {1.0, {}, {}, 0.0}, {1.0, {}, {}, 0.0}});
    source_kit::ClipSet clips;
    clips.clips = {{(dir_ / "short-red.mp4").string(), "a", 0.5, 90, 160},
                   {"", "", 0.0, 0, 0},
                   {(dir_ / "long-green.mp4").string(), "b", 3.0, 320, 180}};
    auto inputs = in.as_inputs();
    inputs["clips"] = source_kit::to_record(clips);
    return harness_.run("compositor",
                        "width: " + std::to_string(kWidth) + "\nheight: " + std::to_string(kHeight) +
                            "\nfps: " + std::to_string(kFps) + "\ncaptions: none\n",
                        inputs, dir_ / "out");
  }

  RgbFrame frame(double t) {
    auto f = decode_frame_at(dir_ / "out" / "short-video.mp4", t);
    EXPECT_TRUE(f.has_value()) << "no frame at " << t;
    return f.value_or(RgbFrame{kWidth, kHeight, std::string(kWidth * kHeight * 3, '\0')});
  }

  StageHarness harness_;
  TempDir dir_{"compositor-clips"};
};

TEST_F(CompositorClipsTest, ClipScenesPlayTheirClipsAndStillScenesKeepKenBurns) {
  const auto run = render();
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  std::string error;
  const auto info = probe_media(dir_ / "out" / "short-video.mp4", &error);
  ASSERT_TRUE(info.has_value()) << error;
  EXPECT_NEAR(info->duration_s, kTotal, 2.0 / kFps);
  EXPECT_EQ(info->width, kWidth);
  EXPECT_EQ(info->height, kHeight);

  // Scene 1 shows the red clip, filling the frame.
  const RgbFrame red = frame(0.2);
  EXPECT_LT(colour_distance(mean_rgb(red), kRed), 25) << mean_rgb(red);
  // Its frames change as the clip's do (the ball moves) ...
  const double moved = difference(frame(3.5 / kFps), frame(5.5 / kFps));
  EXPECT_GT(moved, 0.3);
  // ... and it starts over after its 8 frames: frame 3 of the next pass is frame 3 again.
  EXPECT_LT(difference(frame(3.5 / kFps), frame(11.5 / kFps)), moved / 4);

  // Scene 2 is its still, moving by Ken Burns but keeping its colours.
  const RgbFrame still_early = frame(1.5), still_late = frame(2.1);
  EXPECT_GT(colour_distance(mean_rgb(still_early), kRed), 60);
  EXPECT_LT(colour_distance(mean_rgb(still_early), mean_rgb(still_late)), 6);
  EXPECT_GT(difference(still_early, still_late), 0.3) << "Ken Burns moves the still";

  // Scene 3: the landscape clip cover-fitted into the portrait frame: green to the corners, no bars.
  const RgbFrame green = frame(3.0);
  EXPECT_LT(colour_distance(mean_rgb(green), kGreen), 25) << mean_rgb(green);
  const cv::Mat corners = pixels(green);
  for (const cv::Point at : {cv::Point(1, 1), cv::Point(kWidth - 2, kHeight - 2)})
    EXPECT_LT(colour_distance(cv::Scalar(corners.at<cv::Vec3b>(at)[0], corners.at<cv::Vec3b>(at)[1],
                                         corners.at<cv::Vec3b>(at)[2]),
                              kGreen),
              40);

  // The clips' 880 Hz tone is not in the soundtrack: narration is silent and there is no music.
  const auto audio = decode_audio_mono(dir_ / "out" / "short-video.mp4");
  EXPECT_LT(rms_db(audio, 0.1, 1.0), -60.0);
  EXPECT_LT(rms_db(audio, 2.4, 3.4), -60.0);
}

TEST_F(CompositorClipsTest, AMissingClipIsNamedBeforeAnythingRenders) {
  auto in = make_scene_inputs(dir_ / "in", {{1.0}});
  source_kit::ClipSet clips;
  clips.clips = {{(dir_ / "gone.mp4").string(), "x", 1.0, 90, 160}};
  auto inputs = in.as_inputs();
  inputs["clips"] = source_kit::to_record(clips);
  const auto run = harness_.run("compositor", "width: 180\nheight: 320\nfps: 15\n", inputs, dir_ / "out");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("clip '" + (dir_ / "gone.mp4").string() + "' does not exist"),
            std::string::npos)
      << run.status.message();
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out" / "short-video.mp4"));
}

}  // namespace
}  // namespace reelflow::compositor::testing
