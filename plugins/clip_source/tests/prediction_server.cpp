#include "prediction_server.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::clip_source::testing {

PredictionServer::PredictionServer(std::string token, std::string clip_bytes)
    : token_(std::move(token)), clip_bytes_(std::move(clip_bytes)) {
  auto& server = http_.server();
  auto prediction = [this](const std::string& id, const std::string& status) {
    nlohmann::json reply = {{"id", id},
                            {"status", status},
                            {"urls", {{"get", poll_url_.empty() ? http_.url("/v1/predictions/" + id) : poll_url_},
                                      {"cancel", http_.url("/v1/predictions/" + id + "/cancel")}}},
                            {"error", nullptr},
                            {"output", nullptr}};
    if (status == "succeeded") reply["output"] = {http_.url("/files/out.mp4")};
    if (status == "failed") reply["error"] = error_;
    return reply.dump();
  };
  auto authorised = [this](const httplib::Request& request, httplib::Response& response) {
    if (request.get_header_value("Authorization") == "Bearer " + token_) return true;
    response.status = 401;
    response.set_content(R"({"detail": "Invalid token."})", "application/json");
    return false;
  };
  server.Post("/v1/predictions", [=, this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    created_.push_back({request.body, request.get_header_value("Authorization")});
    if (!authorised(request, response)) return;
    created_at_ = Clock::now();
    polls_ = 0;
    response.status = 201;
    response.set_content(prediction("p" + std::to_string(created_.size()), "starting"), "application/json");
  });
  server.Get(R"(/v1/predictions/(\w+))", [=, this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    poll_times_.push_back(std::chrono::duration<double>(Clock::now() - created_at_).count());
    if (!authorised(request, response)) return;
    if (++polls_ == 1 && throttle_s_ > 0) {
      response.status = 429;
      response.set_header("Retry-After", std::to_string(throttle_s_));
      response.set_content(R"({"detail": "throttled"})", "application/json");
      return;
    }
    std::string status = "processing";
    if (outcome_ != Outcome::NeverFinish && polls_ >= polls_to_finish_)
      status = outcome_ == Outcome::Succeed ? "succeeded" : "failed";
    response.set_content(prediction(request.matches[1], status), "application/json");
  });
  server.Post(R"(/v1/predictions/(\w+)/cancel)", [=, this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    if (!authorised(request, response)) return;
    ++cancels_;
    response.set_content(prediction(request.matches[1], "canceled"), "application/json");
  });
  server.Get("/files/out.mp4", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    ++downloads_;
    if (request.has_header("Authorization")) {  // delivery URLs need no token: none is sent
      response.status = 400;
      return;
    }
    response.set_content(clip_bytes_, "video/mp4");
  });
  http_.start();
}

void PredictionServer::set_outcome(Outcome outcome, int polls_to_finish, std::string error) {
  std::lock_guard lock(mutex_);
  outcome_ = outcome;
  polls_to_finish_ = polls_to_finish;
  error_ = std::move(error);
}

void PredictionServer::poll_at(std::string url) {
  std::lock_guard lock(mutex_);
  poll_url_ = std::move(url);
}

void PredictionServer::throttle_first_poll(int retry_after_s) {
  std::lock_guard lock(mutex_);
  throttle_s_ = retry_after_s;
}

std::vector<PredictionServer::Created> PredictionServer::created() const {
  std::lock_guard lock(mutex_);
  return created_;
}

std::vector<double> PredictionServer::poll_times() const {
  std::lock_guard lock(mutex_);
  return poll_times_;
}

int PredictionServer::cancels() const {
  std::lock_guard lock(mutex_);
  return cancels_;
}

int PredictionServer::downloads() const {
  std::lock_guard lock(mutex_);
  return downloads_;
}

}  // namespace reelflow::clip_source::testing
