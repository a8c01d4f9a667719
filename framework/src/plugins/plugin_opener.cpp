#include "plugins/plugin_opener.hpp"

#include "plugins/stage_spec_check.hpp"

#include <reelflow/version.hpp>

#include <boost/dll/shared_library.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <sstream>

namespace reelflow::framework {
namespace {

using QueryFn = const reelflow_plugin_info*();
using RegisterFn = void(PluginRegistrar*);

// Collects the stage types a plugin registers, checking each before it reaches the registry.
class CollectingRegistrar final : public PluginRegistrar {
 public:
  void add_stage_type(const StageTypeInfo& info) override {
    if (info.struct_size < offsetof(StageTypeInfo, check) || !info.type_name || !info.setup || !info.create) {
      errors.push_back("a stage type registration is incomplete (struct_size " + std::to_string(info.struct_size) + ")");
      return;
    }
    StageTypeInfo known;
    std::memcpy(&known, &info, std::min<std::size_t>(info.struct_size, sizeof(StageTypeInfo)));
    known.struct_size = sizeof(StageTypeInfo);
    infos.push_back(known);
  }
  void add_value_type(const ValueTypeInfo& info) override {
    if (info.struct_size < offsetof(ValueTypeInfo, json_schema) || !info.name) {
      errors.push_back("a value type registration is incomplete (struct_size " + std::to_string(info.struct_size) + ")");
      return;
    }
    const char* schema = info.struct_size > offsetof(ValueTypeInfo, json_schema) ? info.json_schema : nullptr;
    value_types.push_back({info.name, info.doc ? info.doc : "", schema ? schema : ""});
  }
  std::vector<StageTypeInfo> infos;
  std::vector<IndexedValueType> value_types;
  std::vector<std::string> errors;
};

std::string safe(const char* s) { return s ? std::string(s) : std::string(); }

OpenedPlugin failed(std::string reason) {
  OpenedPlugin out;
  out.failure = std::move(reason);
  return out;
}

}  // namespace

OpenedPlugin open_plugin(const std::filesystem::path& path) {
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
    return failed("cannot load library: " + detail);
  }
  // Plugins stay mapped until the process ends: their libraries (GLib types,
  // espeak-ng, codecs) keep global state that does not survive unloading, and
  // leak checkers can only name code that is still mapped.
  if (void* pinned = ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE); !pinned)
    return failed("cannot pin library in memory");
  if (!library->has(REELFLOW_PLUGIN_QUERY_SYMBOL))
    return failed("not a reelflow plugin: missing entry point " REELFLOW_PLUGIN_QUERY_SYMBOL);
  if (!library->has(REELFLOW_PLUGIN_REGISTER_SYMBOL))
    return failed("not a reelflow plugin: missing entry point " REELFLOW_PLUGIN_REGISTER_SYMBOL);

  const reelflow_plugin_info* info = library->get<QueryFn>(REELFLOW_PLUGIN_QUERY_SYMBOL)();
  if (!info || info->struct_size < sizeof(std::uint32_t) * 3) return failed("plugin returned no usable plugin info");
  if (!abi_compatible(info->abi_major, info->abi_minor)) {
    std::ostringstream msg;
    msg << "ABI version mismatch: plugin built against SDK " << info->abi_major << "." << info->abi_minor
        << ", runtime provides " << kSdkAbiMajor << "." << kSdkAbiMinor << " (rebuild the plugin against this SDK)";
    return failed(msg.str());
  }
  if (info->struct_size < sizeof(reelflow_plugin_info) || !info->name || !*info->name)
    return failed("plugin info is incomplete (no name)");

  CollectingRegistrar registrar;
  try {
    library->get<RegisterFn>(REELFLOW_PLUGIN_REGISTER_SYMBOL)(&registrar);
  } catch (const std::exception& e) {
    return failed(std::string("registration threw: ") + e.what());
  } catch (...) {
    return failed("registration threw an unknown exception");
  }
  if (!registrar.errors.empty()) return failed(registrar.errors.front());
  if (registrar.infos.empty() && registrar.value_types.empty())
    return failed("plugin registers no stage types and no value types");
  for (const auto& v : registrar.value_types)
    if (auto problem = value_type_name_problem(v.name)) return failed("value type '" + v.name + "': " + *problem);

  OpenedPlugin out;
  out.library = library;
  out.record.name = info->name;
  out.record.version = safe(info->version);
  out.record.description = safe(info->description);
  out.record.abi_major = info->abi_major;
  out.record.abi_minor = info->abi_minor;
  for (const auto& ti : registrar.infos) {
    IndexedStageType type;
    type.name = ti.type_name;
    try {
      ti.setup(type.spec);
    } catch (const std::exception& e) {
      out.setup_failures.push_back("setup() of stage type '" + type.name + "' threw: " + e.what());
      continue;
    }
    if (auto problems = stage_spec_problems(type.name, type.spec); !problems.empty()) {
      for (const auto& p : problems) out.setup_failures.push_back("stage type '" + type.name + "': " + p);
      continue;
    }
    type.has_check = ti.check != nullptr;
    type.has_stream_caps = ti.stream_caps != nullptr;
    out.entry_points.emplace(type.name, StageEntryPoints{ti.create, ti.check, ti.stream_caps});
    out.record.stage_types.push_back(std::move(type));
  }
  out.record.value_types = std::move(registrar.value_types);
  return out;
}

}  // namespace reelflow::framework
