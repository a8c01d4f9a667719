#include "api_server.hpp"

#include "access_policy.hpp"
#include "event_hub.hpp"
#include "hardened_server.hpp"
#include "json_reply.hpp"
#include "job_store.hpp"
#include "request_body.hpp"
#include "request_threads.hpp"
#include "route_guard.hpp"
#include "web_page.hpp"

#include "graph/variable_json.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <sys/socket.h>

#include <charconv>

namespace reelflow::service {
namespace {

// On every response: the page runs only the script and style it is served with (no
// inline code, so an injected element cannot run), nothing may frame it or load
// these responses from another site, and no Referer leaves it.
httplib::Headers security_headers() {
  return {{"Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
           "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
          {"X-Frame-Options", "DENY"},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "no-referrer"},
          {"Cross-Origin-Resource-Policy", "same-origin"}};
}

// Each event stream holds a socket: make room for --max-watchers of them where the
// soft limit is below the hard one (Debian's soft limit is 1024).
void raise_open_file_limit(std::size_t needed) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= needed) return;
  limit.rlim_cur = std::min<rlim_t>(needed, limit.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < needed)
    spdlog::warn("serve needs about {} open files for its event streams; the limit is {}", needed, limit.rlim_cur);
}

bool is_public(const httplib::Request& req) {
  if (req.method == "GET" || req.method == "HEAD")
    return req.path == "/" || req.path == "/app.js" || req.path == "/app.css" || req.path == "/healthz";
  return req.path == "/api/v1/session" && (req.method == "POST" || req.method == "DELETE");
}

bool is_known_method(const std::string& method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (method == known) return true;
  return false;
}

std::optional<std::uint64_t> content_length(const httplib::Request& req) {
  const std::string text = req.get_header_value("Content-Length");
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// What sign-in may send: {"token": "..."}. Kept small: it needs no token to send.
constexpr std::size_t kSessionBodyLimit = 4096;
// What a body may cost in framing on top of its own bytes (chunk sizes, line ends).
constexpr std::size_t kFramingAllowance = 64 * 1024;

}  // namespace

std::string error_json(const std::string& message) { return nlohmann::json{{"error", message}}.dump(); }

ApiServer::ApiServer(const Runtime& runtime, ApiOptions options, MetricsSource extra_metrics)
    : runtime_(runtime),
      options_(std::move(options)),
      extra_metrics_(std::move(extra_metrics)),
      access_(std::make_unique<AccessPolicy>(options_.token)),
      redis_(options_.redis),
      hub_(std::make_unique<EventHub>(options_.redis, options_.keys, redis_, options_.max_watchers)),
      downloads_(options_.max_downloads),
      server_(std::make_unique<HardenedServer>()) {
  if (options_.token.empty()) throw std::invalid_argument("no API token (set REELFLOW_API_TOKEN)");
  // Event streams get threads of their own (RequestThreads::hand_off_current).
  server_->new_task_queue = [threads = options_.request_threads] { return new RequestThreads(threads); };
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_default_headers(security_headers());
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    bool refused = true;
    try {
      refused = refused_before_routing(req, res);
    } catch (...) {
      answer_error(req, res, std::current_exception());
    }
    return refused ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
  });
  // The routes catch their own (route_guard.hpp); this is for whatever is not a route's.
  server_->set_exception_handler(answer_error);
  server_->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    // httplib's own refusals (no such route, a bad request line) come without a body.
    if (!res.body.empty() || res.status == 416) return httplib::Server::HandlerResponse::Unhandled;
    res.set_content(error_json(res.status == 404 ? "no such route" : "HTTP " + std::to_string(res.status)),
                    "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));
  server_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    try {
      {
        std::lock_guard lock(status_mutex_);
        ++responses_by_status_[res.status];
      }
      spdlog::info("{} {} {}", req.method, req.path, res.status);  // the path only: no query, no headers
    } catch (...) {
    }
  });
  add_routes();
}

ApiServer::~ApiServer() { stop(); }

int ApiServer::bind(const std::string& host, int port) {
  raise_open_file_limit(options_.max_watchers + options_.max_downloads + options_.request_threads + 256);
  const int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
  server_->set_listen_backlog(SOMAXCONN);
  // Fail now, not on the first request, when Redis is unreachable.
  auto redis = redis_.borrow();
  JobStore(*redis, options_.keys).ensure_queue();
  return bound;
}

void ApiServer::listen() { server_->listen_after_bind(); }

void ApiServer::stop() {
  if (server_) server_->stop();
  if (hub_) hub_->stop();  // wakes every event stream, so that their threads end now
}

std::size_t ApiServer::body_limit(const httplib::Request& req) const {
  return req.path == "/api/v1/session" ? kSessionBodyLimit : options_.max_body_bytes;
}

bool ApiServer::refused_before_routing(const httplib::Request& req, httplib::Response& res) {
  const auto refuse = [&](int status, const std::string& message) {
    reply_error(res, status, message);
    if (carries_body(req)) {  // the body stays unread: it must not be taken for the next request
      HardenedServer::close_after_response(true);
      res.set_header("Connection", "close");
    }
    return true;
  };
  if (!is_known_method(req.method)) return refuse(405, "method not allowed");
  const Credential credential = access_->credential(req);
  if (!is_public(req) && credential == Credential::None) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"reelflow\"");
    return refuse(401, "missing or wrong bearer token");
  }
  if (auto refusal = access_->check_mutation(req, credential)) return refuse(refusal->status, refusal->message);
  if (!carries_body(req)) return false;
  const std::size_t limit = body_limit(req);
  if (req.has_header("Content-Length")) {
    const auto length = content_length(req);
    if (!length) return refuse(400, "bad Content-Length");
    if (*length > limit) return refuse(413, "the body is larger than " + std::to_string(limit) + " bytes");
  }
  if (is_mutating(req) && (req.method != "DELETE" || req.has_header("Content-Length"))) {
    HardenedServer::allow_body(2 * limit + kFramingAllowance);  // the route counts the body's own bytes exactly
  } else {
    HardenedServer::close_after_response(true);  // a body httplib does not read (a GET's, a chunked DELETE's)
  }
  return false;
}

void ApiServer::with_body(BodyRoute route, const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) {
  // No Content-Length and no Transfer-Encoding: no body (httplib would read until the
  // client closes, as if the request were a response).
  if (!carries_body(req)) return (this->*route)(req, res, std::string());
  const std::size_t limit = body_limit(req);
  const auto body = read_body(reader, limit);
  if (!std::holds_alternative<std::string>(body)) {
    HardenedServer::close_after_response(true);  // the rest of the body is not read
    res.set_header("Connection", "close");
    if (std::holds_alternative<BodyTooLarge>(body))
      return reply_error(res, 413, "the body is larger than " + std::to_string(limit) + " bytes");
    return reply_error(res, 400, "the body could not be read");
  }
  (this->*route)(req, res, std::get<std::string>(body));
}

void ApiServer::no_such_route(const httplib::Request&, httplib::Response& res, const std::string&) {
  reply_error(res, 404, "no such route");
}

void ApiServer::add_routes() {
  using Route = void (ApiServer::*)(const httplib::Request&, httplib::Response&);
  const auto to = [this](Route route) -> httplib::Server::Handler {
    return guard_route([this, route](const httplib::Request& req, httplib::Response& res) { (this->*route)(req, res); });
  };
  const auto body = [this](BodyRoute route) -> httplib::Server::HandlerWithContentReader {
    return guard_route([this, route](const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader) { with_body(route, req, res, reader); });
  };
  const auto file = [](const char* text, const char* type) -> httplib::Server::Handler {
    return [text, type](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(text, type);
    };
  };
  auto& s = *server_;
  s.Get("/", file(web::kIndexHtml, "text/html; charset=utf-8"));
  s.Get("/app.js", file(web::kAppJs, "text/javascript; charset=utf-8"));
  s.Get("/app.css", file(web::kAppCss, "text/css; charset=utf-8"));
  s.Get("/healthz", to(&ApiServer::get_health));
  s.Post("/api/v1/session", body(&ApiServer::post_session));
  s.Delete("/api/v1/session", body(&ApiServer::delete_session));
  s.Get("/metrics", to(&ApiServer::get_metrics));
  s.Get("/api/v1/graphs", to(&ApiServer::get_graphs));
  s.Post("/api/v1/jobs", body(&ApiServer::post_job));
  s.Get("/api/v1/jobs", to(&ApiServer::list_jobs));
  s.Get(R"(/api/v1/jobs/([0-9a-f]{1,64}))", to(&ApiServer::get_job));
  s.Post(R"(/api/v1/jobs/([0-9a-f]{1,64})/cancel)", body(&ApiServer::cancel_job));
  s.Delete(R"(/api/v1/jobs/([0-9a-f]{1,64}))", body(&ApiServer::delete_job));
  s.Get(R"(/api/v1/jobs/([0-9a-f]{1,64})/events)", to(&ApiServer::stream_events));
  s.Get(R"(/api/v1/jobs/([0-9a-f]{1,64})/outputs/(.+))", to(&ApiServer::get_output));
  s.Post("/api/v1/batches", body(&ApiServer::post_batch));
  s.Get(R"(/api/v1/batches/([0-9a-f]{1,64}))", to(&ApiServer::get_batch));
  s.Delete(R"(/api/v1/batches/([0-9a-f]{1,64}))", body(&ApiServer::delete_batch));
  // Bodies sent anywhere else are read within the same limit too, never whole.
  s.Post(".*", body(&ApiServer::no_such_route));
  s.Put(".*", body(&ApiServer::no_such_route));
  s.Patch(".*", body(&ApiServer::no_such_route));
  s.Delete(".*", body(&ApiServer::no_such_route));
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
