// `reelflow serve` and `reelflow worker`: the job service (docs/service.md).
#include "service_commands.hpp"

#include "signal_watcher.hpp"

#include <api_server.hpp>
#include <worker.hpp>

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>

namespace reelflow::cli {
namespace {

using namespace reelflow::service;

WorkerOptions worker_options(const ServiceOptions& o, const RedisEndpoint& redis) {
  WorkerOptions w;
  w.redis = redis;
  w.keys.prefix = o.prefix;
  w.data_dir = o.data_dir;
  w.cache_dir = o.cache_dir;
  w.cache_max_bytes = o.cache_max_bytes;
  w.name = o.worker_name;
  w.concurrency = o.concurrency;
  w.stage_jobs = o.stage_jobs;
  w.job_timeout = std::chrono::seconds(o.job_timeout_s);
  w.claim_idle = std::chrono::milliseconds(static_cast<long long>(o.claim_idle_s * 1000));
  w.no_sandbox = o.no_sandbox;
  return w;
}

// A worker runs each job in a confined child, or refuses to start: exit code 2
// when the kernel cannot confine and --no-sandbox was not given.
std::optional<int> refuse_unconfined(const ServiceOptions& o) {
  if (auto why = worker_sandbox_refusal(o.no_sandbox)) {
    std::cerr << "reelflow: error: " << *why << "\n";
    return kExitInvalidInput;
  }
  if (o.no_sandbox)
    spdlog::warn("--no-sandbox: jobs run unconfined in this process; a crashing stage takes it down and a job "
                 "can read and write whatever this process can");
  return std::nullopt;
}

std::optional<RedisEndpoint> endpoint_of(const ServiceOptions& o) {
  std::string url = o.redis_url;
  if (url.empty()) {
    const char* env = std::getenv("REELFLOW_REDIS_URL");
    url = env ? env : "redis://127.0.0.1:6379";
  }
  try {
    return RedisEndpoint::parse(url);
  } catch (const std::invalid_argument& e) {
    std::cerr << "reelflow: error: --redis: " << e.what() << "\n";
    return std::nullopt;
  }
}

// Blocks until SIGINT or SIGTERM.
void wait_for_signal() {
  std::mutex m;
  std::condition_variable cv;
  bool signalled = false;
  SignalWatcher watcher([&] {
    std::lock_guard lock(m);
    signalled = true;
    cv.notify_all();
  });
  std::unique_lock lock(m);
  cv.wait(lock, [&] { return signalled; });
}

std::string worker_metrics(const Worker& w) {
  return "# HELP reelflow_worker_running_jobs Jobs the embedded worker is running.\n"
         "# TYPE reelflow_worker_running_jobs gauge\nreelflow_worker_running_jobs " +
         std::to_string(w.running_jobs()) +
         "\n# HELP reelflow_worker_slots Jobs the embedded worker may run at once.\n"
         "# TYPE reelflow_worker_slots gauge\nreelflow_worker_slots " +
         std::to_string(w.options().concurrency) + "\n" + w.stream_stats_metrics();
}

}  // namespace

int serve(const CommonOptions& common, const ServiceOptions& options) {
  auto redis = endpoint_of(options);
  if (!redis) return kExitInvalidInput;
  const char* token = std::getenv("REELFLOW_API_TOKEN");
  if (!token || std::string(token).size() < 16) {
    std::cerr << "reelflow: error: set REELFLOW_API_TOKEN to a secret of at least 16 characters "
                 "(e.g. 48 random hex digits; scripts/serve.sh makes one); every route but /healthz needs it\n";
    return kExitInvalidInput;
  }
  const auto colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "reelflow: error: --listen " << options.listen << ": expected host:port\n";
    return kExitInvalidInput;
  }

  ApiOptions api;
  api.token = token;
  api.redis = *redis;
  api.keys.prefix = options.prefix;
  api.data_dir = options.data_dir;
  api.policy.allow_upload = options.allow_graph_upload;
  api.policy.default_max_attempts = options.max_attempts;
  api.max_body_bytes = options.max_body_bytes;
  api.max_watchers = options.max_watchers;
  try {
    api.catalog = GraphCatalog::from_entries(options.graphs);
  } catch (const std::exception& e) {
    std::cerr << "reelflow: error: --graphs: " << e.what() << "\n";
    return kExitInvalidInput;
  }
  if (api.catalog.graphs().empty() && !options.allow_graph_upload)
    spdlog::warn("no graphs allowed (--graphs) and uploads are off: no job can be submitted");

  if (options.embedded_workers > 0)
    if (auto refused = refuse_unconfined(options)) return *refused;
  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = options.cache_dir});
  for (const auto& f : runtime.plugin_failures()) spdlog::warn("plugin not loaded: {}", f.to_string());
  std::unique_ptr<Worker> worker;
  if (options.embedded_workers > 0) {
    auto w = worker_options(options, *redis);
    w.concurrency = options.embedded_workers;
    worker = std::make_unique<Worker>(runtime, std::move(w));
  }
  ApiServer server(runtime, std::move(api), worker ? [&w = *worker] { return worker_metrics(w); } : MetricsSource{});
  int port = 0;
  try {
    port = server.bind(options.listen.substr(0, colon), std::stoi(options.listen.substr(colon + 1)));
  } catch (const std::exception& e) {
    std::cerr << "reelflow: error: " << e.what() << "\n";
    return kExitRuntimeFailure;
  }
  if (worker) worker->start();
  std::thread listener([&server] { server.listen(); });
  std::cout << "reelflow serve: listening on http://" << options.listen.substr(0, colon) << ":" << port
            << (worker ? " with an embedded worker" : "") << std::endl;
  wait_for_signal();
  std::cout << "reelflow serve: stopping" << std::endl;
  server.stop();
  listener.join();
  if (worker) worker->stop();  // running jobs go back to the queue
  return kExitOk;
}

int run_worker(const CommonOptions& common, const ServiceOptions& options) {
  auto redis = endpoint_of(options);
  if (!redis) return kExitInvalidInput;
  if (auto refused = refuse_unconfined(options)) return *refused;
  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = options.cache_dir});
  for (const auto& f : runtime.plugin_failures()) spdlog::warn("plugin not loaded: {}", f.to_string());
  Worker worker(runtime, worker_options(options, *redis));
  worker.start();
  std::cout << "reelflow worker: " << worker.options().name << " taking jobs from " << redis->to_string() << std::endl;
  wait_for_signal();
  std::cout << "reelflow worker: stopping; running jobs go back to the queue" << std::endl;
  worker.stop();
  return kExitOk;
}

}  // namespace reelflow::cli
