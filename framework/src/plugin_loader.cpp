#include <reelflow/framework/plugin_loader.hpp>

#include <reelflow/plugin.hpp>
#include <reelflow/version.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <cstdlib>
#include <set>
#include <sstream>

namespace reelflow::framework {
namespace {

using QueryFn = const reelflow_plugin_info*();
using RegisterFn = void(PluginRegistrar*);

// Collects the stage types a plugin registers, checking each before it reaches the registry.
class CollectingRegistrar final : public PluginRegistrar {
 public:
  void add_stage_type(const StageTypeInfo& info) override {
    // SDK 1.0 plugins end before `check`; newer fields stay null for them.
    if (info.struct_size < offsetof(StageTypeInfo, check) || !info.type_name || !info.setup || !info.create) {
      errors.push_back("a stage type registration is incomplete (struct_size " + std::to_string(info.struct_size) + ")");
      return;
    }
    StageTypeInfo known;
    std::memcpy(&known, &info, std::min<std::size_t>(info.struct_size, sizeof(StageTypeInfo)));
    known.struct_size = sizeof(StageTypeInfo);
    infos.push_back(known);
  }
  std::vector<StageTypeInfo> infos;
  std::vector<std::string> errors;
};

std::string safe(const char* s) { return s ? std::string(s) : std::string(); }

}  // namespace

void PluginLoader::load_directories(const std::vector<std::filesystem::path>& directories) {
  std::set<std::filesystem::path> seen;
  for (const auto& dir : directories) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> libraries;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".so") libraries.push_back(entry.path());
    }
    std::sort(libraries.begin(), libraries.end());
    for (const auto& lib : libraries) {
      auto canonical = std::filesystem::weakly_canonical(lib, ec);
      if (!seen.insert(ec ? lib : canonical).second) continue;
      load_library(lib);
    }
  }
}

bool PluginLoader::load_library(const std::filesystem::path& path) {
  auto fail = [&](std::string reason) {
    failures_.push_back({path.string(), std::move(reason)});
    return false;
  };

  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  library->load(boost::dll::fs::path(path.string()), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    // Boost.DLL keeps only a generic code; ask the dynamic loader for the real reason.
    std::string detail = ec.message();
    if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      ::dlclose(handle);
    } else if (const char* why = ::dlerror()) {
      detail = why;
    }
    return fail("cannot load library: " + detail);
  }
  // Plugins stay mapped until the process ends: their libraries (GLib types,
  // espeak-ng, codecs) keep global state that does not survive unloading, and
  // leak checkers can only name code that is still mapped.
  if (void* pinned = ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE); !pinned)
    return fail("cannot pin library in memory");
  if (!library->has(REELFLOW_PLUGIN_QUERY_SYMBOL))
    return fail("not a reelflow plugin: missing entry point " REELFLOW_PLUGIN_QUERY_SYMBOL);
  if (!library->has(REELFLOW_PLUGIN_REGISTER_SYMBOL))
    return fail("not a reelflow plugin: missing entry point " REELFLOW_PLUGIN_REGISTER_SYMBOL);

  const reelflow_plugin_info* info = library->get<QueryFn>(REELFLOW_PLUGIN_QUERY_SYMBOL)();
  if (!info || info->struct_size < sizeof(std::uint32_t) * 3)
    return fail("plugin returned no usable plugin info");
  if (!abi_compatible(info->abi_major, info->abi_minor)) {
    std::ostringstream msg;
    msg << "ABI version mismatch: plugin built against SDK " << info->abi_major << "." << info->abi_minor
        << ", runtime provides " << kSdkAbiMajor << "." << kSdkAbiMinor
        << " (rebuild the plugin against this SDK)";
    return fail(msg.str());
  }
  if (info->struct_size < sizeof(reelflow_plugin_info) || !info->name || !*info->name)
    return fail("plugin info is incomplete (no name)");

  CollectingRegistrar registrar;
  try {
    library->get<RegisterFn>(REELFLOW_PLUGIN_REGISTER_SYMBOL)(&registrar);
  } catch (const std::exception& e) {
    return fail(std::string("registration threw: ") + e.what());
  } catch (...) {
    return fail("registration threw an unknown exception");
  }
  if (!registrar.errors.empty()) return fail(registrar.errors.front());
  if (registrar.infos.empty()) return fail("plugin registers no stage types");

  auto plugin = std::make_shared<PluginInfo>();
  plugin->name = info->name;
  plugin->version = safe(info->version);
  plugin->description = safe(info->description);
  plugin->path = path.string();
  plugin->abi_major = info->abi_major;
  plugin->abi_minor = info->abi_minor;

  bool all_added = true;
  for (const auto& ti : registrar.infos) {
    StageType type;
    type.name = ti.type_name;
    try {
      ti.setup(type.spec);
    } catch (const std::exception& e) {
      fail("setup() of stage type '" + type.name + "' threw: " + e.what());
      all_added = false;
      continue;
    }
    type.create = ti.create;
    type.check = ti.check;
    type.plugin = plugin;
    type.library = library;
    if (const auto* existing = registry_.find(type.name)) {
      fail("stage type '" + type.name + "' is already provided by plugin '" + existing->plugin->name + "'" +
           (existing->plugin->path.empty() ? "" : " (" + existing->plugin->path + ")"));
      all_added = false;
      continue;
    }
    plugin->stage_types.push_back(type.name);
    registry_.add(std::move(type));
  }
  if (!plugin->stage_types.empty()) plugins_.push_back(plugin);
  return all_added;
}

std::vector<std::filesystem::path> default_plugin_directories() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("REELFLOW_PLUGIN_PATH")) {
    std::stringstream ss(env);
    std::string item;
    while (std::getline(ss, item, ':'))
      if (!item.empty()) dirs.emplace_back(item);
  }
  // Installed layout: <prefix>/bin/reelflow → <prefix>/lib/reelflow/plugins; also beside the
  // runtime library itself.
  boost::dll::fs::error_code ec;
  const auto self = boost::dll::this_line_location(ec);
  if (ec) return dirs;
  const std::filesystem::path lib_dir = self.parent_path().string();
  // A runtime library still in its build tree uses that tree's plugins; an
  // installed one uses the installation's only.
  const std::string build_root = REELFLOW_BUILD_ROOT;
  if (lib_dir.string().rfind(build_root, 0) == 0) {
    dirs.emplace_back(REELFLOW_BUILD_PLUGIN_DIR_DEFAULT);
  } else {
    dirs.push_back(lib_dir / "reelflow" / "plugins");
  }
  return dirs;
}

}  // namespace reelflow::framework
