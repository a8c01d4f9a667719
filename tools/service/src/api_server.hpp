#pragma once
// `reelflow serve`: the job service's HTTP API and its page (docs/service.md).
// Every route but /healthz and the page itself needs the bearer token (the page
// carries no data: it asks for the token and sends it with each call).
#include "graph_catalog.hpp"
#include "job_keys.hpp"
#include "job_request.hpp"
#include "redis_pool.hpp"

#include <reelflow/runtime.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace reelflow::service {

struct ApiOptions {
  std::string token;  // required; from REELFLOW_API_TOKEN
  RedisEndpoint redis;
  JobKeys keys;
  std::filesystem::path data_dir = "reelflow-data";
  GraphCatalog catalog;
  JobRequestPolicy policy;
  std::size_t max_body_bytes = 1u << 20;
};

// Figures the process adds to /metrics (e.g. its embedded worker's).
using MetricsSource = std::function<std::string()>;

class ApiServer {
 public:
  ApiServer(const Runtime& runtime, ApiOptions options, MetricsSource extra_metrics = {});
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds host:port (port 0: any free one) and returns the port; throws when it cannot.
  int bind(const std::string& host, int port);
  // Serves until stop(); blocks.
  void listen();
  void stop();

 private:
  void add_routes();
  bool authorized(const httplib::Request& req) const;

  void get_graphs(const httplib::Request&, httplib::Response&);
  void post_job(const httplib::Request&, httplib::Response&);
  void list_jobs(const httplib::Request&, httplib::Response&);
  void get_job(const httplib::Request&, httplib::Response&);
  void cancel_job(const httplib::Request&, httplib::Response&);
  void delete_job(const httplib::Request&, httplib::Response&);
  void stream_events(const httplib::Request&, httplib::Response&);
  void get_output(const httplib::Request&, httplib::Response&);
  void get_metrics(const httplib::Request&, httplib::Response&);
  void get_health(const httplib::Request&, httplib::Response&);

  const Runtime& runtime_;
  ApiOptions options_;
  MetricsSource extra_metrics_;
  RedisPool redis_;
  std::unique_ptr<httplib::Server> server_;
  std::mutex status_mutex_;
  std::map<int, unsigned long long> responses_by_status_;
};

// {"error": message}
std::string error_json(const std::string& message);

}  // namespace reelflow::service
