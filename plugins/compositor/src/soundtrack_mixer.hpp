#pragma once
// Builds the finished soundtrack: each narration clip placed at its scene's start,
// the music bed looped or cut to length under it with ducking and fades, and a
// gentle limiter so the sum never clips.
#include "audio_decoder.hpp"
#include "ducking_envelope.hpp"

#include <optional>
#include <vector>

namespace reelflow::compositor {

struct PlacedClip {
  const PcmAudio* audio = nullptr;  // same rate/channels as the soundtrack
  double start_s = 0.0;
  double max_s = 0.0;  // the clip is cut here (its scene's length)
};

struct MusicBed {
  const PcmAudio* audio = nullptr;
  const DuckingEnvelope* envelope = nullptr;
};

// `frames` output frames at `rate` Hz with `channels` channels, interleaved.
std::vector<float> mix_soundtrack(std::size_t frames, int rate, int channels, const std::vector<PlacedClip>& clips,
                                  std::optional<MusicBed> music);

}  // namespace reelflow::compositor
