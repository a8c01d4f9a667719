#pragma once
// The `compositor` stage: turns scenes (text), narration clips and one still image
// per scene into the finished short video (H.264 + AAC MP4) and a thumbnail.
#include <reelflow/stage.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::compositor {

class CompositorStage : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& ctx) override;
};

}  // namespace reelflow::compositor
