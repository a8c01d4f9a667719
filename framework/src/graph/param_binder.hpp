#pragma once
// Turns a stage's configured params (YAML) into a checked ParamSet against its
// declared ParamSpecs: names, types, choices, ranges, required, defaults, secrets.
#include "graph/diagnostic.hpp"
#include "graph/graph.hpp"

#include <reelflow/param.hpp>
#include <reelflow/stage_spec.hpp>

#include <string>
#include <vector>

namespace reelflow::framework {

struct BoundParams {
  ParamSet params;
  std::vector<std::string> secrets;  // non-empty values of secret params or from ${env:...}
};

BoundParams bind_params(const StageNode& node, const StageSpec& spec, Diagnostics& diagnostics);

// How a param value is shown to people: secrets as "***".
std::string display_param(const ParamSpec& spec, const ParamValue& value);

}  // namespace reelflow::framework
