#pragma once
// The latest stage_stats of every stream stage this worker is running, for
// GET /metrics (Prometheus gauges labelled by job and stage). A stage leaves the
// board when it finishes, fails or is stopped, and a job when its run ends.
#include <reelflow/runtime.hpp>

#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace reelflow::service {

class StreamStatsBoard {
 public:
  void on_event(const std::string& job_id, const Event& event);
  // Prometheus text: reelflow_stage_fps, _latency_ms, _queue_fill, _dropped_total.
  std::string prometheus() const;

 private:
  struct Entry {
    std::string type;
    StreamStats stats;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Entry> entries_;  // (job, stage)
};

}  // namespace reelflow::service
