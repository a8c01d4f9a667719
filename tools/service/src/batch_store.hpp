#pragma once
// Batches in Redis: a hash per batch naming its jobs and their topics
// (<prefix>:batch:<id>) and their ids by creation time (<prefix>:batches); the
// jobs themselves are ordinary jobs (JobStore).
#include "job_keys.hpp"
#include "job_store.hpp"
#include "redis_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reelflow::service {

struct Batch {
  std::string id;
  std::string graph;
  double created_at = 0;
  std::vector<std::string> topics;
  std::vector<std::string> job_ids;  // job_ids[i] makes topics[i]
};

class BatchStore {
 public:
  BatchStore(RedisConnection& redis, JobKeys keys) : redis_(redis), keys_(std::move(keys)) {}

  // Keeps the newest kMaxBatches records: an older one is forgotten (its jobs stay,
  // ordinary jobs kept until deleted), so records cannot pile up without bound.
  static constexpr std::size_t kMaxBatches = 1000;
  void create(const Batch& batch);
  std::optional<Batch> get(const std::string& id);
  // Forgets a batch and its jobs (their hashes, events and listing) at once, or
  // nothing while one of them is queued or running; the jobs' files are the caller's.
  DeleteResult remove(const Batch& batch);

 private:
  RedisConnection& redis_;
  JobKeys keys_;
};

}  // namespace reelflow::service
