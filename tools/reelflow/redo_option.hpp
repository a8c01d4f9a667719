#pragma once
// `--redo scene=3` (repeatable, or scene=2,5) and `--take N` as a SceneRedo.
#include <reelflow/scene_redo.hpp>

#include <optional>
#include <string>
#include <vector>

namespace reelflow::cli {

// nullopt (and the reason on stderr) when an item is not scene=N[,N...] within the bounds.
std::optional<SceneRedo> parse_redo(const std::vector<std::string>& items, int take);

}  // namespace reelflow::cli
