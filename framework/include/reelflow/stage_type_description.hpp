#pragma once
// A stage type a Runtime can run: its name, its plugin, and its contract
// (ports and params, as the plugin declared them with the SDK's StageSpec).
#include <reelflow/stage_spec.hpp>

#include <string>

namespace reelflow {

struct StageTypeDescription {
  std::string name;
  std::string plugin;  // the providing plugin's name; empty for built-in types
  StageSpec spec;      // spec.summary(), inputs(), outputs(), params()
};

}  // namespace reelflow
