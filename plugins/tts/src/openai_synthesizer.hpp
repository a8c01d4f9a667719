#pragma once
// Speech from an OpenAI-compatible `POST {base_url}/audio/speech` endpoint. The
// reply is decoded and resampled to mono 16-bit at kSampleRate; no word timings.
#include "speech_synthesizer.hpp"

#include <reelflow/stage_context.hpp>

#include <memory>
#include <string>

namespace reelflow::tts {

struct OpenAiSettings {
  std::string base_url = "https://api.openai.com/v1";
  std::string model = "gpt-4o-mini-tts";
  std::string voice = "alloy";
  std::string api_key;
  double timeout_s = 120.0;
  int max_attempts = 3;
  double speed = 1.0;  // OpenAI's `speed` (0.25-4); sent only when not 1
};

class OpenAiSynthesizer final : public SpeechSynthesizer {
 public:
  static constexpr int kSampleRate = 24000;  // OpenAI's own output rate: no resampling for it

  // Fails when no API key is set.
  static Status open(const OpenAiSettings& settings, StageContext& context,
                     std::unique_ptr<SpeechSynthesizer>& synthesizer);

  Status synthesize(const std::string& text, const std::string& clip_name, Speech& speech) override;
  int sample_rate() const override { return kSampleRate; }

 private:
  OpenAiSynthesizer(OpenAiSettings settings, StageContext& context)
      : settings_(std::move(settings)), context_(context) {}

  std::string endpoint() const;
  // Text for error messages: on one line, with the key removed; snippet() also shortens it.
  std::string one_line(std::string text) const;
  std::string snippet(std::string text) const;

  OpenAiSettings settings_;
  StageContext& context_;
};

}  // namespace reelflow::tts
