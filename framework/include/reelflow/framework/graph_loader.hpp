#pragma once
// Reads a graph from YAML: structure, keys, ids, `${var}` and `${env:NAME}`
// substitution. Everything it finds wrong is returned at once, with locations.
#include <reelflow/framework/diagnostic.hpp>
#include <reelflow/framework/graph.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace reelflow::framework {

struct GraphLoadResult {
  std::optional<Graph> graph;  // set when diagnostics is empty
  Diagnostics diagnostics;
  bool ok() const { return graph.has_value() && diagnostics.empty(); }
};

class GraphLoader {
 public:
  using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;

  static constexpr std::size_t kMaxGraphBytes = 4u << 20;

  GraphLoader();
  // For tests: resolve ${env:NAME} through `lookup` instead of the process environment.
  explicit GraphLoader(EnvironmentLookup lookup);

  // `overrides` replace the graph's declared variables (--set name=value).
  GraphLoadResult load_file(const std::filesystem::path& file,
                            const std::map<std::string, std::string>& overrides = {}) const;
  GraphLoadResult load_string(const std::string& yaml, const std::string& name,
                              const std::map<std::string, std::string>& overrides = {}) const;

 private:
  EnvironmentLookup env_;
};

}  // namespace reelflow::framework
