#pragma once
// The rule that keeps job requests away from what only a graph file may decide
// (docs/security.md, "Trusted parameters"): a variable reaches a trusted string
// parameter only when its declaration proves every value harmless for that kind.
#include "graph/diagnostic.hpp"
#include "graph/graph.hpp"

#include <reelflow/stage_spec.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace reelflow::framework {

// Why `variable` may not feed a parameter of kind `kind` at a place where the graph
// wrote `written_before` before it; nullopt when it may.
std::optional<std::string> variable_refusal(const VariableDeclaration& variable, ParamTrust kind,
                                            std::string_view written_before);

// Adds a located error for each variable that reaches one of `node`'s params unsafely.
void check_trusted_params(const Graph& graph, const StageNode& node, const StageSpec& spec, Diagnostics& diagnostics);

}  // namespace reelflow::framework
