#pragma once
// srt_sink: H.264 (+ AAC/Opus) muxed to MPEG-TS and sent over SRT, as caller
// (connects to a listener) or listener (waits for a caller).
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

namespace reelflow::av_io {

class SrtSink final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  Status build(StageContext& context, GstElement* bin) override;
};

}  // namespace reelflow::av_io
