#pragma once
// The Redis connections shared by the API's request threads and event streams: a
// request borrows one for its duration; a connection that failed is dropped, not
// returned. At most `max_open` are open at once (a burst of watchers waking together
// must not open a connection each): a borrower waits for one, up to a few seconds.
#include "redis_connection.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace reelflow::service {

class RedisPool {
 public:
  explicit RedisPool(RedisEndpoint endpoint, std::size_t max_open = 64,
                     std::chrono::milliseconds max_wait = std::chrono::seconds(5))
      : endpoint_(std::move(endpoint)), max_open_(max_open), max_wait_(max_wait) {}

  class Borrowed {
   public:
    Borrowed(RedisPool& pool, std::unique_ptr<RedisConnection> c) : pool_(pool), connection_(std::move(c)) {}
    ~Borrowed() { pool_.give_back(std::move(connection_), std::uncaught_exceptions() > exceptions_); }
    Borrowed(const Borrowed&) = delete;
    Borrowed& operator=(const Borrowed&) = delete;
    RedisConnection& operator*() { return *connection_; }
    RedisConnection* operator->() { return connection_.get(); }

   private:
    RedisPool& pool_;
    std::unique_ptr<RedisConnection> connection_;
    int exceptions_ = std::uncaught_exceptions();
  };

  // Throws RedisError when no connection can be made, or none frees up in time.
  Borrowed borrow();
  const RedisEndpoint& endpoint() const { return endpoint_; }

 private:
  void give_back(std::unique_ptr<RedisConnection> c, bool failed);

  RedisEndpoint endpoint_;
  const std::size_t max_open_;
  const std::chrono::milliseconds max_wait_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t open_ = 0;  // idle and borrowed
  std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace reelflow::service
