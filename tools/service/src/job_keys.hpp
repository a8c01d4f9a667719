#pragma once
// The Redis keys of one service deployment. Every key starts with the same prefix,
// so several deployments can share a Redis server (docs/service.md, "Redis layout").
#include <string>

namespace reelflow::service {

struct JobKeys {
  std::string prefix = "reelflow";

  static constexpr const char* kGroup = "workers";  // the queue's consumer group

  std::string queue() const { return prefix + ":queue"; }              // stream: job=<id>
  std::string jobs() const { return prefix + ":jobs"; }                // zset: id by creation time
  std::string job(const std::string& id) const { return prefix + ":job:" + id; }  // hash
  std::string events(const std::string& id) const { return prefix + ":job:" + id + ":events"; }  // stream
  std::string batch(const std::string& id) const { return prefix + ":batch:" + id; }  // hash
  std::string batches() const { return prefix + ":batches"; }         // zset: batch id by creation time
  std::string dead() const { return prefix + ":dead"; }                // stream: jobs that gave up
  std::string completions() const { return prefix + ":completions"; }  // stream: one entry per success
  std::string stats() const { return prefix + ":stats"; }              // hash of counters
};

}  // namespace reelflow::service
