#pragma once
// One shot of a video: frames [start_frame, end_frame) and the same span in seconds.
#include <cstdint>
#include <filesystem>

namespace reelflow::scene_segmenter {

struct Shot {
  int index = 0;
  std::int64_t start_frame = 0;
  std::int64_t end_frame = 0;  // exclusive: the first frame of the next shot
  double start_s = 0.0;
  double end_s = 0.0;
  std::filesystem::path thumbnail;  // empty when thumbnails are off
};

}  // namespace reelflow::scene_segmenter
