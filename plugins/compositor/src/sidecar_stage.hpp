#pragma once
// Stage type `sidecar`: the JSON file a publisher reads beside the video (e.g.
// out/short-video.json): title, description and hashtags from the script stage,
// the video's duration, its scenes on the video's clock (start, duration, narration,
// what the picture shows), where it was published, and the sources that made it.
#include <reelflow/stage.hpp>
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::compositor {

class SidecarStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& ctx) override;
};

}  // namespace reelflow::compositor
