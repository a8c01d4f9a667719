#pragma once
// What the service tests share: the test graph, the token, waiting for a condition,
// and reading a job over the API.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace reelflow::testing {

inline constexpr const char* kTestToken = "test-token-0123456789abcdef";

std::filesystem::path clip_graph();  // tests/service/graphs/clip.yaml

// Polls `condition` every 50 ms until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// An HTTP client for the API on 127.0.0.1:port with the bearer token set.
httplib::Client api_client(int port);

// GET /api/v1/jobs/<id> (null when it fails).
nlohmann::json get_job(httplib::Client& client, const std::string& id);

// POST /api/v1/jobs for the clip graph; returns the job's id ("" on failure).
std::string submit_clip(httplib::Client& client, int frames, const std::string& pattern = "smpte");

}  // namespace reelflow::testing
