#include <reelflow/runtime.hpp>

#include <reelflow/framework/graph_loader.hpp>
#include <reelflow/framework/graph_validator.hpp>
#include <reelflow/framework/pipeline_runner.hpp>
#include <reelflow/framework/scheduler.hpp>

#include "sandbox/confined_run.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
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
};

struct RunHandle::State {
  std::shared_ptr<const framework::ExecutionPlan> plan;  // outlives the run
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

const framework::StageRegistry& Runtime::registry() const { return impl_->registry; }
const std::vector<std::shared_ptr<const PluginInfo>>& Runtime::plugins() const { return impl_->loader.plugins(); }
const std::vector<PluginFailure>& Runtime::plugin_failures() const { return impl_->loader.failures(); }

LoadedGraph Runtime::validate(framework::GraphLoadResult loaded, std::shared_ptr<const LoadedGraph::Source> source) const {
  LoadedGraph out;
  auto validated = framework::GraphValidator(impl_->registry).validate(std::move(loaded));
  if (!validated.ok()) {
    out.diagnostics_ = std::move(validated.diagnostics);
    return out;
  }
  out.plan_ = std::make_shared<const framework::ExecutionPlan>(std::move(*validated.plan));
  out.source_ = std::move(source);
  return out;
}

LoadedGraph Runtime::load_graph_file(const std::filesystem::path& file,
                                     const std::map<std::string, std::string>& variables) const {
  auto text = read_graph_text(file);
  if (!text) return validate(framework::GraphLoader().load_file(file, variables), nullptr);
  return load_graph_string(*text, file.string(), variables, GraphEnvironment::Process);
}

LoadedGraph Runtime::load_graph_string(const std::string& yaml, const std::string& name,
                                       const std::map<std::string, std::string>& variables,
                                       GraphEnvironment environment, VariableSource variables_from) const {
  const framework::GraphLoader loader = environment == GraphEnvironment::Process
                                            ? framework::GraphLoader()
                                            : framework::GraphLoader(framework::GraphLoader::EnvironmentLookup{});
  auto source = std::make_shared<const LoadedGraph::Source>(LoadedGraph::Source{yaml, name, variables, environment});
  return validate(loader.load_string(yaml, name, variables, variables_from), std::move(source));
}

RunHandle Runtime::launch(const LoadedGraph& graph, std::function<RunResult(const std::atomic<bool>&)> body) const {
  if (!graph.ok()) throw std::invalid_argument("cannot run a graph that did not validate:\n" + graph.error_text());
  auto state = std::make_shared<RunHandle::State>();
  state->plan = graph.plan_;
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

RunHandle Runtime::start(const LoadedGraph& graph, RunOptions options, EventCallback events) const {
  const framework::ExecutionPlan* plan = graph.ok() ? graph.plan_.get() : nullptr;
  return launch(graph, [plan, options = std::move(options), events = std::move(events)](const std::atomic<bool>& cancel) {
    return framework::Scheduler(*plan, options, events).run(cancel);
  });
}

RunHandle Runtime::start_confined(const LoadedGraph& graph, RunOptions options, Confinement confinement,
                                  EventCallback events) const {
  if (!graph.ok()) return launch(graph, {});  // throws
  if (auto why = confinement_unavailable_reason()) throw std::runtime_error("cannot confine the run: " + *why);
  if (!graph.source_) throw std::invalid_argument("cannot confine a graph without its source text");
  framework::sandbox::ConfinedRunSpec spec;
  spec.request.graph_yaml = graph.source_->yaml;
  spec.request.graph_name = graph.source_->name;
  spec.request.variables = graph.source_->variables;
  spec.request.environment_allowed = graph.source_->environment == GraphEnvironment::Process;
  spec.request.run = std::move(options);
  spec.request.plugin_dirs = impl_->plugin_dirs;
  if (!impl_->index_file.empty()) spec.request.plugin_index_dir = impl_->index_file.parent_path();
  const auto level = spdlog::level::to_string_view(spdlog::get_level());
  spec.request.log_level.assign(level.data(), level.size());
  spec.needs = framework::sandbox::graph_needs(graph.plan());
  if (confinement.warm_spare) spec.spares = impl_->spares();
  spec.confinement = std::move(confinement);
  return launch(graph, [spec = std::move(spec), events = std::move(events)](const std::atomic<bool>& cancel) {
    return framework::sandbox::run_confined(spec, cancel, events);
  });
}

}  // namespace reelflow
