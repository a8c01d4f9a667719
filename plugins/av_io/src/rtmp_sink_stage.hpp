#pragma once
// rtmp_sink: H.264 (+ AAC) in FLV, published to an RTMP server with rtmp2sink.
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

namespace reelflow::av_io {

class RtmpSink final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  Status build(StageContext& context, GstElement* bin) override;
};

}  // namespace reelflow::av_io
