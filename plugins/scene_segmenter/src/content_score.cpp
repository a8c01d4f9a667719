#include "content_score.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace reelflow::scene_segmenter {
namespace {

constexpr int kAutoDownscaleWidth = 256;
constexpr double kNothingAlike = 255.0;

}  // namespace

double ContentScore::next(const cv::Mat& bgr) {
  cv::cvtColor(bgr, hsv_, cv::COLOR_BGR2HSV);
  cv::split(hsv_, planes_.data());
  double score = 0.0;
  if (previous_[0].empty()) {
    score = 0.0;
  } else if (planes_[0].size() != previous_[0].size()) {
    score = kNothingAlike;
  } else {
    double sum = 0.0;
    for (std::size_t c = 0; c < planes_.size(); ++c) {
      cv::absdiff(planes_[c], previous_[c], difference_);
      sum += cv::mean(difference_)[0];
    }
    score = sum / 3.0;
  }
  std::swap(previous_, planes_);  // the old planes' memory is reused for the next frame
  return score;
}

int auto_downscale_factor(int frame_width) {
  return frame_width < kAutoDownscaleWidth ? 1 : frame_width / kAutoDownscaleWidth;
}

cv::Size downscaled_size(cv::Size size, int factor) {
  if (factor <= 1) return size;
  return {std::max(1, static_cast<int>(std::lround(size.width / static_cast<double>(factor)))),
          std::max(1, static_cast<int>(std::lround(size.height / static_cast<double>(factor))))};
}

cv::Mat downscale(const cv::Mat& bgr, int factor) {
  if (factor <= 1) return bgr;
  cv::Mat small;
  cv::resize(bgr, small, downscaled_size(bgr.size(), factor), 0, 0, cv::INTER_LINEAR);
  return small;
}

}  // namespace reelflow::scene_segmenter
