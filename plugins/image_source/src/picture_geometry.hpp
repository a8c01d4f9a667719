#pragma once
// The size of the pictures from the video's frame shape: `aspect` is the
// compositor's preset (9:16, 16:9, 1:1) and the pictures are 1.2x its frame, so
// Ken Burns zooms stay sharp. An explicit width or height wins, as in the
// compositor: one of them alone keeps the aspect, both set the size outright.
#include "image_size.hpp"

#include <reelflow/status.hpp>

#include <string_view>

namespace reelflow::image_source {

// `aspect` is one of 9:16, 16:9, 1:1; width/height 0 = from the aspect. Errors name the param and the allowed range.
Status picture_size(std::string_view aspect, int width, int height, ImageSize& size);

}  // namespace reelflow::image_source
