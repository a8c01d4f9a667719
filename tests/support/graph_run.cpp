#include "graph_run.hpp"

#include <mutex>

namespace reelflow::testing {
namespace {

Runtime& shared_runtime() {
  static Runtime runtime(RuntimeOptions{{REELFLOW_BUILD_PLUGIN_DIR, std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / "good",
                                         std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / "streams"},
                                        false});
  return runtime;
}

}  // namespace

std::vector<Event> GraphRun::of_kind(EventKind kind, const std::string& stage) const {
  std::vector<Event> out;
  for (const auto& e : events)
    if (e.kind == kind && (stage.empty() || e.stage_id == stage)) out.push_back(e);
  return out;
}

std::string GraphRun::text_output(const std::string& port) const {
  auto it = result.outputs.find(port);
  if (it == result.outputs.end()) return "";
  const auto* text = std::get_if<Text>(&it->second);
  return text ? text->text : "";
}

namespace {

GraphRun run_loaded_graph(const LoadedGraph& graph, const std::filesystem::path& dir, GraphRunOptions options) {
  GraphRun run;
  if (!graph.ok()) {
    run.load_errors = graph.error_text();
    return run;
  }
  run.loaded = true;
  RunOptions run_options;
  run_options.output_dir = options.output_dir.empty() ? dir / "out" : options.output_dir;
  run_options.cache_dir = dir / "cache";
  run_options.stream_taps = options.stream_taps;
  std::mutex mutex;
  std::function<void()> cancel;
  RunHandle* handle_ptr = nullptr;
  auto handle = shared_runtime().start(graph, run_options, [&](const Event& e) {
    std::function<void()> cancel_now;
    {
      std::lock_guard lock(mutex);
      run.events.push_back(e);
      cancel_now = cancel;
    }
    if (options.on_event) options.on_event(e, cancel_now ? cancel_now : [] {});
  });
  {
    std::lock_guard lock(mutex);
    handle_ptr = &handle;
    cancel = [handle_ptr] { handle_ptr->cancel(); };
  }
  run.result = handle.wait();  // every event was delivered before the run's result
  return run;
}

}  // namespace

GraphRun run_graph_yaml(const std::string& yaml, const std::filesystem::path& dir, GraphRunOptions options) {
  auto graph = shared_runtime().load_graph_string(yaml, "g.yaml", options.variables);
  return run_loaded_graph(graph, dir, std::move(options));
}

GraphRun run_graph_file(const std::filesystem::path& file, const std::filesystem::path& dir, GraphRunOptions options) {
  auto graph = shared_runtime().load_graph_file(file, options.variables);
  return run_loaded_graph(graph, dir, std::move(options));
}

std::string graph_errors(const std::string& yaml, const std::string& name) {
  auto graph = shared_runtime().load_graph_string(yaml, name);
  return graph.ok() ? "" : graph.error_text();
}

}  // namespace reelflow::testing
