#pragma once
// `reelflow serve`: the job service's HTTP API and its page (docs/service.md).
// Every route but /healthz, the page and sign-in needs the token: as a bearer header,
// or as the session cookie the page gets by signing in (access_policy.hpp). Every
// input has a bound: request heads and bodies (chunked ones too), variables, event
// streams open at once, byte ranges.
#include "graph_catalog.hpp"
#include "job_keys.hpp"
#include "job_request.hpp"
#include "redis_pool.hpp"
#include "stream_slots.hpp"

#include <reelflow/runtime.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace httplib {
class ContentReader;
struct Request;
struct Response;
}  // namespace httplib

namespace reelflow::service {

class AccessPolicy;
class EventHub;
class HardenedServer;

struct ApiOptions {
  std::string token;  // required; from REELFLOW_API_TOKEN
  RedisEndpoint redis;
  JobKeys keys;
  std::filesystem::path data_dir = "reelflow-data";
  GraphCatalog catalog;
  JobRequestPolicy policy;
  std::size_t max_body_bytes = 1u << 20;
  std::size_t max_watchers = 1000;    // event streams open at once; past it, 503
  std::size_t max_downloads = 256;    // large downloads served at once; past it, 503
  std::size_t request_threads = 32;   // other requests served at once (streams have threads of their own)
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
  using BodyRoute = void (ApiServer::*)(const httplib::Request&, httplib::Response&, const std::string& body);

  void add_routes();
  // Sign-in, CSRF and size checks of every request, before its route and its body.
  bool refused_before_routing(const httplib::Request& req, httplib::Response& res);
  // A route that changes something: its body is read first, within its limit.
  void with_body(BodyRoute route, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader);
  std::size_t body_limit(const httplib::Request& req) const;

  void post_session(const httplib::Request&, httplib::Response&, const std::string& body);
  void delete_session(const httplib::Request&, httplib::Response&, const std::string& body);
  void get_graphs(const httplib::Request&, httplib::Response&);
  // A job's graph with its variables, loaded and validated as a job's.
  LoadedGraph load_job_graph(const Job& job) const;
  void post_job(const httplib::Request&, httplib::Response&, const std::string& body);
  void post_batch(const httplib::Request&, httplib::Response&, const std::string& body);
  void get_batch(const httplib::Request&, httplib::Response&);
  void delete_batch(const httplib::Request&, httplib::Response&, const std::string& body);
  void list_jobs(const httplib::Request&, httplib::Response&);
  void get_job(const httplib::Request&, httplib::Response&);
  void cancel_job(const httplib::Request&, httplib::Response&, const std::string& body);
  void delete_job(const httplib::Request&, httplib::Response&, const std::string& body);
  // A deleted job's files (data_dir/jobs/<id>), after its record is gone.
  void remove_job_files(const std::string& id) const;
  void stream_events(const httplib::Request&, httplib::Response&);
  void get_output(const httplib::Request&, httplib::Response&);
  void get_metrics(const httplib::Request&, httplib::Response&);
  void get_health(const httplib::Request&, httplib::Response&);
  void no_such_route(const httplib::Request&, httplib::Response&, const std::string& body);

  const Runtime& runtime_;
  ApiOptions options_;
  MetricsSource extra_metrics_;
  std::unique_ptr<AccessPolicy> access_;
  RedisPool redis_;
  std::unique_ptr<EventHub> hub_;
  StreamSlots downloads_;
  std::unique_ptr<HardenedServer> server_;
  std::mutex status_mutex_;
  std::map<int, unsigned long long> responses_by_status_;
};

// {"error": message}
std::string error_json(const std::string& message);

}  // namespace reelflow::service
