#pragma once
// One client's Server-Sent Events stream of one job's events. Each step writes what
// is new since the client's cursor, or waits on the EventHub until the job's stream
// grows (no Redis connection is held while waiting); a keep-alive comment goes out
// after 15 s of silence. The stream ends after the job's final event (job_finished),
// or at once for a job already over when nothing is left to send.
#include "event_hub.hpp"
#include "job_keys.hpp"
#include "redis_pool.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace httplib {
class DataSink;
}

namespace reelflow::service {

struct JobEvent;

class EventStreamer {
 public:
  // `cursor`: the id of the last event the client has ("0": none).
  EventStreamer(RedisPool& pool, JobKeys keys, std::string job, std::string cursor,
                std::unique_ptr<EventHub::Watch> watch);

  // One step of the response (httplib calls it until the sink is done); false ends
  // the response early (the client left).
  bool step(httplib::DataSink& sink);

 private:
  // The events after the cursor; with `check_end`, also whether the job is over.
  std::vector<JobEvent> read(bool check_end);
  bool send(httplib::DataSink& sink, const std::vector<JobEvent>& events);

  RedisPool& pool_;
  const JobKeys keys_;
  const std::string job_;
  std::string cursor_;
  std::unique_ptr<EventHub::Watch> watch_;
  std::uint64_t seen_ = 0;
  bool started_ = false;
  bool more_ = false;  // the last read was full: read again before waiting
  bool finished_ = false;
  std::chrono::steady_clock::time_point last_write_ = std::chrono::steady_clock::now();
};

}  // namespace reelflow::service
