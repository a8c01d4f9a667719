#pragma once
// A worker: `concurrency` slots, each a thread with its own Redis connections that
// takes one job at a time from the queue's consumer group, runs it through the
// embedding API, stores its outputs under the data dir, and records the outcome.
// Jobs left pending by a dead worker are claimed after `claim_idle`. Each attempt
// runs in a confined child process (Runtime::start_confined) unless `no_sandbox`.
#include "job_keys.hpp"
#include "redis_connection.hpp"
#include "stream_stats_board.hpp"

#include <reelflow/runtime.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace reelflow::service {

// A worker's confinement: the default one, with a warm spare (each attempt's
// child is started before the attempt; Confinement::warm_spare).
inline Confinement worker_confinement() {
  Confinement confinement;
  confinement.warm_spare = true;
  return confinement;
}

struct WorkerOptions {
  RedisEndpoint redis;
  JobKeys keys;
  std::filesystem::path data_dir = "reelflow-data";  // shared with the API (docs/service.md)
  std::filesystem::path cache_dir;                   // the stage cache; empty: the default
  std::uintmax_t cache_max_bytes = 0;                // trimmed to this after each job (0: no limit)
  std::string name;                                  // consumer name prefix; empty: host-pid
  unsigned concurrency = 1;                          // jobs run at once
  unsigned stage_jobs = 0;                           // stages run at once within a job; 0: cores
  std::chrono::seconds job_timeout{3600};            // unless the job asks for less
  std::chrono::milliseconds claim_idle{60'000};      // a delivery this old without a heartbeat is orphaned
  Confinement confinement = worker_confinement();    // of each attempt's child process
  bool no_sandbox = false;                           // run attempts in this process, unconfined
};

// Why a worker must not start: the kernel cannot confine its jobs (`unavailable`,
// confinement_unavailable_reason()) and it was not told to run them unconfined.
// nullopt: it may start.
std::optional<std::string> worker_sandbox_refusal(
    bool no_sandbox, const std::optional<std::string>& unavailable = confinement_unavailable_reason());

class Worker {
 public:
  // Throws std::runtime_error (worker_sandbox_refusal) when jobs cannot be confined.
  Worker(const Runtime& runtime, WorkerOptions options);
  ~Worker();  // stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void start();
  // Stops taking jobs; running jobs are cancelled and handed back to the queue
  // (not counted as an attempt) so another worker takes them at once. Joins.
  void stop();

  unsigned running_jobs() const { return running_.load(); }
  unsigned long long finished_jobs() const { return finished_.load(); }
  const WorkerOptions& options() const { return options_; }
  // The running stream stages' latest stats, as Prometheus text (GET /metrics).
  std::string stream_stats_metrics() const { return stream_stats_.prometheus(); }

 private:
  void run_slot(unsigned slot);

  const Runtime& runtime_;
  WorkerOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<unsigned> running_{0};
  std::atomic<unsigned long long> finished_{0};
  std::vector<std::thread> slots_;
  StreamStatsBoard stream_stats_;
};

std::string default_worker_name();

}  // namespace reelflow::service
