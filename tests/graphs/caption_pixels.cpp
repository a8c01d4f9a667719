#include "caption_pixels.hpp"

#include <cstdlib>

namespace reelflow::testing {
namespace {

int channel(const RgbFrame& f, std::size_t pixel, int c) { return static_cast<unsigned char>(f.pixels[pixel * 3 + c]); }

}  // namespace

double caption_region_difference(const RgbFrame& a, const RgbFrame& b) {
  const std::size_t row = static_cast<std::size_t>(a.width) * 3;
  const std::size_t start = row * static_cast<std::size_t>(a.height * 0.6);
  double sum = 0;
  for (std::size_t i = start; i < a.pixels.size(); ++i)
    sum += std::abs(static_cast<unsigned char>(a.pixels[i]) - static_cast<unsigned char>(b.pixels[i]));
  return sum / static_cast<double>(a.pixels.size() - start);
}

std::vector<bool> highlight_mask(const RgbFrame& captioned, const RgbFrame& plain) {
  std::vector<bool> mask(captioned.pixels.size() / 3);
  // Highlight-yellow where the caption-free render has something else. The change is
  // summed over the channels: under a yellow-green picture the blue alone barely moves.
  for (std::size_t i = 0; i < mask.size(); ++i) {
    int change = 0;
    for (int c = 0; c < 3; ++c) change += std::abs(channel(captioned, i, c) - channel(plain, i, c));
    mask[i] = channel(captioned, i, 0) > 180 && channel(captioned, i, 1) > 150 && channel(captioned, i, 2) < 110 &&
              change > 80;
  }
  return mask;
}

double mask_overlap(const std::vector<bool>& a, const std::vector<bool>& b) {
  std::size_t both = 0, either = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    both += a[i] && b[i];
    either += a[i] || b[i];
  }
  return either == 0 ? 1.0 : static_cast<double>(both) / static_cast<double>(either);
}

}  // namespace reelflow::testing
