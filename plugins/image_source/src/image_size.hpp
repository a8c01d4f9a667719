#pragma once

namespace reelflow::image_source {

// The size every image this stage writes has, in pixels.
struct ImageSize {
  int width = 0;
  int height = 0;
};

}  // namespace reelflow::image_source
