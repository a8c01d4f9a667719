#pragma once
// voice_rate: measures how fast a voice speaks (written words per second), so the
// script writer and the scene planner budget words for the voice that will speak
// them. Cached like any stage: one measurement per voice, rate and pitch.
#include <reelflow/stage.hpp>
#include <reelflow/stage_check.hpp>

namespace reelflow::tts {

class VoiceRateStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  // Before anything runs: the espeak voice must be one espeak-ng has installed.
  static void check(const CheckContext& context, CheckReport& report);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::tts
