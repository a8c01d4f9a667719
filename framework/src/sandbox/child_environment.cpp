#include "sandbox/child_environment.hpp"

#include <map>

namespace reelflow::framework::sandbox {
namespace {

// Passed on when set: sanitizer builds (CI runs the suite under ASan) and an
// operator's GStreamer plugin directories.
const char* const kPassedThrough[] = {"ASAN_OPTIONS",    "LSAN_OPTIONS",          "UBSAN_OPTIONS",
                                      "GST_PLUGIN_PATH", "GST_PLUGIN_SYSTEM_PATH"};

}  // namespace

std::vector<std::string> child_environment(const ChildEnvironmentInputs& in, const EnvironmentLookup& lookup) {
  std::map<std::string, std::string> env{
      {"PATH", "/usr/bin:/bin"},
      {"LANG", "C.UTF-8"},
      {"HOME", in.home.string()},
      {"XDG_CACHE_HOME", in.cache_dir.string()},
      // GStreamer's registry would otherwise be rebuilt in every job's fresh HOME.
      {"GST_REGISTRY", (in.cache_dir / "gstreamer-1.0" / "registry.bin").string()},
  };
  if (!in.tmp.empty()) env["TMPDIR"] = in.tmp.string();
  for (const char* name : kPassedThrough)
    if (const char* value = lookup(name)) env[name] = value;
  // The graph was validated with these values; the child must see the same ones.
  for (const auto& name : in.graph_names)
    if (const char* value = lookup(name.c_str())) env[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

}  // namespace reelflow::framework::sandbox
