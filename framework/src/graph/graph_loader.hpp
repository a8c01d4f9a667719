#pragma once
// Reads a graph from YAML: structure, keys, ids, `${var}` and `${env:NAME}`
// substitution. Everything it finds wrong is returned at once, with locations.
#include "graph/diagnostic.hpp"
#include "graph/graph.hpp"
#include "graph/graph_parts.hpp"

#include <reelflow/graph_trust.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace reelflow::framework {

struct GraphLoadResult {
  std::optional<Graph> graph;  // set when diagnostics is empty
  Diagnostics diagnostics;
  // With diagnostics: the graph as far as it could be read (stages with errors of
  // their own marked incomplete), so validation can report its problems too, all
  // at once. Unset when the document could not be walked (malformed YAML, too big).
  std::optional<Graph> partial;
  bool ok() const { return graph.has_value() && diagnostics.empty(); }
};

// Who set the variables' values (public: reelflow/graph_trust.hpp).
using reelflow::VariableSource;

class GraphLoader {
 public:
  using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;

  // Limits on a graph, so broken or hostile input fails with a clear error instead of
  // exhausting the stack, memory or time (docs/reliability.md, "Limits").
  static constexpr std::size_t kMaxGraphBytes = 4u << 20;
  static constexpr std::size_t kMaxStages = 10'000;
  static constexpr int kMaxNestingDepth = 64;              // lists and mappings; the root is level 1
  static constexpr std::size_t kMaxYamlNodes = 1'000'000;  // keys and values, each alias use counted
  static constexpr double kMaxTimeoutS = 7 * 24 * 3600.0;  // a stage's `timeout`
  static constexpr double kMaxBackoffS = 3600.0;           // a stage's `retry: { backoff }`
  static constexpr std::size_t kMaxIdLength = 64;          // a stage id: it names files and directories
  static constexpr std::size_t kMaxVariables = 256;

  GraphLoader();
  // Resolves ${env:NAME} through `lookup` instead of the process environment (tests).
  // An empty lookup forbids ${env:...}: each use is an error. That is for graphs
  // from an untrusted source, whose outputs must not carry this process's secrets.
  explicit GraphLoader(EnvironmentLookup lookup);

  // `overrides` set the graph's declared variables (--set name=value); each is
  // checked against its declaration. A file's `type: graph` stages read their
  // files below its directory (or from `parts`).
  GraphLoadResult load_file(const std::filesystem::path& file, const std::map<std::string, std::string>& overrides = {},
                            VariableSource source = VariableSource::Runner) const;
  GraphLoadResult load_file(const std::filesystem::path& file, const std::map<std::string, std::string>& overrides,
                            VariableSource source, const GraphParts& parts) const;
  // A graph from a string may use `type: graph` only with `parts` that allow it;
  // `name` places them (a part "parts/x.yaml" of "graphs/a.yaml" is shown as
  // "graphs/parts/x.yaml"). `graph_dir`: the directory of the file the text was
  // read from (absolute), which `${graph_dir}` stands for; none for text from
  // elsewhere (an upload).
  GraphLoadResult load_string(const std::string& yaml, const std::string& name,
                              const std::map<std::string, std::string>& overrides = {},
                              VariableSource source = VariableSource::Runner, const GraphParts& parts = {},
                              std::optional<std::string> graph_dir = std::nullopt) const;

  static constexpr const char* kGraphDirVariable = "graph_dir";
  // What `${graph_dir}` is for a graph read from `file`.
  static std::string directory_of(const std::filesystem::path& file);

 private:
  EnvironmentLookup env_;
};

}  // namespace reelflow::framework
