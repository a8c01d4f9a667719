#pragma once
// A real local server that plays a Replicate-style prediction API:
// POST /v1/predictions creates a prediction (201: id, status "starting", urls.get,
// urls.cancel); GET /v1/predictions/<id> answers "processing" until it has been polled
// `polls_to_finish` times, then "succeeded" with an output URL (a list, as video models
// answer) or "failed" with an error; POST .../cancel cancels; GET /files/out.mp4 serves
// the clip. A wrong token gets 401. Every request is recorded.
#include <local_http_server.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::clip_source::testing {

class PredictionServer {
 public:
  enum class Outcome { Succeed, Fail, NeverFinish };
  struct Created {
    std::string body;
    std::string authorization;
  };

  PredictionServer(std::string token, std::string clip_bytes);

  void set_outcome(Outcome outcome, int polls_to_finish = 2, std::string error = "");
  // The first poll of each prediction gets 429 with this Retry-After (seconds).
  void throttle_first_poll(int retry_after_s);
  // Predictions name this URL (another server's) as their urls.get.
  void poll_at(std::string url);

  std::string base_url() const { return http_.url(""); }
  std::vector<Created> created() const;
  // When each poll arrived, in seconds after its prediction was created.
  std::vector<double> poll_times() const;
  int cancels() const;
  int downloads() const;

 private:
  using Clock = std::chrono::steady_clock;

  std::string token_;
  std::string clip_bytes_;
  reelflow::testing::LocalHttpServer http_;
  mutable std::mutex mutex_;
  Outcome outcome_ = Outcome::Succeed;
  int polls_to_finish_ = 2;
  std::string error_;
  int throttle_s_ = 0;
  std::string poll_url_;
  std::vector<Created> created_;
  Clock::time_point created_at_;
  int polls_ = 0;  // of the latest prediction
  std::vector<double> poll_times_;
  int cancels_ = 0;
  int downloads_ = 0;
};

}  // namespace reelflow::clip_source::testing
