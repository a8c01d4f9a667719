#pragma once
// Stage types by name, each with its declared contract and the plugin that provides it.
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
  std::vector<std::string> stage_types;
};

class PluginLibrary;

// A stage type may come from the plugin index (docs/architecture.md, "Plugin
// discovery"): then its spec is known but its plugin is opened only when an
// instance is made or its check runs. Both may therefore throw an exception
// whose message names the plugin file that could not be opened.
struct StageType {
  std::string name;
  StageSpec spec;
  bool has_check = false;  // has a validation-time check of its params
  std::shared_ptr<const PluginInfo> plugin;
  std::shared_ptr<PluginLibrary> library;  // the providing library, opened on first use

  std::unique_ptr<Stage> instantiate() const;
  // The type's own check of bound params; Status::ok() when it has none.
  Status check(const ParamSet& params) const;
  // Whether the providing library is open (false until first use for an indexed plugin).
  bool loaded() const;
};

class StageRegistry {
 public:
  // False (and nothing added) when the name is taken.
  bool add(StageType type);
  const StageType* find(const std::string& name) const;
  std::vector<const StageType*> all() const;
  // The registered name closest to `name`, for "did you mean" hints; empty if none is close.
  std::string closest(const std::string& name) const;

 private:
  std::map<std::string, StageType> types_;
};

}  // namespace reelflow::framework
