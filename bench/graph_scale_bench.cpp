// graph_scale_bench: times plugin discovery, graph loading (YAML → Graph) and
// validation (Graph → ExecutionPlan) in-process, without running anything.
//
//   graph_scale_bench --plugin-dir DIR [--plugin-dir DIR...] [--repeat N] [graph.yaml...]
//
// Prints one JSON object: discovery time (once: a library is only really loaded the
// first time a process opens it), then per graph the median load and validate times
// over N repeats, with every sample.
#include "graph/graph_loader.hpp"
#include "graph/graph_validator.hpp"
#include "plugins/plugin_loader.hpp"
#include "plugins/stage_registry.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace reelflow::framework;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

struct Options {
  std::vector<std::filesystem::path> plugin_dirs;
  std::vector<std::filesystem::path> graphs;
  int repeat = 5;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--plugin-dir" && i + 1 < argc) o.plugin_dirs.emplace_back(argv[++i]);
    else if (a == "--repeat" && i + 1 < argc) o.repeat = std::max(1, std::stoi(argv[++i]));
    else if (!a.empty() && a[0] == '-') return false;
    else o.graphs.emplace_back(a);
  }
  return !o.plugin_dirs.empty();
}

// Loads and validates one graph `repeat` times; fails on the first invalid result.
nlohmann::json time_graph(const std::filesystem::path& file, const StageRegistry& registry, int repeat) {
  nlohmann::json out{{"file", file.string()}};
  std::vector<double> load_ms, validate_ms;
  std::size_t stages = 0;
  const GraphLoader loader;
  const GraphValidator validator(registry);
  for (int r = 0; r < repeat; ++r) {
    auto start = Clock::now();
    GraphLoadResult loaded = loader.load_file(file);
    load_ms.push_back(ms_since(start));
    if (!loaded.ok()) {
      out["error"] = format_diagnostics(loaded.diagnostics);
      return out;
    }
    stages = loaded.graph->stages.size();
    start = Clock::now();
    ValidationResult valid = validator.validate(std::move(*loaded.graph));
    validate_ms.push_back(ms_since(start));
    if (!valid.ok()) {
      out["error"] = format_diagnostics(valid.diagnostics);
      return out;
    }
  }
  out["stages"] = stages;
  out["load_ms"] = median(load_ms);
  out["validate_ms"] = median(validate_ms);
  out["total_ms"] = median(load_ms) + median(validate_ms);
  out["load_samples_ms"] = load_ms;
  out["validate_samples_ms"] = validate_ms;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::cerr << "usage: graph_scale_bench --plugin-dir DIR [--plugin-dir DIR...] [--repeat N] [graph.yaml...]\n";
    return 2;
  }
  StageRegistry registry;
  PluginLoader plugins(registry);
  const auto start = Clock::now();
  plugins.load_directories(options.plugin_dirs);
  const double discovery_ms = ms_since(start);

  nlohmann::json out{{"discovery_ms", discovery_ms},
                     {"plugins", plugins.plugins().size()},
                     {"stage_types", registry.all().size()},
                     {"failures", plugins.failures().size()},
                     {"graphs", nlohmann::json::array()}};
  for (const auto& f : plugins.failures()) out["failure_reasons"].push_back(f.to_string());
  int status = 0;
  for (const auto& graph : options.graphs) {
    auto result = time_graph(graph, registry, options.repeat);
    if (result.contains("error")) status = 1;
    out["graphs"].push_back(std::move(result));
  }
  std::cout << out.dump(2) << "\n";
  return status;
}
