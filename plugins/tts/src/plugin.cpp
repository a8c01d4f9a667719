#include "tts_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("tts", "0.1.0", "Speech synthesis: espeak (offline) or an OpenAI-compatible API") {
  registrar.add<reelflow::tts::TtsStage>("tts");
}
