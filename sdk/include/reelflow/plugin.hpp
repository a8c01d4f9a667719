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
#include <reelflow/stage_check.hpp>
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
  // Optional: checks a stage in its graph at validation time, before anything
  // runs (e.g. that a pipeline fragment parses, that a voice is installed).
  void (*check)(const CheckContext& context, CheckReport& report) = nullptr;
  // Optional, stream stages: the caps each stream port carries with these params
  // (e.g. a 9:16 preset fixes width=1080,height=1920), checked along every stream edge.
  void (*stream_caps)(const ParamSet& params, StreamCaps& caps) = nullptr;
};

// A value type a plugin adds (SDK 2.0): its values travel as a Record (JSON text).
// Names are namespaced by the plugin, "acme.detections"; the built-in types
// (types::text, ...) are registered by the runtime.
struct ValueTypeInfo {
  std::uint32_t struct_size = sizeof(ValueTypeInfo);
  const char* name = nullptr;
  const char* doc = nullptr;
  const char* json_schema = nullptr;  // optional: a JSON Schema every value must satisfy
};

// Check hooks a stage type may declare: the whole-graph form, or the older
// params-only form (reported against the stage itself).
template <class S>
concept HasStageCheck = requires(const CheckContext& context, CheckReport& report) {
  { S::check(context, report) } -> std::same_as<void>;
};
template <class S>
concept HasParamCheck = requires(const ParamSet& params) {
  { S::check(params) } -> std::same_as<Status>;
};
template <class S>
concept HasStreamCaps = requires(const ParamSet& params, StreamCaps& caps) {
  { S::stream_caps(params, caps) } -> std::same_as<void>;
};

class PluginRegistrar {
 public:
  virtual void add_stage_type(const StageTypeInfo& info) = 0;
  virtual void add_value_type(const ValueTypeInfo& info) = 0;

  // S provides `static void setup(StageSpec&)` and a default constructor, and
  // optionally `check` (either form above) and `stream_caps`.
  template <class S> void add(const char* type_name) {
    StageTypeInfo info;
    info.type_name = type_name;
    info.setup = [](StageSpec& spec) { S::setup(spec); };
    info.create = []() -> Stage* { return new S(); };
    if constexpr (HasStageCheck<S>) {
      info.check = [](const CheckContext& context, CheckReport& report) { S::check(context, report); };
    } else if constexpr (HasParamCheck<S>) {
      info.check = [](const CheckContext& context, CheckReport& report) {
        if (Status status = S::check(context.params()); !status) report.error({}, status.message());
      };
    }
    if constexpr (HasStreamCaps<S>) info.stream_caps = [](const ParamSet& params, StreamCaps& caps) { S::stream_caps(params, caps); };
    add_stage_type(info);
  }

  void add_value_type(const char* name, const char* doc, const char* json_schema = nullptr) {
    ValueTypeInfo info;
    info.name = name;
    info.doc = doc;
    info.json_schema = json_schema;
    add_value_type(info);
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
