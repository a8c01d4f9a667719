#pragma once
// The shot list as a JSON file:
// [{"index":0,"start_s":0.0,"end_s":1.2,"start_frame":0,"end_frame":30,"thumbnail":"scenes_thumbs/scene_000.jpg"}]
// Thumbnails are written relative to the file's directory (null when there is none).
#include "shot.hpp"

#include <filesystem>
#include <vector>

namespace reelflow::scene_segmenter {

// Writes atomically; throws std::runtime_error naming the file when it cannot.
void write_shot_list(const std::filesystem::path& file, const std::vector<Shot>& shots);

}  // namespace reelflow::scene_segmenter
