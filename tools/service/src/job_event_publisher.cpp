#include "job_event_publisher.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace reelflow::service {

JobEventPublisher::JobEventPublisher(const RedisEndpoint& endpoint, const JobKeys& keys, std::string job_id)
    : endpoint_(endpoint), stream_(keys.events(job_id)), job_id_(std::move(job_id)) {}

void JobEventPublisher::publish(const Event& event) {
  std::lock_guard lock(mutex_);
  if (event.kind == EventKind::StageProgress) {
    constexpr auto kMinGap = std::chrono::milliseconds(250);
    const auto now = std::chrono::steady_clock::now();
    auto& last = last_progress_[event.stage_id];
    if (event.progress < 1.0 && now - last < kMinGap) return;
    last = now;
  }
  auto json = nlohmann::json::parse(event_to_json(event));
  json["job"] = job_id_;
  try {
    if (!redis_) redis_.emplace(endpoint_);
    redis_->command({"XADD", stream_, "MAXLEN", "~", "5000", "*", "data", json.dump()});
  } catch (const std::exception& e) {
    redis_.reset();
    spdlog::warn("job {}: event not published: {}", job_id_, e.what());
  }
}

}  // namespace reelflow::service
