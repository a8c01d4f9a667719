#include "pcm_audio.hpp"

#include <cmath>

namespace reelflow::tts {

double PcmAudio::duration_s() const {
  return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0;
}

void PcmAudio::append_silence(double seconds) {
  if (seconds <= 0.0 || sample_rate <= 0) return;
  samples.resize(samples.size() + static_cast<std::size_t>(std::llround(seconds * sample_rate)), 0);
}

PcmAudio silence(int sample_rate, double seconds) {
  PcmAudio audio;
  audio.sample_rate = sample_rate;
  audio.append_silence(seconds);
  return audio;
}

}  // namespace reelflow::tts
