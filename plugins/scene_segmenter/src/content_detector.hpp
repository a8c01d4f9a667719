#pragma once
// Hard-cut detection as PySceneDetect's ContentDetector does it (defaults): each
// frame is converted to HSV, and its score is the mean over the H, S and V
// channels of the mean absolute per-pixel difference from the previous frame
// (weights 1, 1, 1 and 0 for edges). A frame starts a new shot when its score is
// at least `threshold` and at least `min_scene_len` frames have passed since the
// last cut (the first frame counts as one).
#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>

namespace reelflow::scene_segmenter {

class ContentDetector {
 public:
  ContentDetector(double threshold, std::int64_t min_scene_len);

  // Feeds frame `frame_number` (ascending, BGR, already downscaled); true when a
  // new shot starts at it.
  bool is_cut(std::int64_t frame_number, const cv::Mat& bgr);
  double last_score() const { return last_score_; }

 private:
  double threshold_;
  std::int64_t min_scene_len_;
  std::int64_t last_cut_ = -1;  // -1: no frame seen yet
  std::array<cv::Mat, 3> previous_;  // H, S, V planes of the previous frame
  double last_score_ = 0.0;
};

// PySceneDetect's automatic factor: 1 below 256 px wide, else width / 256 (integer).
int auto_downscale_factor(int frame_width);
// The frame shrunk by `factor` (bilinear), or the frame itself when factor <= 1.
cv::Mat downscale(const cv::Mat& bgr, int factor);

}  // namespace reelflow::scene_segmenter
