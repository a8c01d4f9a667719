#pragma once
// A packed 8-bit BGR video buffer mapped for reading for as long as this lives,
// seen as a cv::Mat without a copy.
#include <gst/video/video.h>
#include <opencv2/core/mat.hpp>

namespace reelflow::scene_segmenter {

class MappedVideoFrame {
 public:
  MappedVideoFrame(GstVideoInfo* info, GstBuffer* buffer)
      : mapped_(gst_video_frame_map(&frame_, info, buffer, GST_MAP_READ)) {}
  ~MappedVideoFrame() {
    if (mapped_) gst_video_frame_unmap(&frame_);
  }
  MappedVideoFrame(const MappedVideoFrame&) = delete;
  MappedVideoFrame& operator=(const MappedVideoFrame&) = delete;

  bool ok() const { return mapped_; }
  cv::Mat view() {
    return cv::Mat(GST_VIDEO_FRAME_HEIGHT(&frame_), GST_VIDEO_FRAME_WIDTH(&frame_), CV_8UC3,
                   GST_VIDEO_FRAME_PLANE_DATA(&frame_, 0),
                   static_cast<std::size_t>(GST_VIDEO_FRAME_PLANE_STRIDE(&frame_, 0)));
  }

 private:
  GstVideoFrame frame_{};
  bool mapped_;
};

}  // namespace reelflow::scene_segmenter
