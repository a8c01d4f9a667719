#pragma once
// A small harmonious set of colours for one generated background.
#include "source_kit.hpp"

#include <opencv2/core/matx.hpp>

namespace reelflow::image_source {

struct ColourPalette {
  cv::Vec3f deep;    // BGR in [0, 1]: the darker end of the background gradient
  cv::Vec3f light;   // the brighter end
  cv::Vec3f accent;  // shapes and glows
};

// Picks a colour scheme (analogous, complementary, triadic or split) around a
// random base hue, with moderate saturation so captions stay readable on top.
ColourPalette make_palette(SeededRandom& random);

// HSV (hue in degrees, s and v in [0, 1]) to BGR in [0, 1].
cv::Vec3f hsv_to_bgr(double hue, double saturation, double value);

}  // namespace reelflow::image_source
