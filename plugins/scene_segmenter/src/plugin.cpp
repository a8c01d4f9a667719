// The scene_segmenter plugin: planning scenes from text, and finding the shots of
// a video, from a file or on a stream.
#include "scene_segmenter_stage.hpp"
#include "shot_detect_stage.hpp"
#include "shot_detect_stream_stage.hpp"
#include "shot_outputs.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("scene_segmenter", "0.2.0", "Splits narration into timed scenes and finds the shots of a video") {
  using namespace reelflow::scene_segmenter;
  registrar.add_value_type(kCutsType, kCutsDoc, kCutsSchema);
  registrar.add<SceneSegmenterStage>("scene_segmenter");
  registrar.add<ShotDetectStage>("shot_detect");
  registrar.add<ShotDetectStreamStage>("shot_detect_stream");
}
