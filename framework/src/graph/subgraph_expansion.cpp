#include "graph/subgraph_expansion.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

namespace reelflow::framework {
namespace {

const char* const kFileParam = "file";

std::string names_of(const auto& map) {
  std::string out;
  for (const auto& [name, _] : map) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// What an expanded stage left behind for the references to it.
struct Expansion {
  std::string display;                     // the part file, as diagnostics name it
  std::vector<std::string> stage_ids;      // its stages, in the including graph
  std::map<std::string, PortRef> outputs;  // declared output → the inner stage's port
};

std::string stage_label(const StageNode& stage, const std::string& display) {
  return "sub-graph stage '" + stage.id + "' (" + display + ")";
}

// The key of the part the stage's `file` names; nullopt when refused (reported).
std::optional<std::string> part_of(const StageNode& stage, const DocumentScope& scope, Diagnostics& diagnostics) {
  if (!scope.parts.allowed()) {
    diagnostics.push_back({stage.type_location,
                           "stage '" + stage.id + "' is a sub-graph, but this graph was not loaded from a file: it may "
                           "not name other files",
                           "stages of its own; sub-graphs work in graph files (reelflow run, a service's allowed graphs)"});
    return std::nullopt;
  }
  auto it = stage.params.find(kFileParam);
  if (it == stage.params.end()) {
    diagnostics.push_back({stage.location, "sub-graph stage '" + stage.id + "' has no 'file' parameter",
                           "params: { file: parts/name.yaml }"});
    return std::nullopt;
  }
  const ParamEntry& file = it->second;
  if (!file.value.IsScalar()) {
    diagnostics.push_back({file.location, "parameter 'file' of sub-graph stage '" + stage.id + "' must be a file name",
                           "a path such as parts/render.yaml"});
    return std::nullopt;
  }
  // A path is for the graph file alone to choose: no variable, however declared.
  if (!file.variable_uses.empty() || file.from_environment) {
    diagnostics.push_back({file.location,
                           "parameter 'file' of sub-graph stage '" + stage.id + "' must be written out, not taken from "
                           "a variable or the environment",
                           "a path such as parts/render.yaml"});
    return std::nullopt;
  }
  std::string why;
  auto key = part_key(scope.key(), file.value.Scalar(), why);
  if (!key) {
    diagnostics.push_back({file.location, "sub-graph file " + quote_value(file.value.Scalar()) + " is refused: " + why,
                           "a path below the including graph's directory, such as parts/render.yaml"});
    return std::nullopt;
  }
  if (auto cycle = std::find(scope.chain.begin(), scope.chain.end(), *key); cycle != scope.chain.end()) {
    std::string path;
    for (auto step = cycle; step != scope.chain.end(); ++step) path += *step + " -> ";
    diagnostics.push_back({file.location, "sub-graph '" + *key + "' includes itself: " + path + *key,
                           "sub-graphs that do not include one another in a loop"});
    return std::nullopt;
  }
  if (scope.depth() + 1 > kMaxSubgraphDepth) {
    diagnostics.push_back({file.location,
                           "sub-graphs nest more than " + std::to_string(kMaxSubgraphDepth) + " levels deep at '" +
                               *key + "'",
                           "at most " + std::to_string(kMaxSubgraphDepth) + " levels of type: graph"});
    return std::nullopt;
  }
  return key;
}

// A use of the part's own variable becomes what the including stage's param uses:
// the including graph's variables, with the text before them as if written in place.
void rewrite_variable_uses(ParamEntry& entry, const std::map<std::string, ParamEntry>& bindings) {
  std::vector<VariableUse> uses;
  for (const auto& use : entry.variable_uses) {
    auto bound = bindings.find(use.variable);
    if (bound == bindings.end() || bound->first == kFileParam) continue;  // its default: fixed by the part's file
    entry.from_environment = entry.from_environment || bound->second.from_environment;
    for (const auto& outer : bound->second.variable_uses)
      uses.push_back({outer.variable, use.written_before + outer.written_before,
                      outer.location.file.empty() ? bound->second.location : outer.location});
  }
  entry.variable_uses = std::move(uses);
}

// The including stage's inputs against what the part declares.
void check_connections(const StageNode& stage, const GraphInterface& interface, const std::string& display,
                       Diagnostics& diagnostics) {
  for (const auto& [name, declared] : interface.inputs)
    if (!stage.inputs.count(name))
      diagnostics.push_back({stage.location,
                             "input '" + name + "' of " + stage_label(stage, display) + " is not connected",
                             "inputs: { " + name + ": <stage>.<port> } giving " + declared.type});
  for (const auto& [name, ref] : stage.inputs)
    if (!interface.inputs.count(name))
      diagnostics.push_back({stage.input_locations.at(name), stage_label(stage, display) + " has no input '" + name + "'",
                             interface.inputs.empty() ? "it declares no inputs"
                                                      : "one of: " + names_of(interface.inputs)});
}

// The part's stage, renamed and rewired into the including graph.
StageNode adopt(StageNode inner, const StageNode& stage, const GraphInterface& interface) {
  const std::string prefix = stage.id + kSubgraphIdSeparator;
  inner.id = prefix + inner.id;
  for (auto& [port, ref] : inner.inputs) {
    auto declared = ref.stage == kDeclaredInputsName ? interface.inputs.find(ref.port) : interface.inputs.end();
    if (declared == interface.inputs.end()) {
      ref.stage = prefix + ref.stage;
      continue;
    }
    auto connected = stage.inputs.find(ref.port);
    if (connected == stage.inputs.end()) {  // reported by check_connections
      inner.incomplete = true;
      continue;
    }
    PortRef outer = connected->second;
    outer.crossings.push_back({ref.port, declared->second.type, stage.id, declared->second.location, ref.location});
    outer.crossings.insert(outer.crossings.end(), ref.crossings.begin(), ref.crossings.end());
    if (ref.queue) outer.queue = ref.queue;  // the consumer's own policy for its edge
    ref = std::move(outer);
  }
  for (auto& after : inner.after) after.stage = prefix + after.stage;
  inner.after.insert(inner.after.end(), stage.after.begin(), stage.after.end());
  if (stage.on_error == OnError::Continue) inner.on_error = OnError::Continue;
  for (auto& [name, entry] : inner.params) rewrite_variable_uses(entry, stage.params);
  return inner;
}

// Loads the part of one `type: graph` stage and adds its stages to `out`; nullopt when
// it could not be read at all.
std::optional<Expansion> expand(const StageNode& stage, Graph& graph, const DocumentScope& scope,
                                 const GraphLoader::EnvironmentLookup& env, std::vector<StageNode>& out,
                                 Diagnostics& diagnostics) {
  auto key = part_of(stage, scope, diagnostics);
  if (!key) return std::nullopt;
  const SourceLocation& file_at = stage.params.at(kFileParam).location;
  const std::string display = scope.display_name(*key);
  auto read = scope.parts.read(*key);
  if (!read.text) {
    diagnostics.push_back({file_at, "cannot read sub-graph '" + display + "': " + read.error,
                           "a graph file below the including graph's directory"});
    return std::nullopt;
  }
  if (scope.budget.bytes + read.text->size() > kMaxIncludedBytes) {
    diagnostics.push_back({file_at, "sub-graphs add up to more than " + std::to_string(kMaxIncludedBytes) + " bytes",
                           "fewer or smaller sub-graphs"});
    return std::nullopt;
  }
  scope.budget.bytes += read.text->size();
  DocumentScope inner_scope{scope.parts, scope.top_name, scope.chain, &stage, scope.budget, scope.top_dir};
  inner_scope.chain.push_back(*key);
  LoadedDocument part = load_graph_document(*read.text, display, env, inner_scope, {}, VariableSource::Runner);
  for (auto& d : part.result.diagnostics) diagnostics.push_back(std::move(d));
  auto& inner = part.result.graph ? part.result.graph : part.result.partial;
  if (!inner) return std::nullopt;  // not walkable (malformed YAML): reported

  check_connections(stage, part.interface, display, diagnostics);
  graph.part_texts[*key] = std::move(*read.text);
  graph.part_texts.merge(inner->part_texts);
  graph.environment_names.merge(inner->environment_names);
  Expansion expansion;
  expansion.display = display;
  for (auto& s : inner->stages) {
    expansion.stage_ids.push_back(stage.id + kSubgraphIdSeparator + s.id);
    out.push_back(adopt(std::move(s), stage, part.interface));
  }
  for (const auto& [name, declared] : part.interface.outputs) {
    PortRef source = declared.source;
    source.stage = stage.id + kSubgraphIdSeparator + source.stage;
    expansion.outputs[name] = std::move(source);
  }
  return expansion;
}

// Points a reference to an expanded stage at the inner stage that gives the output.
// False when the output is unknown (reported).
bool rewire(PortRef& ref, const std::string& reader, const std::map<std::string, Expansion>& expanded,
            Diagnostics& diagnostics) {
  auto it = expanded.find(ref.stage);
  if (it == expanded.end()) return true;
  const Expansion& e = it->second;
  std::string name = ref.port;
  if (name.empty() && e.outputs.size() == 1) name = e.outputs.begin()->first;
  auto output = e.outputs.find(name);
  if (output == e.outputs.end()) {
    const std::string outputs = e.outputs.empty() ? "it declares none: outputs: { name: stage.port } in " + e.display
                                                  : "one of: " + names_of(e.outputs);
    if (name.empty())
      diagnostics.push_back({ref.location, reader + " must name an output of sub-graph stage '" + ref.stage + "'",
                             ref.stage + ".<output>, " + outputs});
    else
      diagnostics.push_back({ref.location, "sub-graph stage '" + ref.stage + "' (" + e.display + ") has no output '" +
                                               name + "'",
                             outputs});
    return false;
  }
  ref.stage = output->second.stage;
  ref.port = output->second.port;
  return true;
}

void rewire_references(Graph& graph, GraphInterface* interface, const std::map<std::string, Expansion>& expanded,
                       Diagnostics& diagnostics) {
  for (auto& stage : graph.stages) {
    for (auto& [port, ref] : stage.inputs)
      if (!rewire(ref, "input '" + port + "' of stage '" + stage.id + "'", expanded, diagnostics))
        stage.incomplete = true;
    std::vector<StageAfter> after;
    for (auto& a : stage.after) {
      auto it = expanded.find(a.stage);
      if (it == expanded.end()) after.push_back(std::move(a));
      else
        for (const auto& id : it->second.stage_ids) after.push_back({id, a.location});  // after all of it
    }
    stage.after = std::move(after);
  }
  if (interface)
    for (auto& [name, output] : interface->outputs) rewire(output.source, "output '" + name + "'", expanded, diagnostics);
}

}  // namespace

std::string DocumentScope::display_name(const std::string& part) const {
  return (std::filesystem::path(top_name).parent_path() / part).string();
}

void expand_subgraph_stages(Graph& graph, GraphInterface* interface, const DocumentScope& scope,
                            const GraphLoader::EnvironmentLookup& env, Diagnostics& diagnostics) {
  const bool any = std::any_of(graph.stages.begin(), graph.stages.end(),
                               [](const StageNode& s) { return s.type == kSubgraphStageType && !s.incomplete; });
  if (!any) return;
  std::map<std::string, Expansion> expanded;
  std::vector<StageNode> stages;
  bool over_limit = false;
  for (auto& stage : graph.stages) {
    if (stage.type != kSubgraphStageType || stage.incomplete || over_limit) {
      stage.incomplete = stage.incomplete || stage.type == kSubgraphStageType;
      stages.push_back(std::move(stage));
      continue;
    }
    auto expansion = expand(stage, graph, scope, env, stages, diagnostics);
    if (stages.size() > GraphLoader::kMaxStages) {
      diagnostics.push_back({stage.location,
                             "with sub-graph stage '" + stage.id + "' the graph has more than " +
                                 std::to_string(GraphLoader::kMaxStages) + " stages",
                             "at most " + std::to_string(GraphLoader::kMaxStages) + ", counting each part's stages"});
      over_limit = true;
    }
    if (!expansion) {
      stage.incomplete = true;
      stages.push_back(std::move(stage));
      continue;
    }
    expanded.emplace(stage.id, std::move(*expansion));
  }
  graph.stages = std::move(stages);
  rewire_references(graph, interface, expanded, diagnostics);
}

}  // namespace reelflow::framework
