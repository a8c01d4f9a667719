#pragma once
// Files written beside the finished video (subtitles, the metadata sidecar): named
// after the video unless the stage names them, in the run's output dir, written
// atomically (a temp file renamed into place, never a partial file).
#include <reelflow/stage_context.hpp>
#include <reelflow/value.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace reelflow::compositor {

// <output dir>/<base><extension>: base is `name` when set, else the stem of the video
// `video` names (out/short-video.mp4 -> short-video), else `fallback`. Throws
// std::invalid_argument when `name` is not one plain file name.
std::filesystem::path sidecar_path(const StageContext& ctx, const std::string& name, const Value* video,
                                   std::string_view extension, std::string_view fallback);

// Throws std::runtime_error naming the file when it cannot be written.
void write_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace reelflow::compositor
