#pragma once
// The embedding API: load plugins, load and validate graphs, run them
// asynchronously, watch their events, cancel them, and wait for the result.
// Several runs may go on at once in one process; each is independent.
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
#include <reelflow/framework/diagnostic.hpp>
#include <reelflow/framework/event.hpp>
#include <reelflow/framework/execution_plan.hpp>
#include <reelflow/framework/graph_loader.hpp>
#include <reelflow/framework/plugin_loader.hpp>
#include <reelflow/framework/run_options.hpp>
#include <reelflow/framework/stage_registry.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace reelflow {
using framework::Diagnostic;
using framework::Diagnostics;
using framework::Event;
using framework::EventCallback;
using framework::EventKind;
using framework::PluginFailure;
using framework::PluginInfo;
using framework::RunOptions;
using framework::RunOutcome;
using framework::RunResult;
using framework::StageOutcome;
using framework::StageState;
// Who set a graph's variables: a job request may not set a variable the graph
// declares `trusted: true`; whoever runs the graph (a command line, this host) may.
using framework::VariableSource;

// Whether ${env:NAME} in a graph reads this process's environment. A graph from an
// untrusted source (the job service's uploads) gets Forbidden: its outputs would
// otherwise carry this process's secrets.
enum class GraphEnvironment { Process, Forbidden };

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

// A graph that was loaded and validated (or the reasons it was not).
class LoadedGraph {
 public:
  bool ok() const { return plan_ != nullptr; }
  const Diagnostics& diagnostics() const { return diagnostics_; }
  std::string error_text() const { return framework::format_diagnostics(diagnostics_); }
  const framework::ExecutionPlan& plan() const { return *plan_; }

 private:
  friend class Runtime;
  // What the graph was loaded from: a confined run's child loads it again.
  struct Source {
    std::string yaml;
    std::string name;
    std::map<std::string, std::string> variables;
    GraphEnvironment environment = GraphEnvironment::Process;
  };
  std::shared_ptr<const framework::ExecutionPlan> plan_;
  std::shared_ptr<const Source> source_;
  Diagnostics diagnostics_;
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

  const framework::StageRegistry& registry() const;
  const std::vector<std::shared_ptr<const PluginInfo>>& plugins() const;
  const std::vector<PluginFailure>& plugin_failures() const;

  LoadedGraph load_graph_file(const std::filesystem::path& file,
                              const std::map<std::string, std::string>& variables = {}) const;
  LoadedGraph load_graph_string(const std::string& yaml, const std::string& name = "<string>",
                                const std::map<std::string, std::string>& variables = {},
                                GraphEnvironment environment = GraphEnvironment::Process,
                                VariableSource variables_from = VariableSource::Runner) const;

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
  LoadedGraph validate(framework::GraphLoadResult loaded, std::shared_ptr<const LoadedGraph::Source> source) const;
  RunHandle launch(const LoadedGraph& graph, std::function<RunResult(const std::atomic<bool>& cancel)> body) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reelflow
