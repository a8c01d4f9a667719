#pragma once
// `reelflow serve` as a process of its own, API only (no embedded worker), on a free
// loopback port with its own redis-server, for tests that attack it: it must still
// be running when they are done. Jobs are put straight into its Redis, so these
// tests need no plugins.
#include "job.hpp"
#include "redis_connection.hpp"
#include "service_test_env.hpp"

#include <memory>
#include <string>
#include <vector>

namespace reelflow::testing {

class ServedApi {
 public:
  explicit ServedApi(const std::vector<std::string>& extra_args = {});

  int port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool alive() { return serve_ && !serve_->wait(std::chrono::seconds(0)).has_value(); }
  std::string output() const { return serve_ ? serve_->out() + serve_->err() : ""; }
  pid_t pid() const { return serve_->pid(); }
  const TempDir& dir() const { return dir_; }
  std::filesystem::path data_dir() const { return dir_ / "data"; }

  httplib::Client client() const { return api_client(port_); }  // with the bearer token
  httplib::Client anonymous() const;
  service::RedisConnection redis() const { return service::RedisConnection(service::RedisEndpoint::parse(redis_->url())); }
  // A queued job (as POST /api/v1/jobs would leave it, without its validation).
  std::string queue_job(const std::map<std::string, std::string>& variables = {});
  // A job that succeeded with `outputs` in `output_dir` (relative to the data dir).
  std::string finished_job(const std::string& output_dir, const std::vector<std::string>& outputs);
  // The job's hash field set to `value` straight in Redis.
  void set_field(const std::string& id, const std::string& field, const std::string& value);
  // Stops redis-server (the API stays up).
  void stop_redis() { redis_.reset(); }

 private:
  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<Subprocess> serve_;
  int port_ = 0;
};

}  // namespace reelflow::testing
