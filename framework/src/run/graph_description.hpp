#pragma once
// A validated graph as the embedding API shows it (LoadedGraph::describe).
#include "graph/graph.hpp"

#include <reelflow/graph_description.hpp>

namespace reelflow::framework {

GraphDescription describe_graph(const Graph& graph);

}  // namespace reelflow::framework
