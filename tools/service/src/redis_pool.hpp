#pragma once
// A few Redis connections shared by the API's request threads: a request borrows one
// for its duration; a connection that failed is dropped, not returned.
#include "redis_connection.hpp"

#include <memory>
#include <mutex>
#include <vector>

namespace reelflow::service {

class RedisPool {
 public:
  explicit RedisPool(RedisEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

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

  // Throws RedisError when no connection can be made.
  Borrowed borrow();
  const RedisEndpoint& endpoint() const { return endpoint_; }

 private:
  void give_back(std::unique_ptr<RedisConnection> c, bool failed);

  RedisEndpoint endpoint_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace reelflow::service
