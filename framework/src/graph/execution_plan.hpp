#pragma once
// A graph that passed validation, ready to run: every stage bound to its type,
// its params checked and converted, its inputs resolved to upstream outputs,
// and an order that respects the dependencies.
#include "graph/graph.hpp"
#include "plugins/stage_registry.hpp"

#include <reelflow/param.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

struct InputBinding {
  std::size_t source = 0;     // index into ExecutionPlan::stages
  std::string source_port;
  bool probe_video = false;   // a `file` into a `video` input: probed when made (port_fit.hpp)
};

// A stream edge: buffers from one stage's stream output to another's stream
// input, through a queue the runtime adds (a tee before it when the output
// feeds several inputs).
struct StreamEdge {
  std::size_t from = 0;  // index into ExecutionPlan::stages
  std::string from_port;
  std::size_t to = 0;
  std::string to_port;
  QueuePolicy queue;
};

// A segment: stream stages connected by stream edges, run as one GstPipeline.
struct StreamSegment {
  std::vector<std::size_t> stages;  // indices into ExecutionPlan::stages, in plan order
  std::vector<StreamEdge> edges;
};

struct PlannedStage {
  std::size_t node = 0;  // index into ExecutionPlan::graph.stages
  const StageType* type = nullptr;
  ParamSet params;
  std::vector<std::string> secrets;  // values to redact wherever this stage's text goes
  std::map<std::string, InputBinding> inputs;
  std::vector<std::size_t> dependencies;
  std::optional<std::size_t> segment;  // stream stages: their segment
  // Value outputs of a plugin type that registered a JSON schema: checked when set.
  std::map<std::string, std::shared_ptr<const ValueSchema>> output_schemas;
};

struct ExecutionPlan {
  Graph graph;
  std::vector<PlannedStage> stages;  // same order as graph.stages
  std::vector<std::size_t> order;    // a topological order
  std::vector<StreamSegment> segments;
  Diagnostics notes;  // what validation accepted but a reader should know (Diagnostic::note)

  const StageNode& node_of(const PlannedStage& s) const { return graph.stages[s.node]; }
};

}  // namespace reelflow::framework
