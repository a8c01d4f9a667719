#pragma once
// How a shared library becomes a reelflow plugin. The library exports two C
// functions and nothing else:
//
//   const reelflow_plugin_info* reelflow_plugin_query(void);
//   void reelflow_plugin_register(reelflow::PluginRegistrar* registrar);
//
// The runtime reads the info (ABI version first), refuses incompatible plugins,
// then lets the plugin register its stage types. Use REELFLOW_PLUGIN to write both:
//
//   REELFLOW_PLUGIN("my_plugin", "1.0.0", "What it provides") {
//     registrar.add<MyStage>("my_stage");
//   }
#include <reelflow/stage.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/version.hpp>

#include <concepts>
#include <cstdint>

#define REELFLOW_EXPORT extern "C" __attribute__((visibility("default")))

// Plain C layout; grows only by appending fields, so struct_size tells the
// runtime which fields a plugin knows.
extern "C" struct reelflow_plugin_info {
  std::uint32_t struct_size;
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  const char* name;
  const char* version;
  const char* description;
};

namespace reelflow {

// One stage type: its name, how to declare its contract, how to make an instance.
// Fields are only ever appended; struct_size tells the runtime which exist.
struct StageTypeInfo {
  std::uint32_t struct_size = sizeof(StageTypeInfo);
  const char* type_name = nullptr;
  void (*setup)(StageSpec& spec) = nullptr;
  Stage* (*create)() = nullptr;  // deleted by the runtime through Stage's virtual destructor
  // Since SDK 1.1, optional: checks a stage's params beyond their declared types
  // at validation time, before anything runs (e.g. that a pipeline fragment parses).
  Status (*check)(const ParamSet& params) = nullptr;
};

// A stage type with `static Status check(const ParamSet&)` gets validation-time checks.
template <class S>
concept HasParamCheck = requires(const ParamSet& params) {
  { S::check(params) } -> std::same_as<Status>;
};

class PluginRegistrar {
 public:
  virtual void add_stage_type(const StageTypeInfo& info) = 0;

  // S provides `static void setup(StageSpec&)` and a default constructor.
  template <class S> void add(const char* type_name) {
    StageTypeInfo info;
    info.type_name = type_name;
    info.setup = [](StageSpec& spec) { S::setup(spec); };
    info.create = []() -> Stage* { return new S(); };
    if constexpr (HasParamCheck<S>) info.check = [](const ParamSet& params) { return S::check(params); };
    add_stage_type(info);
  }

 protected:
  ~PluginRegistrar() = default;
};

}  // namespace reelflow

#define REELFLOW_PLUGIN_QUERY_SYMBOL "reelflow_plugin_query"
#define REELFLOW_PLUGIN_REGISTER_SYMBOL "reelflow_plugin_register"

#define REELFLOW_PLUGIN(NAME, VERSION, DESCRIPTION)                                          \
  REELFLOW_EXPORT const reelflow_plugin_info* reelflow_plugin_query(void) {                  \
    static const reelflow_plugin_info info{sizeof(reelflow_plugin_info), REELFLOW_SDK_ABI_MAJOR, \
                                           REELFLOW_SDK_ABI_MINOR, NAME, VERSION, DESCRIPTION};  \
    return &info;                                                                            \
  }                                                                                          \
  static void reelflow_plugin_register_impl(reelflow::PluginRegistrar& registrar);           \
  REELFLOW_EXPORT void reelflow_plugin_register(reelflow::PluginRegistrar* registrar) {      \
    reelflow_plugin_register_impl(*registrar);                                               \
  }                                                                                          \
  static void reelflow_plugin_register_impl(reelflow::PluginRegistrar& registrar)
