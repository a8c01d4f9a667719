#pragma once
// What a graph's stages need from the machine beyond their output and cache
// dirs: the network, files to read, environment variables. A confined run
// grants exactly this.
#include "graph/execution_plan.hpp"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

struct GraphNeeds {
  bool network = false;                              // outbound TCP/UDP
  std::vector<std::filesystem::path> read_paths;     // files or directories read as input
  std::set<std::string> environment_names;           // read with ${env:NAME}
};

GraphNeeds graph_needs(const ExecutionPlan& plan);

}  // namespace reelflow::framework::sandbox
