#include "run/graph_description.hpp"

namespace reelflow::framework {

GraphDescription describe_graph(const Graph& graph) {
  GraphDescription out;
  out.name = graph.name;
  out.description = graph.description;
  for (const auto& stage : graph.stages) out.stages.push_back({stage.id, stage.type});
  for (const auto& variable : graph.variables) {
    const auto& d = variable.declaration;
    out.variables.push_back({d.name, std::string(variable_type_name(d.type)), variable.value, d.default_value,
                             d.description, d.choices, d.trusted});
  }
  return out;
}

}  // namespace reelflow::framework
