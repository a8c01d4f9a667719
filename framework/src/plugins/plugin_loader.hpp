#pragma once
// Finds and loads stage plugins (shared libraries) with Boost.DLL. A plugin that
// fails to load is recorded with the reason and the others still load.
//
// With a plugin index file, a plugin file that is unchanged since it was indexed
// is not opened: its stage types are registered from the index and the library
// is opened when one of them is first instantiated or checked. New and changed
// files are opened as usual and (re)indexed.
#include "plugins/stage_registry.hpp"

#include <reelflow/plugins.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::framework {

class PluginIndex;
struct PluginRecord;

using reelflow::PluginFailure;  // public: reelflow/plugins.hpp

class PluginLoader {
 public:
  // `index_file` empty: no index, every plugin is opened at once.
  explicit PluginLoader(StageRegistry& registry, std::filesystem::path index_file = {});
  ~PluginLoader();
  PluginLoader(const PluginLoader&) = delete;
  PluginLoader& operator=(const PluginLoader&) = delete;

  // Loads every `*.so` directly inside each directory (missing directories are skipped).
  void load_directories(const std::vector<std::filesystem::path>& directories);
  // Loads one library; false (and a recorded failure) when it is not a usable plugin.
  bool load_library(const std::filesystem::path& library);

  const std::vector<std::shared_ptr<const PluginInfo>>& plugins() const { return plugins_; }
  const std::vector<PluginFailure>& failures() const { return failures_; }
  // How many plugin files were opened at start-up (the others came from the index).
  std::size_t libraries_opened() const { return libraries_opened_; }

 private:
  bool load_one(const std::filesystem::path& path);
  bool register_types(const std::filesystem::path& path, const PluginRecord& record,
                      const std::shared_ptr<PluginLibrary>& library);
  void save_index();

  StageRegistry& registry_;
  std::unique_ptr<PluginIndex> index_;  // null: no index
  std::vector<std::shared_ptr<const PluginInfo>> plugins_;
  std::vector<PluginFailure> failures_;
  std::size_t libraries_opened_ = 0;
};

// The directories searched by default: REELFLOW_PLUGIN_PATH (colon-separated),
// then the build tree's and the installation's plugin directories.
std::vector<std::filesystem::path> default_plugin_directories();

// <cache_dir>/plugin-index-v2.json, or empty when REELFLOW_PLUGIN_INDEX is "off"
// (or "0", "no", "false"): then every plugin is opened at start-up.
std::filesystem::path plugin_index_file(const std::filesystem::path& cache_dir);

}  // namespace reelflow::framework
