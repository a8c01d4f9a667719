#pragma once
// Where a scene's file (a picture, a video clip) comes from. A source stage asks a
// provider once per scene, in scene order, and collects the paths it returns.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <cstddef>
#include <filesystem>

namespace reelflow::source_kit {

class SceneFileProvider {
 public:
  virtual ~SceneFileProvider() = default;

  // Makes (or reuses) the file for scene number `index` and sets `file` to its path.
  virtual Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) = 0;

  // True once the provider's service refused its key (HTTP 401/403): asking it
  // again in this run cannot help, so a chain stops asking.
  virtual bool refused_credentials() const { return false; }
};

}  // namespace reelflow::source_kit
