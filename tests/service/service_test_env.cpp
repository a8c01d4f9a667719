#include "service_test_env.hpp"

#include <thread>

namespace reelflow::testing {

std::filesystem::path clip_graph() { return std::filesystem::path(REELFLOW_SOURCE_DIR) / "tests/service/graphs/clip.yaml"; }

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

httplib::Client api_client(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_bearer_token_auth(kTestToken);
  client.set_read_timeout(30, 0);
  return client;
}

nlohmann::json get_job(httplib::Client& client, const std::string& id) {
  auto res = client.Get(("/api/v1/jobs/" + id).c_str());
  if (!res || res->status != 200) return nullptr;
  return nlohmann::json::parse(res->body, nullptr, false);
}

std::string submit_clip(httplib::Client& client, int frames, const std::string& pattern) {
  const nlohmann::json body{{"graph", "clip"}, {"variables", {{"frames", frames}, {"pattern", pattern}}}};
  auto res = client.Post("/api/v1/jobs", body.dump(), "application/json");
  if (!res || res->status != 201) return {};
  return nlohmann::json::parse(res->body).value("id", "");
}

}  // namespace reelflow::testing
