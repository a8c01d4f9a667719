#include "plugins/plugin_library.hpp"

#include <spdlog/spdlog.h>

namespace reelflow::framework {

PluginLibrary::PluginLibrary(std::filesystem::path path, OpenedPlugin opened)
    : path_(std::move(path)),
      opened_(true), library_(std::move(opened.library)), entry_points_(std::move(opened.entry_points)) {}

PluginLibrary::PluginLibrary(std::filesystem::path path, PluginRecord indexed)
    : path_(std::move(path)), indexed_(std::move(indexed)) {}

bool PluginLibrary::is_open() const {
  std::lock_guard lock(mutex_);
  return opened_ && error_.empty();
}

StageEntryPoints PluginLibrary::entry_points(const std::string& stage_type) {
  std::lock_guard lock(mutex_);
  if (!opened_) open_locked();
  if (!error_.empty()) throw PluginLoadError(error_);
  auto it = entry_points_.find(stage_type);
  if (it == entry_points_.end())
    throw PluginLoadError("plugin " + path_.string() + " does not provide stage type '" + stage_type + "'");
  return it->second;
}

void PluginLibrary::open_locked() {
  opened_ = true;
  spdlog::debug("opening plugin {} on first use", path_.string());
  const std::string prefix = "cannot load plugin '" + indexed_.name + "' (" + path_.string() + "): ";
  OpenedPlugin opened = open_plugin(path_);
  if (!opened.ok()) {
    error_ = prefix + opened.failure;
    return;
  }
  if (!opened.setup_failures.empty()) {
    error_ = prefix + opened.setup_failures.front();
    return;
  }
  if (auto difference = plugin_record_difference(indexed_, opened.record); !difference.empty()) {
    error_ = prefix + "the file changed since start-up: " + difference;
    return;
  }
  library_ = std::move(opened.library);
  entry_points_ = std::move(opened.entry_points);
}

}  // namespace reelflow::framework
