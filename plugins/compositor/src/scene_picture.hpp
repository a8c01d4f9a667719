#pragma once
// A scene's still image, decoded once and prepared for rendering: centre-cropped
// to the frame's aspect ratio ("cover"), resized to frame size x zoom (so the
// tightest Ken Burns view is sharp, one picture pixel per frame pixel) and
// converted to I420.
#include "i420_image.hpp"

#include <filesystem>

namespace reelflow::compositor {

// `picture_size` must be even. Throws std::runtime_error naming `file` when it cannot
// be read or decoded.
I420Image load_scene_picture(const std::filesystem::path& file, cv::Size picture_size);

// The size to prepare pictures at: frame x zoom, rounded to even.
cv::Size picture_size_for(cv::Size frame, double zoom);

}  // namespace reelflow::compositor
