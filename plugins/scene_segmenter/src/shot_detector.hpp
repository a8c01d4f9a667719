#pragma once
// The one shot-boundary detector behind both forms of shot_detect: hard cuts by
// the HSV content score (content_score.hpp) and, when enabled, dissolves and
// fades by twin comparison (gradual_detector.hpp). A boundary closer than
// `min_scene_len` frames to the previous one (or to the first frame) is dropped.
#include "content_score.hpp"
#include "gradual_detector.hpp"
#include "transition.hpp"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <vector>

namespace reelflow::scene_segmenter {

struct DetectorSettings {
  double threshold = 27.0;  // hard-cut HSV content score (0-255)
  std::int64_t min_scene_len = 15;
  bool gradual = true;
  GradualSettings gradual_settings;
};

class ShotDetector {
 public:
  explicit ShotDetector(DetectorSettings settings);

  // Feeds frame `frame` (ascending, BGR, already downscaled) shown at `time_s`;
  // returns the boundaries confirmed by it, oldest first (usually none).
  std::vector<Transition> feed(std::int64_t frame, double time_s, const cv::Mat& bgr);
  // At the end of the stream: a gradual transition still in progress, if any.
  std::vector<Transition> flush();

  // The hard-cut score of the last frame fed.
  double last_score() const { return last_score_; }

 private:
  void accept(const Transition& transition, std::vector<Transition>& out);

  DetectorSettings settings_;
  ContentScore content_;
  GradualDetector gradual_;
  std::int64_t last_boundary_ = -1;  // -1: no frame seen yet
  double previous_level_ = 0.0;
  double last_score_ = 0.0;
};

}  // namespace reelflow::scene_segmenter
