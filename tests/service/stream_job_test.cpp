// A stream job on `reelflow serve` (API and embedded worker, jobs confined): while
// its live segment plays, the stages' stage_stats reach a watcher over SSE and
// the stages' gauges are on GET /metrics; when it ends they leave /metrics.
#include "media_probe.hpp"
#include "service_test_env.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using namespace std::chrono;
using nlohmann::json;

std::filesystem::path live_graph() { return clip_graph().parent_path() / "live-encode.yaml"; }

// The value of `name{job="<job>",stage="<stage>",...}` in Prometheus text, or -1.
double gauge(const std::string& metrics, const std::string& name, const std::string& job, const std::string& stage) {
  const std::regex line(name + R"(\{job=")" + job + R"(",stage=")" + stage + R"(",type="[a-z_]+"\} ([0-9.e+-]+))");
  std::smatch m;
  return std::regex_search(metrics, m, line) ? std::stod(m[1]) : -1.0;
}

// The data of every SSE event named `name` in `stream`, parsed.
std::vector<json> events_named(const std::string& stream, const std::string& name) {
  std::vector<json> found;
  const std::string head = "event: " + name + "\ndata: ";
  for (auto at = stream.find(head); at != std::string::npos; at = stream.find(head, at + 1)) {
    const auto data = at + head.size();
    found.push_back(json::parse(stream.substr(data, stream.find('\n', data) - data), nullptr, false));
  }
  return found;
}

TEST(StreamJob, StageStatsReachSseAndMetricsWhileTheJobPlays) {
  TempDir dir;
  RedisServer redis(dir / "redis");
  std::unique_ptr<Subprocess> serve;
  const int port = start_serve(serve, redis, dir, {"--graphs", "live-encode=" + live_graph().string()});
  ASSERT_NE(port, 0) << serve->out() << serve->err();
  auto c = api_client(port);
  auto posted = c.Post("/api/v1/jobs", R"({"graph":"live-encode","variables":{"duration_s":3}})", "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  const std::string id = json::parse(posted->body)["id"];

  // A watcher reads the job's events until the server ends the stream.
  std::mutex mutex;
  std::string stream;
  std::thread watcher([&] {
    auto w = api_client(port);
    w.Get(("/api/v1/jobs/" + id + "/events").c_str(), [&](const char* data, size_t n) {
      std::lock_guard lock(mutex);
      stream.append(data, n);
      return true;
    });
  });
  const auto seen = [&] {
    std::lock_guard lock(mutex);
    return stream;
  };

  // While the segment plays: the encoder's gauges on /metrics, with frames flowing,
  // and stage_stats over SSE before the run has finished.
  std::string metrics;
  const bool gauged = wait_until([&] {
    auto res = c.Get("/metrics");
    metrics = res && res->status == 200 ? res->body : "";
    // Each stage's gauges come with its own stats tick: wait for both stages'.
    return gauge(metrics, "reelflow_stage_fps", id, "encode") > 0 && gauge(metrics, "reelflow_stage_fps", id, "record") > 0;
  }, latency_deadline(seconds(30)));
  const std::string during = seen();
  EXPECT_TRUE(gauged) << metrics << "\n" << serve->err();
  EXPECT_EQ(during.find("event: run_finished"), std::string::npos) << "the job ended before it was seen playing";
  EXPECT_GE(gauge(metrics, "reelflow_stage_latency_ms", id, "encode"), 0.0) << metrics;
  EXPECT_GE(gauge(metrics, "reelflow_stage_queue_fill", id, "encode"), 0.0) << metrics;
  EXPECT_GE(gauge(metrics, "reelflow_stage_dropped_total", id, "encode"), 0.0) << metrics;
  EXPECT_TRUE(wait_until([&] { return !events_named(seen(), "stage_stats").empty(); }, latency_deadline(seconds(5))))
      << seen();

  const json job = wait_for_final(c, id);
  watcher.join();
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  const std::string all = seen();
  const auto stats = events_named(all, "stage_stats");
  ASSERT_FALSE(stats.empty()) << all;
  std::set<std::string> stages;
  for (const json& e : stats) {
    ASSERT_TRUE(e.is_object()) << all;
    stages.insert(e.value("stage", ""));
    EXPECT_EQ(e.value("job", ""), id);
    for (const char* field : {"fps", "latency_ms", "queue_fill", "dropped"}) EXPECT_TRUE(e.contains(field)) << e.dump();
  }
  EXPECT_TRUE(stages.count("encode")) << all;
  // Every stats event came while the run played, before it finished.
  EXPECT_LT(all.rfind("event: stage_stats"), all.find("event: run_finished")) << all;

  // Ended: the job's stages are gone from /metrics.
  auto after = c.Get("/metrics");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body.find("job=\"" + id + "\""), std::string::npos) << after->body;

  // And what it recorded is a video: downloaded and decoded.
  auto video = c.Get(("/api/v1/jobs/" + id + "/outputs/live.mp4").c_str());
  ASSERT_TRUE(video);
  ASSERT_EQ(video->status, 200);
  const auto file = dir / "live.mp4";
  std::ofstream(file, std::ios::binary) << video->body;
  std::string error;
  const auto info = probe_media(file, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_TRUE(info->has_video);
  EXPECT_NEAR(info->duration_s, 3.0, 0.5);
}

}  // namespace
}  // namespace reelflow::service
