#pragma once
// An error message from a GStreamer bus as one line: the element, the message,
// and the debug string (newlines flattened).
#include <gst/gst.h>

#include <string>

namespace reelflow::framework {

// "element 'mux': Could not multiplex stream. (gstqtmux.c(…): …)"
std::string gst_error_text(GstMessage* error_message);

}  // namespace reelflow::framework
