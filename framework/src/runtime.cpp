#include <reelflow/runtime.hpp>

#include <reelflow/framework/graph_loader.hpp>
#include <reelflow/framework/graph_validator.hpp>
#include <reelflow/framework/pipeline_runner.hpp>
#include <reelflow/framework/scheduler.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace reelflow {

namespace {

std::filesystem::path index_file_for(const RuntimeOptions& options) {
  if (!options.use_plugin_index) return {};
  return framework::plugin_index_file(options.cache_dir.empty() ? framework::default_cache_dir() : options.cache_dir);
}

}  // namespace

struct Runtime::Impl {
  explicit Impl(const RuntimeOptions& options) : loader(registry, index_file_for(options)) {}

  framework::StageRegistry registry;
  framework::PluginLoader loader;
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
}

Runtime::~Runtime() = default;

const framework::StageRegistry& Runtime::registry() const { return impl_->registry; }
const std::vector<std::shared_ptr<const PluginInfo>>& Runtime::plugins() const { return impl_->loader.plugins(); }
const std::vector<PluginFailure>& Runtime::plugin_failures() const { return impl_->loader.failures(); }

LoadedGraph Runtime::validate(framework::GraphLoadResult loaded) const {
  LoadedGraph out;
  if (!loaded.ok()) {
    out.diagnostics_ = std::move(loaded.diagnostics);
    return out;
  }
  auto validated = framework::GraphValidator(impl_->registry).validate(std::move(*loaded.graph));
  if (!validated.ok()) {
    out.diagnostics_ = std::move(validated.diagnostics);
    return out;
  }
  out.plan_ = std::make_shared<const framework::ExecutionPlan>(std::move(*validated.plan));
  return out;
}

LoadedGraph Runtime::load_graph_file(const std::filesystem::path& file,
                                     const std::map<std::string, std::string>& variables) const {
  return validate(framework::GraphLoader().load_file(file, variables));
}

LoadedGraph Runtime::load_graph_string(const std::string& yaml, const std::string& name,
                                       const std::map<std::string, std::string>& variables,
                                       GraphEnvironment environment) const {
  const framework::GraphLoader loader = environment == GraphEnvironment::Process
                                            ? framework::GraphLoader()
                                            : framework::GraphLoader(framework::GraphLoader::EnvironmentLookup{});
  return validate(loader.load_string(yaml, name, variables));
}

RunHandle Runtime::start(const LoadedGraph& graph, RunOptions options, EventCallback events) const {
  if (!graph.ok()) throw std::invalid_argument("cannot run a graph that did not validate:\n" + graph.error_text());
  auto state = std::make_shared<RunHandle::State>();
  state->plan = graph.plan_;
  RunHandle::State* raw = state.get();
  state->thread = std::thread([raw, options = std::move(options), events = std::move(events)]() mutable {
    framework::Scheduler scheduler(*raw->plan, std::move(options), std::move(events));
    RunResult result = scheduler.run(raw->cancel);
    std::lock_guard lock(raw->mutex);
    raw->result = std::move(result);
    raw->done = true;
    raw->done_cv.notify_all();
  });
  return RunHandle(std::move(state));
}

}  // namespace reelflow
