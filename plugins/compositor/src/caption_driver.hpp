#pragma once
// Keeps textoverlay's text in step with the video: a probe on the overlay's video
// input looks up each frame's timestamp in the CaptionTrack and changes the text
// property just before that frame is drawn, so captions are frame-accurate.
#include "caption_track.hpp"

#include <reelflow/gst_ptr.hpp>

#include <string>

namespace reelflow::compositor {

class CaptionDriver {
 public:
  CaptionDriver(const CaptionTrack& track, GstElement* overlay);
  ~CaptionDriver();
  CaptionDriver(const CaptionDriver&) = delete;
  CaptionDriver& operator=(const CaptionDriver&) = delete;

 private:
  static GstPadProbeReturn on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self);

  const CaptionTrack& track_;
  GstElement* overlay_;
  gst::PadPtr pad_;
  gulong probe_id_ = 0;
  const std::string* shown_ = nullptr;
};

}  // namespace reelflow::compositor
