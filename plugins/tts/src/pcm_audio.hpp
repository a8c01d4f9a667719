#pragma once
// Mono 16-bit PCM held in memory: what every provider produces and the WAV writer
// stores. Its duration is exact because it is counted in samples.
#include <cstdint>
#include <vector>

namespace reelflow::tts {

struct PcmAudio {
  int sample_rate = 0;
  std::vector<std::int16_t> samples;

  double duration_s() const;
  // Appends `seconds` of digital silence (rounded to whole samples).
  void append_silence(double seconds);
};

PcmAudio silence(int sample_rate, double seconds);

}  // namespace reelflow::tts
