#include "api_server.hpp"

#include "job_store.hpp"
#include "web_page.hpp"

#include <reelflow/framework/variable_json.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <openssl/crypto.h>

namespace reelflow::service {

std::string error_json(const std::string& message) { return nlohmann::json{{"error", message}}.dump(); }

ApiServer::ApiServer(const Runtime& runtime, ApiOptions options, MetricsSource extra_metrics)
    : runtime_(runtime),
      options_(std::move(options)),
      extra_metrics_(std::move(extra_metrics)),
      redis_(options_.redis),
      server_(std::make_unique<httplib::Server>()) {
  if (options_.token.empty()) throw std::invalid_argument("no API token (set REELFLOW_API_TOKEN)");
  // SSE clients hold a thread each for as long as they watch.
  server_->new_task_queue = [] { return new httplib::ThreadPool(64); };
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/healthz" || req.path == "/" || req.path == "/index.html" || authorized(req))
      return httplib::Server::HandlerResponse::Unhandled;
    res.status = 401;
    res.set_header("WWW-Authenticate", "Bearer realm=\"reelflow\"");
    res.set_content(error_json("missing or wrong bearer token"), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });
  server_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    bool redis_down = false;
    try {
      std::rethrow_exception(ep);
    } catch (const RedisError& e) {
      what = e.what();
      redis_down = true;
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("{} {}: {}", req.method, req.path, what);
    res.status = redis_down ? 503 : 500;
    res.set_content(error_json(redis_down ? "the job store is unavailable: " + what : "internal error: " + what),
                    "application/json");
  });
  server_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    {
      std::lock_guard lock(status_mutex_);
      ++responses_by_status_[res.status];
    }
    spdlog::info("{} {} {}", req.method, req.path, res.status);  // the path only: no query, no headers
  });
  add_routes();
}

ApiServer::~ApiServer() { stop(); }

int ApiServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
  // Fail now, not on the first request, when Redis is unreachable.
  auto redis = redis_.borrow();
  JobStore(*redis, options_.keys).ensure_queue();
  return bound;
}

void ApiServer::listen() { server_->listen_after_bind(); }

void ApiServer::stop() {
  if (server_) server_->stop();
}

bool ApiServer::authorized(const httplib::Request& req) const {
  std::string presented;
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    presented = auth.substr(7);
  } else {
    // Browsers cannot set headers on EventSource or <video>: the page keeps the token in a cookie.
    const std::string cookies = req.get_header_value("Cookie");
    const std::string name = "reelflow_token=";
    for (size_t pos = 0; pos < cookies.size();) {
      size_t end = cookies.find(';', pos);
      if (end == std::string::npos) end = cookies.size();
      std::string item = cookies.substr(pos, end - pos);
      item.erase(0, item.find_first_not_of(' '));
      if (item.rfind(name, 0) == 0) presented = item.substr(name.size());
      pos = end + 1;
    }
  }
  return presented.size() == options_.token.size() &&
         CRYPTO_memcmp(presented.data(), options_.token.data(), presented.size()) == 0;
}

void ApiServer::add_routes() {
  using Route = void (ApiServer::*)(const httplib::Request&, httplib::Response&);
  const auto to = [this](Route route) -> httplib::Server::Handler {
    return [this, route](const httplib::Request& req, httplib::Response& res) { (this->*route)(req, res); };
  };
  auto& s = *server_;
  s.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content(web::kIndexHtml, "text/html; charset=utf-8"); });
  s.Get("/healthz", to(&ApiServer::get_health));
  s.Get("/metrics", to(&ApiServer::get_metrics));
  s.Get("/api/v1/graphs", to(&ApiServer::get_graphs));
  s.Post("/api/v1/jobs", to(&ApiServer::post_job));
  s.Get("/api/v1/jobs", to(&ApiServer::list_jobs));
  s.Get(R"(/api/v1/jobs/([0-9a-f]{1,64}))", to(&ApiServer::get_job));
  s.Post(R"(/api/v1/jobs/([0-9a-f]{1,64})/cancel)", to(&ApiServer::cancel_job));
  s.Delete(R"(/api/v1/jobs/([0-9a-f]{1,64}))", to(&ApiServer::delete_job));
  s.Get(R"(/api/v1/jobs/([0-9a-f]{1,64})/events)", to(&ApiServer::stream_events));
  s.Get(R"(/api/v1/jobs/([0-9a-f]{1,64})/outputs/(.+))", to(&ApiServer::get_output));
}

void ApiServer::get_health(const httplib::Request&, httplib::Response& res) {
  try {
    auto redis = redis_.borrow();
    JobStore(*redis, options_.keys).ping();
    res.set_content(R"({"status":"ok","redis":"ok"})", "application/json");
  } catch (const RedisError& e) {
    res.status = 503;
    res.set_content(nlohmann::json{{"status", "unavailable"}, {"redis", e.what()}}.dump(), "application/json");
  }
}

void ApiServer::get_graphs(const httplib::Request&, httplib::Response& res) {
  nlohmann::json graphs = nlohmann::json::array();
  for (const auto& [name, g] : options_.catalog.graphs()) {
    nlohmann::json vars = nlohmann::json::array();
    for (const auto& v : g.variables) vars.push_back(framework::variable_declaration_to_json(v));
    graphs.push_back({{"name", name}, {"description", g.description}, {"variables", vars}});
  }
  res.set_content(nlohmann::json{{"graphs", graphs}, {"upload_allowed", options_.policy.allow_upload}}.dump(),
                  "application/json");
}

}  // namespace reelflow::service
