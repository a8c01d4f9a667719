// The scene_segmenter plugin: planning scenes from text, and finding the shots of a video.
#include "scene_segmenter_stage.hpp"
#include "shot_detect_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("scene_segmenter", "0.1.0", "Splits narration into timed scenes and finds the shots of a video") {
  registrar.add<reelflow::scene_segmenter::SceneSegmenterStage>("scene_segmenter");
  registrar.add<reelflow::scene_segmenter::ShotDetectStage>("shot_detect");
}
