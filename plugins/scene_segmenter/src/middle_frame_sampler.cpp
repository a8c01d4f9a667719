#include "middle_frame_sampler.hpp"

#include <algorithm>
#include <cstdlib>

namespace reelflow::scene_segmenter {

MiddleFrameSampler::MiddleFrameSampler(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 2)) {}

void MiddleFrameSampler::start(std::int64_t first_frame) {
  first_ = first_frame;
  spacing_ = 1;
  kept_.clear();
}

bool MiddleFrameSampler::wants(std::int64_t frame_number) const {
  return frame_number >= first_ && (frame_number - first_) % spacing_ == 0;
}

void MiddleFrameSampler::keep(std::int64_t frame_number, cv::Mat image) {
  if (!wants(frame_number)) return;
  kept_.emplace_back(frame_number, std::move(image));
  if (kept_.size() <= capacity_) return;
  spacing_ *= 2;
  std::erase_if(kept_, [&](const auto& entry) { return (entry.first - first_) % spacing_ != 0; });
}

std::pair<std::int64_t, cv::Mat> MiddleFrameSampler::middle(std::int64_t end_frame) const {
  if (kept_.empty()) return {-1, cv::Mat()};
  std::int64_t target = first_ + (end_frame - first_) / 2;
  auto nearest = std::min_element(kept_.begin(), kept_.end(), [&](const auto& a, const auto& b) {
    return std::llabs(a.first - target) < std::llabs(b.first - target);
  });
  return *nearest;
}

}  // namespace reelflow::scene_segmenter
