#pragma once
// Offline speech through libespeak-ng, with word timings from its word events.
#include "speech_synthesizer.hpp"

#include <functional>
#include <memory>
#include <string>

namespace reelflow::tts {

struct EspeakSettings {
  std::string voice = "en-us";
  int rate_wpm = 165;
  int pitch = 50;
};

class EspeakSynthesizer final : public SpeechSynthesizer {
 public:
  // Loads espeak's data (once per process) and checks that the voice exists, so a
  // bad voice fails before any scene is spoken. `cancelled` is polled while speaking.
  static Status open(const EspeakSettings& settings, std::function<bool()> cancelled,
                     std::unique_ptr<SpeechSynthesizer>& synthesizer);

  // Whether espeak-ng has `voice` installed (the tts stage's validation-time check).
  static Status check_voice(const std::string& voice);

  Status synthesize(const std::string& text, const std::string& clip_name, Speech& speech) override;
  int sample_rate() const override { return sample_rate_; }

 private:
  EspeakSynthesizer(EspeakSettings settings, std::function<bool()> cancelled, int sample_rate)
      : settings_(std::move(settings)), cancelled_(std::move(cancelled)), sample_rate_(sample_rate) {}

  EspeakSettings settings_;
  std::function<bool()> cancelled_;
  int sample_rate_;
};

}  // namespace reelflow::tts
