#pragma once
// A fake model API on 127.0.0.1 (a real cpp-httplib server) for the llm_script
// tests: it answers POSTs to one path from a queue of replies (the last one
// repeats) and records every request it got, headers and arrival time included.
#include "local_http_server.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <initializer_list>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::llm_script_test {

struct SeenRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::chrono::steady_clock::time_point at;

  std::string header(const std::string& lower_name) const;
};

struct Reply {
  int status = 200;
  std::string body;
  bool held = false;  // sent only once the test calls release() (or after 20 s)
  std::map<std::string, std::string> headers = {};
};

class FakeModelApi {
 public:
  // Serves POST `path` (e.g. "/v1/messages"), first answering `first`.
  FakeModelApi(const std::string& path, Reply first);
  ~FakeModelApi();

  void reply_with(std::initializer_list<Reply> replies);
  std::vector<SeenRequest> seen();
  // The server's root plus `path`, e.g. url("/v1").
  std::string url(const std::string& path) const { return server_.url(path); }

  // Lets held replies go; whether one had to go on its own, unreleased, first.
  bool release();

 private:
  testing::LocalHttpServer server_;
  std::mutex mutex_;
  std::deque<Reply> replies_;
  std::vector<SeenRequest> seen_;
  std::condition_variable released_;
  bool release_ = false;
  bool answered_late_ = false;
};

}  // namespace reelflow::llm_script_test
