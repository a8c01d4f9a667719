#include <reelflow/runtime.hpp>

#include "graph/graph_loader.hpp"
#include "graph/graph_validator.hpp"
#include "plugins/plugin_loader.hpp"
#include "run/graph_description.hpp"
#include "run/pipeline_runner.hpp"
#include "run/runtime_internals.hpp"
#include "run/scheduler.hpp"
#include "sandbox/confined_run.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace reelflow {

namespace {

std::filesystem::path index_file_for(const RuntimeOptions& options) {
  if (!options.use_plugin_index) return {};
  return framework::plugin_index_file(options.cache_dir.empty() ? framework::default_cache_dir() : options.cache_dir);
}

// The graph file's text, when it is readable and small enough for the loader
// (which otherwise says why itself).
std::optional<std::string> read_graph_text(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > framework::GraphLoader::kMaxGraphBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (!in.good() && !in.eof()) return std::nullopt;
  return text;
}

}  // namespace


struct LoadedGraph::Impl {
  // What the graph was loaded from: a confined run's child loads it again.
  struct Source {
    std::string yaml;
    std::string name;
    std::map<std::string, std::string> variables;
    GraphEnvironment environment = GraphEnvironment::Process;
    std::optional<std::string> graph_dir = std::nullopt;  // a graph read from a file: its directory
    GraphPartTexts parts = {};                            // the files its `type: graph` stages read
  };
  std::shared_ptr<const framework::ExecutionPlan> plan;  // null: not valid
  std::shared_ptr<const Source> source;                   // null: not known (unreadable file)
  Diagnostics diagnostics;
};

LoadedGraph::LoadedGraph() : impl_(std::make_shared<const Impl>()) {}
LoadedGraph::~LoadedGraph() = default;
LoadedGraph::LoadedGraph(const LoadedGraph&) = default;
LoadedGraph& LoadedGraph::operator=(const LoadedGraph&) = default;
LoadedGraph::LoadedGraph(LoadedGraph&&) noexcept = default;
LoadedGraph& LoadedGraph::operator=(LoadedGraph&&) noexcept = default;

bool LoadedGraph::ok() const { return impl_ && impl_->plan; }
const Diagnostics& LoadedGraph::diagnostics() const {
  static const Diagnostics none;
  return impl_ ? impl_->diagnostics : none;
}
std::string LoadedGraph::error_text() const { return format_diagnostics(diagnostics()); }
const Diagnostics& LoadedGraph::notes() const {
  static const Diagnostics none;
  return ok() ? impl_->plan->notes : none;
}
GraphDescription LoadedGraph::describe() const {
  return ok() ? framework::describe_graph(impl_->plan->graph) : GraphDescription{};
}

struct RunHandle::State {
  LoadedGraph graph;  // shares the plan, which outlives the run
  std::atomic<bool> cancel{false};
  std::thread thread;
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  RunResult result;

  ~State() {
    cancel.store(true);
    if (thread.joinable()) thread.join();
  }
};

RunHandle::RunHandle(std::shared_ptr<State> state) : state_(std::move(state)) {}
RunHandle::RunHandle(RunHandle&&) noexcept = default;
RunHandle& RunHandle::operator=(RunHandle&&) noexcept = default;
RunHandle::~RunHandle() = default;

void RunHandle::cancel() { state_->cancel.store(true); }

bool RunHandle::finished() const {
  std::lock_guard lock(state_->mutex);
  return state_->done;
}

const RunResult& RunHandle::wait() {
  std::unique_lock lock(state_->mutex);
  state_->done_cv.wait(lock, [&] { return state_->done; });
  return state_->result;
}

struct Runtime::Impl {
  explicit Impl(const RuntimeOptions& options)
      : index_file(index_file_for(options)), loader(registry, index_file) {}

  std::filesystem::path index_file;  // empty: no plugin index
  framework::StageRegistry registry;
  framework::PluginLoader loader;
  std::vector<std::filesystem::path> plugin_dirs;  // searched, in order (a confined child searches these)

  // The warm spare of confined runs, made by the first run that wants one.
  std::shared_ptr<framework::sandbox::SparePool> spares() {
    std::lock_guard lock(spares_mutex);
    if (!spare_pool) spare_pool = std::make_shared<framework::sandbox::SparePool>();
    return spare_pool;
  }
  std::mutex spares_mutex;
  std::shared_ptr<framework::sandbox::SparePool> spare_pool;

  using GraphSource = LoadedGraph::Impl::Source;

  std::shared_ptr<const LoadedGraph::Impl> validate(framework::GraphLoadResult loaded,
                                                    std::shared_ptr<const GraphSource> source) const {
    auto out = std::make_shared<LoadedGraph::Impl>();
    auto validated = framework::GraphValidator(registry).validate(std::move(loaded));
    if (!validated.ok()) {
      out->diagnostics = std::move(validated.diagnostics);
      return out;
    }
    out->plan = std::make_shared<const framework::ExecutionPlan>(std::move(*validated.plan));
    out->source = std::move(source);
    return out;
  }

  std::shared_ptr<const LoadedGraph::Impl> load(const std::string& yaml, const std::string& name,
                                                const std::map<std::string, std::string>& variables,
                                                GraphEnvironment environment, VariableSource variables_from,
                                                const framework::GraphParts& parts,
                                                std::optional<std::string> graph_dir) const {
    const framework::GraphLoader loader = environment == GraphEnvironment::Process
                                              ? framework::GraphLoader()
                                              : framework::GraphLoader(framework::GraphLoader::EnvironmentLookup{});
    auto loaded = loader.load_string(yaml, name, variables, variables_from, parts, graph_dir);
    // The parts as read now: a confined child loads exactly these again.
    GraphPartTexts texts = loaded.graph ? loaded.graph->part_texts : GraphPartTexts{};
    auto source = std::make_shared<const GraphSource>(
        GraphSource{yaml, name, variables, environment, std::move(graph_dir), std::move(texts)});
    return validate(std::move(loaded), std::move(source));
  }

  // Runs `body` on the run's own thread; the handle keeps the graph alive.
  static RunHandle launch(const LoadedGraph& graph, std::function<RunResult(const std::atomic<bool>& cancel)> body) {
    auto state = std::make_shared<RunHandle::State>();
    state->graph = graph;
    RunHandle::State* raw = state.get();
    state->thread = std::thread([raw, body = std::move(body)] {
      RunResult result = body(raw->cancel);
      std::lock_guard lock(raw->mutex);
      raw->result = std::move(result);
      raw->done = true;
      raw->done_cv.notify_all();
    });
    return RunHandle(std::move(state));
  }

  static void require_valid(const LoadedGraph& graph) {
    if (!graph.ok()) throw std::invalid_argument("cannot run a graph that did not validate:\n" + graph.error_text());
  }
};

Runtime::Runtime(RuntimeOptions options) : impl_(std::make_unique<Impl>(options)) {
  framework::ensure_gstreamer_initialized();
  auto dirs = options.plugin_paths;
  if (options.use_default_plugin_paths)
    for (auto& d : framework::default_plugin_directories()) dirs.push_back(std::move(d));
  impl_->loader.load_directories(dirs);
  impl_->plugin_dirs = std::move(dirs);
}

Runtime::~Runtime() {
  // No spare outlives its Runtime; runs still going keep the pool (and the
  // thread their children die with) until they end.
  if (impl_ && impl_->spare_pool) impl_->spare_pool->close();
}

std::vector<StageTypeDescription> Runtime::stage_types() const {
  std::vector<StageTypeDescription> out;
  for (const auto* type : impl_->registry.all())
    out.push_back({type->name, type->plugin ? type->plugin->name : "", type->spec});
  return out;
}

std::vector<PluginDescription> Runtime::plugins() const {
  std::vector<PluginDescription> out;
  for (const auto& p : impl_->loader.plugins())
    out.push_back({p->name, p->version, p->description, p->path, p->stage_types, p->value_types});
  return out;
}

const std::vector<PluginFailure>& Runtime::plugin_failures() const { return impl_->loader.failures(); }


LoadedGraph Runtime::load_graph_file(const std::filesystem::path& file,
                                     const std::map<std::string, std::string>& variables) const {
  auto text = read_graph_text(file);
  LoadedGraph out;
  if (!text) {
    out.impl_ = impl_->validate(framework::GraphLoader().load_file(file, variables), nullptr);
    return out;
  }
  const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  out.impl_ = impl_->load(*text, file.string(), variables, GraphEnvironment::Process, VariableSource::Runner,
                          framework::GraphParts::directory(dir), framework::GraphLoader::directory_of(file));
  return out;
}

LoadedGraph Runtime::load_graph_string(const std::string& yaml, const std::string& name,
                                       const std::map<std::string, std::string>& variables,
                                       GraphEnvironment environment, VariableSource variables_from,
                                       const GraphPartTexts& parts, std::optional<std::string> graph_dir) const {
  LoadedGraph out;
  out.impl_ = impl_->load(yaml, name, variables, environment, variables_from,
                          parts.empty() ? framework::GraphParts() : framework::GraphParts::texts(parts),
                          std::move(graph_dir));
  return out;
}


RunHandle Runtime::start(const LoadedGraph& graph, RunOptions options, EventCallback events) const {
  Impl::require_valid(graph);
  const framework::ExecutionPlan* plan = graph.impl_->plan.get();
  return Impl::launch(graph, [plan, options = std::move(options), events = std::move(events)](const std::atomic<bool>& cancel) {
    return framework::Scheduler(*plan, options, events).run(cancel);
  });
}

RunHandle Runtime::start_confined(const LoadedGraph& graph, RunOptions options, Confinement confinement,
                                  EventCallback events) const {
  Impl::require_valid(graph);
  if (auto why = confinement_unavailable_reason()) throw std::runtime_error("cannot confine the run: " + *why);
  const Impl::GraphSource* source = graph.impl_->source.get();
  if (!source) throw std::invalid_argument("cannot confine a graph without its source text");
  framework::sandbox::ConfinedRunSpec spec;
  spec.request.graph_yaml = source->yaml;
  spec.request.graph_name = source->name;
  spec.request.graph_dir = source->graph_dir;
  spec.request.graph_parts = source->parts;
  spec.request.variables = source->variables;
  spec.request.environment_allowed = source->environment == GraphEnvironment::Process;
  spec.request.run = std::move(options);
  spec.request.plugin_dirs = impl_->plugin_dirs;
  if (!impl_->index_file.empty()) spec.request.plugin_index_dir = impl_->index_file.parent_path();
  const auto level = spdlog::level::to_string_view(spdlog::get_level());
  spec.request.log_level.assign(level.data(), level.size());
  spec.needs = framework::sandbox::graph_needs(*graph.impl_->plan);
  if (confinement.warm_spare) spec.spares = impl_->spares();
  spec.confinement = std::move(confinement);
  return Impl::launch(graph, [spec = std::move(spec), events = std::move(events)](const std::atomic<bool>& cancel) {
    return framework::sandbox::run_confined(spec, cancel, events);
  });
}

const framework::StageRegistry& RuntimeInternals::registry(const Runtime& runtime) { return runtime.impl_->registry; }

const std::vector<std::shared_ptr<const framework::PluginInfo>>& RuntimeInternals::plugins(const Runtime& runtime) {
  return runtime.impl_->loader.plugins();
}

const framework::ExecutionPlan& RuntimeInternals::plan(const LoadedGraph& graph) {
  if (!graph.ok()) throw std::invalid_argument("the graph did not validate:\n" + graph.error_text());
  return *graph.impl_->plan;
}

}  // namespace reelflow
