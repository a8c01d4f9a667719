#include "route_guard.hpp"

#include "redis_connection.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::service {

void answer_error(const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
  std::string what = "unknown error";
  bool redis_down = false;
  try {
    std::rethrow_exception(error);
  } catch (const RedisError& e) {
    what = e.what();
    redis_down = true;
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  spdlog::error("{} {}: {}", req.method, req.path, what);
  // The details stay in the log: they can name hosts and files.
  res.status = redis_down ? 503 : 500;
  res.set_content(nlohmann::json{{"error", redis_down ? "the job store is unavailable" : "internal error"}}.dump(),
                  "application/json");
}

}  // namespace reelflow::service
