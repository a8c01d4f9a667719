#pragma once
// Ends a stream after `limit_s` of its own media: on the pad it watches, the first
// buffer at or past first-PTS + limit is dropped and EOS is pushed in its place;
// later buffers are dropped. So a live graph stops by itself, cleanly (muxers
// finish their files), without the source having to know about it.
#include <gst/gst.h>

#include <atomic>

namespace reelflow::av_io {

class DurationLimit {
 public:
  DurationLimit(GstPad* pad, double limit_s);
  DurationLimit(const DurationLimit&) = delete;
  DurationLimit& operator=(const DurationLimit&) = delete;

 private:
  static GstPadProbeReturn on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self);
  GstClockTime limit_;
  GstClockTime first_ = GST_CLOCK_TIME_NONE;  // streaming thread only
  std::atomic<bool> ended_{false};
};

}  // namespace reelflow::av_io
