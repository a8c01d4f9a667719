#include "colour_palette.hpp"

#include <cmath>

namespace reelflow::image_source {

cv::Vec3f hsv_to_bgr(double hue, double saturation, double value) {
  hue = std::fmod(std::fmod(hue, 360.0) + 360.0, 360.0);
  const double chroma = value * saturation;
  const double x = chroma * (1.0 - std::fabs(std::fmod(hue / 60.0, 2.0) - 1.0));
  const double m = value - chroma;
  double r = 0, g = 0, b = 0;
  switch (static_cast<int>(hue / 60.0)) {
    case 0: r = chroma; g = x; break;
    case 1: r = x; g = chroma; break;
    case 2: g = chroma; b = x; break;
    case 3: g = x; b = chroma; break;
    case 4: r = x; b = chroma; break;
    default: r = chroma; b = x; break;
  }
  return cv::Vec3f(float(b + m), float(g + m), float(r + m));
}

ColourPalette make_palette(SeededRandom& random) {
  // Hue offsets of the light and accent colours from the base hue, per scheme.
  static constexpr double kSchemes[][2] = {
      {30.0, 60.0},    // analogous
      {180.0, 200.0},  // complementary
      {120.0, 240.0},  // triadic
      {150.0, 210.0},  // split complementary
  };
  const auto& scheme = kSchemes[random.below(std::size(kSchemes))];
  const double base = random.uniform(0.0, 360.0);
  const double light_offset = random.chance(0.5) ? scheme[0] : -scheme[0];

  ColourPalette palette;
  palette.deep = hsv_to_bgr(base, random.uniform(0.55, 0.85), random.uniform(0.18, 0.40));
  palette.light = hsv_to_bgr(base + light_offset, random.uniform(0.40, 0.75), random.uniform(0.60, 0.90));
  palette.accent = hsv_to_bgr(base + scheme[1], random.uniform(0.50, 0.85), random.uniform(0.75, 1.0));
  return palette;
}

}  // namespace reelflow::image_source
