#pragma once
// The thumbnail's title: the text set in large bold type across the middle of a frame,
// on a shaded band so it reads over any picture. Drawn by GStreamer's textoverlay
// (Pango), as the captions are, so any script and the caption font's metrics apply.
#include "i420_image.hpp"

#include <string>

namespace reelflow::compositor {

// The frame with `title` drawn over it; the frame itself when the title is empty.
// Throws std::runtime_error when the overlay cannot run.
I420Image draw_title(const I420Image& frame, const std::string& title);

// Pango font description for a title on a frame `width` pixels wide: ~9% of the width.
std::string title_font(int width);

}  // namespace reelflow::compositor
