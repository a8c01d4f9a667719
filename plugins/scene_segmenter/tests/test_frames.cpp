#include "test_frames.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace reelflow::testing {

cv::Mat texture(cv::Size size, int seed, cv::Scalar tint) {
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  cv::Mat noise(size, CV_8UC3);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 255);
  cv::GaussianBlur(noise, noise, cv::Size(0, 0), 3.0);
  // Blurred noise is grey and flat; stretch it back to full contrast, then tint.
  cv::normalize(noise, noise, 0, 255, cv::NORM_MINMAX);
  cv::Mat tinted;
  cv::addWeighted(noise, 0.5, cv::Mat(size, CV_8UC3, tint), 0.5, 0.0, tinted);
  return tinted;
}

std::vector<cv::Mat> pan_and_zoom(const cv::Mat& world, cv::Size size, int frames, int step, double zoom_per_frame) {
  std::vector<cv::Mat> out;
  for (int n = 0; n < frames; ++n) {
    const double scale = 1.0 / (1.0 + zoom_per_frame * n);
    const int w = std::max(8, static_cast<int>(std::lround(size.width * 1.5 * scale)));
    const int h = std::max(8, static_cast<int>(std::lround(size.height * 1.5 * scale)));
    const int x = std::min(world.cols - w, n * step);
    const int y = std::max(0, (world.rows - h) / 2);
    cv::Mat frame;
    cv::resize(world(cv::Rect(x, y, w, h)), frame, size, 0, 0, cv::INTER_AREA);
    out.push_back(frame);
  }
  return out;
}

std::vector<cv::Mat> panning(const cv::Mat& world, cv::Size size, int frames, int step) {
  return pan_and_zoom(world, size, frames, step, 0.0);
}

void crossfade(std::vector<cv::Mat>& out, const std::vector<cv::Mat>& from, const std::vector<cv::Mat>& to) {
  const std::size_t n = std::min(from.size(), to.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double alpha = static_cast<double>(i + 1) / static_cast<double>(n + 1);
    cv::Mat mixed;
    cv::addWeighted(from[i], 1.0 - alpha, to[i], alpha, 0.0, mixed);
    out.push_back(mixed);
  }
}

void hold(std::vector<cv::Mat>& out, const cv::Mat& frame, int frames) {
  for (int i = 0; i < frames; ++i) out.push_back(frame.clone());
}

void append(std::vector<cv::Mat>& out, const std::vector<cv::Mat>& frames) {
  out.insert(out.end(), frames.begin(), frames.end());
}

}  // namespace reelflow::testing
