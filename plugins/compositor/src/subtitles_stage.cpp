#include "subtitles_stage.hpp"

#include "render_timeline.hpp"
#include "sidecar_file.hpp"
#include "subtitle_format.hpp"

#include <exception>

namespace reelflow::compositor {

void SubtitlesStage::setup(StageSpec& spec) {
  spec.describe("Writes the narration as subtitles, SubRip (.srt) and WebVTT (.vtt), beside the video: one cue per "
                "spoken phrase, timed from the render's timeline.");
  spec.input("timeline", kTimelineType, "the render's timeline (compose or compositor)");
  spec.input("video", types::video, "the finished video: the files are named after it").optional();
  spec.output("srt", types::file, "the SubRip file");
  spec.output("vtt", types::file, "the WebVTT file");
  spec.param("name", "", "file name without extension; empty: the video's (short-video.mp4 -> short-video.srt)");
  spec.trust("name", ParamTrust::Path);
}

Status SubtitlesStage::process(StageContext& ctx) {
  try {
    const RenderTimeline timeline = timeline_from(ctx.input("timeline"));
    if (timeline.subtitles.empty()) return Status::error("subtitles: the timeline has no spoken text");
    const std::string& name = ctx.params().str("name");
    const auto srt = sidecar_path(ctx, name, ctx.input("video"), ".srt", "subtitles");
    const auto vtt = sidecar_path(ctx, name, ctx.input("video"), ".vtt", "subtitles");
    write_atomically(srt, to_srt(timeline.subtitles));
    write_atomically(vtt, to_vtt(timeline.subtitles));
    ctx.log(LogLevel::Info, "wrote " + std::to_string(timeline.subtitles.size()) + " cues to " + srt.string() +
                                " and " + vtt.filename().string());
    ctx.set_output("srt", FileRef{srt, "application/x-subrip"});
    ctx.set_output("vtt", FileRef{vtt, "text/vtt"});
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(std::string("subtitles: ") + e.what());
  }
}

}  // namespace reelflow::compositor
