#pragma once
// Stage type `llm_script`: topic (and optional notes) -> Script, written offline
// from templates or by an OpenAI-compatible chat model.
#include <reelflow/stage.hpp>
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::llm_script {

class LlmScriptStage : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& ctx) override;
};

}  // namespace reelflow::llm_script
