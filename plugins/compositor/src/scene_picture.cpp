#include "scene_picture.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {

cv::Size picture_size_for(cv::Size frame, double zoom) {
  auto even = [](double v) { return std::max(2, static_cast<int>(std::lround(v / 2.0)) * 2); };
  return cv::Size(even(frame.width * zoom), even(frame.height * zoom));
}

I420Image load_scene_picture(const std::filesystem::path& file, cv::Size picture_size) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw std::runtime_error("image '" + file.string() + "' does not exist");
  cv::Mat image;
  try {
    image = cv::imread(file.string(), cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    throw std::runtime_error("image '" + file.string() + "' cannot be decoded: " + e.what());
  }
  if (image.empty()) throw std::runtime_error("image '" + file.string() + "' cannot be decoded");

  // Largest centred region with the picture's aspect ratio.
  const double target_aspect = static_cast<double>(picture_size.width) / picture_size.height;
  cv::Rect crop(0, 0, image.cols, image.rows);
  if (static_cast<double>(image.cols) / image.rows > target_aspect) {
    crop.width = std::max(1, static_cast<int>(std::lround(image.rows * target_aspect)));
    crop.x = (image.cols - crop.width) / 2;
  } else {
    crop.height = std::max(1, static_cast<int>(std::lround(image.cols / target_aspect)));
    crop.y = (image.rows - crop.height) / 2;
  }
  cv::Mat resized;
  // Area averaging when shrinking avoids aliasing; cubic when enlarging keeps edges.
  const int interpolation = crop.width >= picture_size.width ? cv::INTER_AREA : cv::INTER_CUBIC;
  cv::resize(image(crop), resized, picture_size, 0, 0, interpolation);
  return I420Image::from_bgr(resized);
}

}  // namespace reelflow::compositor
