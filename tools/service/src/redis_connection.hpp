#pragma once
// One synchronous connection to a Redis server (hiredis). Not thread-safe: each
// thread that talks to Redis owns its own connection.
#include <hiredis/hiredis.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace reelflow::service {

// Where Redis is: redis://[:password@]host[:port][/db]. The password may also come
// from REELFLOW_REDIS_PASSWORD, so it need not appear on a command line.
struct RedisEndpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  int database = 0;
  std::string password;

  static RedisEndpoint parse(const std::string& url);  // throws std::invalid_argument
  std::string to_string() const;                      // never shows the password
};

// Connection lost or refused, or a reply of the wrong shape: the caller may reconnect.
class RedisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RedisReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyDeleter>;

class RedisConnection {
 public:
  explicit RedisConnection(RedisEndpoint endpoint, std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // Sends one command; throws RedisError on I/O errors and on error replies.
  RedisReply command(const std::vector<std::string>& argv);
  // Sends every command, then reads every reply: one round trip for all of them.
  std::vector<RedisReply> pipeline(const std::vector<std::vector<std::string>>& commands);
  // Runs a Lua script (EVALSHA, falling back to EVAL once the server forgot it).
  RedisReply eval(const std::string& script, const std::vector<std::string>& keys,
                  const std::vector<std::string>& args);

  const RedisEndpoint& endpoint() const { return endpoint_; }

 private:
  void connect();
  [[noreturn]] void fail(const std::string& what);
  void check(const RedisReply& reply, const std::string& command) const;

  struct ContextDeleter {
    void operator()(redisContext* c) const { redisFree(c); }
  };
  RedisEndpoint endpoint_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<redisContext, ContextDeleter> context_;
};

// Reply helpers: hiredis replies are a tagged union.
std::string reply_string(const redisReply* r);  // "" for nil
std::optional<long long> reply_integer(const redisReply* r);
// The field/value pairs of a hash (HGETALL), or of one stream entry.
std::map<std::string, std::string> reply_fields(const redisReply* r);

}  // namespace reelflow::service
