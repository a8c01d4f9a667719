#pragma once
// What the in-tree tools (the CLI's inspect and plugins commands, tests, benches)
// reach behind the embedding API: the registry, the loaded plugins and a graph's
// execution plan. Not installed; embedders have Runtime::stage_types(),
// plugins() and LoadedGraph::describe() instead.
#include "graph/execution_plan.hpp"
#include "plugins/stage_registry.hpp"

#include <reelflow/runtime.hpp>

#include <memory>
#include <vector>

namespace reelflow {

struct RuntimeInternals {
  static const framework::StageRegistry& registry(const Runtime& runtime);
  static const std::vector<std::shared_ptr<const framework::PluginInfo>>& plugins(const Runtime& runtime);
  // The graph's plan; only for a graph that is ok().
  static const framework::ExecutionPlan& plan(const LoadedGraph& graph);
};

}  // namespace reelflow
