#pragma once
// The whole segmentation: narration blocks in, timed scenes out, with the
// warnings a user should see (text much longer or shorter than the target...).
#include "narration_source.hpp"
#include "scene_packer.hpp"

#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::scene_segmenter {

struct SegmentSettings {
  SceneLimits limits;
  double target_total_s = 0.0;  // 0: no target
  double words_per_second = 2.5;
};

struct ScenePlan {
  SceneList scenes;
  double speech_s = 0.0;   // estimated narration time of the whole text
  double planned_s = 0.0;  // sum of the scenes' target durations
  std::vector<std::string> warnings;
};

// Empty scenes when the source has no words.
ScenePlan plan_scenes(const NarrationSource& source, const SegmentSettings& settings);

}  // namespace reelflow::scene_segmenter
