#include "cover_fit.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace reelflow::image_source {

cv::Mat cover_fit(const cv::Mat& image, ImageSize size) {
  const double target_aspect = double(size.width) / size.height;
  cv::Rect crop(0, 0, image.cols, image.rows);
  if (double(image.cols) / image.rows > target_aspect) {
    crop.width = std::clamp(int(std::lround(image.rows * target_aspect)), 1, image.cols);
    crop.x = (image.cols - crop.width) / 2;
  } else {
    crop.height = std::clamp(int(std::lround(image.cols / target_aspect)), 1, image.rows);
    crop.y = (image.rows - crop.height) / 2;
  }
  // INTER_AREA averages when shrinking (no aliasing); cubic keeps edges when enlarging.
  const bool shrinking = crop.width >= size.width;
  cv::Mat fitted;
  cv::resize(image(crop), fitted, cv::Size(size.width, size.height), 0, 0,
             shrinking ? cv::INTER_AREA : cv::INTER_CUBIC);
  return fitted;
}

}  // namespace reelflow::image_source
