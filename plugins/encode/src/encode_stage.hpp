#pragma once
// `encode` (raw video and audio in, H.264/H.265 and AAC/Opus out) and
// `encode_video` (video only). Two types rather than an optional audio input: a
// stage cannot tell at build time whether a stream input is connected, and an
// unconnected one never sends EOS, so its encoded output would never end and a
// muxer behind it would wait forever. Without audio ports there is nothing to end.
#include <reelflow_stream/encode_options.hpp>

#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <string>

namespace reelflow::encode {

template <bool WithAudio> class EncodeStage final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  static void check(const CheckContext& context, CheckReport& report);
  Status build(StageContext& context, GstElement* bin) override;
  Status finish(StageContext& context) override;

 private:
  std::string encoder_;
};

using Encode = EncodeStage<true>;
using EncodeVideo = EncodeStage<false>;

}  // namespace reelflow::encode
