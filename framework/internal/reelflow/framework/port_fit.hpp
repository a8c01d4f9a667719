#pragma once
// Which values a value input takes: shared by the validator (edges of a graph)
// and the plugin test kit (values handed to one stage).
#include <reelflow/stage_spec.hpp>

#include <string>

namespace reelflow::framework {

// A value of type `from` may feed `input`: its own type, one of the others it
// accepts (a union), or a video where any file will do.
bool value_fits(const std::string& from, const PortSpec& input);

// What `input` accepts, for messages: "text", "audio or video", "a stream of video/x-raw".
std::string accepted(const PortSpec& input);

}  // namespace reelflow::framework
