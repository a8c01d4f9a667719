// The llm_script plugin: one stage type that turns a topic into a video script.
#include "llm_script_stage.hpp"
#include "publishing.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("llm_script", "0.2.0", "Video scripts from a topic: offline templates or an OpenAI-compatible model") {
  using namespace reelflow::llm_script;
  registrar.add_value_type(kPublishingType, kPublishingDoc, kPublishingSchema);
  registrar.add<LlmScriptStage>("llm_script");
}
