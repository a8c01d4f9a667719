#pragma once
#include <reelflow/stage.hpp>
#include <reelflow/stage_check.hpp>

namespace reelflow::clip_source {

// The `clip_source` stage: one video clip per scene, from a folder, a stock video
// search or a prediction API (text or picture to video), or a chain of them.
class ClipSourceStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::clip_source
