// Dissolves, fades and motion fed straight to the shot detector, frame by frame.
#include "shot_detector.hpp"
#include "test_frames.hpp"

#include <opencv2/core.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace ss = reelflow::scene_segmenter;
using reelflow::testing::crossfade;
using reelflow::testing::hold;
using reelflow::testing::texture;

namespace {

constexpr double kFps = 25.0;
const cv::Size kSize(96, 64);

std::vector<ss::Transition> detect(const std::vector<cv::Mat>& frames, ss::DetectorSettings settings = {}) {
  ss::ShotDetector detector(settings);
  std::vector<ss::Transition> found;
  for (std::size_t n = 0; n < frames.size(); ++n)
    for (const auto& t : detector.feed(static_cast<std::int64_t>(n), static_cast<double>(n) / kFps, frames[n]))
      found.push_back(t);
  for (const auto& t : detector.flush()) found.push_back(t);
  return found;
}

std::vector<cv::Mat> still(const cv::Mat& frame, int n) {
  std::vector<cv::Mat> out;
  hold(out, frame, n);
  return out;
}

}  // namespace

TEST(GradualDetector, ALinearDissolveIsOneDissolveAtItsMiddleThatTheHardCutScoreMisses) {
  const cv::Mat a = texture(kSize, 1, cv::Scalar(40, 90, 200));
  const cv::Mat b = texture(kSize, 2, cv::Scalar(200, 120, 40));
  std::vector<cv::Mat> frames;
  hold(frames, a, 30);
  crossfade(frames, still(a, 8), still(b, 8));  // frames 30..37
  hold(frames, b, 30);
  const auto found = detect(frames);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ss::TransitionKind::Dissolve);
  EXPECT_NEAR(static_cast<double>(found[0].frame), 33.5, 1.0);
  EXPECT_NEAR(found[0].time_s, static_cast<double>(found[0].frame) / kFps, 1e-9);
  EXPECT_LE(found[0].start_s, 30 / kFps);
  EXPECT_GE(found[0].end_s, 37 / kFps);

  ss::DetectorSettings hard_only;
  hard_only.gradual = false;
  EXPECT_TRUE(detect(frames, hard_only).empty()) << "each step of the blend stays under the hard-cut threshold";
}

TEST(GradualDetector, AFadeOutAndInThroughBlackAreTwoFadesAndNoCut) {
  const cv::Mat a = texture(kSize, 3, cv::Scalar(30, 60, 220));
  const cv::Mat b = texture(kSize, 4, cv::Scalar(220, 200, 30));
  const cv::Mat black(kSize, CV_8UC3, cv::Scalar(0, 0, 0));
  std::vector<cv::Mat> frames;
  hold(frames, a, 30);
  crossfade(frames, still(a, 12), still(black, 12));  // 30..41
  hold(frames, black, 25);                            // 42..66
  crossfade(frames, still(black, 12), still(b, 12));  // 67..78
  hold(frames, b, 30);
  const auto found = detect(frames);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, ss::TransitionKind::Fade);
  EXPECT_EQ(found[1].kind, ss::TransitionKind::Fade);
  EXPECT_NEAR(static_cast<double>(found[0].frame), 36.0, 1.5);
  EXPECT_NEAR(static_cast<double>(found[1].frame), 72.5, 1.5);
}

TEST(GradualDetector, APanAndZoomOverDetailIsNoBoundary) {
  const cv::Mat world = texture(cv::Size(600, 300), 5, cv::Scalar(90, 140, 60));
  const auto frames = reelflow::testing::pan_and_zoom(world, kSize, 150, 2, 0.003);
  const auto found = detect(frames);
  EXPECT_TRUE(found.empty()) << found.size() << " boundaries, the first at frame " << found.front().frame;
}

TEST(GradualDetector, ADissolveBetweenMovingShotsIsFound) {
  const cv::Mat world_a = texture(cv::Size(600, 300), 8, cv::Scalar(40, 90, 200));
  const cv::Mat world_b = texture(cv::Size(600, 300), 9, cv::Scalar(200, 120, 40));
  const auto a = reelflow::testing::panning(world_a, kSize, 60, 1);
  const auto b = reelflow::testing::panning(world_b, kSize, 60, 1);
  std::vector<cv::Mat> frames(a.begin(), a.begin() + 40);
  crossfade(frames, {a.begin() + 40, a.begin() + 48}, {b.begin(), b.begin() + 8});  // 40..47
  frames.insert(frames.end(), b.begin() + 8, b.end());
  const auto found = detect(frames);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ss::TransitionKind::Dissolve);
  EXPECT_NEAR(static_cast<double>(found[0].frame), 43.5, 1.5);
}

TEST(GradualDetector, AGradualChangeLongerThanTheLimitIsMotion) {
  // Far apart, so that each of the 41 steps is still over gradual_min_step.
  const cv::Mat a = texture(kSize, 6, cv::Scalar(20, 20, 230));
  const cv::Mat b = texture(kSize, 7, cv::Scalar(220, 240, 20));
  std::vector<cv::Mat> frames;
  hold(frames, a, 20);
  crossfade(frames, still(a, 40), still(b, 40));  // 1.6 s
  hold(frames, b, 20);
  ss::DetectorSettings settings;
  settings.gradual_settings.max_s = 1.0;
  EXPECT_TRUE(detect(frames, settings).empty());
  settings.gradual_settings.max_s = 2.0;
  EXPECT_EQ(detect(frames, settings).size(), 1u);
}
