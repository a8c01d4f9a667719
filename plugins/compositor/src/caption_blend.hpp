#pragma once
// The caption blender: an element placed right after textoverlay. It tells textoverlay
// (by caps feature and allocation meta) that it takes the captions as a
// GstVideoOverlayCompositionMeta instead of having them blended; it then blends them
// into the I420 frame itself and drops the meta, so what leaves it is plain I420.
//
// Why: textoverlay's own blend (gst_video_blend) converts every row of the caption's
// box to AYUV and back for every frame, about 1 ms per 1080-wide frame, as much as
// drawing the picture. Here each caption is prepared once (OverlayPlanes) when its
// text changes, and a frame costs only the pixels the text covers.
#include <reelflow/gst_ptr.hpp>

#include <string>

namespace reelflow::compositor {

gst::ElementPtr make_caption_blend(const std::string& name);

// Links source -> overlay (a configured textoverlay, already in `bin`) -> a new
// caption-blend added to `bin` -> next: the one way both renders burn captions in.
// Throws naming a link that fails.
void link_burnt_in_captions(GstElement* bin, GstElement* source, GstElement* overlay, GstElement* next);

}  // namespace reelflow::compositor
