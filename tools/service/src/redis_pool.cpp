#include "redis_pool.hpp"

namespace reelflow::service {

RedisPool::Borrowed RedisPool::borrow() {
  {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, max_wait_, [this] { return !idle_.empty() || open_ < max_open_; }))
      throw RedisError("all " + std::to_string(max_open_) + " connections to Redis at " + endpoint_.to_string() +
                       " are busy");
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Borrowed(*this, std::move(c));
    }
    ++open_;  // taken now, made below without the lock
  }
  try {
    return Borrowed(*this, std::make_unique<RedisConnection>(endpoint_));
  } catch (...) {
    give_back(nullptr, true);
    throw;
  }
}

void RedisPool::give_back(std::unique_ptr<RedisConnection> c, bool failed) {
  constexpr std::size_t kMaxIdle = 16;
  {
    std::lock_guard lock(mutex_);
    if (c && !failed && idle_.size() < kMaxIdle) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
    }
  }
  freed_.notify_one();
  // A connection not kept is closed here, outside the lock.
}

}  // namespace reelflow::service
