#include "looping_source.hpp"

namespace reelflow::compositor {

LoopingSource::LoopingSource(PcmSourceOpener open, int channels)
    : open_(std::move(open)), channels_(static_cast<std::size_t>(channels)) {}

std::size_t LoopingSource::read(float* out, std::size_t frames) {
  std::size_t done = 0;
  while (done < frames) {
    if (!current_) {
      current_ = open_();
      read_this_pass_ = 0;
      ++passes_;
    }
    const std::size_t n = current_->read(out + done * channels_, frames - done);
    done += n;
    read_this_pass_ += n;
    if (done == frames) break;
    // The source has ended: the next frames come from a fresh pass.
    const bool empty = read_this_pass_ == 0;
    current_.reset();
    if (empty) break;
  }
  return done;
}

}  // namespace reelflow::compositor
