#pragma once
// The graphs a service accepts jobs for: an allow-list of graph files, by name
// (the file name without .yaml), with their descriptions and variable
// declarations (what a job may set, for the API and the page's form). Each file
// is read and loaded when the catalog is built; a job stores the text (and its
// sub-graphs' texts). A directory's *.yaml are listed, not its subdirectories: the
// parts that `type: graph` stages include (graphs/parts/) are not offered as jobs.
#include "graph/graph_parts.hpp"
#include "graph/variable.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::service {

struct CatalogGraph {
  std::string name;
  std::filesystem::path file;
  std::string yaml;
  framework::GraphPartTexts parts;  // the files its `type: graph` stages read, as read at start-up
  std::string description;
  std::vector<framework::VariableDeclaration> variables;  // in file order
};

class GraphCatalog {
 public:
  // `entries` are files (name = stem), directories (every *.yaml in them), or
  // name=path. Throws std::runtime_error naming the entry that cannot be read or
  // loaded (with the loader's file:line:col errors): a broken allow-list stops the
  // server at start-up, not each job.
  static GraphCatalog from_entries(const std::vector<std::string>& entries);

  const CatalogGraph* find(const std::string& name) const;
  const std::map<std::string, CatalogGraph>& graphs() const { return graphs_; }

 private:
  void add(const std::string& name, const std::filesystem::path& file);
  std::map<std::string, CatalogGraph> graphs_;
};

}  // namespace reelflow::service
