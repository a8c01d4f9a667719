#include "fake_model_api.hpp"

#include <cctype>

namespace reelflow::llm_script_test {

std::string SeenRequest::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

FakeModelApi::FakeModelApi(const std::string& path, Reply first) : replies_{std::move(first)} {
  server_.server().Post(path, [this](const httplib::Request& req, httplib::Response& res) {
    SeenRequest seen{req.method, req.path, {}, req.body, std::chrono::steady_clock::now()};
    for (const auto& [name, value] : req.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      seen.headers[lower] = value;
    }
    Reply reply;
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(std::move(seen));
      reply = replies_.front();
      if (replies_.size() > 1) replies_.pop_front();
    }
    if (reply.held) {
      std::unique_lock lock(mutex_);
      released_.wait_for(lock, std::chrono::seconds(20), [this] { return release_; });
      answered_late_ = !release_;
    }
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    res.set_content(reply.body, "application/json");
  });
  server_.start();
}

FakeModelApi::~FakeModelApi() {
  release();
  server_.stop();
}

void FakeModelApi::reply_with(std::initializer_list<Reply> replies) {
  std::lock_guard lock(mutex_);
  replies_.assign(replies.begin(), replies.end());
}

std::vector<SeenRequest> FakeModelApi::seen() {
  std::lock_guard lock(mutex_);
  return seen_;
}

bool FakeModelApi::release() {
  std::lock_guard lock(mutex_);
  release_ = true;
  released_.notify_all();
  return answered_late_;
}

}  // namespace reelflow::llm_script_test
