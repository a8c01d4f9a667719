#pragma once
// What an image file says about itself in its first bytes: the format and, for
// the common formats, the pixel size. Read before decoding so a small file that
// claims a huge size (a decompression bomb) is refused without allocating it.
#include <cstdint>
#include <filesystem>
#include <string>

namespace reelflow::image_source {

struct ImageHeader {
  std::string format;            // "JPEG", "PNG", "WebP", "BMP", "TIFF"; empty when unknown
  std::string extension = "img"; // file extension for the format; "img" when unknown
  std::int64_t width = 0;        // 0 when the header does not tell
  std::int64_t height = 0;

  bool known() const { return !format.empty(); }
};

ImageHeader read_image_header(const std::filesystem::path& file);

}  // namespace reelflow::image_source
