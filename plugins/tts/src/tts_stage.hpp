#pragma once
// The `tts` stage: one spoken clip per scene (WAV in the work dir, exact duration,
// word timings when the provider has them), from espeak or an OpenAI-compatible API.
#include <reelflow/stage.hpp>
#include <reelflow/stage_check.hpp>

namespace reelflow::tts {

class TtsStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  // Before anything runs: the espeak voice must be one espeak-ng has installed.
  static void check(const CheckContext& context, CheckReport& report);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::tts
