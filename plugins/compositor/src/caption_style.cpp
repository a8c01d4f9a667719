#include "caption_style.hpp"

#include <algorithm>

namespace reelflow::compositor {

void configure_caption_overlay(GstElement* overlay, const RenderSettings& s) {
  // Lower third for tall frames (clear of the platform's UI), lower for wide ones.
  const double ypos = s.height > s.width ? 0.72 : (s.height == s.width ? 0.8 : 0.85);
  const int margin = std::max(4, s.width / 12);
  g_object_set(overlay, "font-desc", s.caption_font.c_str(), "auto-resize", FALSE, "wait-text", FALSE,
               "draw-outline", TRUE, "draw-shadow", TRUE, "color", 0xFFFFFFFFu, "outline-color", 0xFF000000u,
               "xpad", margin, nullptr);
  gst_util_set_object_arg(G_OBJECT(overlay), "valignment", "position");
  gst_util_set_object_arg(G_OBJECT(overlay), "halignment", "center");
  gst_util_set_object_arg(G_OBJECT(overlay), "line-alignment", "center");
  gst_util_set_object_arg(G_OBJECT(overlay), "wrap-mode", "word-char");
  g_object_set(overlay, "ypos", ypos, nullptr);
}

}  // namespace reelflow::compositor
