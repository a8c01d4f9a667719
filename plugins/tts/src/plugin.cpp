#include "speech_rate.hpp"
#include "tts_stage.hpp"
#include "voice_rate_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("tts", "0.2.0", "Speech synthesis: espeak (offline) or an OpenAI-compatible API") {
  using namespace reelflow::tts;
  registrar.add_value_type(kSpeechRateType, kSpeechRateDoc, kSpeechRateSchema);
  registrar.add<TtsStage>("tts");
  registrar.add<VoiceRateStage>("voice_rate");
}
