#pragma once
// A speech service for the tts tests: real HTTP on loopback (LocalHttpServer),
// POST requests on one path pattern recorded, replies set per test.
#include <local_http_server.hpp>

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::tts_test {

struct SpeechRequest {
  std::string path;
  httplib::Headers headers;
  std::string body;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class SpeechServer {
 public:
  using Reply = std::function<void(const httplib::Request&, httplib::Response&)>;

  // `path_pattern` is a cpp-httplib regex, e.g. R"(/v1/audio/speech)".
  SpeechServer(const std::string& path_pattern, Reply reply) : reply_(std::move(reply)) {
    server_.server().Post(path_pattern, [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lock(mutex_);
        requests_.push_back({req.path, req.headers, req.body});
      }
      reply_(req, res);
    });
    server_.start();
  }

  std::string url(const std::string& path) const { return server_.url(path); }
  std::vector<SpeechRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  Reply reply_;
  std::mutex mutex_;
  std::vector<SpeechRequest> requests_;
  testing::LocalHttpServer server_;  // last: stops before the members its handler uses go away
};

}  // namespace reelflow::tts_test
