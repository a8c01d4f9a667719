#pragma once
// What a container's video stream holds, read by demuxing and parsing it (no
// decoding): how many frames, which ones are keyframes, how many bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::testing {

struct VideoStreamFacts {
  std::string caps;                // e.g. "video/x-h264, stream-format=(string)avc, ..."
  int frames = 0;
  std::vector<double> keyframe_s;  // presentation times of the frames without DELTA_UNIT, from the first frame
  long long bytes = 0;             // the video stream's payload
  double duration_s = 0;           // last PTS + duration - first PTS
};

// nullopt (and a message in *error) when the file does not parse to EOS.
std::optional<VideoStreamFacts> video_stream_facts(const std::filesystem::path& file, std::string* error = nullptr);

}  // namespace reelflow::testing
