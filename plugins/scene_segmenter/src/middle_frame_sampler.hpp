#pragma once
// Keeps a frame from near the middle of a shot while the shot is still being
// decoded, with bounded memory: it keeps at most `capacity` frames evenly spaced
// over the shot so far, and halves them (doubling the spacing) when full. At the
// end the kept frame nearest the middle is at most one spacing (an eighth of the
// shot with the default capacity) away from it.
#include <opencv2/core/mat.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace reelflow::scene_segmenter {

class MiddleFrameSampler {
 public:
  explicit MiddleFrameSampler(std::size_t capacity = 16);

  // Starts a new shot at frame `first_frame`, forgetting the previous one.
  void start(std::int64_t first_frame);
  // Whether frame `frame_number` would be kept (so callers prepare it only then).
  bool wants(std::int64_t frame_number) const;
  void keep(std::int64_t frame_number, cv::Mat image);
  // The kept frame nearest the middle of [first_frame, end_frame); empty if none.
  std::pair<std::int64_t, cv::Mat> middle(std::int64_t end_frame) const;

 private:
  std::size_t capacity_;
  std::int64_t first_ = 0;
  std::int64_t spacing_ = 1;
  std::vector<std::pair<std::int64_t, cv::Mat>> kept_;
};

}  // namespace reelflow::scene_segmenter
