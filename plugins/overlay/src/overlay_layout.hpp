#pragma once
// Where a watermark goes and how big it is, in pixels of a frame: pure arithmetic,
// redone whenever the stream's caps (its frame size) change.
#include <string>

namespace reelflow::overlay {

struct Box {
  int x = 0, y = 0, width = 0, height = 0;
};

// `scale`: the mark's width as a fraction of the frame width (0: its own size),
// its height following its aspect; `margin`: fraction of the frame width kept
// from the edges; `position`: top-left, top-right, bottom-left, bottom-right, center.
Box place_mark(const std::string& position, int frame_width, int frame_height, int mark_width, int mark_height,
               double scale, double margin);

// A font size in pixels for a fraction of the frame height (at least 6 px).
int font_pixels(double fraction_of_height, int frame_height);

}  // namespace reelflow::overlay
