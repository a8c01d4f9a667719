// The service as deployed: redis-server, the API (`reelflow serve`) and two workers
// (`reelflow worker`), each its own process on loopback. One worker is killed with
// SIGKILL in the middle of a long job while 20 more are queued; the other starts
// then: every job must still finish, exactly once, with a valid video.
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
  // A takes a 20 s job (recorded live, so it cannot end sooner) and is killed while
  // the 20 short jobs are being queued: the long one is surely unfinished then.
  auto worker_a = start_worker(redis, dir, "A");
  auto client = api_client(port);
  std::map<std::string, int> frames_of;  // job → frames asked for
  const std::string victim = submit_clip(client, 300, "ball");
  ASSERT_FALSE(victim.empty());
  frames_of[victim] = 300;
  json seen;
  ASSERT_TRUE(wait_until([&] {
    seen = get_job(client, victim);
    return seen.value("state", "") == "running" && seen.value("worker", "").rfind("A/", 0) == 0;
  }, std::chrono::seconds(60))) << seen.dump() << "\n" << worker_a->err();

  const char* patterns[] = {"smpte", "ball", "snow", "checkers-8", "circular"};
  for (int i = 0; i < kJobs; ++i) {
    const int frames = 20 + i;  // 1.3–2.6 s each, recorded live; all different, so no stage-cache hits
    const std::string id = submit_clip(client, frames, patterns[i % 5]);
    ASSERT_FALSE(id.empty()) << "job " << i;
    frames_of[id] = frames;
  }
  worker_a->signal(SIGKILL);
  ASSERT_EQ(worker_a->wait(std::chrono::seconds(10)), 128 + SIGKILL);
  ASSERT_EQ(get_job(client, victim)["state"], "running") << "the job A was killed in had already ended";
  auto worker_b = start_worker(redis, dir, "B");

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
  ASSERT_TRUE(all_final) << final_jobs.size() << " of " << frames_of.size() << " finished\nworker B:\n" << worker_b->err();

  for (const auto& [id, job] : final_jobs) {
    SCOPED_TRACE("job " + id);
    ASSERT_EQ(job["state"], "succeeded") << job.dump();
    ASSERT_EQ(job["outputs"], json::array({"clip.mp4"}));
    if (id == victim) {
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
  EXPECT_EQ(completed.size(), frames_of.size());
  for (const auto& [id, frames] : frames_of) EXPECT_EQ(completed.count(id), 1u) << id;
  JobStore store(redis_client, keys);
  const auto stats = store.stats();
  EXPECT_EQ(stats.pending, 0);
  EXPECT_EQ(stats.dead_letters, 0);
  EXPECT_EQ(stats.queue_length, 0);
  EXPECT_GE(stats.counters.at("reclaimed"), 1);
  EXPECT_EQ(stats.counters.at("succeeded"), static_cast<long long>(frames_of.size()));

  // A clean stop: SIGTERM, exit 0.
  worker_b->signal(SIGTERM);
  api->signal(SIGTERM);
  EXPECT_EQ(worker_b->wait(std::chrono::seconds(30)), 0);
  EXPECT_EQ(api->wait(std::chrono::seconds(30)), 0);
}

}  // namespace
}  // namespace reelflow::service
