#include "content_detector.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace reelflow::scene_segmenter {
namespace {

constexpr int kAutoDownscaleWidth = 256;

}  // namespace

ContentDetector::ContentDetector(double threshold, std::int64_t min_scene_len)
    : threshold_(threshold), min_scene_len_(min_scene_len) {}

bool ContentDetector::is_cut(std::int64_t frame_number, const cv::Mat& bgr) {
  cv::Mat hsv;
  cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
  std::array<cv::Mat, 3> planes;
  cv::split(hsv, planes.data());

  if (last_cut_ < 0) {
    last_cut_ = frame_number;
    previous_ = std::move(planes);
    last_score_ = 0.0;
    return false;
  }
  if (planes[0].size() != previous_[0].size()) {
    last_score_ = 255.0;  // the stream changed resolution: nothing is alike
  } else {
    double sum = 0.0;
    cv::Mat difference;
    for (std::size_t c = 0; c < planes.size(); ++c) {
      cv::absdiff(planes[c], previous_[c], difference);
      sum += cv::mean(difference)[0];
    }
    last_score_ = sum / 3.0;
  }
  previous_ = std::move(planes);

  if (last_score_ >= threshold_ && frame_number - last_cut_ >= min_scene_len_) {
    last_cut_ = frame_number;
    return true;
  }
  return false;
}

int auto_downscale_factor(int frame_width) {
  return frame_width < kAutoDownscaleWidth ? 1 : frame_width / kAutoDownscaleWidth;
}

cv::Mat downscale(const cv::Mat& bgr, int factor) {
  if (factor <= 1) return bgr;
  cv::Mat small;
  cv::Size size(static_cast<int>(std::lround(bgr.cols / static_cast<double>(factor))),
                static_cast<int>(std::lround(bgr.rows / static_cast<double>(factor))));
  cv::resize(bgr, small, cv::Size(std::max(size.width, 1), std::max(size.height, 1)), 0, 0, cv::INTER_LINEAR);
  return small;
}

}  // namespace reelflow::scene_segmenter
