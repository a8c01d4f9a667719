#pragma once
// A GstBuffer mapped as a video frame for the lifetime of the object, with its
// planes as OpenCV headers (no copy).
#include "i420_image.hpp"

#include <gst/video/video.h>

#include <stdexcept>

namespace reelflow::compositor {

class MappedVideoFrame {
 public:
  MappedVideoFrame(const GstVideoInfo& info, GstBuffer* buffer, GstMapFlags flags) {
    if (!gst_video_frame_map(&frame_, const_cast<GstVideoInfo*>(&info), buffer, flags))
      throw std::runtime_error("cannot map a video buffer");
  }
  ~MappedVideoFrame() { gst_video_frame_unmap(&frame_); }
  MappedVideoFrame(const MappedVideoFrame&) = delete;
  MappedVideoFrame& operator=(const MappedVideoFrame&) = delete;

  // The I420 planes (strides as in the buffer).
  I420View view() {
    auto plane = [&](int i) {
      return cv::Mat(GST_VIDEO_FRAME_COMP_HEIGHT(&frame_, i), GST_VIDEO_FRAME_COMP_WIDTH(&frame_, i), CV_8UC1,
                     GST_VIDEO_FRAME_PLANE_DATA(&frame_, i),
                     static_cast<std::size_t>(GST_VIDEO_FRAME_PLANE_STRIDE(&frame_, i)));
    };
    return I420View{plane(0), plane(1), plane(2)};
  }

 private:
  GstVideoFrame frame_{};
};

}  // namespace reelflow::compositor
