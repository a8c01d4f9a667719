#pragma once
// hls_sink: H.264 (+ AAC) as HLS with hlssink2: MPEG-TS segments and index.m3u8
// under <output_dir>/<dir>. A live output: segments and the playlist appear while
// it runs; at EOS the playlist gets #EXT-X-ENDLIST.
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <filesystem>

namespace reelflow::av_io {

class HlsSink final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  Status build(StageContext& context, GstElement* bin) override;
  Status finish(StageContext& context) override;

 private:
  std::filesystem::path playlist_;
};

}  // namespace reelflow::av_io
