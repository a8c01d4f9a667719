#pragma once
// The library behind one plugin's stage types. A plugin found in the plugin
// index is not opened at start-up: its library is opened the first time one of
// its stage types is instantiated or checked, and must then provide what the
// index said it does.
#include "plugins/plugin_opener.hpp"
#include "plugins/plugin_record.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace reelflow::framework {

// Why a plugin could not be opened on first use: one line naming the file.
class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginLibrary {
 public:
  // A library the loader has just opened.
  PluginLibrary(std::filesystem::path path, OpenedPlugin opened);
  // A library to open on first use; `indexed` is what the plugin index says it provides.
  PluginLibrary(std::filesystem::path path, PluginRecord indexed);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  // Opens the library first if needed (thread-safe, once). Throws PluginLoadError
  // when it cannot be opened or no longer provides what was indexed; later
  // calls throw the same error without trying again.
  StageEntryPoints entry_points(const std::string& stage_type);
  bool is_open() const;

 private:
  void open_locked();

  const std::filesystem::path path_;
  const PluginRecord indexed_;
  mutable std::mutex mutex_;
  bool opened_ = false;
  std::string error_;  // set when opening failed
  std::shared_ptr<void> library_;
  std::map<std::string, StageEntryPoints> entry_points_;
};

}  // namespace reelflow::framework
