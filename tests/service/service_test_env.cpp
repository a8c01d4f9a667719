#include "service_test_env.hpp"

#include <cstdlib>
#include <regex>
#include <thread>

namespace reelflow::testing {

std::filesystem::path clip_graph() { return std::filesystem::path(REELFLOW_SOURCE_DIR) / "tests/service/graphs/clip.yaml"; }

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

bool is_final_job(const nlohmann::json& job) {
  const std::string state = job.is_object() ? job.value("state", "") : "";
  return state == "succeeded" || state == "failed" || state == "cancelled";
}

nlohmann::json wait_for_final(httplib::Client& client, const std::string& id, std::chrono::seconds timeout) {
  nlohmann::json job;
  wait_until([&] {
    job = get_job(client, id);
    return is_final_job(job);
  }, timeout);
  return job;
}

std::string submit_clip(httplib::Client& client, int frames, const std::string& pattern) {
  const nlohmann::json body{{"graph", "clip"}, {"variables", {{"frames", frames}, {"pattern", pattern}}}};
  auto res = client.Post("/api/v1/jobs", body.dump(), "application/json");
  if (!res || res->status != 201) return {};
  return nlohmann::json::parse(res->body).value("id", "");
}

std::vector<std::string> service_args(const RedisServer& redis, const TempDir& dir) {
  return {"--redis", redis.url(), "--data-dir", (dir / "data").string(), "--cache-dir", (dir / "cache").string(),
          "--claim-idle", "2", "--plugin-path", REELFLOW_BUILD_PLUGIN_DIR};
}

int start_serve(std::unique_ptr<Subprocess>& serve, const RedisServer& redis, const TempDir& dir,
                const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv{REELFLOW_CLI_PATH, "--log-level", "info", "serve", "--listen", "127.0.0.1:0",
                                "--graphs", "clip=" + clip_graph().string()};
  for (const auto& a : service_args(redis, dir)) argv.push_back(a);
  for (const auto& a : extra_args) argv.push_back(a);
  ::setenv("REELFLOW_API_TOKEN", kTestToken, 1);  // inherited by the child
  serve = std::make_unique<Subprocess>(argv, dir / "serve");
  int port = 0;
  wait_until([&] {
    std::smatch m;
    const std::string out = serve->out();
    if (std::regex_search(out, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)"))) port = std::stoi(m[1]);
    return port != 0 || serve->wait(std::chrono::seconds(0)).has_value();
  }, std::chrono::seconds(30));
  return port;
}

}  // namespace reelflow::testing
