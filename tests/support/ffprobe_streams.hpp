#pragma once
// What ffprobe decodes from a file or an HLS playlist (GStreamer's discoverer waits
// out its timeout on a local .m3u8; ffprobe reads HLS from files): one line per
// stream, every frame decoded, "codec_type=video|width=..|height=..|nb_read_frames=..".
#include <filesystem>
#include <string>

namespace reelflow::testing {

// The lines, or "" (and a GoogleTest failure naming ffprobe's error) when it failed.
// ffprobe's output goes to `capture_dir`.
std::string ffprobe_streams(const std::filesystem::path& file, const std::filesystem::path& capture_dir);

}  // namespace reelflow::testing
