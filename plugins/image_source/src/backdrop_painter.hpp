#pragma once
#include "image_size.hpp"

#include <opencv2/core/mat.hpp>

#include <cstdint>

namespace reelflow::image_source {

// Paints a soft abstract background (gradient, translucent blurred shapes, small
// glows, vignette, fine grain) as 8-bit BGR. The same seed always gives the same
// picture; different seeds give visibly different colours and layouts.
cv::Mat paint_backdrop(std::uint64_t seed, ImageSize size);

}  // namespace reelflow::image_source
