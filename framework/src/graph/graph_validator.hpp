#pragma once
// Checks a whole graph against the registered stage contracts before anything
// runs: types, params, ports, wiring, cycles. Reports every problem it finds.
#include "graph/diagnostic.hpp"
#include "graph/execution_plan.hpp"
#include "graph/graph.hpp"
#include "graph/graph_loader.hpp"
#include "plugins/stage_registry.hpp"

#include <optional>

namespace reelflow::framework {

struct ValidationResult {
  std::optional<ExecutionPlan> plan;  // set when diagnostics is empty
  Diagnostics diagnostics;
  bool ok() const { return plan.has_value(); }
};

class GraphValidator {
 public:
  explicit GraphValidator(const StageRegistry& registry) : registry_(registry) {}
  ValidationResult validate(Graph graph) const;
  // What the loader read, validated: the plan, or every problem at once (the
  // loader's, then validation's of what the loader could read).
  ValidationResult validate(GraphLoadResult loaded) const;

 private:
  const StageRegistry& registry_;
};

}  // namespace reelflow::framework
