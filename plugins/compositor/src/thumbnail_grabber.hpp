#pragma once
// Keeps a reference to one finished frame (captions drawn) as it passes on its way
// to the encoder, and writes it as the thumbnail once the render succeeded.
#include <reelflow/gst_ptr.hpp>

#include <gst/video/video.h>

#include <filesystem>
#include <mutex>

namespace reelflow::compositor {

class ThumbnailGrabber {
 public:
  // Grabs the first frame at or after `time_s` entering `element`'s sink pad.
  ThumbnailGrabber(GstElement* element, const GstVideoInfo& info, double time_s);
  ~ThumbnailGrabber();
  ThumbnailGrabber(const ThumbnailGrabber&) = delete;
  ThumbnailGrabber& operator=(const ThumbnailGrabber&) = delete;

  bool has_frame() const;
  // Writes the grabbed frame as JPEG or PNG (by extension); throws on failure.
  void write(const std::filesystem::path& file) const;

 private:
  static GstPadProbeReturn on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self);

  GstVideoInfo info_;
  GstClockTime time_;
  gst::PadPtr pad_;
  gulong probe_id_ = 0;
  mutable std::mutex mutex_;
  gst::BufferPtr frame_;
};

}  // namespace reelflow::compositor
