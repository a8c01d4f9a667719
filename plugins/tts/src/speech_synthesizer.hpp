#pragma once
// What a TTS provider does: text in, speech (PCM plus optional word timings) out.
#include "pcm_audio.hpp"

#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::tts {

struct Speech {
  PcmAudio audio;
  std::vector<WordTiming> words;  // empty when the provider gives none
};

class SpeechSynthesizer {
 public:
  virtual ~SpeechSynthesizer() = default;

  // `clip_name` names this clip's intermediates (e.g. "scene-003"). On error the
  // status message is one line, without the scene prefix (the stage adds it).
  virtual Status synthesize(const std::string& text, const std::string& clip_name, Speech& speech) = 0;

  // The rate of the audio this provider produces (used for silent clips).
  virtual int sample_rate() const = 0;
};

}  // namespace reelflow::tts
