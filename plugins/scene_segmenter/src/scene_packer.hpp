#pragma once
// Groups a sequence of timed items into consecutive scenes whose lengths fall in
// [min_s, max_s] wherever the items allow it. Dynamic programming over all
// groupings: a scene out of range costs far more than anything else, a scene in
// range costs more the further it is from the middle of the range, and each gap
// between items may carry a cost for cutting there (inside a sentence) or for not
// cutting (between script scenes).
#include <cstddef>
#include <vector>

namespace reelflow::scene_segmenter {

struct PackItem {
  double seconds = 0.0;
  double cut_cost = 0.0;   // paid when a scene starts at this item (ignored for the first)
  double join_cost = 0.0;  // paid when this item continues the previous item's scene
};

struct SceneLimits {
  double min_s = 4.0;
  double max_s = 7.0;
};

// The index of each scene's first item, ascending, starting with 0; empty for no items.
std::vector<std::size_t> pack_scenes(const std::vector<PackItem>& items, SceneLimits limits);

}  // namespace reelflow::scene_segmenter
