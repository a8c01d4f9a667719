#pragma once
// One YAML document walked by the loader: the top graph, or a part file that a
// `type: graph` stage names (graph/subgraph_expansion.hpp puts a part's stages
// into the graph that includes it). docs/graph-format.md, "Sub-graphs".
#include "graph/graph_loader.hpp"

#include <cstddef>
#include <map>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

inline constexpr std::size_t kMaxSubgraphDepth = 8;  // `type: graph` inside parts, counted from the top graph
// All part texts read for one graph, each inclusion counted: a part used many times is
// parsed many times.
inline constexpr std::size_t kMaxIncludedBytes = 16 * GraphLoader::kMaxGraphBytes;

// What a part declares for the stage that includes it.
struct DeclaredInput {
  std::string type;  // a value type, or "stream"
  SourceLocation location;
};
struct DeclaredOutput {
  PortRef source;  // a stage of the part
  SourceLocation location;
};
struct GraphInterface {
  std::map<std::string, DeclaredInput> inputs;
  std::map<std::string, DeclaredOutput> outputs;
};

// What one top-level load may spend on parts, across every level.
struct IncludeBudget {
  std::size_t bytes = 0;
};

// Where a document sits: the top graph, or a part included by a stage.
struct DocumentScope {
  const GraphParts& parts;
  std::string top_name;            // the top graph's name: parts are shown relative to its directory
  std::vector<std::string> chain;  // the top graph's file name, then the key of each part down to this one
  const StageNode* including = nullptr;  // the `type: graph` stage; null: the top graph
  IncludeBudget& budget;
  // ${graph_dir} of the top graph (read from a file); a part's is its own file's directory.
  std::optional<std::string> top_dir = std::nullopt;

  std::size_t depth() const { return chain.empty() ? 0 : chain.size() - 1; }
  std::string key() const { return depth() == 0 ? std::string() : chain.back(); }
  std::string display_name(const std::string& key) const;
  // What ${graph_dir} stands for in this document.
  std::optional<std::string> graph_dir() const {
    if (!top_dir || depth() == 0) return top_dir;
    return (std::filesystem::path(*top_dir) / std::filesystem::path(key()).parent_path()).lexically_normal().string();
  }
};

struct LoadedDocument {
  GraphLoadResult result;
  GraphInterface interface;
};

// Loads `yaml` as the document `name` of `scope`. A part takes its variables' values
// from the including stage's params (each checked against its declaration, errors at
// that param); the top graph from `overrides`.
LoadedDocument load_graph_document(const std::string& yaml, const std::string& name,
                                   const GraphLoader::EnvironmentLookup& env, const DocumentScope& scope,
                                   const std::map<std::string, std::string>& overrides, VariableSource source);

}  // namespace reelflow::framework
