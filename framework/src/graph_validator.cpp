#include <reelflow/framework/graph_validator.hpp>

#include <reelflow/framework/param_binder.hpp>

#include "trusted_params.hpp"

#include <deque>
#include <map>

namespace reelflow::framework {
namespace {

std::string port_list(const std::vector<PortSpec>& ports) {
  std::string out;
  for (const auto& p : ports) out += (out.empty() ? "" : ", ") + p.name + " (" + std::string(port_type_name(p.type)) + ")";
  return out.empty() ? "none" : out;
}

std::string known_types(const StageRegistry& registry) {
  std::string out;
  for (const auto* t : registry.all()) out += (out.empty() ? "" : ", ") + t->name;
  return out.empty() ? "no stage types are loaded; check the plugin path" : "known types: " + out;
}

// Resolves the `stage.port` of one input against the source stage's outputs.
const PortSpec* resolve_source_port(const PortRef& ref, const StageType& source_type, const std::string& input_name,
                                    const StageNode& node, Diagnostics& diagnostics) {
  const auto& outputs = source_type.spec.outputs();
  if (ref.port.empty()) {
    if (outputs.size() == 1) return &outputs.front();
    diagnostics.push_back({ref.location,
                           "input '" + input_name + "' of stage '" + node.id + "' must name an output of stage '" + ref.stage + "'",
                           ref.stage + ".<port>, with <port> one of: " + port_list(outputs)});
    return nullptr;
  }
  if (const PortSpec* port = source_type.spec.find_output(ref.port)) return port;
  diagnostics.push_back({ref.location, "stage '" + ref.stage + "' (" + source_type.name + ") has no output '" + ref.port + "'",
                         "one of: " + port_list(outputs)});
  return nullptr;
}

void check_cycles(const ExecutionPlan& plan, std::vector<std::size_t>& order, Diagnostics& diagnostics) {
  const std::size_t n = plan.stages.size();
  std::vector<std::size_t> pending(n, 0);
  std::vector<std::vector<std::size_t>> dependents(n);
  for (std::size_t i = 0; i < n; ++i) {
    pending[i] = plan.stages[i].dependencies.size();
    for (auto d : plan.stages[i].dependencies) dependents[d].push_back(i);
  }
  std::deque<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push_back(i);
  while (!ready.empty()) {
    const auto i = ready.front();
    ready.pop_front();
    order.push_back(i);
    for (auto d : dependents[i])
      if (--pending[d] == 0) ready.push_back(d);
  }
  if (order.size() == n) return;
  std::string members;
  const StageNode* first = nullptr;
  for (std::size_t i = 0; i < n; ++i) {
    if (pending[i] == 0) continue;
    const auto& node = plan.node_of(plan.stages[i]);
    if (!first) first = &node;
    members += (members.empty() ? "" : ", ") + node.id;
  }
  diagnostics.push_back({first->location, "the graph has a cycle through stages " + members,
                         "stages connected without loops (a directed acyclic graph)"});
}

// The stage type's own check of its params (e.g. a pipeline fragment that must parse).
void check_stage_params(const StageNode& node, const PlannedStage& stage, Diagnostics& diagnostics) {
  Status status = Status::ok();
  try {
    status = stage.type->check(stage.params);
  } catch (const std::exception& e) {
    status = Status::error(e.what());
  }
  if (!status) diagnostics.push_back({node.location, "stage '" + node.id + "' (" + node.type + "): " + status.message(), ""});
}

}  // namespace

ValidationResult GraphValidator::validate(Graph graph) const {
  ValidationResult result;
  ExecutionPlan plan;
  plan.graph = std::move(graph);
  Diagnostics& diagnostics = result.diagnostics;

  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < plan.graph.stages.size(); ++i) index_of.emplace(plan.graph.stages[i].id, i);

  // Types and params first, so wiring checks know every stage's ports.
  plan.stages.resize(plan.graph.stages.size());
  for (std::size_t i = 0; i < plan.graph.stages.size(); ++i) {
    const StageNode& node = plan.graph.stages[i];
    PlannedStage& stage = plan.stages[i];
    stage.node = i;
    stage.type = registry_.find(node.type);
    if (!stage.type) {
      const auto hint = registry_.closest(node.type);
      diagnostics.push_back({node.type_location, "unknown stage type '" + node.type + "' for stage '" + node.id + "'",
                             (hint.empty() ? "" : "did you mean '" + hint + "'? ") + known_types(registry_)});
      continue;
    }
    const auto errors_before = diagnostics.size();
    check_trusted_params(plan.graph, node, stage.type->spec, diagnostics);
    auto bound = bind_params(node, stage.type->spec, diagnostics);
    stage.params = std::move(bound.params);
    stage.secrets = std::move(bound.secrets);
    if (stage.type->has_check && diagnostics.size() == errors_before) check_stage_params(node, stage, diagnostics);
  }

  for (std::size_t i = 0; i < plan.graph.stages.size(); ++i) {
    const StageNode& node = plan.graph.stages[i];
    PlannedStage& stage = plan.stages[i];
    if (!stage.type) continue;
    const StageSpec& spec = stage.type->spec;
    for (const auto& [input_name, ref] : node.inputs) {
      const PortSpec* input = spec.find_input(input_name);
      if (!input) {
        diagnostics.push_back({node.input_locations.at(input_name),
                               "stage '" + node.id + "' (" + node.type + ") has no input '" + input_name + "'",
                               "one of: " + port_list(spec.inputs())});
        continue;
      }
      auto source = index_of.find(ref.stage);
      if (source == index_of.end()) {
        diagnostics.push_back({ref.location, "input '" + input_name + "' of stage '" + node.id + "' refers to unknown stage '" + ref.stage + "'",
                               "the id of a stage in this graph"});
        continue;
      }
      if (source->second == i) {
        diagnostics.push_back({ref.location, "stage '" + node.id + "' takes its own output as input", "an output of another stage"});
        continue;
      }
      const StageType* source_type = plan.stages[source->second].type;
      if (!source_type) continue;  // already reported
      const PortSpec* output = resolve_source_port(ref, *source_type, input_name, node, diagnostics);
      if (!output) continue;
      if (!port_types_compatible(output->type, input->type)) {
        diagnostics.push_back({ref.location,
                               "type mismatch: input '" + input_name + "' of stage '" + node.id + "' takes " +
                                   std::string(port_type_name(input->type)) + " but '" + ref.stage + "." + output->name +
                                   "' gives " + std::string(port_type_name(output->type)),
                               "an output of type " + std::string(port_type_name(input->type))});
        continue;
      }
      stage.inputs[input_name] = InputBinding{source->second, output->name};
      bool known = false;
      for (auto d : stage.dependencies) known = known || d == source->second;
      if (!known) stage.dependencies.push_back(source->second);
    }
    for (const auto& input : spec.inputs()) {
      if (input.required && !node.inputs.count(input.name)) {
        diagnostics.push_back({node.location, "required input '" + input.name + "' of stage '" + node.id + "' (" + node.type + ") is not connected",
                               "inputs: { " + input.name + ": <stage>.<port> } giving " + std::string(port_type_name(input.type))});
      }
    }
  }

  check_cycles(plan, plan.order, diagnostics);
  if (diagnostics.empty()) result.plan = std::move(plan);
  return result;
}

}  // namespace reelflow::framework
