#include "redis_pool.hpp"

namespace reelflow::service {

RedisPool::Borrowed RedisPool::borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Borrowed(*this, std::move(c));
    }
  }
  return Borrowed(*this, std::make_unique<RedisConnection>(endpoint_));
}

void RedisPool::give_back(std::unique_ptr<RedisConnection> c, bool failed) {
  constexpr std::size_t kMaxIdle = 16;
  if (!c || failed) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(c));
}

}  // namespace reelflow::service
