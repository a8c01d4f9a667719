// The service as deployed: redis-server, the API (`reelflow serve`) and two workers
// (`reelflow worker`), each its own process on loopback. 20 jobs are submitted and
// one worker is killed with SIGKILL in the middle of a job: every job must still
// finish, exactly once, with a valid video.
#include "job_keys.hpp"
#include "job_store.hpp"
#include "media_probe.hpp"
#include "redis_server.hpp"
#include "service_test_env.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using nlohmann::json;

constexpr int kJobs = 20;

std::unique_ptr<Subprocess> start_worker(const RedisServer& redis, const TempDir& dir, const std::string& name) {
  std::vector<std::string> argv{REELFLOW_CLI_PATH, "--log-level", "info", "worker", "--name", name, "--concurrency", "2"};
  for (auto& a : service_args(redis, dir)) argv.push_back(a);
  return std::make_unique<Subprocess>(argv, dir / ("worker-" + name));
}

TEST(ServiceFleetTest, TwentyJobsFinishExactlyOnceWhenAWorkerIsKilledMidJob) {
  TempDir dir("reelflow-fleet-test");
  RedisServer redis(dir / "redis");
  std::unique_ptr<Subprocess> api;
  const int port = start_serve(api, redis, dir, {"--embedded-workers", "0"});
  ASSERT_GT(port, 0) << api->out() << api->err();
  auto worker_a = start_worker(redis, dir, "A");
  auto worker_b = start_worker(redis, dir, "B");

  auto client = api_client(port);
  std::map<std::string, int> frames_of;  // job → frames asked for
  const char* patterns[] = {"smpte", "ball", "snow", "checkers-8", "circular"};
  for (int i = 0; i < kJobs; ++i) {
    const int frames = 20 + i;  // 1.3–2.6 s each, recorded live; all different, so no stage-cache hits
    const std::string id = submit_clip(client, frames, patterns[i % 5]);
    ASSERT_FALSE(id.empty()) << "job " << i;
    frames_of[id] = frames;
  }

  // Kill A while it is in the middle of a job (running for at least half a second).
  std::set<std::string> killed_jobs;
  std::string last_listing;
  ASSERT_TRUE(wait_until([&] {
    auto res = client.Get("/api/v1/jobs?state=running&limit=100");
    if (!res || res->status != 200) return false;
    last_listing = res->body;
    const auto listing = json::parse(res->body);  // not in the for: a temporary would die first
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    for (const auto& job : listing["jobs"])
      if (job.value("worker", "").rfind("A/", 0) == 0 && job.value("started_at", now) + 0.5 < now)
        killed_jobs.insert(job["id"].get<std::string>());
    return !killed_jobs.empty();
  }, std::chrono::seconds(60))) << last_listing << "\n" << worker_a->err();
  worker_a->signal(SIGKILL);
  ASSERT_EQ(worker_a->wait(std::chrono::seconds(10)), 128 + SIGKILL);

  // Everything finishes on B.
  std::map<std::string, json> final_jobs;
  const bool all_final = wait_until([&] {
    for (const auto& [id, frames] : frames_of) {
      if (final_jobs.count(id)) continue;
      auto job = get_job(client, id);
      if (is_final_job(job)) final_jobs[id] = job;
    }
    return final_jobs.size() == frames_of.size();
  }, std::chrono::seconds(240));
  ASSERT_TRUE(all_final) << final_jobs.size() << " of " << kJobs << " finished\nworker B:\n" << worker_b->err();

  for (const auto& [id, job] : final_jobs) {
    SCOPED_TRACE("job " + id);
    ASSERT_EQ(job["state"], "succeeded") << job.dump();
    ASSERT_EQ(job["outputs"], json::array({"clip.mp4"}));
    if (killed_jobs.count(id)) {
      EXPECT_EQ(job["attempts"], 2) << "killed once, then taken over";
      EXPECT_EQ(job["worker"].get<std::string>().rfind("B/", 0), 0u);
    } else {
      EXPECT_LE(job["attempts"].get<int>(), 2);
    }
    // The video is whole: decode it, as downloaded from the API.
    auto res = client.Get(("/api/v1/jobs/" + id + "/outputs/clip.mp4").c_str());
    ASSERT_EQ(res->status, 200);
    const auto file = dir / (id + ".mp4");
    std::ofstream(file, std::ios::binary) << res->body;
    auto info = probe_media(file);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->video_codec, "video/x-h264");
    EXPECT_NEAR(info->duration_s, frames_of[id] / 15.0, 0.2);
    // Only the attempt that completed left files: the killed attempt's dir is gone.
    int attempt_dirs = 0;
    for (auto& d : std::filesystem::directory_iterator(dir / "data/jobs" / id)) attempt_dirs += d.is_directory();
    EXPECT_EQ(attempt_dirs, 1);
  }

  // Exactly once: one completion record per job, and nothing left pending or dead.
  RedisConnection redis_client(RedisEndpoint::parse(redis.url()));
  JobKeys keys;
  auto completions = redis_client.command({"XRANGE", keys.completions(), "-", "+"});
  std::multiset<std::string> completed;
  for (size_t i = 0; i < completions->elements; ++i)
    completed.insert(reply_fields(completions->element[i]->element[1])["job"]);
  EXPECT_EQ(completed.size(), static_cast<size_t>(kJobs));
  for (const auto& [id, frames] : frames_of) EXPECT_EQ(completed.count(id), 1u) << id;
  JobStore store(redis_client, keys);
  const auto stats = store.stats();
  EXPECT_EQ(stats.pending, 0);
  EXPECT_EQ(stats.dead_letters, 0);
  EXPECT_EQ(stats.queue_length, 0);
  EXPECT_GE(stats.counters.at("reclaimed"), static_cast<long long>(killed_jobs.size()));
  EXPECT_EQ(stats.counters.at("succeeded"), kJobs);

  // A clean stop: SIGTERM, exit 0.
  worker_b->signal(SIGTERM);
  api->signal(SIGTERM);
  EXPECT_EQ(worker_b->wait(std::chrono::seconds(30)), 0);
  EXPECT_EQ(api->wait(std::chrono::seconds(30)), 0);
}

}  // namespace
}  // namespace reelflow::service
