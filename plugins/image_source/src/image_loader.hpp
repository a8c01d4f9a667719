#pragma once
#include <reelflow/status.hpp>

#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <string_view>

namespace reelflow::image_source {

// Larger pictures are refused rather than decoded: 12000 x 12000 BGR is already 432 MB.
inline constexpr int kMaxImageSide = 12000;

struct DecodeRules {
  int max_side = kMaxImageSide;
  // Only formats whose size the header tells (JPEG, PNG, WebP, BMP, TIFF): for
  // files from the network, which OpenCV's rarer decoders should never see.
  bool common_formats_only = false;
};

// Decodes an image file to 8-bit BGR (EXIF orientation applied, alpha dropped).
// Refuses a file that is not a decodable image or is larger than `rules.max_side`
// pixels on a side, checked from the header before decoding where the format
// allows. `what` names the image in messages (a path or a URL).
Status load_image(const std::filesystem::path& file, std::string_view what, DecodeRules rules, cv::Mat& image);

}  // namespace reelflow::image_source
