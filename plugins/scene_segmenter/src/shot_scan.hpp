#pragma once
// One pass over a video's frames, whatever delivers them (a decoded file or a
// stream): the detector finds the boundaries, the shots between them are kept
// with a thumbnail each. Both forms of shot_detect feed one of these.
#include "middle_frame_sampler.hpp"
#include "shot.hpp"
#include "shot_detector.hpp"
#include "thumbnail_store.hpp"
#include "transition.hpp"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace reelflow::scene_segmenter {

class ShotScan {
 public:
  // No thumbnails when `thumbnails` is empty.
  ShotScan(DetectorSettings settings, std::optional<ThumbnailStore> thumbnails);

  // Frame `frame` (0, 1, ...) at `time_s`, as the detector sees it (downscaled
  // BGR); returns the boundaries it confirms. Throws when a thumbnail cannot be written.
  std::vector<Transition> feed(std::int64_t frame, double time_s, const cv::Mat& analysis);
  // Whether the thumbnail sampler keeps this frame (so callers prepare it only then).
  bool wants_thumbnail(std::int64_t frame) const { return thumbnails_ && sampler_.wants(frame); }
  void keep_thumbnail(std::int64_t frame, cv::Mat image) { sampler_.keep(frame, std::move(image)); }

  // Ends the scan after `frame_count` frames lasting until `end_s`: the
  // boundaries still pending, then the shots, thumbnails published.
  std::vector<Transition> flush();
  std::vector<Shot> shots(std::int64_t frame_count, double end_s);
  const std::vector<Transition>& transitions() const { return transitions_; }

 private:
  void start_shot(const Transition& at);

  ShotDetector detector_;
  std::optional<ThumbnailStore> thumbnails_;
  MiddleFrameSampler sampler_;
  std::vector<Transition> transitions_;
  std::vector<std::pair<std::int64_t, double>> starts_{{0, 0.0}};  // frame and time of each shot's start
};

}  // namespace reelflow::scene_segmenter
