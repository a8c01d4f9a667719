#pragma once
// Forwards a run's events to the job's event stream in Redis, where the API's SSE
// route reads them. Progress is thinned to a few updates a second per stage: a
// browser needs no more, and Redis should not take one write per video frame.
#include "job_keys.hpp"
#include "redis_connection.hpp"

#include <reelflow/runtime.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace reelflow::service {

class JobEventPublisher {
 public:
  JobEventPublisher(const RedisEndpoint& endpoint, const JobKeys& keys, std::string job_id);

  // Called on the run's threads, one at a time; never throws (a lost event must not
  // fail the job).
  void publish(const Event& event);

 private:
  std::mutex mutex_;
  std::optional<RedisConnection> redis_;
  RedisEndpoint endpoint_;
  std::string stream_;
  std::string job_id_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_progress_;
};

}  // namespace reelflow::service
