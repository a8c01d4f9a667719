#pragma once
#include <reelflow/status.hpp>

#include <opencv2/core/mat.hpp>

#include <filesystem>

namespace reelflow::image_source {

// JPEG at quality 92: visually clean for photos and soft gradients, and several
// times faster to write and to decode in the compositor than PNG.
inline constexpr int kJpegQuality = 92;
inline constexpr const char* kImageExtension = ".jpg";

// Writes `image` to `destination` atomically (readers never see a partial file).
Status write_image(const cv::Mat& image, const std::filesystem::path& destination);

}  // namespace reelflow::image_source
