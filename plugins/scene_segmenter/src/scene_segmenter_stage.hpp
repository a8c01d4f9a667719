#pragma once
// Stage type `scene_segmenter`: a script or plain text in, timed scenes out.
#include <reelflow/stage.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::scene_segmenter {

class SceneSegmenterStage : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::scene_segmenter
