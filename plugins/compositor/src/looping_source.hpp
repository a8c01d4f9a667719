#pragma once
// Music that is shorter than the video: plays its source to the end, then opens it
// again from the start, seamlessly in sample terms (no crossfade at the seam), for as
// long as it is read. An empty source ends instead of looping forever.
#include "pcm_source.hpp"

namespace reelflow::compositor {

class LoopingSource : public PcmSource {
 public:
  LoopingSource(PcmSourceOpener open, int channels);

  std::size_t read(float* out, std::size_t frames) override;

  // How many times the source has been opened (1 until the first loop).
  int passes() const { return passes_; }

 private:
  PcmSourceOpener open_;
  std::size_t channels_;
  std::unique_ptr<PcmSource> current_;
  std::size_t read_this_pass_ = 0;
  int passes_ = 0;
};

}  // namespace reelflow::compositor
