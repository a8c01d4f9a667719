#include "opencv_frame_source.hpp"

#include <cmath>

namespace reelflow::scene_segmenter {

std::unique_ptr<OpenCvFrameSource> OpenCvFrameSource::open(const std::filesystem::path& file) {
  auto source = std::make_unique<OpenCvFrameSource>();
  // FFmpeg only: CAP_ANY would also accept single images and camera devices.
  if (!source->capture_.open(file.string(), cv::CAP_FFMPEG)) return nullptr;
  source->fps_ = source->capture_.get(cv::CAP_PROP_FPS);
  if (!std::isfinite(source->fps_) || source->fps_ <= 0.0) return nullptr;
  double frames = source->capture_.get(cv::CAP_PROP_FRAME_COUNT);
  source->expected_frames_ = std::isfinite(frames) && frames > 0 ? static_cast<std::int64_t>(frames) : 0;
  return source;
}

}  // namespace reelflow::scene_segmenter
