#pragma once
// Since SDK 2.1: the scenes a run asks to be made again (`reelflow run --redo scene=3`,
// a job's `redo`). Only stages that declare StageSpec::redoes_scenes() see it; the
// others keep their stage cache entries, so only those scenes change.
#include <cstddef>
#include <set>

namespace reelflow {

// Bounds a runner or a job is held to.
inline constexpr int kMaxRedoScene = 1000;
inline constexpr int kMaxRedoTake = 1000;

struct SceneRedo {
  std::set<int> scenes;  // scene numbers, 1-based positions in the scene list
  int take = 1;          // which new version: the same take gives the same result

  bool empty() const { return scenes.empty(); }
  // Whether the scene at 0-based `position` of the scene list is to be made again.
  bool covers(std::size_t position) const { return scenes.count(static_cast<int>(position) + 1) > 0; }
};

}  // namespace reelflow
