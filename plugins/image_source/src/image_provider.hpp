#pragma once
// Where a scene's image comes from. The stage asks a provider once per scene, in
// scene order, and collects the paths it returns.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>

namespace reelflow::image_source {

class ImageProvider {
 public:
  virtual ~ImageProvider() = default;

  // Makes (or reuses) the normalised image for scene number `index` and sets
  // `image` to its path.
  virtual Status image_for(std::size_t index, const Scene& scene, std::filesystem::path& image) = 0;

  // True once the provider's service refused its key (HTTP 401/403): asking it
  // again in this run cannot help, so a chain stops asking.
  virtual bool refused_credentials() const { return false; }
};

// Where the normalised image of scene number `index` goes: "scene-001.jpg", ...
inline std::filesystem::path scene_image_path(const std::filesystem::path& dir, std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "scene-%03zu.jpg", index + 1);
  return dir / name;
}

}  // namespace reelflow::image_source
