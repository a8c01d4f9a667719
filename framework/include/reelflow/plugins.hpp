#pragma once
// The plugins a Runtime found: those it loaded, and those it could not (with why).
#include <string>
#include <vector>

namespace reelflow {

struct PluginDescription {
  std::string name;
  std::string version;
  std::string description;
  std::string path;  // the library file
  std::vector<std::string> stage_types;
  std::vector<std::string> value_types;  // the value types it registers
};

struct PluginFailure {
  std::string path;
  std::string reason;

  std::string to_string() const { return path + ": " + reason; }
};

}  // namespace reelflow
