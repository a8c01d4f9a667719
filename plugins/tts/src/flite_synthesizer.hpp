#pragma once
// Offline speech through Flite (CMU's small synthesizer, Debian flite1-dev) with
// its built-in US English voices. Word timings come from the utterance Flite
// builds: each written token spans its words' segments.
#include "speech_synthesizer.hpp"

#include <reelflow/stage_spec.hpp>

#include <memory>
#include <string>
#include <vector>

namespace reelflow::tts {

struct FliteSettings {
  std::string voice = "cmu_us_slt";
  double speed = 1.0;  // > 1 speaks faster: Flite's duration_stretch is divided by it
};

class FliteSynthesizer final : public SpeechSynthesizer {
 public:
  static constexpr int kSampleRate = 16000;  // every shipped voice speaks at 16 kHz

  // The voices linked into the plugin, the first being the default.
  static const std::vector<std::string>& voice_names();
  // `flite_voice`: an enum of voice_names(), so a job can only pick a linked voice.
  static void declare_params(StageSpec& spec);
  static FliteSettings settings_from(const ParamSet& params, double speed);

  // Loads the voice (once per process); fails for a voice that is not linked in.
  static Status open(const FliteSettings& settings, std::unique_ptr<SpeechSynthesizer>& synthesizer);

  Status synthesize(const std::string& text, const std::string& clip_name, Speech& speech) override;
  int sample_rate() const override { return kSampleRate; }

 private:
  explicit FliteSynthesizer(FliteSettings settings) : settings_(std::move(settings)) {}

  FliteSettings settings_;
};

}  // namespace reelflow::tts
