#pragma once
// Finds and loads stage plugins (shared libraries) with Boost.DLL. A plugin that
// fails to load is recorded with the reason and the others still load.
#include <reelflow/framework/stage_registry.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::framework {

struct PluginFailure {
  std::string path;
  std::string reason;

  std::string to_string() const { return path + ": " + reason; }
};

class PluginLoader {
 public:
  explicit PluginLoader(StageRegistry& registry) : registry_(registry) {}

  // Loads every `*.so` directly inside each directory (missing directories are skipped).
  void load_directories(const std::vector<std::filesystem::path>& directories);
  // Loads one library; false (and a recorded failure) when it is not a usable plugin.
  bool load_library(const std::filesystem::path& library);

  const std::vector<std::shared_ptr<const PluginInfo>>& plugins() const { return plugins_; }
  const std::vector<PluginFailure>& failures() const { return failures_; }

 private:
  StageRegistry& registry_;
  std::vector<std::shared_ptr<const PluginInfo>> plugins_;
  std::vector<PluginFailure> failures_;
};

// The directories searched by default: REELFLOW_PLUGIN_PATH (colon-separated),
// then the build tree's and the installation's plugin directories.
std::vector<std::filesystem::path> default_plugin_directories();

}  // namespace reelflow::framework
