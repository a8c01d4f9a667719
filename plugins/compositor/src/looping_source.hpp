#pragma once
// Music that is shorter than the video: plays its source to the end, then opens it
// again from the start, for as long as it is read. With a seam of S frames the last S
// frames of each pass are crossfaded into the first S of the next (so a pass after the
// first lasts its length minus S): a lossy file's start and end are decoded with
// different coding errors, and a waveform that does not meet itself exactly clicks.
// Without a seam the passes follow each other sample for sample. A source shorter
// than 2 S loops without a crossfade; an empty source ends instead of looping forever.
#include "pcm_source.hpp"

#include <vector>

namespace reelflow::compositor {

class LoopingSource : public PcmSource {
 public:
  LoopingSource(PcmSourceOpener open, int channels, std::size_t seam_frames = 0);

  std::size_t read(float* out, std::size_t frames) override;

  // How many times the source has been opened (1 until the first loop).
  int passes() const { return passes_; }

 private:
  // Reads the next piece of the current pass; false when the music has ended.
  bool refill();
  // The pass has ended with `held_` as its tail: crossfades it into the next pass's head.
  void cross_into_next_pass();
  void open_pass();

  PcmSourceOpener open_;
  std::size_t channels_;
  std::size_t seam_;
  std::unique_ptr<PcmSource> current_;
  std::size_t read_this_pass_ = 0;  // frames
  int passes_ = 0;
  std::vector<float> ready_;  // mixed and in order, from ready_pos_ on
  std::size_t ready_pos_ = 0;
  std::vector<float> held_;   // the last <= seam_ frames read: the tail, if the pass ends now
  std::vector<float> chunk_;
};

}  // namespace reelflow::compositor
