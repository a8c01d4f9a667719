#include "graph/graph_validator.hpp"

#include "graph/param_binder.hpp"
#include "graph/port_crossings.hpp"
#include "graph/port_fit.hpp"
#include "graph/trusted_params.hpp"
#include "stream/stream_plan.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace reelflow::framework {
namespace {

std::string port_list(const std::vector<PortSpec>& ports) {
  std::string out;
  for (const auto& p : ports) out += (out.empty() ? "" : ", ") + p.name + " (" + p.type + ")";
  return out.empty() ? "none" : out;
}

// A stage type's ports must name value types that some loaded plugin registered.
void check_port_types(const StageNode& node, const StageType& type, const StageRegistry& registry,
                      Diagnostics& diagnostics) {
  for (const auto* ports : {&type.spec.inputs(), &type.spec.outputs()})
    for (const auto& port : *ports) {
      if (port.is_stream()) continue;
      std::vector<std::string> names{port.type};
      names.insert(names.end(), port.also_accepts.begin(), port.also_accepts.end());
      for (const auto& name : names)
        if (!registry.find_value_type(name))
          diagnostics.push_back({node.type_location,
                                 "stage type '" + type.name + "' (plugin '" + type.plugin->name + "') uses value type '" +
                                     name + "' on port '" + port.name + "', which no loaded plugin registers",
                                 "install the plugin that provides it; `reelflow plugins` lists the value types"});
    }
}

// What a stage type's check sees: its params, what is connected to its inputs, the variables.
class GraphCheckContext final : public CheckContext {
 public:
  GraphCheckContext(const ParamSet& params, std::map<std::string, std::string> input_types,
                    const std::map<std::string, std::string>& variables)
      : params_(params), input_types_(std::move(input_types)), variables_(variables) {}
  const ParamSet& params() const override { return params_; }
  std::string input_type(std::string_view input) const override {
    auto it = input_types_.find(std::string(input));
    return it == input_types_.end() ? std::string() : it->second;
  }
  const std::map<std::string, std::string>& variables() const override { return variables_; }

 private:
  const ParamSet& params_;
  std::map<std::string, std::string> input_types_;
  const std::map<std::string, std::string>& variables_;
};

// Each error a check reports, located at the param it is about (or at the stage).
class LocatedCheckReport final : public CheckReport {
 public:
  LocatedCheckReport(const StageNode& node, Diagnostics& diagnostics) : node_(node), diagnostics_(diagnostics) {}
  void error(std::string_view param, std::string_view message, std::string_view expected) override {
    const std::string stage = "stage '" + node_.id + "' (" + node_.type + ")";
    auto it = node_.params.find(std::string(param));
    if (param.empty() || it == node_.params.end())
      diagnostics_.push_back({node_.location,
                              (param.empty() ? stage : "parameter '" + std::string(param) + "' of " + stage) + ": " +
                                  std::string(message),
                              std::string(expected)});
    else
      diagnostics_.push_back({it->second.location, "parameter '" + std::string(param) + "' of " + stage + ": " +
                                                       std::string(message),
                              std::string(expected)});
  }

 private:
  const StageNode& node_;
  Diagnostics& diagnostics_;
};

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

// `after:` control edges: dependencies with no data, on stages of this graph.
void check_after(const StageNode& node, std::size_t index, const std::map<std::string, std::size_t>& index_of,
                 PlannedStage& stage, Diagnostics& diagnostics) {
  for (const auto& after : node.after) {
    auto source = index_of.find(after.stage);
    if (source == index_of.end()) {
      diagnostics.push_back({after.location, "stage '" + node.id + "' runs after unknown stage '" + after.stage + "'",
                             "the id of a stage in this graph"});
      continue;
    }
    if (source->second == index) {
      diagnostics.push_back({after.location, "stage '" + node.id + "' cannot run after itself", "the id of another stage"});
      continue;
    }
    if (std::find(stage.dependencies.begin(), stage.dependencies.end(), source->second) == stage.dependencies.end())
      stage.dependencies.push_back(source->second);
  }
}

// Stages of one stream segment play together in one pipeline: one cannot wait for another.
void check_after_across_segments(const ExecutionPlan& plan, Diagnostics& diagnostics) {
  std::map<std::string, const PlannedStage*> by_id;
  for (const auto& s : plan.stages) by_id[plan.node_of(s).id] = &s;
  for (const auto& s : plan.stages) {
    if (!s.segment) continue;
    for (const auto& after : plan.node_of(s).after) {
      const PlannedStage* other = by_id.at(after.stage);
      if (other->segment == s.segment)
        diagnostics.push_back({after.location,
                               "stage '" + plan.node_of(s).id + "' cannot run after '" + after.stage +
                                   "': both are in one stream segment and play together",
                               "after: on a stage outside the segment"});
    }
  }
}

// The stage type's own check (e.g. a pipeline fragment that must parse, a voice that must exist).
void check_stage(const StageNode& node, const PlannedStage& stage, std::map<std::string, std::string> input_types,
                 const std::map<std::string, std::string>& variables, Diagnostics& diagnostics) {
  LocatedCheckReport report(node, diagnostics);
  try {
    const GraphCheckContext context(stage.params, std::move(input_types), variables);
    stage.type->check(context, report);
  } catch (const std::exception& e) {
    report.error({}, e.what(), {});
  }
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
  std::vector<bool> params_ok(plan.graph.stages.size(), false);
  for (std::size_t i = 0; i < plan.graph.stages.size(); ++i) {
    const StageNode& node = plan.graph.stages[i];
    PlannedStage& stage = plan.stages[i];
    stage.node = i;
    if (node.incomplete) continue;  // the loader has reported it
    stage.type = registry_.find(node.type);
    if (!stage.type) {
      const auto hint = registry_.closest(node.type);
      diagnostics.push_back({node.type_location, "unknown stage type '" + node.type + "' for stage '" + node.id + "'",
                             (hint.empty() ? "" : "did you mean '" + hint + "'? ") + known_types(registry_)});
      continue;
    }
    const auto errors_before = diagnostics.size();
    check_port_types(node, *stage.type, registry_, diagnostics);
    check_trusted_params(plan.graph, node, stage.type->spec, diagnostics);
    auto bound = bind_params(node, stage.type->spec, diagnostics);
    stage.params = std::move(bound.params);
    stage.secrets = std::move(bound.secrets);
    params_ok[i] = diagnostics.size() == errors_before;
    for (const auto& port : stage.type->spec.outputs())
      if (const ValueType* value_type = port.is_stream() ? nullptr : registry_.find_value_type(port.type);
          value_type && value_type->schema)
        stage.output_schemas[port.name] = value_type->schema;
  }
  std::vector<std::map<std::string, std::string>> input_types(plan.graph.stages.size());
  std::set<std::string> crossings_reported;

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
      if (!check_port_crossings(ref, *output, *input, "input '" + input_name + "' of stage '" + node.id + "'",
                                registry_, diagnostics, crossings_reported))
        continue;
      if (output->is_stream() != input->is_stream()) {
        diagnostics.push_back({ref.location,
                               "input '" + input_name + "' of stage '" + node.id + "' is a " +
                                   (input->is_stream() ? "stream" : "value") + " port but '" + ref.stage + "." +
                                   output->name + "' is a " + (output->is_stream() ? "stream" : "value") + " port",
                               input->is_stream() ? "a stream output; a file becomes a stream through av_source"
                                                  : "a value output; a stream becomes a file through file_sink"});
        continue;
      }
      if (!output->is_stream() && !value_fits(output->type, *input)) {
        diagnostics.push_back({ref.location,
                               "type mismatch: input '" + input_name + "' of stage '" + node.id + "' takes " +
                                   accepted(*input) + " but '" + ref.stage + "." + output->name + "' gives " +
                                   output->type,
                               "an output of type " + accepted(*input)});
        continue;
      }
      const bool probe_video = !output->is_stream() && probed_as_video(output->type, *input);
      input_types[i][input_name] = probe_video ? types::video : output->type;
      stage.inputs[input_name] = InputBinding{source->second, output->name, probe_video};
      if (probe_video)
        plan.notes.push_back({ref.location,
                              "input '" + input_name + "' of stage '" + node.id + "' takes a video and '" + ref.stage +
                                  "." + output->name + "' gives a file: the file is probed when it is made, and "
                                  "the run fails there if it is not a video",
                              "", true});
      bool known = false;
      for (auto d : stage.dependencies) known = known || d == source->second;
      if (!known) stage.dependencies.push_back(source->second);
    }
    for (const auto& [input_name, location] : node.host_inputs) {
      const PortSpec* input = spec.find_input(input_name);
      if (!input)
        diagnostics.push_back({node.input_locations.at(input_name),
                               "stage '" + node.id + "' (" + node.type + ") has no input '" + input_name + "'",
                               "one of: " + port_list(spec.inputs())});
      else if (!input->is_stream())
        diagnostics.push_back({location, "input '" + input_name + "' of stage '" + node.id +
                                             "' is a value port: only a stream input can be fed by the host",
                               "a stream input; a value comes from another stage's output"});
    }
    for (const auto& input : spec.inputs()) {
      if (input.required && !node.inputs.count(input.name) && !node.host_inputs.count(input.name)) {
        diagnostics.push_back({node.location, "required input '" + input.name + "' of stage '" + node.id + "' (" + node.type + ") is not connected",
                               "inputs: { " + input.name + ": <stage>.<port> } giving " + accepted(input)});
      }
    }
  }

  for (std::size_t i = 0; i < plan.graph.stages.size(); ++i)
    if (!plan.graph.stages[i].incomplete) check_after(plan.graph.stages[i], i, index_of, plan.stages[i], diagnostics);

  // The stage types' own checks, once their params bound and their inputs are known.
  std::map<std::string, std::string> variables;
  for (const auto& v : plan.graph.variables) variables[v.declaration.name] = v.value;
  for (std::size_t i = 0; i < plan.graph.stages.size(); ++i)
    if (params_ok[i] && plan.stages[i].type->has_check)
      check_stage(plan.graph.stages[i], plan.stages[i], std::move(input_types[i]), variables, diagnostics);

  check_cycles(plan, plan.order, diagnostics);
  // Streams once the wiring is sound: caps along each stream edge, the segments they form.
  const bool complete = std::none_of(plan.graph.stages.begin(), plan.graph.stages.end(),
                                     [](const StageNode& s) { return s.incomplete; });
  if (diagnostics.empty() && complete) plan_stream_segments(plan, diagnostics);
  if (diagnostics.empty() && complete) check_after_across_segments(plan, diagnostics);
  if (!complete) return result;  // a partial graph: its problems only, never a plan
  if (diagnostics.empty()) result.plan = std::move(plan);
  return result;
}

ValidationResult GraphValidator::validate(GraphLoadResult loaded) const {
  if (loaded.ok()) return validate(std::move(*loaded.graph));
  ValidationResult result;
  result.diagnostics = std::move(loaded.diagnostics);
  if (loaded.partial)
    for (auto& d : validate(std::move(*loaded.partial)).diagnostics) result.diagnostics.push_back(std::move(d));
  return result;
}

}  // namespace reelflow::framework
