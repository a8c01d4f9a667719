#pragma once
// Which values a value input takes: shared by the validator (edges of a graph)
// and the plugin test kit (values handed to one stage).
#include <reelflow/stage_spec.hpp>

#include <string>

namespace reelflow::framework {

// A value of type `from` may feed `input`: its own type, one of the others it
// accepts (a union), a video where any file will do, or a file where a video is
// wanted (probed_as_video: the runtime checks the file when it is made).
bool value_fits(const std::string& from, const PortSpec& input);

// A `file` feeding a `video` input (that does not take files as they are): the
// runtime probes the file when it is made and hands the input a video, or fails the edge.
bool probed_as_video(const std::string& from, const PortSpec& input);

// What `input` accepts, for messages: "text", "audio or video", "a stream of video/x-raw".
std::string accepted(const PortSpec& input);

}  // namespace reelflow::framework
