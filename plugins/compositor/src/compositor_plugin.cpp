// The compositor plugin's entry points.
#include "compositor_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("compositor", "0.1.0", "Renders scenes, narration and music into a short video") {
  registrar.add<reelflow::compositor::CompositorStage>("compositor");
}
