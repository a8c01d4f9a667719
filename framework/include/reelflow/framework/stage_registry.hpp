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

struct StageType {
  std::string name;
  StageSpec spec;
  Stage* (*create)() = nullptr;
  Status (*check)(const ParamSet& params) = nullptr;  // optional validation-time check
  std::shared_ptr<const PluginInfo> plugin;
  std::shared_ptr<void> library;  // keeps the providing library loaded

  std::unique_ptr<Stage> instantiate() const { return std::unique_ptr<Stage>(create()); }
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
