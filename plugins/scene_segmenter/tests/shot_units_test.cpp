// The shot detector (hard-cut score, cut decisions) and the middle-frame sampler;
// gradual transitions on synthetic frames are in gradual_units_test.cpp.
#include "content_score.hpp"
#include "shot_detector.hpp"
#include "middle_frame_sampler.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <gtest/gtest.h>

#include <cstdlib>

namespace ss = reelflow::scene_segmenter;

namespace {

cv::Mat solid_bgr(int b, int g, int r) { return cv::Mat(60, 80, CV_8UC3, cv::Scalar(b, g, r)); }

}  // namespace

TEST(ContentScore, ScoresTheMeanHsvChannelDifference) {
  ss::ContentScore score;
  EXPECT_DOUBLE_EQ(score.next(solid_bgr(0, 0, 255)), 0.0);  // red: H=0 S=255 V=255
  EXPECT_DOUBLE_EQ(score.next(solid_bgr(0, 0, 255)), 0.0);
  // Red to white: only saturation changes, by 255, so the score is 255 / 3.
  EXPECT_NEAR(score.next(solid_bgr(255, 255, 255)), 85.0, 1e-9);
  // Green (H=60) to blue (H=120): hue changes by 60, so 20.
  ss::ContentScore hue_only;
  hue_only.next(solid_bgr(0, 255, 0));
  EXPECT_NEAR(hue_only.next(solid_bgr(255, 0, 0)), 20.0, 1e-9);
}

TEST(ShotDetector, CutsAtTheThresholdAndIgnoresCutsWithinMinSceneLenIncludingFromTheFirstFrame) {
  for (bool gradual : {false, true}) {
    ss::DetectorSettings settings;
    settings.min_scene_len = 5;
    settings.gradual = gradual;
    ss::ShotDetector detector(settings);
    std::vector<std::int64_t> cuts;
    for (std::int64_t n = 0; n < 20; ++n) {
      cv::Mat frame = (n % 2 == 0) ? solid_bgr(0, 0, 0) : solid_bgr(255, 255, 255);  // every frame differs
      for (const auto& t : detector.feed(n, n / 25.0, frame)) {
        EXPECT_EQ(t.kind, ss::TransitionKind::Cut);
        EXPECT_DOUBLE_EQ(t.time_s, n / 25.0);
        cuts.push_back(t.frame);
      }
    }
    EXPECT_EQ(cuts, (std::vector<std::int64_t>{5, 10, 15})) << "gradual " << gradual;
  }
  // 20 (green to blue) is under 27: no cut; a threshold of 20 makes it one.
  for (double threshold : {27.0, 20.0}) {
    ss::DetectorSettings settings;
    settings.threshold = threshold;
    settings.min_scene_len = 1;
    ss::ShotDetector detector(settings);
    detector.feed(0, 0.0, solid_bgr(0, 255, 0));
    EXPECT_EQ(detector.feed(1, 0.04, solid_bgr(255, 0, 0)).size(), threshold <= 20.0 ? 1u : 0u);
    EXPECT_NEAR(detector.last_score(), 20.0, 1e-9);
  }
}

TEST(ContentScore, DownscalesLikePySceneDetect) {
  EXPECT_EQ(ss::auto_downscale_factor(160), 1);
  EXPECT_EQ(ss::auto_downscale_factor(256), 1);
  EXPECT_EQ(ss::auto_downscale_factor(1920), 7);
  cv::Mat frame(1080, 1920, CV_8UC3, cv::Scalar(1, 2, 3));
  cv::Mat small = ss::downscale(frame, 7);
  EXPECT_EQ(small.cols, 274);
  EXPECT_EQ(small.rows, 154);
  EXPECT_EQ(ss::downscale(frame, 1).cols, 1920);
}

TEST(MiddleFrameSampler, ReturnsAFrameNearTheMiddleWithBoundedMemory) {
  for (std::int64_t length : {1, 2, 7, 16, 17, 100, 1001}) {
    ss::MiddleFrameSampler sampler(16);
    const std::int64_t first = 40;
    sampler.start(first);
    std::int64_t kept = 0;
    for (std::int64_t n = first; n < first + length; ++n) {
      if (!sampler.wants(n)) continue;
      ++kept;
      sampler.keep(n, cv::Mat(1, 1, CV_32SC1, cv::Scalar(static_cast<double>(n))));
    }
    auto [frame_number, image] = sampler.middle(first + length);
    ASSERT_FALSE(image.empty()) << length;
    EXPECT_EQ(image.at<int>(0, 0), frame_number);
    std::int64_t middle = first + length / 2;
    EXPECT_LE(std::llabs(frame_number - middle), std::max<std::int64_t>(1, length / 8)) << length;
    EXPECT_LE(kept, 16 + 2 * 64) << "kept frames must grow only logarithmically";
  }
}
