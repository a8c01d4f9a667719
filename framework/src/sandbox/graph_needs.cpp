#include "graph_needs.hpp"

namespace reelflow::framework::sandbox {

GraphNeeds graph_needs(const ExecutionPlan& plan) {
  GraphNeeds needs;
  needs.environment_names = plan.graph.environment_names;
  // Until stage specs declare which stages use the network and which params
  // name input files, every graph may use the network and reads no extra path.
  needs.network = true;
  return needs;
}

}  // namespace reelflow::framework::sandbox
