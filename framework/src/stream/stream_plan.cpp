#include "stream/stream_plan.hpp"

#include "stream/port_caps.hpp"

#include "run/pipeline_runner.hpp"

#include <deque>
#include <numeric>
#include <set>

namespace reelflow::framework {
namespace {

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// Stream edges from the plan's input bindings; a queue policy on a value edge is an error.
std::vector<StreamEdge> stream_edges(const ExecutionPlan& plan, Diagnostics& diagnostics) {
  std::vector<StreamEdge> edges;
  for (std::size_t to = 0; to < plan.stages.size(); ++to) {
    const PlannedStage& stage = plan.stages[to];
    const StageNode& node = plan.node_of(stage);
    for (const auto& [port, binding] : stage.inputs) {
      const PortSpec* input = stage.type->spec.find_input(port);
      const PortRef& ref = node.inputs.at(port);
      if (!input->is_stream()) {
        if (ref.queue)
          diagnostics.push_back({ref.queue->location,
                                 "input '" + port + "' of stage '" + node.id + "' is a value port; only stream edges have a queue",
                                 "queue: only under a stream input"});
        continue;
      }
      edges.push_back({binding.source, binding.source_port, to, port, ref.queue.value_or(QueuePolicy{})});
    }
  }
  return edges;
}

void check_edge_caps(const ExecutionPlan& plan, const StreamEdge& edge, const std::map<std::size_t, StageCaps>& caps,
                     Diagnostics& diagnostics) {
  const auto& from = plan.stages[edge.from];
  const auto& to = plan.stages[edge.to];
  const StageNode& to_node = plan.node_of(to);
  const SourceLocation& where = to_node.inputs.at(edge.to_port).location;
  const auto produced = caps.at(edge.from).output(edge.from_port);
  const auto accepted = caps.at(edge.to).input(edge.to_port);
  if (!produced.problem.empty() || !accepted.problem.empty()) {
    diagnostics.push_back({where, produced.problem.empty() ? accepted.problem : produced.problem,
                           "caps a stage type declares in GStreamer syntax"});
    return;
  }
  if (!caps_can_meet(produced, accepted))
    diagnostics.push_back({where,
                           "'" + plan.node_of(from).id + "." + edge.from_port + "' produces " + produced.text +
                               " but '" + to_node.id + "." + edge.to_port + "' accepts only " + accepted.text,
                           "connect outputs whose caps intersect the input's, or convert between them"});
}

// A segment starts when all its stages' value inputs are ready: a value path from a
// segment back into the same segment (through a value stage) would wait forever.
void check_units_acyclic(const ExecutionPlan& plan, const std::vector<std::size_t>& unit, Diagnostics& diagnostics) {
  const std::size_t n = plan.stages.size();
  std::vector<std::set<std::size_t>> after(n);
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (auto d : plan.stages[i].dependencies)
      if (unit[d] != unit[i] && after[unit[d]].insert(unit[i]).second) ++pending[unit[i]];
  std::deque<std::size_t> ready;
  std::size_t units = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (unit[i] == i) {
      ++units;
      if (pending[i] == 0) ready.push_back(i);
    }
  std::size_t done = 0;
  while (!ready.empty()) {
    const auto u = ready.front();
    ready.pop_front();
    ++done;
    for (auto v : after[u])
      if (--pending[v] == 0) ready.push_back(v);
  }
  if (done == units) return;
  for (std::size_t i = 0; i < n; ++i)
    if (unit[i] == i && pending[i] > 0 && plan.stages[i].segment) {
      const StageNode& node = plan.node_of(plan.stages[i]);
      diagnostics.push_back({node.location,
                             "the stream segment of stage '" + node.id +
                                 "' needs a value that is made from its own output; it would wait for itself",
                             "a value stage fed by a segment cannot feed the same segment"});
      return;
    }
}

}  // namespace

void plan_stream_segments(ExecutionPlan& plan, Diagnostics& diagnostics) {
  const std::size_t n = plan.stages.size();
  std::vector<StreamEdge> edges = stream_edges(plan, diagnostics);
  bool any_stream = !edges.empty();
  for (const auto& stage : plan.stages) any_stream = any_stream || is_stream_type(*stage.type);
  if (!any_stream) return;

  ensure_gstreamer_initialized();
  std::map<std::size_t, StageCaps> caps;  // each stream stage's hook runs once
  for (const auto& edge : edges)
    for (auto i : {edge.from, edge.to})
      if (!caps.count(i))
        caps.emplace(i, StageCaps(*plan.stages[i].type, plan.stages[i].params, plan.node_of(plan.stages[i]).id));
  for (const auto& edge : edges) check_edge_caps(plan, edge, caps, diagnostics);

  // Segments: union of the stages joined by stream edges; a lone stream stage is a segment of one.
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  for (const auto& edge : edges) parent[find_root(parent, edge.from)] = find_root(parent, edge.to);
  std::vector<std::size_t> unit(n);
  std::map<std::size_t, std::size_t> segment_of_root;
  for (auto i : plan.order) {
    unit[i] = i;
    if (!is_stream_type(*plan.stages[i].type)) continue;
    const auto root = find_root(parent, i);
    auto [it, added] = segment_of_root.emplace(root, plan.segments.size());
    if (added) plan.segments.emplace_back();
    plan.segments[it->second].stages.push_back(i);
    plan.stages[i].segment = it->second;
  }
  for (auto& edge : edges) plan.segments[*plan.stages[edge.to].segment].edges.push_back(std::move(edge));
  for (std::size_t i = 0; i < n; ++i)
    if (plan.stages[i].segment) unit[i] = plan.segments[*plan.stages[i].segment].stages.front();
  check_units_acyclic(plan, unit, diagnostics);
}

}  // namespace reelflow::framework
