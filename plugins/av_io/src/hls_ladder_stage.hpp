#pragma once
// hls_ladder: raw video (+ audio) in, an HLS ladder out. Inside the bin a tee
// feeds one branch per rendition (videoscale → the encode plugin's H.264 chain
// → hlssink2 in <dir>/<height>p/), every encoder with the same GOP so segments
// align across renditions; audio is encoded once (AAC) and teed to each. The
// master playlist <dir>/index.m3u8 lists every rendition.
#include "ladder_probes.hpp"

#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <filesystem>
#include <memory>
#include <vector>

namespace reelflow::av_io {

class HlsLadder final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  Status build(StageContext& context, GstElement* bin) override;
  Status finish(StageContext& context) override;

 private:
  std::filesystem::path master_path_;
  std::vector<std::filesystem::path> variant_playlists_;
  std::shared_ptr<LadderMaster> master_;
};

}  // namespace reelflow::av_io
