#pragma once
// The hard-cut score of PySceneDetect's ContentDetector (defaults): each frame is
// converted to HSV, and its score is the mean over the H, S and V channels of the
// mean absolute per-pixel difference from the previous frame (weights 1, 1, 1 and
// 0 for edges). Deciding what is a cut is ShotDetector's job.
#include <opencv2/core/mat.hpp>

#include <array>

namespace reelflow::scene_segmenter {

class ContentScore {
 public:
  // Scores `bgr` (8-bit BGR, already downscaled) against the frame before it: 0
  // for the first frame, 255 when the size changed (nothing is alike).
  double next(const cv::Mat& bgr);

 private:
  std::array<cv::Mat, 3> previous_;  // H, S, V planes of the previous frame
  std::array<cv::Mat, 3> planes_;    // reused for the current frame
  cv::Mat hsv_;
  cv::Mat difference_;
};

// PySceneDetect's automatic factor: 1 below 256 px wide, else width / 256 (integer).
int auto_downscale_factor(int frame_width);
// The size a frame of `size` has once shrunk by `factor` (itself when factor <= 1).
cv::Size downscaled_size(cv::Size size, int factor);
// The frame shrunk by `factor` (bilinear), or the frame itself when factor <= 1.
cv::Mat downscale(const cv::Mat& bgr, int factor);

}  // namespace reelflow::scene_segmenter
