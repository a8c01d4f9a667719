#pragma once
// The API side of the job service: submit, look up, list and cancel jobs, and read
// their event streams. Every change goes through one atomic script (job_scripts).
#include "job.hpp"
#include "job_keys.hpp"
#include "redis_connection.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::service {

struct JobEvent {
  std::string id;    // the Redis stream entry id: the SSE event id, to resume from
  std::string data;  // one JSON object
};

enum class CancelResult { Cancelled, Cancelling, AlreadyFinished, NotFound };
enum class DeleteResult { Deleted, StillActive, NotFound };

struct QueueStats {
  std::map<std::string, long long> counters;  // submitted, succeeded, failed, ...
  long long queue_length = 0;  // entries waiting or being worked on
  long long pending = 0;       // delivered to a worker and not yet acknowledged
  long long dead_letters = 0;
  long long consumers = 0;
};

class JobStore {
 public:
  JobStore(RedisConnection& redis, JobKeys keys) : redis_(redis), keys_(std::move(keys)) {}

  // Creates the queue and its consumer group when missing (idempotent).
  void ensure_queue();
  void submit(const Job& job);
  std::optional<Job> get(const std::string& id);
  // The job without its graph text (which an uploaded graph makes up to --max-body long).
  std::optional<Job> summary(const std::string& id);
  // Only the job's state; nullopt when there is no such job.
  std::optional<JobState> state(const std::string& id);
  // Newest first, without their graph text. With a state, at most kMaxListScan jobs
  // are looked at: a filter that matches few jobs of many does not read them all.
  std::vector<Job> list(std::size_t limit, std::optional<JobState> state = std::nullopt);
  static constexpr std::size_t kMaxListScan = 10000;
  CancelResult cancel(const std::string& id);
  // Forgets a finished job (its hash, events and listing); its files are the caller's.
  DeleteResult remove(const std::string& id);
  // Events after `after` ("0" for all), at most kEventsPerRead, waiting up to block_ms for one to arrive.
  static constexpr std::size_t kEventsPerRead = 200;
  std::vector<JobEvent> read_events(const std::string& id, const std::string& after, int block_ms);
  QueueStats stats();
  void ping();

  const JobKeys& keys() const { return keys_; }

 private:
  RedisConnection& redis_;
  JobKeys keys_;
};

}  // namespace reelflow::service
