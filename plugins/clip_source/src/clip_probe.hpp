#pragma once
// What a clip file holds, found by decoding its header with GStreamer's discoverer:
// every clip, from a folder or a download, is checked this way before it is used.
#include <reelflow/status.hpp>

#include <filesystem>
#include <string>

namespace reelflow::clip_source {

struct ClipFacts {
  double duration_s = 0.0;
  int width = 0;
  int height = 0;
};

// An error naming `what` (a path, or a URL without its query) when the file is not a
// video with a known length: "clip 'x' cannot be decoded (...)".
Status probe_clip(const std::filesystem::path& file, const std::string& what, ClipFacts& facts);

}  // namespace reelflow::clip_source
