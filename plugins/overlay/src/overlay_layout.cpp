#include "overlay_layout.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::overlay {

Box place_mark(const std::string& position, int frame_width, int frame_height, int mark_width, int mark_height,
               double scale, double margin) {
  Box box{0, 0, mark_width, mark_height};
  if (scale > 0 && mark_width > 0) {
    box.width = std::max(1, static_cast<int>(std::lround(scale * frame_width)));
    box.height = std::max(1, static_cast<int>(std::lround(static_cast<double>(box.width) * mark_height / mark_width)));
  }
  const int m = static_cast<int>(std::lround(margin * frame_width));
  const bool right = position == "top-right" || position == "bottom-right";
  const bool bottom = position == "bottom-left" || position == "bottom-right";
  if (position == "center") {
    box.x = (frame_width - box.width) / 2;
    box.y = (frame_height - box.height) / 2;
  } else {
    box.x = right ? frame_width - m - box.width : m;
    box.y = bottom ? frame_height - m - box.height : m;
  }
  return box;
}

int font_pixels(double fraction_of_height, int frame_height) {
  return std::max(6, static_cast<int>(std::lround(fraction_of_height * frame_height)));
}

}  // namespace reelflow::overlay
