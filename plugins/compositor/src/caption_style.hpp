#pragma once
// How captions look: textoverlay's font, outline, shadow and place in the frame,
// the same for `compositor` and `compose`.
#include "render_settings.hpp"

#include <gst/gst.h>

namespace reelflow::compositor {

void configure_caption_overlay(GstElement* overlay, const RenderSettings& settings);

}  // namespace reelflow::compositor
