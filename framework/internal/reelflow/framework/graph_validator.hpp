#pragma once
// Checks a whole graph against the registered stage contracts before anything
// runs: types, params, ports, wiring, cycles. Reports every problem it finds.
#include <reelflow/framework/diagnostic.hpp>
#include <reelflow/framework/execution_plan.hpp>
#include <reelflow/framework/graph.hpp>
#include <reelflow/framework/graph_loader.hpp>
#include <reelflow/framework/stage_registry.hpp>

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
