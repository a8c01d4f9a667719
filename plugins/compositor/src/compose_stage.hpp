#pragma once
// The `compose` stream stage: the compositor's render as raw streams. Scenes,
// narration clips and pictures in (values, ready before the stream starts); the
// rendered frames (captions drawn) and the mixed soundtrack out as `video` and
// `audio`, for an overlay, an encoder, a file or a live sink downstream in the same
// pipeline. The thumbnail is written when the stream ended cleanly.
#include "render_settings.hpp"
#include "scene_render.hpp"

#include <reelflow/atomic_file.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/stream_stage.hpp>

#include <memory>
#include <optional>

namespace reelflow::compositor {

class ComposeStage final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  Status build(StageContext& ctx, GstElement* bin) override;
  Status finish(StageContext& ctx) override;

 private:
  std::optional<RenderSettings> settings_;
  std::unique_ptr<SceneRender> render_;
  std::optional<AtomicFile> thumbnail_file_;
};

}  // namespace reelflow::compositor
