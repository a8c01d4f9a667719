#pragma once
// An edge that passes through sub-graphs' declared inputs (`inputs: { scenes: scenes }`
// in a part file) must keep the type each of them promises, link by link: the
// source's output into the outermost input, each input into the next, the last
// into the consuming stage. docs/graph-format.md, "Sub-graphs".
#include "graph/diagnostic.hpp"
#include "graph/graph.hpp"
#include "plugins/stage_registry.hpp"

#include <set>
#include <string>

namespace reelflow::framework {

// Whether every link of `ref`'s crossings fits; each break is added once to
// `diagnostics` (`reported` remembers them: one declared input feeds many stages).
bool check_port_crossings(const PortRef& ref, const PortSpec& output, const PortSpec& input,
                          const std::string& input_text, const StageRegistry& registry, Diagnostics& diagnostics,
                          std::set<std::string>& reported);

}  // namespace reelflow::framework
