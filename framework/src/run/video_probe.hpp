#pragma once
// What GStreamer's discoverer makes of a file: a video (its length, size and rate)
// when it holds a video stream, else why not. The scheduler uses it for a `file`
// output that feeds a `video` input (port_fit.hpp, probed_as_video).
#include <reelflow/value.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::framework {

struct VideoProbe {
  std::optional<VideoFile> video;
  std::string problem;  // when there is no video: one line
};

VideoProbe probe_video_file(const std::filesystem::path& file);

}  // namespace reelflow::framework
