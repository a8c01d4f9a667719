#pragma once
// What the pipeline wrote, seen while it ran: the video caps and the time span of
// the buffers on the pads that feed the element in front of our file sink (the
// muxer). It spares reading the file back with GstDiscoverer afterwards, which
// costs ~70 ms of CPU per run, mostly to load and start a decoder.
#include <gst/gst.h>

#include <reelflow/gst_ptr.hpp>

#include <mutex>
#include <optional>
#include <vector>

namespace reelflow::gst_launch {

struct WrittenVideo {
  int width = 0;
  int height = 0;
  double fps = 0.0;  // 0 when the caps give a variable rate
  double duration_s = 0.0;
};

class OutputWatcher {
 public:
  // Watches the sink pads of the element linked to `sink`'s sink pad.
  explicit OutputWatcher(GstElement* sink);
  ~OutputWatcher();
  OutputWatcher(const OutputWatcher&) = delete;
  OutputWatcher& operator=(const OutputWatcher&) = delete;

  // The first video stream's facts; nullopt when none was seen with buffers.
  std::optional<WrittenVideo> video() const;

 private:
  struct Watched {
    gst::PadPtr pad;
    gulong probe = 0;
    bool is_video = false;
    WrittenVideo facts;
    GstClockTime first = GST_CLOCK_TIME_NONE;
    GstClockTime end = GST_CLOCK_TIME_NONE;
  };
  static GstPadProbeReturn on_data(GstPad* pad, GstPadProbeInfo* info, gpointer self);
  void observe(Watched& w, GstPadProbeInfo* info);

  mutable std::mutex mutex_;
  std::vector<Watched> watched_;
};

}  // namespace reelflow::gst_launch
