#include "event_hub.hpp"

#include <spdlog/spdlog.h>

namespace reelflow::service {
namespace {

// How long one XREAD blocks: a newly watched job joins the read within this time.
// Its events are not missed meanwhile (its cursor was fixed when it was first
// watched), only delivered that much later.
constexpr int kBlockMs = 500;
constexpr int kEntriesPerRead = 100;

}  // namespace

EventHub::EventHub(RedisEndpoint endpoint, JobKeys keys, RedisPool& pool, std::size_t max_watchers)
    : endpoint_(std::move(endpoint)), keys_(std::move(keys)), pool_(pool), max_watchers_(max_watchers) {
  reader_ = std::thread([this] { read_loop(); });
}

EventHub::~EventHub() { stop(); }

void EventHub::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    wake_all();
  }
  jobs_changed_.notify_all();
  if (reader_.joinable() && reader_.get_id() != std::this_thread::get_id()) reader_.join();
}

std::size_t EventHub::watchers() const {
  std::lock_guard lock(mutex_);
  return watchers_;
}

std::unique_ptr<EventHub::Watch> EventHub::watch(const std::string& job) {
  const std::string key = keys_.events(job);
  {
    std::lock_guard lock(mutex_);
    if (stopped_ || watchers_ >= max_watchers_) return nullptr;
    ++watchers_;  // the place is taken now; given back below if Redis fails
    if (auto it = jobs_.find(key); it != jobs_.end()) {
      ++it->second->watchers;
      return std::unique_ptr<Watch>(new Watch(*this, it->second));
    }
  }
  // The stream's last entry now: what comes later wakes the job's watchers, what is
  // there already each watcher reads for itself after this.
  StreamId last;
  try {
    auto redis = pool_.borrow();
    auto reply = redis->command({"XREVRANGE", key, "+", "-", "COUNT", "1"});
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements > 0 && reply->element[0]->elements > 0)
      last = StreamId::parse(reply_string(reply->element[0]->element[0])).value_or(StreamId{});
  } catch (...) {
    std::lock_guard lock(mutex_);
    --watchers_;
    throw;
  }
  std::shared_ptr<WatchedJob> watched;
  {
    std::lock_guard lock(mutex_);
    auto& entry = jobs_[key];
    if (!entry) {
      entry = std::make_shared<WatchedJob>();
      entry->key = key;
      entry->cursor = last;
    }
    ++entry->watchers;
    watched = entry;
  }
  jobs_changed_.notify_all();
  return std::unique_ptr<Watch>(new Watch(*this, std::move(watched)));
}

void EventHub::leave(const std::shared_ptr<WatchedJob>& job) {
  std::lock_guard lock(mutex_);
  --watchers_;
  if (--job->watchers == 0) {
    auto it = jobs_.find(job->key);
    if (it != jobs_.end() && it->second == job) jobs_.erase(it);
  }
}

void EventHub::wake_all() {
  for (auto& [key, job] : jobs_) {
    ++job->version;
    job->changed.notify_all();
  }
}

bool EventHub::read_once(RedisConnection& redis) {
  std::vector<std::string> argv{"XREAD", "COUNT", std::to_string(kEntriesPerRead), "BLOCK", std::to_string(kBlockMs),
                                "STREAMS"};
  {
    std::unique_lock lock(mutex_);
    jobs_changed_.wait(lock, [this] { return stopped_ || !jobs_.empty(); });
    if (stopped_) return false;
    std::vector<std::string> cursors;
    for (const auto& [key, job] : jobs_) {
      argv.push_back(key);
      cursors.push_back(job->cursor.to_string());
    }
    argv.insert(argv.end(), cursors.begin(), cursors.end());
  }
  auto reply = redis.command(argv);
  // [[key, [[id, [field, value, ...]], ...]], ...], or nil when nothing came.
  if (reply->type != REDIS_REPLY_ARRAY) return true;
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < reply->elements; ++i) {
    const redisReply* stream = reply->element[i];
    if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2 || stream->element[1]->elements == 0) continue;
    const redisReply* entries = stream->element[1];
    const redisReply* newest = entries->element[entries->elements - 1];
    if (newest->type != REDIS_REPLY_ARRAY || newest->elements == 0) continue;
    const auto id = StreamId::parse(reply_string(newest->element[0]));
    auto it = jobs_.find(reply_string(stream->element[0]));
    if (!id || it == jobs_.end() || *id <= it->second->cursor) continue;
    it->second->cursor = *id;
    ++it->second->version;
    it->second->changed.notify_all();
  }
  return true;
}

void EventHub::read_loop() {
  std::unique_ptr<RedisConnection> redis;
  bool failing = false;
  for (;;) {
    try {
      if (!redis) redis = std::make_unique<RedisConnection>(endpoint_);
      if (!read_once(*redis)) return;
      if (failing) spdlog::info("event streams: Redis answers again");
      failing = false;
    } catch (const std::exception& e) {
      redis.reset();
      if (!failing) spdlog::warn("event streams: {}; open streams end, clients resume when Redis answers", e.what());
      failing = true;
      std::unique_lock lock(mutex_);
      // Each watcher reads now; its read fails too and ends its stream, and its client
      // comes back with Last-Event-ID instead of waiting on a reader that cannot read.
      wake_all();
      if (jobs_changed_.wait_for(lock, std::chrono::seconds(1), [this] { return stopped_; })) return;
    }
  }
}

std::uint64_t EventHub::Watch::version() const {
  std::lock_guard lock(hub_.mutex_);
  return job_->version;
}

bool EventHub::Watch::wait_for_change(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(hub_.mutex_);
  return job_->changed.wait_for(lock, timeout, [&] { return job_->version != seen || hub_.stopped_; }) &&
         job_->version != seen;
}

bool EventHub::Watch::stopped() const {
  std::lock_guard lock(hub_.mutex_);
  return hub_.stopped_;
}

}  // namespace reelflow::service
