#pragma once
// Keeps references to a few finished pictures (one per candidate time) as they pass
// on their way to the captions and the encoder, and once the render succeeded writes
// the most detailed of them, with the title in large type, as the thumbnail.
#include "i420_image.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/video/video.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::compositor {

class ThumbnailGrabber {
 public:
  // Grabs the first frame at or after each of `times_s` (ascending) passing `pad`.
  ThumbnailGrabber(GstPad* pad, const GstVideoInfo& info, std::vector<double> times_s);
  ~ThumbnailGrabber();
  ThumbnailGrabber(const ThumbnailGrabber&) = delete;
  ThumbnailGrabber& operator=(const ThumbnailGrabber&) = delete;

  bool has_frame() const;
  // Writes the sharpest grabbed frame with `title` over it as JPEG or PNG (by extension);
  // throws on failure.
  void write(const std::filesystem::path& file, const std::string& title) const;

 private:
  static GstPadProbeReturn on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self);

  GstVideoInfo info_;
  std::vector<GstClockTime> times_;
  gst::PadPtr pad_;
  gulong probe_id_ = 0;
  mutable std::mutex mutex_;
  std::vector<gst::BufferPtr> frames_;  // one per time reached, in order
};

// How much detail a picture has: the variance of its luma's Laplacian (edges and
// texture score high, flat or blurred pictures low).
double detail_score(const cv::Mat& luma);

}  // namespace reelflow::compositor
