#include <reelflow_loudness/meter.hpp>

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reelflow::loudness {

double to_db(double linear) {
  return linear > 0 ? 20.0 * std::log10(linear) : -std::numeric_limits<double>::infinity();
}

Meter::~Meter() {
  if (state_) ebur128_destroy(&state_);
}

bool Meter::configure(unsigned channels, unsigned long rate, Measures measures) {
  std::lock_guard lock(mutex_);
  if (state_) ebur128_destroy(&state_);
  int mode = EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM;
  if (measures == Measures::All) mode |= EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK;
  state_ = ebur128_init(channels, rate, mode);
  measures_ = measures;
  channels_ = channels;
  rate_ = rate;
  frames_ = 0;
  return state_ != nullptr;
}

bool Meter::configured() const {
  std::lock_guard lock(mutex_);
  return state_ != nullptr;
}

double Meter::add(const float* interleaved, std::size_t samples) {
  std::lock_guard lock(mutex_);
  if (!state_ || channels_ == 0) return 0;
  const std::size_t frames = samples / channels_;
  if (frames == 0) return 0;
  ebur128_add_frames_float(state_, interleaved, frames);
  frames_ += frames;
  return static_cast<double>(frames) / static_cast<double>(rate_);
}

Levels Meter::levels() const {
  std::lock_guard lock(mutex_);
  Levels l;
  if (!state_) return l;
  ebur128_loudness_momentary(state_, &l.momentary_lufs);
  ebur128_loudness_shortterm(state_, &l.shortterm_lufs);
  ebur128_loudness_global(state_, &l.integrated_lufs);
  l.seconds = static_cast<double>(frames_) / static_cast<double>(rate_);
  if (measures_ == Measures::IntegratedOnly) return l;
  ebur128_loudness_range(state_, &l.range_lu);
  double peak = 0, last = 0;
  for (unsigned c = 0; c < channels_; ++c) {
    double v = 0;
    if (ebur128_true_peak(state_, c, &v) == EBUR128_SUCCESS) peak = std::max(peak, v);
    if (ebur128_prev_true_peak(state_, c, &v) == EBUR128_SUCCESS) last = std::max(last, v);
  }
  l.true_peak_dbtp = to_db(peak);
  l.last_true_peak_dbtp = to_db(last);
  return l;
}

}  // namespace reelflow::loudness
