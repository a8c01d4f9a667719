#include "redis_connection.hpp"

#include <array>
#include <cstdlib>
#include <openssl/sha.h>
#include <regex>

namespace reelflow::service {
namespace {

std::string sha1_hex(const std::string& text) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

}  // namespace

RedisEndpoint RedisEndpoint::parse(const std::string& url) {
  static const std::regex kUrl(R"(^redis://(?::([^@]*)@)?([^:/@]+)(?::(\d{1,5}))?(?:/(\d{1,2}))?/?$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl))
    throw std::invalid_argument("bad Redis URL (expected redis://[:password@]host[:port][/db])");
  RedisEndpoint e;
  e.password = m[1].str();
  e.host = m[2].str();
  if (m[3].matched) e.port = std::stoi(m[3].str());
  if (m[4].matched) e.database = std::stoi(m[4].str());
  if (e.port < 1 || e.port > 65535) throw std::invalid_argument("bad Redis URL: port out of range");
  if (e.password.empty()) {
    if (const char* p = std::getenv("REELFLOW_REDIS_PASSWORD")) e.password = p;
  }
  return e;
}

std::string RedisEndpoint::to_string() const {
  return "redis://" + host + ":" + std::to_string(port) + "/" + std::to_string(database);
}

RedisConnection::RedisConnection(RedisEndpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {
  connect();
}

void RedisConnection::connect() {
  context_.reset(redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(timeout_)));
  if (!context_) throw RedisError("cannot reach Redis at " + endpoint_.to_string() + ": out of memory");
  if (context_->err) {
    const std::string why = context_->errstr;
    context_.reset();
    throw RedisError("cannot reach Redis at " + endpoint_.to_string() + ": " + why);
  }
  // Blocking reads (XREADGROUP BLOCK) wait up to a few seconds; the timeout only
  // catches a server that stopped answering.
  redisSetTimeout(context_.get(), to_timeval(timeout_ + std::chrono::seconds(10)));
  if (!endpoint_.password.empty()) command({"AUTH", endpoint_.password});
  if (endpoint_.database != 0) command({"SELECT", std::to_string(endpoint_.database)});
}

void RedisConnection::fail(const std::string& what) {
  const std::string why = context_ ? context_->errstr : "";
  context_.reset();  // the next command reconnects
  throw RedisError("Redis at " + endpoint_.to_string() + ": " + (why.empty() ? what : why));
}

void RedisConnection::check(const RedisReply& reply, const std::string& command) const {
  if (reply->type == REDIS_REPLY_ERROR)
    throw RedisError("Redis " + command + ": " + std::string(reply->str, reply->len));
}

namespace {
// hiredis wants argv as pointers and lengths.
struct ArgvView {
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  explicit ArgvView(const std::vector<std::string>& argv) {
    for (const auto& a : argv) {
      args.push_back(a.data());
      lengths.push_back(a.size());
    }
  }
  int count() const { return static_cast<int>(args.size()); }
};
}  // namespace

RedisReply RedisConnection::command(const std::vector<std::string>& argv) {
  if (!context_) connect();
  ArgvView view(argv);
  RedisReply reply(static_cast<redisReply*>(redisCommandArgv(context_.get(), view.count(), view.args.data(), view.lengths.data())));
  if (!reply) fail("connection lost");
  check(reply, argv.empty() ? std::string() : argv.front());
  return reply;
}

std::vector<RedisReply> RedisConnection::pipeline(const std::vector<std::vector<std::string>>& commands) {
  if (!context_) connect();
  for (const auto& argv : commands) {
    ArgvView view(argv);
    if (redisAppendCommandArgv(context_.get(), view.count(), view.args.data(), view.lengths.data()) != REDIS_OK)
      fail("cannot queue a command");
  }
  std::vector<RedisReply> replies;
  for (const auto& argv : commands) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK || !raw) fail("connection lost");
    replies.emplace_back(static_cast<redisReply*>(raw));
    check(replies.back(), argv.front());
  }
  return replies;
}

RedisReply RedisConnection::eval(const std::string& script, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args) {
  std::vector<std::string> argv{"EVALSHA", sha1_hex(script), std::to_string(keys.size())};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  try {
    return command(argv);
  } catch (const RedisError& e) {
    if (std::string(e.what()).find("NOSCRIPT") == std::string::npos) throw;
  }
  argv[0] = "EVAL";
  argv[1] = script;
  return command(argv);
}

std::string reply_string(const redisReply* r) {
  if (!r) return {};
  switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      return std::string(r->str, r->len);
    case REDIS_REPLY_INTEGER:
      return std::to_string(r->integer);
    default:
      return {};
  }
}

std::map<std::string, std::string> reply_fields(const redisReply* r) {
  std::map<std::string, std::string> out;
  if (!r || r->type != REDIS_REPLY_ARRAY) return out;
  for (size_t i = 0; i + 1 < r->elements; i += 2)
    out[reply_string(r->element[i])] = reply_string(r->element[i + 1]);
  return out;
}

std::optional<long long> reply_integer(const redisReply* r) {
  if (!r) return std::nullopt;
  if (r->type == REDIS_REPLY_INTEGER) return r->integer;
  if (r->type == REDIS_REPLY_STRING) {
    try {
      return std::stoll(std::string(r->str, r->len));
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace reelflow::service
