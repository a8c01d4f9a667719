#pragma once
// The embedding API: load plugins, load and validate graphs, run them
// asynchronously, watch their events, cancel them, and wait for the result.
// Several runs may go on at once in one process; each is independent.
// It needs only the C++ standard library (docs/embedding.md lists the public headers).
//
//   reelflow::Runtime runtime;                       // default plugin paths
//   auto graph = runtime.load_graph_file("graphs/short-video.yaml", {{"topic", "Bees"}});
//   if (!graph.ok()) { std::cerr << graph.error_text(); return 2; }
//   auto run = runtime.start(graph, {.output_dir = "out"}, [](const reelflow::Event& e) { ... });
//   reelflow::RunResult result = run.wait();          // or run.cancel()
//
// start_confined() runs the graph in a sandboxed child process instead
// (reelflow/confinement.hpp); the handle and the events are the same.
#include <reelflow/confinement.hpp>
#include <reelflow/diagnostics.hpp>
#include <reelflow/events.hpp>
#include <reelflow/graph_description.hpp>
#include <reelflow/graph_trust.hpp>
#include <reelflow/plugins.hpp>
#include <reelflow/run_options.hpp>
#include <reelflow/run_result.hpp>
#include <reelflow/stage_type_description.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reelflow {
// The texts of the files a graph's `type: graph` stages name, by their paths
// relative to the graph's directory ("parts/render.yaml").
using GraphPartTexts = std::map<std::string, std::string>;

struct RuntimeInternals;  // the in-tree tools' way to the runtime's internals (not installed)

struct RuntimeOptions {
  std::vector<std::filesystem::path> plugin_paths;  // searched first
  bool use_default_plugin_paths = true;             // then REELFLOW_PLUGIN_PATH, build and install dirs
  // Where the plugin index is kept (<cache_dir>/plugin-index-v2.json); empty:
  // $XDG_CACHE_HOME/reelflow or ~/.cache/reelflow, as for the stage cache.
  std::filesystem::path cache_dir = {};
  // Plugins unchanged since they were indexed are opened only when a graph uses
  // them. REELFLOW_PLUGIN_INDEX=off in the environment turns it off as well.
  bool use_plugin_index = true;
};

// A graph that was loaded and validated (or the reasons it was not). Cheap to
// copy: copies share the validated graph.
class LoadedGraph {
 public:
  LoadedGraph();
  ~LoadedGraph();
  LoadedGraph(const LoadedGraph&);
  LoadedGraph& operator=(const LoadedGraph&);
  LoadedGraph(LoadedGraph&&) noexcept;
  LoadedGraph& operator=(LoadedGraph&&) noexcept;

  bool ok() const;
  const Diagnostics& diagnostics() const;
  std::string error_text() const;  // the diagnostics, one per line
  // What validation accepted but a reader should know (e.g. a file probed as a video); empty unless ok().
  const Diagnostics& notes() const;
  // Its stages and variables; empty unless ok().
  GraphDescription describe() const;

 private:
  friend class Runtime;
  friend struct RuntimeInternals;
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// A run in progress. Destroying it cancels the run and waits for it.
class RunHandle {
 public:
  RunHandle(RunHandle&&) noexcept;
  RunHandle& operator=(RunHandle&&) noexcept;
  ~RunHandle();

  void cancel();
  bool finished() const;
  // Blocks until the run ends; may be called more than once.
  const RunResult& wait();

 private:
  friend class Runtime;
  struct State;
  explicit RunHandle(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  std::vector<StageTypeDescription> stage_types() const;  // by name
  std::vector<PluginDescription> plugins() const;
  const std::vector<PluginFailure>& plugin_failures() const;

  // A graph file's `type: graph` stages read their files below its directory.
  LoadedGraph load_graph_file(const std::filesystem::path& file,
                              const std::map<std::string, std::string>& variables = {}) const;
  // A graph's text, with the texts of the files its `type: graph` stages name, by
  // their paths relative to its directory (a graph without `parts` may not have
  // such stages: text from an untrusted source must not name files).
  LoadedGraph load_graph_string(const std::string& yaml, const std::string& name = "<string>",
                                const std::map<std::string, std::string>& variables = {},
                                GraphEnvironment environment = GraphEnvironment::Process,
                                VariableSource variables_from = VariableSource::Runner,
                                const GraphPartTexts& parts = {},
                                // The directory of the file the text came from, which
                                // ${graph_dir} stands for; none for text from elsewhere.
                                std::optional<std::string> graph_dir = std::nullopt) const;

  // Starts the run on its own thread; events arrive on that run's threads, one at a time.
  RunHandle start(const LoadedGraph& graph, RunOptions options = {}, EventCallback events = {}) const;

  // Starts the run in a confined child process (`confinement.child_program`,
  // or a warm spare of it) with this runtime's plugin directories. Events arrive on the
  // run's own thread. A crash or kill of the child fails the run with a message
  // naming the stages that were running; it never affects this process.
  // Throws std::runtime_error when the kernel cannot confine a run
  // (confinement_unavailable_reason()).
  RunHandle start_confined(const LoadedGraph& graph, RunOptions options, Confinement confinement,
                           EventCallback events = {}) const;

 private:
  friend struct RuntimeInternals;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reelflow
