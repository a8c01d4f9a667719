#pragma once
// The worker side of the job service: take jobs from the Redis stream's consumer
// group, take over jobs left pending by a dead worker (XAUTOCLAIM), keep a lease on
// the job being run, and record how it ended. A job is acknowledged only by
// finish(), after its outputs are stored.
#include "job_keys.hpp"
#include "redis_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reelflow::service {

// One delivery of a queue entry to this consumer.
struct Delivery {
  std::string entry;  // the stream entry id
  std::string job_id;
};

struct BeginResult {
  enum class Kind { Run, Skip, DeadLettered } kind = Kind::Skip;
  int attempt = 0;     // Run: 1 for the first attempt
  std::string detail;  // Skip: the job's state; DeadLettered: why
};

enum class Lease { Held, CancelRequested, Lost };

enum class JobOutcome { Succeeded, Cancelled, Failed, FailedFinal, Released };

class JobQueue {
 public:
  JobQueue(RedisConnection& redis, JobKeys keys, std::string consumer)
      : redis_(redis), keys_(std::move(keys)), consumer_(std::move(consumer)) {}

  // An entry pending longer than min_idle_ms on another consumer (its worker is
  // gone or stuck), now delivered to this one.
  std::optional<Delivery> claim_stale(long long min_idle_ms);
  // A new entry, waiting up to block_ms.
  std::optional<Delivery> read_new(int block_ms);

  BeginResult begin(const Delivery& d, const std::string& lease);
  // Renews the delivery (resets its idle time) while the lease is ours.
  Lease keep_alive(const Delivery& d, const std::string& lease);
  // Records the outcome and acknowledges the entry; false when the lease was lost,
  // in which case nothing was recorded and the outputs must be discarded.
  bool finish(const Delivery& d, const std::string& lease, JobOutcome outcome, const std::string& error = {},
              const std::string& output_dir = {}, const std::vector<std::string>& outputs = {});
  // Leaves the group (on a clean shutdown, when nothing is pending on this consumer).
  void leave();

  const std::string& consumer() const { return consumer_; }

 private:
  std::optional<Delivery> first_entry(const redisReply* entries);

  RedisConnection& redis_;
  JobKeys keys_;
  std::string consumer_;
  std::string claim_cursor_ = "0-0";
};

}  // namespace reelflow::service
