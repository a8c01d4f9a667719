#pragma once
// A GStreamer bus message of a stage's pipeline, as plain data: what an
// embedding host gets through RunOptions::bus_messages without GStreamer headers.
#include <functional>
#include <string>

namespace reelflow {

struct BusMessage {
  std::string stage_id;
  std::string type;       // GStreamer's name for the message type: "warning", "element", "eos", ...
  std::string source;     // the name of the element (or object) that posted it; may be empty
  std::string text;       // errors, warnings and infos: their message and debug text
  std::string structure;  // the message's structure serialized ("name, field=(type)value, ..."); may be empty
};

// Called on the thread that watches the stage's bus, never on a streaming
// thread, one message at a time (stages running at once wait for each other);
// keep it short: that thread also reports the stage's progress and notices a cancel.
using BusMessageCallback = std::function<void(const BusMessage&)>;

}  // namespace reelflow
