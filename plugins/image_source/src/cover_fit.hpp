#pragma once
#include "image_size.hpp"

#include <opencv2/core/mat.hpp>

namespace reelflow::image_source {

// Scales `image` to fill `size` exactly, cropping the overflow evenly on both
// sides ("cover"), so no bars appear and the aspect ratio is kept.
cv::Mat cover_fit(const cv::Mat& image, ImageSize size);

}  // namespace reelflow::image_source
