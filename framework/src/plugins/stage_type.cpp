#include "plugins/stage_registry.hpp"

#include "plugins/plugin_library.hpp"

namespace reelflow::framework {

std::unique_ptr<Stage> StageType::instantiate() const {
  if (!library) throw PluginLoadError("stage type '" + name + "' has no plugin library");
  return std::unique_ptr<Stage>(library->entry_points(name).create());
}

void StageType::check(const CheckContext& context, CheckReport& report) const {
  if (!has_check) return;
  if (!library) throw PluginLoadError("stage type '" + name + "' has no plugin library");
  if (const auto entry_points = library->entry_points(name); entry_points.check) entry_points.check(context, report);
}

void StageType::stream_caps(const ParamSet& params, StreamCaps& caps) const {
  if (!has_stream_caps) return;
  if (!library) throw PluginLoadError("stage type '" + name + "' has no plugin library");
  if (const auto entry_points = library->entry_points(name); entry_points.stream_caps)
    entry_points.stream_caps(params, caps);
}

bool StageType::loaded() const { return library && library->is_open(); }

}  // namespace reelflow::framework
