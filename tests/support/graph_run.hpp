#pragma once
// Runs a YAML graph through the embedding API with the build's plugins and the
// stream test stages (tests/test_plugins/test_streams.cpp), collecting every
// event: for tests of the runtime and of stream stages in a real segment.
#include <reelflow/runtime.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace reelflow::testing {

struct GraphRun {
  bool loaded = false;
  std::string load_errors;  // the validator's diagnostics when !loaded
  RunResult result;
  std::vector<Event> events;

  std::vector<Event> of_kind(EventKind kind, const std::string& stage = {}) const;
  // The text of a Text output `stage.port` ("" when absent).
  std::string text_output(const std::string& port) const;
};

struct GraphRunOptions {
  std::map<std::string, std::string> variables = {};
  std::filesystem::path output_dir = {};  // default: <dir>/out
  std::vector<StreamTap> stream_taps = {};
  // Called on the run's thread for each event, with a way to cancel the run.
  std::function<void(const Event&, const std::function<void()>& cancel)> on_event = {};
};

GraphRun run_graph_yaml(const std::string& yaml, const std::filesystem::path& dir, GraphRunOptions options = {});
// A graph file, loaded as `reelflow run` loads it (its sub-graphs read beside it).
GraphRun run_graph_file(const std::filesystem::path& file, const std::filesystem::path& dir, GraphRunOptions options = {});

// The validator's verdict only: "" when the graph is valid.
std::string graph_errors(const std::string& yaml, const std::string& name = "g.yaml");

}  // namespace reelflow::testing
