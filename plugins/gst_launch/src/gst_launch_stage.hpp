#pragma once
// `gst_launch`: any GStreamer elements, written in gst-launch syntax, as a
// stage. The fragment is parsed (and its links' caps checked) at validation time.
#include <reelflow/reelflow.hpp>

namespace reelflow::gst_launch {

class GstLaunchStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  Status process(StageContext& ctx) override;
};

}  // namespace reelflow::gst_launch
