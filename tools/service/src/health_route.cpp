// GET /healthz: whether this API server can reach its job store. It needs no token,
// so it says nothing else (the reason goes to the log).
#include "api_server.hpp"
#include "job_store.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace reelflow::service {

void ApiServer::get_health(const httplib::Request&, httplib::Response& res) {
  try {
    auto redis = redis_.borrow();
    JobStore(*redis, options_.keys).ping();
    res.set_content(R"({"status":"ok"})", "application/json");
  } catch (const std::exception& e) {
    spdlog::warn("health: {}", e.what());
    res.status = 503;
    res.set_content(R"({"status":"unavailable"})", "application/json");
  }
}

}  // namespace reelflow::service
