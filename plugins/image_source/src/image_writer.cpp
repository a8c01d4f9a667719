#include "image_writer.hpp"

#include <reelflow/atomic_file.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <string>
#include <vector>

namespace reelflow::image_source {

Status write_image(const cv::Mat& image, const std::filesystem::path& destination) {
  AtomicFile file(destination);
  bool written = false;
  try {
    written = cv::imwrite(file.temp_path().string(), image, std::vector<int>{cv::IMWRITE_JPEG_QUALITY, kJpegQuality});
  } catch (const cv::Exception&) {
    written = false;
  }
  if (!written) return Status::error("cannot write image '" + destination.string() + "'");
  file.commit();
  return Status::ok();
}

}  // namespace reelflow::image_source
