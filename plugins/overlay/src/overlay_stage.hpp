#pragma once
// `overlay`: a picture watermark (gdkpixbufoverlay), a line of text (textoverlay)
// and a clock (clockoverlay: wall clock, timeoverlay: stream time), any of them,
// chained in one bin. Sizes are fractions of the frame, turned into pixels when
// the stream's caps arrive, so one graph suits every resolution.
#include "picture_size.hpp"

#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <gst/gst.h>

#include <string>

namespace reelflow::overlay {

class Overlay final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  Status build(StageContext& context, GstElement* bin) override;

 private:
  static GstPadProbeReturn on_event(GstPad* pad, GstPadProbeInfo* info, gpointer self);
  void resize(int width, int height);  // on each CAPS event (streaming thread, not per buffer)

  const ParamSet* params_ = nullptr;
  PictureSize mark_;
  GstElement* image_ = nullptr;  // each owned by the bin; null when not used
  GstElement* text_ = nullptr;
  GstElement* clock_ = nullptr;
};

}  // namespace reelflow::overlay
