#pragma once
// Speech with timestamps from an ElevenLabs-style API:
// `POST {base_url}/v1/text-to-speech/{voice_id}/with-timestamps` with
// `xi-api-key`, answering JSON {audio_base64, alignment: {characters,
// character_start_times_seconds, character_end_times_seconds}}. The audio (MP3
// by default; anything GStreamer decodes) becomes mono 16-bit at kSampleRate,
// the character times word timings.
#include "speech_synthesizer.hpp"

#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>

#include <memory>
#include <string>

namespace reelflow::tts {

struct ElevenLabsSettings {
  std::string base_url = "https://api.elevenlabs.io";
  std::string voice_id;
  std::string model_id;
  std::string api_key;
  double timeout_s = 120.0;
  int max_attempts = 3;
};

class ElevenLabsSynthesizer final : public SpeechSynthesizer {
 public:
  static constexpr int kSampleRate = 44100;  // the API's default output (mp3_44100_128)

  static void declare_params(StageSpec& spec);
  // The voice id goes into the request path: letters, digits, '_' and '-' only.
  static bool is_voice_id(const std::string& voice_id);
  static ElevenLabsSettings settings_from(const ParamSet& params);

  // Fails when no API key is set or the voice id is not one.
  static Status open(const ElevenLabsSettings& settings, StageContext& context,
                     std::unique_ptr<SpeechSynthesizer>& synthesizer);

  Status synthesize(const std::string& text, const std::string& clip_name, Speech& speech) override;
  int sample_rate() const override { return kSampleRate; }

 private:
  ElevenLabsSynthesizer(ElevenLabsSettings settings, StageContext& context)
      : settings_(std::move(settings)), context_(context) {}

  std::string endpoint() const;

  ElevenLabsSettings settings_;
  StageContext& context_;
};

}  // namespace reelflow::tts
