// The clip_source plugin's entry point: the stage and the `clips` value type it makes.
#include "clip_source_stage.hpp"
#include "source_kit.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("clip_source", "0.1.0", "One video clip per scene: a folder, a stock video search or a prediction API") {
  using namespace reelflow::clip_source;
  registrar.add_value_type(kClipsType, kClipsDoc, kClipsSchema);
  registrar.add<ClipSourceStage>("clip_source");
}
