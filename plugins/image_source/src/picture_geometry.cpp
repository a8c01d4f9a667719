#include "picture_geometry.hpp"

#include <cmath>
#include <string>

namespace reelflow::image_source {
namespace {

constexpr int kMinSide = 16;
constexpr int kMaxSide = 8192;

// 1.2x the compositor's frames (1080x1920, 1920x1080, 1080x1080).
ImageSize aspect_size(std::string_view aspect) {
  if (aspect == "16:9") return {2304, 1296};
  if (aspect == "1:1") return {1296, 1296};
  return {1296, 2304};
}

}  // namespace

Status picture_size(std::string_view aspect, int width, int height, ImageSize& size) {
  const ImageSize shape = aspect_size(aspect);
  size = shape;
  if (width > 0 && height > 0) {
    size = {width, height};
  } else if (width > 0) {
    size = {width, static_cast<int>(std::lround(static_cast<double>(width) * shape.height / shape.width))};
  } else if (height > 0) {
    size = {static_cast<int>(std::lround(static_cast<double>(height) * shape.width / shape.height)), height};
  }
  if (size.width < kMinSide || size.height < kMinSide || size.width > kMaxSide || size.height > kMaxSide)
    return Status::error("picture size " + std::to_string(size.width) + "x" + std::to_string(size.height) +
                         " (width/height with aspect " + std::string(aspect) + ") must be 16-8192 px per side");
  return Status::ok();
}

}  // namespace reelflow::image_source
