#pragma once
// Stage type `shot_detect`: finds the cuts, dissolves and fades of a video file and lists its shots
// (times, frames, a thumbnail each) as scenes and as a JSON file.
#include <reelflow/stage.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::scene_segmenter {

class ShotDetectStage : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::scene_segmenter
