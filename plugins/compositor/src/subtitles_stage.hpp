#pragma once
// Stage type `subtitles`: the narration as SubRip (.srt) and WebVTT (.vtt) files
// beside the video, from the render's timeline (so the cues are where the speech is
// in the video, word timings and crossfades included).
#include <reelflow/stage.hpp>
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::compositor {

class SubtitlesStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& ctx) override;
};

}  // namespace reelflow::compositor
