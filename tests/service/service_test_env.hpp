#pragma once
// What the service tests share: the test graph, the token, waiting for a condition,
// and reading a job over the API.
#include "redis_server.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"
#include "wait_until.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::testing {

inline constexpr const char* kTestToken = "test-token-0123456789abcdef";

std::filesystem::path clip_graph();  // tests/service/graphs/clip.yaml

// An HTTP client for the API on 127.0.0.1:port with the bearer token set.
httplib::Client api_client(int port);

// GET /api/v1/jobs/<id> (null when it fails).
nlohmann::json get_job(httplib::Client& client, const std::string& id);

// Whether a job (as GET returns it) has reached succeeded, failed or cancelled.
bool is_final_job(const nlohmann::json& job);
// Polls GET /api/v1/jobs/<id> until the job is final; returns the last answer.
nlohmann::json wait_for_final(httplib::Client& client, const std::string& id,
                              std::chrono::seconds timeout = std::chrono::seconds(60));

// POST /api/v1/jobs for the clip graph; returns the job's id ("" on failure).
std::string submit_clip(httplib::Client& client, int frames, const std::string& pattern = "smpte");

// The options `reelflow serve` and `reelflow worker` share in these tests: the test's
// Redis, data and cache dirs under `dir`, a 2 s claim time, the built plugins.
std::vector<std::string> service_args(const RedisServer& redis, const TempDir& dir);

// Starts `reelflow serve` (the clip graph allowed, the test token) on a free port;
// returns the port it printed, or 0 when it did not come up.
int start_serve(std::unique_ptr<Subprocess>& serve, const RedisServer& redis, const TempDir& dir,
                const std::vector<std::string>& extra_args);

}  // namespace reelflow::testing
