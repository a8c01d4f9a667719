#include "mark_pixels.hpp"

#include <cmath>
#include <vector>

namespace reelflow::testing {
namespace {

double luma(const RgbFrame& image, int x, int y) {
  const std::size_t at = (static_cast<std::size_t>(y) * image.width + x) * 3;
  const auto channel = [&](int c) { return static_cast<double>(static_cast<unsigned char>(image.pixels[at + c])); };
  return 0.299 * channel(0) + 0.587 * channel(1) + 0.114 * channel(2);
}

}  // namespace

double correlation_with_picture(const RgbFrame& frame, const RgbFrame& picture, const PixelBox& box) {
  std::vector<double> a, b;
  for (int y = box.height * 15 / 100; y < box.height * 85 / 100; ++y)
    for (int x = box.width * 15 / 100; x < box.width * 85 / 100; ++x) {
      a.push_back(luma(frame, box.x + x, box.y + y));
      b.push_back(luma(picture, x * picture.width / box.width, y * picture.height / box.height));
    }
  if (a.empty()) return 0.0;
  double mean_a = 0, mean_b = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    mean_a += a[i];
    mean_b += b[i];
  }
  mean_a /= static_cast<double>(a.size());
  mean_b /= static_cast<double>(b.size());
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += (a[i] - mean_a) * (b[i] - mean_b);
    aa += (a[i] - mean_a) * (a[i] - mean_a);
    bb += (b[i] - mean_b) * (b[i] - mean_b);
  }
  return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
}

}  // namespace reelflow::testing
