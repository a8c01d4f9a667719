#pragma once
// A GStreamer bus message as plain data (reelflow/bus_message.hpp), for hosts
// that watch a stage's bus without GStreamer headers.
#include <reelflow/bus_message.hpp>

#include <gst/gst.h>

namespace reelflow::framework {

// Everything but the stage id, which the caller knows.
BusMessage bus_message_record(GstMessage* message);

}  // namespace reelflow::framework
