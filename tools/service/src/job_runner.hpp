#pragma once
// Runs one delivered job: begins it under a fresh lease, runs its graph, renews the
// lease while it runs (and obeys cancel requests and the timeout), then stores the
// outputs and records the outcome. Outputs of an attempt that lost its lease are
// deleted: only the attempt that finishes under its lease counts.
#include "job_queue.hpp"
#include "stream_stats_board.hpp"
#include "worker.hpp"

#include <atomic>
#include <chrono>
#include <string>

namespace reelflow::service {

class JobRunner {
 public:
  JobRunner(const Runtime& runtime, const WorkerOptions& options, RedisConnection& redis, JobQueue& queue,
            const std::atomic<bool>& stopping, StreamStatsBoard& stats)
      : runtime_(runtime), options_(options), redis_(redis), queue_(queue), stopping_(stopping), stats_(stats) {}

  // Returns true when the job ran (whatever its outcome).
  bool run(const Delivery& delivery);

 private:
  // Why a run was stopped before it ended by itself.
  enum class Stop { None, Lost, Cancelled, TimedOut, Released };
  // Waits for the run, renewing the lease; cancels it when the lease is lost, a
  // cancel is requested, the timeout passes or the worker stops.
  Stop supervise(RunHandle& run, const Delivery& delivery, const std::string& lease, std::chrono::seconds timeout);

  const Runtime& runtime_;
  const WorkerOptions& options_;
  RedisConnection& redis_;
  JobQueue& queue_;
  const std::atomic<bool>& stopping_;
  StreamStatsBoard& stats_;
};

}  // namespace reelflow::service
