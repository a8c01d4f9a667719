#pragma once
// Stage types by name, each with its declared contract and the plugin that provides it.
#include "graph/value_schema.hpp"

#include <reelflow/plugin.hpp>
#include <reelflow/stage_spec.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::framework {

struct PluginInfo {
  std::string name;
  std::string version;
  std::string description;
  std::string path;  // empty for built-in stage types
  unsigned abi_major = 0;
  unsigned abi_minor = 0;
  std::string build_id;  // SHA-256 of the library file (empty for built-in types)
  std::vector<std::string> stage_types;
  std::vector<std::string> value_types;  // SDK 2.0: the value types it registers
};

class PluginLibrary;

// A stage type may come from the plugin index (docs/architecture.md, "Plugin
// discovery"): then its spec is known but its plugin is opened only when an
// instance is made or its check runs. Both may therefore throw an exception
// whose message names the plugin file that could not be opened.
struct StageType {
  std::string name;
  StageSpec spec;
  bool has_check = false;        // has a validation-time check (StageTypeInfo::check)
  bool has_stream_caps = false;  // fixes its stream ports' caps from its params
  std::shared_ptr<const PluginInfo> plugin;
  std::shared_ptr<PluginLibrary> library;  // the providing library, opened on first use

  std::unique_ptr<Stage> instantiate() const;
  // The type's own validation-time check; reports nothing when it has none.
  void check(const CheckContext& context, CheckReport& report) const;
  // The caps its stream ports carry with `params`; sets nothing when it has no hook.
  void stream_caps(const ParamSet& params, StreamCaps& caps) const;
  // Whether the providing library is open (false until first use for an indexed plugin).
  bool loaded() const;
};

// A value type (SDK 2.0): a built-in one (plugin null) or one a plugin registered.
struct ValueType {
  std::string name;
  std::string doc;
  std::string json_schema;  // may be empty
  std::shared_ptr<const PluginInfo> plugin;
  std::shared_ptr<const ValueSchema> schema;  // json_schema compiled; null when empty
};

class StageRegistry {
 public:
  StageRegistry();  // with the built-in value types

  // False (and nothing added) when the name is taken.
  bool add(StageType type);
  bool add_value_type(ValueType type);
  const ValueType* find_value_type(std::string_view name) const;
  std::vector<const ValueType*> value_types() const;
  const StageType* find(const std::string& name) const;
  std::vector<const StageType*> all() const;
  // The registered name closest to `name`, for "did you mean" hints; empty if none is close.
  std::string closest(const std::string& name) const;

 private:
  std::map<std::string, StageType> types_;
  std::map<std::string, ValueType, std::less<>> value_types_;
};

}  // namespace reelflow::framework
