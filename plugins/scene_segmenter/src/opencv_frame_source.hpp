#pragma once
// Frames from cv::VideoCapture with OpenCV's FFmpeg backend (H.264/MP4, MJPEG/AVI, ...).
#include "frame_source.hpp"

#include <opencv2/videoio.hpp>

namespace reelflow::scene_segmenter {

class OpenCvFrameSource : public FrameSource {
 public:
  // nullptr when the backend cannot open the file or finds no usable frame rate.
  static std::unique_ptr<OpenCvFrameSource> open(const std::filesystem::path& file);

  bool read(cv::Mat& bgr) override { return capture_.read(bgr) && !bgr.empty(); }
  double fps() const override { return fps_; }
  std::int64_t expected_frames() const override { return expected_frames_; }
  std::string decoder_name() const override { return "OpenCV/FFmpeg"; }

 private:
  cv::VideoCapture capture_;
  double fps_ = 0.0;
  std::int64_t expected_frames_ = 0;
};

}  // namespace reelflow::scene_segmenter
