#pragma once
// One Redis reader for every event stream (SSE) this API process serves. It blocks
// in a single XREAD on the event streams of the jobs being watched and, when a job's
// stream grows, wakes that job's watchers; each then reads what it missed with a
// pooled connection, for a moment. So an idle watcher holds no Redis connection, and
// Redis sees one blocked reader however many watch. The number of watchers is
// bounded (serve --max-watchers): past it, watch() refuses.
#include "job_keys.hpp"
#include "redis_pool.hpp"
#include "stream_id.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace reelflow::service {

class EventHub {
 public:
  EventHub(RedisEndpoint endpoint, JobKeys keys, RedisPool& pool, std::size_t max_watchers);
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  class Watch;
  // A place among the watchers of `job`, held as long as the Watch lives; nullptr
  // when every place is taken or the hub has stopped. Throws RedisError.
  std::unique_ptr<Watch> watch(const std::string& job);
  std::size_t watchers() const;
  std::size_t max_watchers() const { return max_watchers_; }
  // Wakes every watcher for good (the server is stopping) and ends the reader.
  void stop();

 private:
  struct WatchedJob {
    std::string key;
    StreamId cursor;            // the last entry the reader has seen
    std::uint64_t version = 0;  // moves when the stream grows or the reader lost Redis
    std::size_t watchers = 0;
    std::condition_variable changed;
  };

  void read_loop();
  // One blocking XREAD over every watched stream; returns false when none is watched.
  bool read_once(RedisConnection& redis);
  void wake_all();  // with mutex_ held
  void leave(const std::shared_ptr<WatchedJob>& job);

  const RedisEndpoint endpoint_;
  const JobKeys keys_;
  RedisPool& pool_;
  const std::size_t max_watchers_;
  mutable std::mutex mutex_;
  std::condition_variable jobs_changed_;
  std::map<std::string, std::shared_ptr<WatchedJob>> jobs_;  // by stream key
  std::size_t watchers_ = 0;
  bool stopped_ = false;
  std::thread reader_;
};

class EventHub::Watch {
 public:
  ~Watch() { hub_.leave(job_); }
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  // Changes whenever the job's stream may have grown: take it, read, then wait on it.
  std::uint64_t version() const;
  // Waits until version() moves past `seen`, the hub stops, or `timeout` passes;
  // true when the version moved.
  bool wait_for_change(std::uint64_t seen, std::chrono::milliseconds timeout);
  bool stopped() const;

 private:
  friend class EventHub;
  Watch(EventHub& hub, std::shared_ptr<WatchedJob> job) : hub_(hub), job_(std::move(job)) {}

  EventHub& hub_;
  std::shared_ptr<WatchedJob> job_;
};

}  // namespace reelflow::service
