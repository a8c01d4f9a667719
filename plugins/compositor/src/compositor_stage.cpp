#include "compositor_stage.hpp"

#include "gst_elements.hpp"
#include "render_pipeline.hpp"
#include "render_settings.hpp"
#include "scene_inputs.hpp"
#include "scene_render.hpp"

#include <reelflow/atomic_file.hpp>

#include <gst/gst.h>

#include <chrono>

namespace reelflow::compositor {
namespace {

Status render(StageContext& ctx) {
  gst_init(nullptr, nullptr);
  const auto started = std::chrono::steady_clock::now();
  const RenderSettings s = RenderSettings::from_params(ctx.params());
  AtomicFile video_file(ctx.output_dir() / s.output);
  AtomicFile thumbnail_file(ctx.output_dir() / s.thumbnail_name);
  // Built first: a missing encoder is reported before any decoding work.
  RenderPipeline pipeline(s, video_file.temp_path());
  SceneRender scenes(ctx, s);
  scenes.attach(pipeline.video_source(), pipeline.audio_source(), pipeline.caption_overlay());

  ctx.log(LogLevel::Info, scenes.summary());
  Status status = Status::ok();
  {
    PipelineStopper stopper(pipeline.pipeline());
    status = ctx.run_pipeline(pipeline.pipeline(), scenes.duration_s());
  }
  if (ctx.cancelled()) return Status::error("cancelled");
  if (Status fed = scenes.feed_status(); !fed) return fed;
  if (!status) return Status::error("rendering '" + s.output + "' failed: " + status.message());
  if (Status complete = scenes.completeness(); !complete) return complete;

  scenes.write_thumbnail(thumbnail_file.temp_path());
  video_file.commit();
  thumbnail_file.commit();

  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double duration_s = scenes.duration_s();
  ctx.log(LogLevel::Info, "wrote " + video_file.destination().string() + " (" + seconds_text(duration_s) + " in " +
                              seconds_text(took) + ", " + fixed_text(duration_s / took, 2) + "x realtime)");
  ctx.set_output("video", VideoFile{video_file.destination(), duration_s, s.width, s.height,
                                    static_cast<double>(s.fps)});
  ctx.set_output("thumbnail", ImageSet{{thumbnail_file.destination()}});
  ctx.set_output("timeline", to_record(scenes.timeline()));
  return Status::ok();
}

}  // namespace

void CompositorStage::setup(StageSpec& spec) {
  spec.describe(
      "Renders the finished short video: each scene's image with a Ken Burns zoom/pan, crossfades, captions in "
      "sync with the narration, background music ducked under the voice; H.264 + AAC in MP4, plus a thumbnail.");
  SceneInputs::declare(spec);
  spec.output("video", types::video, "the finished MP4 (H.264 High + AAC)");
  spec.output("thumbnail", types::image, "the sharpest of a few scene frames with the title in large type (JPEG or PNG)");
  spec.output("timeline", kTimelineType, "where each scene and each spoken phrase sits in the video (for subtitles)");
  RenderSettings::declare(spec);
}

Status CompositorStage::process(StageContext& ctx) {
  try {
    return render(ctx);
  } catch (const std::exception& e) {
    // Cancelled says "cancelled"; anything else is a real failure, even with a cancel pending.
    return Status::error(e.what());
  }
}

}  // namespace reelflow::compositor
