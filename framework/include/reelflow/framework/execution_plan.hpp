#pragma once
// A graph that passed validation, ready to run: every stage bound to its type,
// its params checked and converted, its inputs resolved to upstream outputs,
// and an order that respects the dependencies.
#include <reelflow/framework/graph.hpp>
#include <reelflow/framework/stage_registry.hpp>

#include <reelflow/param.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace reelflow::framework {

struct InputBinding {
  std::size_t source = 0;     // index into ExecutionPlan::stages
  std::string source_port;
};

struct PlannedStage {
  std::size_t node = 0;  // index into ExecutionPlan::graph.stages
  const StageType* type = nullptr;
  ParamSet params;
  std::vector<std::string> secrets;  // values to redact wherever this stage's text goes
  std::map<std::string, InputBinding> inputs;
  std::vector<std::size_t> dependencies;
};

struct ExecutionPlan {
  Graph graph;
  std::vector<PlannedStage> stages;  // same order as graph.stages
  std::vector<std::size_t> order;    // a topological order

  const StageNode& node_of(const PlannedStage& s) const { return graph.stages[s.node]; }
};

}  // namespace reelflow::framework
