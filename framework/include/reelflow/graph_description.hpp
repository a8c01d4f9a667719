#pragma once
// What a validated graph holds, for a host that shows or checks it: its stages
// and its variables with the values it was loaded with.
#include <optional>
#include <string>
#include <vector>

namespace reelflow {

struct GraphStageDescription {
  std::string id;
  std::string type;
};

struct GraphVariableDescription {
  std::string name;
  std::string type;  // "string", "int", "number", "bool" or "enum"
  std::string value;  // the default, or what the graph was loaded with
  std::optional<std::string> default_value;  // absent: whoever runs the graph must set it
  std::string description;
  std::vector<std::string> choices;  // enum
  bool trusted = false;  // only the runner (never a job request) may set it
};

struct GraphDescription {
  std::string name;
  std::string description;
  std::vector<GraphStageDescription> stages;       // in file order
  std::vector<GraphVariableDescription> variables;  // in file order
};

}  // namespace reelflow
