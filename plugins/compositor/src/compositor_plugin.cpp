// The compositor plugin's entry points.
#include "compose_stage.hpp"
#include "compositor_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("compositor", "0.1.0", "Renders scenes, narration and music into a short video (an MP4, or raw streams)") {
  registrar.add<reelflow::compositor::CompositorStage>("compositor");
  registrar.add<reelflow::compositor::ComposeStage>("compose");
}
