#pragma once
// A GstBin flags itself a sink when a sink child is added to it, and a bin (the
// pipeline too) posts EOS only once every child flagged a sink has. A sub-bin
// that joined its parent while still empty and got its sink afterwards is never
// counted: its parent waits for no EOS from it, and a segment with no other sink
// never ends. After a stage's build() the runtime flags every bin that holds a
// sink, as gst_bin_add would have had the bin been filled first.
#include <gst/gst.h>

namespace reelflow::framework {

// Flags `bin` and each bin inside it that holds a sink, at any depth, as a sink
// (GST_ELEMENT_FLAG_SINK); returns whether `bin` holds one.
bool flag_bins_holding_sinks(GstElement* bin);

}  // namespace reelflow::framework
