#pragma once
// Finding a watermark in a decoded frame: the box's pixels are compared with the
// watermark picture scaled to the box (nearest pixel), away from its edges.
#include "media_probe.hpp"

namespace reelflow::testing {

struct PixelBox {
  int x = 0, y = 0, width = 0, height = 0;
};

// The correlation (-1 to 1) of the luma of `frame` inside `box` with that of
// `picture` scaled to it, over the inner 70% of the box (away from rounded or
// transparent corners). Blending the picture over a frame at any opacity keeps it
// near 1 wherever the frame under it is smooth; a box without the picture scores low.
double correlation_with_picture(const RgbFrame& frame, const RgbFrame& picture, const PixelBox& box);

}  // namespace reelflow::testing
