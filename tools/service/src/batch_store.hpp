#pragma once
// Batches in Redis: a hash per batch naming its jobs and their topics
// (<prefix>:batch:<id>); the jobs themselves are ordinary jobs (JobStore).
#include "job_keys.hpp"
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

  void create(const Batch& batch);
  std::optional<Batch> get(const std::string& id);

 private:
  RedisConnection& redis_;
  JobKeys keys_;
};

}  // namespace reelflow::service
