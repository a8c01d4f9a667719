#include "voice_activity.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::compositor {

VoiceActivity::VoiceActivity(int rate, int channels)
    : frame_length_(static_cast<std::size_t>(std::lround(rate * kFrameS))),
      channels_(static_cast<std::size_t>(channels)) {}

void VoiceActivity::add(const float* interleaved, std::size_t frames) {
  for (std::size_t f = 0; f < frames; ++f) {
    for (std::size_t c = 0; c < channels_; ++c) {
      const double v = interleaved[f * channels_ + c];
      sum_squares_ += v * v;
    }
    if (++in_frame_ == frame_length_) close_frame();
  }
}

void VoiceActivity::close_frame() {
  const double mean = sum_squares_ / static_cast<double>(in_frame_ * channels_);
  frame_db_.push_back(mean > 0.0 ? static_cast<float>(10.0 * std::log10(mean)) : -200.0f);
  sum_squares_ = 0.0;
  in_frame_ = 0;
}

std::vector<VoiceSpan> VoiceActivity::spans() const {
  std::vector<VoiceSpan> voiced;
  if (frame_db_.empty() && in_frame_ == 0) return voiced;
  std::vector<float> levels = frame_db_;
  if (in_frame_ > 0) {  // the clip's last, partial frame
    const double mean = sum_squares_ / static_cast<double>(in_frame_ * channels_);
    levels.push_back(mean > 0.0 ? static_cast<float>(10.0 * std::log10(mean)) : -200.0f);
  }
  const double loudest = *std::max_element(levels.begin(), levels.end());
  const double threshold = std::max(kFloorDb, loudest - kRangeDb);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] < threshold) continue;
    const double start = static_cast<double>(i) * kFrameS;
    const double end = static_cast<double>(i + 1) * kFrameS;
    if (!voiced.empty() && voiced.back().end_s >= start - 1e-9)
      voiced.back().end_s = end;
    else
      voiced.push_back({start, end});
  }
  return voiced;
}

}  // namespace reelflow::compositor
