// The compositor plugin's entry points.
#include "compose_stage.hpp"
#include "compositor_stage.hpp"
#include "render_timeline.hpp"
#include "sidecar_stage.hpp"
#include "subtitles_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("compositor", "0.1.0",
                "Renders scenes, narration and music into a short video (an MP4, or raw streams), and the files "
                "published beside it (subtitles, metadata)") {
  using namespace reelflow::compositor;
  registrar.add_value_type(kTimelineType, kTimelineDoc, kTimelineSchema);
  registrar.add<CompositorStage>("compositor");
  registrar.add<ComposeStage>("compose");
  registrar.add<SubtitlesStage>("subtitles");
  registrar.add<SidecarStage>("sidecar");
}
