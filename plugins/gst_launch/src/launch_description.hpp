#pragma once
// Builds the full gst-launch description around a user's pipeline fragment:
// an optional file source in front, an optional muxer and our file sink behind.
#include <optional>
#include <string>

namespace reelflow::gst_launch {

inline constexpr const char* kSinkName = "reelflow_sink";

struct LaunchDescription {
  std::string fragment;                // e.g. "videoconvert ! videoflip method=clockwise ! x264enc"
  std::optional<std::string> input;    // a file decoded in front of the fragment
  std::string mux = "mp4";             // mp4 | mkv | none
  std::string output = "/dev/null";    // where the sink writes
};

// Fragments must not be empty or contain our sink's name; returns an error text or empty.
std::string check_fragment(const std::string& fragment);

std::string to_launch_line(const LaunchDescription& d);

}  // namespace reelflow::gst_launch
