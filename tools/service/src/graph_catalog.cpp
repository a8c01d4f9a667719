#include "graph_catalog.hpp"

#include "graph/graph_loader.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace reelflow::service {
namespace fs = std::filesystem;

void GraphCatalog::add(const std::string& name, const fs::path& file) {
  static const std::regex kName(R"([A-Za-z0-9][A-Za-z0-9_.-]{0,63})");
  if (!std::regex_match(name, kName))
    throw std::runtime_error("graph name '" + name + "' (from " + file.string() + "): use letters, digits, . _ -");
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read graph " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  CatalogGraph g{name, fs::absolute(file), text.str(), {}, {}, {}};
  // The same loader as every job's: ${env:...} is not read here (the API process
  // need not hold the workers' keys), only the declarations are kept.
  const framework::GraphLoader loader([](const std::string& env) { return std::optional<std::string>("<" + env + ">"); });
  const auto dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  auto loaded = loader.load_string(g.yaml, file.string(), {}, framework::VariableSource::Runner,
                                   framework::GraphParts::directory(dir), framework::GraphLoader::directory_of(file));
  if (!loaded.ok())
    throw std::runtime_error("allowed graph '" + name + "' does not load:\n" +
                             framework::format_diagnostics(loaded.diagnostics));
  g.description = loaded.graph->description;
  g.parts = std::move(loaded.graph->part_texts);
  for (auto& v : loaded.graph->variables) g.variables.push_back(std::move(v.declaration));
  graphs_[name] = std::move(g);
}

GraphCatalog GraphCatalog::from_entries(const std::vector<std::string>& entries) {
  GraphCatalog catalog;
  for (const auto& entry : entries) {
    const auto eq = entry.find('=');
    if (eq != std::string::npos) {
      catalog.add(entry.substr(0, eq), entry.substr(eq + 1));
    } else if (fs::is_directory(entry)) {
      std::vector<fs::path> files;
      for (const auto& f : fs::directory_iterator(entry))
        if (f.path().extension() == ".yaml" || f.path().extension() == ".yml") files.push_back(f.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) catalog.add(f.stem().string(), f);
    } else {
      catalog.add(fs::path(entry).stem().string(), entry);
    }
  }
  return catalog;
}

const CatalogGraph* GraphCatalog::find(const std::string& name) const {
  auto it = graphs_.find(name);
  return it == graphs_.end() ? nullptr : &it->second;
}

}  // namespace reelflow::service
