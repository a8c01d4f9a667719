#pragma once
// Where a scene's image comes from: a provider of the source kit, asked once per
// scene, in scene order.
#include "source_kit.hpp"

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>

namespace reelflow::image_source {

using ImageProvider = SceneFileProvider;

// Where the normalised image of scene number `index` goes: "scene-001.jpg", ...
inline std::filesystem::path scene_image_path(const std::filesystem::path& dir, std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "scene-%03zu.jpg", index + 1);
  return dir / name;
}

}  // namespace reelflow::image_source
