#pragma once
// Opens a plugin library and runs its registration: dlopen, entry points, the
// ABI check, reelflow_plugin_register() and each stage type's setup().
#include "plugins/plugin_record.hpp"

#include <reelflow/plugin.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::framework {

struct StageEntryPoints {
  Stage* (*create)() = nullptr;
  void (*check)(const CheckContext& context, CheckReport& report) = nullptr;  // optional
  void (*stream_caps)(const ParamSet& params, StreamCaps& caps) = nullptr;    // optional
};

struct OpenedPlugin {
  std::string failure;  // why the file is not a usable plugin; empty on success
  std::shared_ptr<void> library;  // keeps the library loaded
  PluginRecord record;  // the stage types whose setup() succeeded
  std::map<std::string, StageEntryPoints> entry_points;  // by stage type
  // "setup() of stage type 'x' threw: ...", or what is wrong with its spec.
  std::vector<std::string> setup_failures;

  bool ok() const { return failure.empty(); }
};

OpenedPlugin open_plugin(const std::filesystem::path& path);

}  // namespace reelflow::framework
