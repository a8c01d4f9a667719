#pragma once
// `type: graph` stages, dissolved into the graph that includes them (as GStreamer's
// bins dissolve into one pipeline): each is replaced by the stages of the part file
// it names, with ids "<stage>/<inner id>"; the part's declared inputs are wired to
// what the stage connects, and references to the stage's outputs to the inner
// stages that give them. docs/graph-format.md, "Sub-graphs".
#include "graph/graph_document.hpp"

namespace reelflow::framework {

// The name under which a part's stages read its declared inputs: `inputs.scenes`.
inline constexpr const char* kDeclaredInputsName = "inputs";

// Expands every `type: graph` stage of `graph`, a document of `scope`; `interface`
// (null for the top graph) has its outputs rewired too. Problems are added to
// `diagnostics`, located in the file where they are written; a stage that could not
// be expanded stays, marked incomplete, so what refers to it is not reported twice.
void expand_subgraph_stages(Graph& graph, GraphInterface* interface, const DocumentScope& scope,
                            const GraphLoader::EnvironmentLookup& env, Diagnostics& diagnostics);

}  // namespace reelflow::framework
