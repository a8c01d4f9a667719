#include "image_loader.hpp"

#include "image_header.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <string>

namespace reelflow::image_source {
namespace {

Status too_large(std::string_view what, std::int64_t width, std::int64_t height, int max_side) {
  return Status::error("image '" + std::string(what) + "' is " + std::to_string(width) + "x" +
                       std::to_string(height) + " px, over the limit of " + std::to_string(max_side) +
                       " px per side");
}

}  // namespace

Status load_image(const std::filesystem::path& file, std::string_view what, DecodeRules rules, cv::Mat& image) {
  const int max_side = rules.max_side;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    return Status::error("cannot read image '" + std::string(what) + "' (not a file)");

  const ImageHeader header = read_image_header(file);
  if (rules.common_formats_only && !header.known())
    return Status::error("image '" + std::string(what) +
                         "' cannot be decoded (not a JPEG, PNG, WebP, BMP or TIFF file)");
  if (header.width > max_side || header.height > max_side)
    return too_large(what, header.width, header.height, max_side);

  try {
    image = cv::imread(file.string(), cv::IMREAD_COLOR);
  } catch (const cv::Exception&) {
    image.release();  // OpenCV's own message is multi-line and adds nothing for users
  }
  if (image.empty()) {
    const std::string kind = !header.known() ? "not a supported image format"
                                                   : "a corrupt or truncated " + header.format + " file";
    return Status::error("image '" + std::string(what) + "' cannot be decoded (" + kind + ")");
  }
  if (image.cols > max_side || image.rows > max_side) {
    const auto width = image.cols, height = image.rows;
    image.release();
    return too_large(what, width, height, max_side);
  }
  return Status::ok();
}

}  // namespace reelflow::image_source
