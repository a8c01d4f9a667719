#include <reelflow/framework/stage_registry.hpp>

#include "plugin_library.hpp"

namespace reelflow::framework {

std::unique_ptr<Stage> StageType::instantiate() const {
  if (!library) throw PluginLoadError("stage type '" + name + "' has no plugin library");
  return std::unique_ptr<Stage>(library->entry_points(name).create());
}

Status StageType::check(const ParamSet& params) const {
  if (!has_check) return Status::ok();
  if (!library) throw PluginLoadError("stage type '" + name + "' has no plugin library");
  const auto entry_points = library->entry_points(name);
  return entry_points.check ? entry_points.check(params) : Status::ok();
}

bool StageType::loaded() const { return library && library->is_open(); }

}  // namespace reelflow::framework
