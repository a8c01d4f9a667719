// Event streams (SSE) of `reelflow serve`: many idle watchers must not starve the
// rest of the API, nor hold a Redis connection each; their number is bounded; events
// reach every watcher through the server's one Redis reader, and the final one ends
// the streams. Events are written straight into Redis (no worker runs).
#include "job_keys.hpp"
#include "raw_http.hpp"
#include "served_api.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <thread>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using namespace std::chrono;
using nlohmann::json;

// A gauge of /metrics, or -1.
long long gauge(httplib::Client& c, const std::string& name) {
  auto res = c.Get("/metrics");
  if (!res || res->status != 200) return -1;
  const auto at = res->body.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stoll(res->body.substr(at + name.size() + 2));
}

std::string watch_request(const std::string& job, const std::string& extra = "") {
  return "GET /api/v1/jobs/" + job + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
         std::string(kTestToken) + "\r\n" + extra + "\r\n";
}

// A line of /proc/<pid>/status, e.g. "VmRSS".
std::string proc_status(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + ":", 0) == 0) return line.substr(key.size() + 1);
  return "?";
}

void add_event(ServedApi& api, const std::string& job, const json& event) {
  api.redis().command({"XADD", JobKeys{}.events(job), "*", "data", event.dump()});
}

TEST(SseWatchersTest, FiveHundredIdleWatchersLeaveTheRestOfTheApiFast) {
  constexpr int kWatchers = 500;
  ServedApi api({"--max-watchers", "600"});
  const std::string job = api.queue_job();
  std::vector<std::unique_ptr<RawHttp>> watchers;
  for (int i = 0; i < kWatchers; ++i) {
    watchers.push_back(std::make_unique<RawHttp>(api.port()));
    ASSERT_TRUE(watchers.back()->send_all(watch_request(job))) << i;
  }
  // The clock starts once the server serves every one of them.
  auto c = api.client();
  long long open = -1;
  ASSERT_TRUE(wait_until([&] { return (open = gauge(c, "reelflow_event_streams")) == kWatchers; }, seconds(120)))
      << open << " streams open\n" << api.output().substr(0, 2000);
  EXPECT_NE(watchers.front()->receive(seconds(10), "event: job_queued").find("event: job_queued"), std::string::npos);

  auto anon = api.anonymous();
  const auto t0 = steady_clock::now();
  auto health = anon.Get("/healthz");
  const auto took = duration_cast<milliseconds>(steady_clock::now() - t0);
  ASSERT_TRUE(health) << "no answer with " << kWatchers << " watchers";
  EXPECT_EQ(health->status, 200);
  EXPECT_LT(took, seconds(1));
  EXPECT_EQ(c.Get("/api/v1/jobs")->status, 200);
  EXPECT_EQ(anon.Get("/")->status, 200);

  // Idle watchers hold no Redis connection each: the server has a handful open.
  auto redis = api.redis();
  auto clients = redis.command({"CLIENT", "LIST"});
  const std::string list = reply_string(clients.get());
  const auto connections = std::count(list.begin(), list.end(), '\n');
  EXPECT_LT(connections, 40) << list.substr(0, 2000);
  std::cout << "with " << kWatchers << " idle watchers: /healthz in " << took.count() << " ms; serve has"
            << proc_status(api.pid(), "VmRSS") << " resident," << proc_status(api.pid(), "Threads")
            << " threads; Redis has " << connections << " clients\n";
  EXPECT_TRUE(api.alive());
}

TEST(SseWatchersTest, WatchersPastTheBoundAreTurnedAwayUntilOneLeaves) {
  ServedApi api({"--max-watchers", "3"});
  const std::string job = api.queue_job();
  std::vector<std::unique_ptr<RawHttp>> watchers;
  for (int i = 0; i < 3; ++i) {
    watchers.push_back(std::make_unique<RawHttp>(api.port()));
    ASSERT_TRUE(watchers.back()->send_all(watch_request(job)));
  }
  auto c = api.client();
  ASSERT_TRUE(wait_until([&] { return gauge(c, "reelflow_event_streams") == 3; }, seconds(30)));
  auto refused = c.Get(("/api/v1/jobs/" + job + "/events").c_str());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_NE(refused->body.find("too many event streams"), std::string::npos) << refused->body;
  EXPECT_EQ(refused->get_header_value("Retry-After"), "5");

  watchers.pop_back();  // a client leaves: its place is free within seconds
  ASSERT_TRUE(wait_until([&] { return gauge(c, "reelflow_event_streams") == 2; }, seconds(20)));
  RawHttp again(api.port());
  ASSERT_TRUE(again.send_all(watch_request(job)));
  EXPECT_EQ(status_of(again.receive(seconds(10), "\r\n\r\n")), 200);
}

TEST(SseWatchersTest, NewEventsReachEveryWatcherAndTheFinalOneEndsTheirStreams) {
  ServedApi api;
  const std::string job = api.queue_job();
  constexpr int kClients = 3;
  std::vector<std::string> streams(kClients);
  std::vector<std::thread> clients;
  std::atomic<int> ended{0};
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&, i] {
      auto c = api.client();
      c.Get(("/api/v1/jobs/" + job + "/events").c_str(), [&, i](const char* data, size_t n) {
        streams[i].append(data, n);
        return true;
      });
      ++ended;
    });
  auto c = api.client();
  ASSERT_TRUE(wait_until([&] { return gauge(c, "reelflow_event_streams") == kClients; }, seconds(30)));

  add_event(api, job, {{"event", "stage_progress"}, {"stage", "clip"}, {"progress", 0.5}});
  api.set_field(job, "state", "succeeded");
  add_event(api, job, {{"event", "job_finished"}, {"state", "succeeded"}});
  ASSERT_TRUE(wait_until([&] { return ended == kClients; }, seconds(10))) << "the final event did not end the streams";
  for (auto& t : clients) t.join();
  for (const auto& stream : streams) {
    const auto queued = stream.find("event: job_queued"), progress = stream.find("event: stage_progress"),
               finished = stream.find("event: job_finished");
    ASSERT_NE(finished, std::string::npos) << stream;
    EXPECT_LT(queued, progress) << stream;
    EXPECT_LT(progress, finished) << stream;
  }
  EXPECT_EQ(gauge(c, "reelflow_event_streams"), 0);

  // A client that comes back with the first event's id gets the rest, then the end.
  const std::string first_id = streams[0].substr(4, streams[0].find('\n') - 4);
  RawHttp resumed(api.port());
  ASSERT_TRUE(resumed.send_all(watch_request(job, "Last-Event-ID: " + first_id + "\r\n")));
  const std::string rest = resumed.receive(seconds(10), "\r\n0\r\n\r\n");
  EXPECT_EQ(rest.find("job_queued"), std::string::npos) << rest;
  EXPECT_NE(rest.find("job_finished"), std::string::npos) << rest;
}

}  // namespace
}  // namespace reelflow::service
