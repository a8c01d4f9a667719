// The cut detector's scoring and the middle-frame sampler.
#include "content_detector.hpp"
#include "middle_frame_sampler.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <gtest/gtest.h>

#include <cstdlib>

namespace ss = reelflow::scene_segmenter;

namespace {

cv::Mat solid_bgr(int b, int g, int r) { return cv::Mat(60, 80, CV_8UC3, cv::Scalar(b, g, r)); }

}  // namespace

TEST(ContentDetector, ScoresTheMeanHsvChannelDifference) {
  ss::ContentDetector detector(27.0, 1);
  EXPECT_FALSE(detector.is_cut(0, solid_bgr(0, 0, 255)));  // red: H=0 S=255 V=255
  EXPECT_FALSE(detector.is_cut(1, solid_bgr(0, 0, 255)));
  EXPECT_DOUBLE_EQ(detector.last_score(), 0.0);
  // Red to white: only saturation changes, by 255, so the score is 255 / 3.
  EXPECT_TRUE(detector.is_cut(2, solid_bgr(255, 255, 255)));
  EXPECT_NEAR(detector.last_score(), 85.0, 1e-9);
  // Green (H=60) to blue (H=120): hue changes by 60, so 20 < 27: no cut.
  ss::ContentDetector hue_only(27.0, 1);
  hue_only.is_cut(0, solid_bgr(0, 255, 0));
  EXPECT_FALSE(hue_only.is_cut(1, solid_bgr(255, 0, 0)));
  EXPECT_NEAR(hue_only.last_score(), 20.0, 1e-9);
}

TEST(ContentDetector, IgnoresCutsWithinMinSceneLenIncludingFromTheFirstFrame) {
  ss::ContentDetector detector(27.0, 5);
  std::vector<std::int64_t> cuts;
  for (std::int64_t n = 0; n < 20; ++n) {
    cv::Mat frame = (n % 2 == 0) ? solid_bgr(0, 0, 0) : solid_bgr(255, 255, 255);  // every frame differs
    if (detector.is_cut(n, frame)) cuts.push_back(n);
  }
  EXPECT_EQ(cuts, (std::vector<std::int64_t>{5, 10, 15}));
}

TEST(ContentDetector, DownscalesLikePySceneDetect) {
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
