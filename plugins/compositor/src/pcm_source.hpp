#pragma once
// A stream of interleaved float PCM, read front to back a piece at a time: a file
// being decoded (AudioStream) or, in tests, a buffer. The soundtrack mixer pulls each
// source only as far as the block it is mixing, so no audio is ever held whole.
#include <cstddef>
#include <functional>
#include <memory>

namespace reelflow::compositor {

class PcmSource {
 public:
  virtual ~PcmSource() = default;
  // Writes up to `frames` frames to `out`; fewer only at the end of the stream (then 0).
  virtual std::size_t read(float* out, std::size_t frames) = 0;
};

// Opens a source at its start. Called when a clip starts playing, and again each
// time looping music runs out.
using PcmSourceOpener = std::function<std::unique_ptr<PcmSource>()>;

}  // namespace reelflow::compositor
