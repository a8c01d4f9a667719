#pragma once
// Reading captions out of decoded frames: the same video is rendered with and
// without captions, so whatever differs is the caption overlay.
#include "media_probe.hpp"

#include <vector>

namespace reelflow::testing {

// Mean absolute difference of the bottom 40% of two frames (where captions go).
double caption_region_difference(const RgbFrame& a, const RgbFrame& b);

// The pixels of the highlighted (yellow) word: yellow in the captioned frame and
// not in the plain one.
std::vector<bool> highlight_mask(const RgbFrame& captioned, const RgbFrame& plain);

// Intersection over union of two masks (1 when both are empty).
double mask_overlap(const std::vector<bool>& a, const std::vector<bool>& b);

}  // namespace reelflow::testing
