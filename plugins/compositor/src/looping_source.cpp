#include "looping_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace reelflow::compositor {
namespace {

constexpr std::size_t kChunkFrames = 4096;

}  // namespace

LoopingSource::LoopingSource(PcmSourceOpener open, int channels, std::size_t seam_frames)
    : open_(std::move(open)), channels_(static_cast<std::size_t>(channels)), seam_(seam_frames) {}

std::size_t LoopingSource::read(float* out, std::size_t frames) {
  std::size_t done = 0;
  while (done < frames) {
    if (ready_pos_ == ready_.size() && !refill()) break;
    const std::size_t n = std::min(frames - done, (ready_.size() - ready_pos_) / channels_);
    std::copy_n(ready_.begin() + static_cast<std::ptrdiff_t>(ready_pos_), n * channels_, out + done * channels_);
    ready_pos_ += n * channels_;
    done += n;
  }
  return done;
}

void LoopingSource::open_pass() {
  current_ = open_();
  read_this_pass_ = 0;
  ++passes_;
}

bool LoopingSource::refill() {
  ready_.clear();
  ready_pos_ = 0;
  if (!current_) open_pass();
  chunk_.resize(kChunkFrames * channels_);
  const std::size_t n = current_->read(chunk_.data(), kChunkFrames);
  read_this_pass_ += n;
  held_.insert(held_.end(), chunk_.begin(), chunk_.begin() + static_cast<std::ptrdiff_t>(n * channels_));
  if (n == kChunkFrames) {
    // Everything but the last seam_ frames is certainly not the pass's tail.
    const std::size_t keep = std::min(held_.size(), seam_ * channels_);
    const auto split = held_.end() - static_cast<std::ptrdiff_t>(keep);
    ready_.assign(held_.begin(), split);
    held_.erase(held_.begin(), split);
    return true;
  }
  // The pass has ended.
  const bool empty = read_this_pass_ == 0;
  current_.reset();
  if (seam_ > 0 && read_this_pass_ >= 2 * seam_) {
    cross_into_next_pass();
  } else {
    ready_.swap(held_);
    held_.clear();
  }
  return !empty || !ready_.empty();
}

void LoopingSource::cross_into_next_pass() {
  open_pass();
  std::vector<float> head(seam_ * channels_, 0.0f);
  const std::size_t got = current_->read(head.data(), seam_);
  read_this_pass_ = got;
  // What precedes the tail goes out as it is; then the tail, crossfaded with raised-cosine
  // weights that sum to 1: a file whose end repeats its start (the shipped beds) is
  // crossfaded with itself, keeping its level and its period.
  const std::size_t tail = held_.size() - seam_ * channels_;
  ready_.assign(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(tail));
  for (std::size_t f = 0; f < seam_; ++f) {
    const double w = 0.5 - 0.5 * std::cos(std::numbers::pi * (static_cast<double>(f) + 0.5) / static_cast<double>(seam_));
    for (std::size_t c = 0; c < channels_; ++c) {
      const std::size_t i = f * channels_ + c;
      ready_.push_back(static_cast<float>((1.0 - w) * held_[tail + i] + w * head[i]));
    }
  }
  held_.clear();
}

}  // namespace reelflow::compositor
