#pragma once
// What the platform fakes (YouTube, TikTok, Instagram) share: JSON in and out,
// the Authorization check, and a record of every protocol rule a request broke,
// so a test can assert that the uploader broke none.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace reelflow::uploader::testing {

// The request body as JSON; null when it is not JSON.
inline nlohmann::json json_body(const httplib::Request& req) {
  return nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
}

inline void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=UTF-8");
}

// The violations a fake saw, in order ("init: X-Upload-Content-Length is 12, the file has 13").
class ProtocolLog {
 public:
  void violated(std::string what) {
    std::lock_guard lock(mutex_);
    problems_.push_back(std::move(what));
  }
  std::vector<std::string> problems() const {
    std::lock_guard lock(mutex_);
    return problems_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> problems_;
};

}  // namespace reelflow::uploader::testing
