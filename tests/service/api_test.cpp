// The job service's HTTP API in process: a real redis-server, the API on a loopback
// port with an embedded worker, and cpp-httplib as the client.
#include "api_server.hpp"
#include "batch_store.hpp"
#include "job_store.hpp"
#include "media_probe.hpp"
#include "redis_server.hpp"
#include "service_test_env.hpp"
#include "temp_dir.hpp"
#include "worker.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("reelflow-api-test");
    redis_ = new RedisServer(dir_->path() / "redis");
    runtime_ = new Runtime(RuntimeOptions{{REELFLOW_BUILD_PLUGIN_DIR}, false});

    WorkerOptions w;
    w.redis = RedisEndpoint::parse(redis_->url());
    w.data_dir = dir_->path() / "data";
    w.cache_dir = dir_->path() / "cache";
    // Nothing here is taken over from a dead worker (fleet_test is about that): with two
    // slots, a short claim time would let one slot take a job the other is still
    // starting on a loaded machine.
    w.claim_idle = std::chrono::seconds(60);
    w.concurrency = 2;
    worker_ = new Worker(*runtime_, w);

    ApiOptions api;
    api.token = kTestToken;
    api.redis = w.redis;
    api.data_dir = w.data_dir;
    api.catalog = GraphCatalog::from_entries(
        {"clip=" + clip_graph().string(), "topic-clip=" + (clip_graph().parent_path() / "topic-clip.yaml").string()});
    api.max_body_bytes = 64 * 1024;
    // Uploads on: the rule that an uploaded graph never reads the environment is then live.
    api.policy.allow_upload = true;
    server_ = new ApiServer(*runtime_, api, [] { return std::string("reelflow_worker_slots 2\n"); });
    port_ = server_->bind("127.0.0.1", 0);
    listener_ = new std::thread([] { server_->listen(); });
    worker_->start();
  }
  static void TearDownTestSuite() {
    server_->stop();
    listener_->join();
    worker_->stop();
    delete listener_;
    delete server_;
    delete worker_;
    delete runtime_;
    delete redis_;
    delete dir_;
  }

  httplib::Client client() { return api_client(port_); }
  httplib::Client anonymous() { return httplib::Client("127.0.0.1", port_); }

  json wait_for_final(const std::string& id, std::chrono::seconds timeout = std::chrono::seconds(60)) {
    auto c = client();
    return testing::wait_for_final(c, id, timeout);
  }

  static TempDir* dir_;
  static RedisServer* redis_;
  static Runtime* runtime_;
  static Worker* worker_;
  static ApiServer* server_;
  static std::thread* listener_;
  static int port_;
};

TempDir* ApiTest::dir_ = nullptr;
RedisServer* ApiTest::redis_ = nullptr;
Runtime* ApiTest::runtime_ = nullptr;
Worker* ApiTest::worker_ = nullptr;
ApiServer* ApiTest::server_ = nullptr;
std::thread* ApiTest::listener_ = nullptr;
int ApiTest::port_ = 0;

TEST_F(ApiTest, EveryRouteButHealthAndThePageNeedsTheToken) {
  auto anon = anonymous();
  auto health = anon.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(json::parse(health->body)["status"], "ok");
  auto page = anon.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<title>reelflow jobs</title>"), std::string::npos);
  EXPECT_EQ(page->body.find(kTestToken), std::string::npos);

  for (const char* path : {"/api/v1/jobs", "/api/v1/graphs", "/metrics", "/api/v1/jobs/0123/events"}) {
    auto res = anon.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer realm=\"reelflow\"");
  }
  auto post = anon.Post("/api/v1/jobs", R"({"graph":"clip"})", "application/json");
  EXPECT_EQ(post->status, 401);

  httplib::Client wrong("127.0.0.1", port_);
  wrong.set_bearer_token_auth("test-token-0123456789abcdeX");  // same length, last byte differs
  EXPECT_EQ(wrong.Get("/api/v1/jobs")->status, 401);

  // The page's way: it signs in once, then the server's session cookie goes with each call.
  auto session = anon.Post("/api/v1/session", json{{"token", kTestToken}}.dump(), "application/json");
  ASSERT_EQ(session->status, 204) << session->body;
  const std::string set_cookie = session->get_header_value("Set-Cookie");
  auto cookie = anon.Get("/api/v1/graphs", {{"Cookie", "a=b; " + set_cookie.substr(0, set_cookie.find(';'))}});
  EXPECT_EQ(cookie->status, 200);
}

TEST_F(ApiTest, GraphsListTheAllowListWithVariables) {
  auto c = client();
  auto res = c.Get("/api/v1/graphs");
  ASSERT_EQ(res->status, 200);
  auto body = json::parse(res->body);
  // The allow list: "clip", and "topic-clip" for the batch tests.
  ASSERT_EQ(body["graphs"].size(), 2u);
  json clip;
  for (const auto& g : body["graphs"])
    if (g["name"] == "clip") clip = g;
  ASSERT_FALSE(clip.is_null()) << body.dump();
  // Each variable with its declaration: what a job may set it to.
  const json pattern = clip["variables"][0];
  EXPECT_EQ(pattern["name"], "pattern");
  EXPECT_EQ(pattern["type"], "enum");
  EXPECT_EQ(pattern["default"], "smpte");
  EXPECT_EQ(pattern["choices"][1], "ball");
  const json frames = clip["variables"][1];
  EXPECT_EQ(frames["type"], "int");
  EXPECT_EQ(frames["min"], 1);
  EXPECT_EQ(frames["max"], 3000);
  EXPECT_EQ(body["upload_allowed"], true);
}

TEST_F(ApiTest, BadSubmissionsAreRejectedWithReasonsAndNothingIsQueued) {
  auto c = client();
  const auto before = json::parse(c.Get("/api/v1/jobs?limit=1000")->body)["jobs"].size();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"not json", "JSON object"},
      {R"(["clip"])", "JSON object"},
      {R"({"graph":"clip","colour":"red"})", "unknown field 'colour'"},
      {R"({"graph":"nope"})", "unknown graph 'nope'"},
      {R"({})", "exactly one of"},
      {R"({"graph_yaml":7})", "'graph_yaml' must be a string"},
      {R"({"graph":"clip","variables":{"frames":[1]}})", "variable 'frames'"},
      {R"({"graph":"clip","max_attempts":0})", "'max_attempts' must be an integer from 1 to 20"},
  };
  for (const auto& [body, reason] : cases) {
    auto res = c.Post("/api/v1/jobs", body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_NE(json::parse(res->body)["error"].get<std::string>().find(reason), std::string::npos) << body << " → " << res->body;
  }
  // The graph itself is validated like the CLI does: every error, with file, line and column.
  auto res = c.Post("/api/v1/jobs", R"({"graph":"clip","variables":{"nope":"1","frames":"x"}})", "application/json");
  ASSERT_EQ(res->status, 400);
  auto body = json::parse(res->body);
  EXPECT_EQ(body["error"], "invalid graph");
  ASSERT_GE(body["diagnostics"].size(), 1u);
  EXPECT_NE(body["diagnostics"][0]["text"].get<std::string>().find("clip.yaml"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("no variable 'nope'"), std::string::npos) << res->body;

  auto big = c.Post("/api/v1/jobs", std::string(100 * 1024, ' '), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(json::parse(c.Get("/api/v1/jobs?limit=1000")->body)["jobs"].size(), before);
}

TEST_F(ApiTest, JobRunsStreamsItsEventsAndServesItsVideo) {
  auto c = client();
  auto res = c.Post("/api/v1/jobs", R"({"graph":"clip","variables":{"frames":24,"pattern":"ball"}})", "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string id = json::parse(res->body)["id"];
  EXPECT_EQ(res->get_header_value("Location"), "/api/v1/jobs/" + id);

  // SSE: read until the server ends the stream after job_finished.
  std::string stream;
  auto sse = c.Get(("/api/v1/jobs/" + id + "/events").c_str(), [&](const char* data, size_t n) {
    stream.append(data, n);
    return true;
  });
  ASSERT_TRUE(sse);
  EXPECT_EQ(sse->get_header_value("Content-Type"), "text/event-stream");
  std::vector<std::string> names;
  for (size_t pos = 0; (pos = stream.find("event: ", pos)) != std::string::npos; pos += 7)
    names.push_back(stream.substr(pos + 7, stream.find('\n', pos) - pos - 7));
  ASSERT_FALSE(names.empty()) << stream;
  EXPECT_EQ(names.front(), "job_queued");
  EXPECT_EQ(names.back(), "job_finished");
  for (const char* expected : {"job_started", "run_started", "stage_started", "stage_finished", "run_finished"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected << " in\n" << stream;
  EXPECT_NE(stream.find("\"state\":\"succeeded\""), std::string::npos);

  // Resuming from an event id gives only what came after it.
  const auto first_id = stream.substr(4, stream.find('\n') - 4);
  std::string rest;
  c.Get(("/api/v1/jobs/" + id + "/events").c_str(), {{"Last-Event-ID", first_id}}, [&](const char* d, size_t n) {
    rest.append(d, n);
    return true;
  });
  EXPECT_EQ(rest.find("job_queued"), std::string::npos);
  EXPECT_NE(rest.find("job_finished"), std::string::npos);
  // Resuming after the final event ends at once instead of waiting for more.
  const auto last_id_at = stream.rfind("id: ");
  const auto last_id = stream.substr(last_id_at + 4, stream.find('\n', last_id_at) - last_id_at - 4);
  std::string after_end;
  const auto t0 = std::chrono::steady_clock::now();
  auto ended = c.Get(("/api/v1/jobs/" + id + "/events?after=" + last_id).c_str(), [&](const char* d, size_t n) {
    after_end.append(d, n);
    return true;
  });
  ASSERT_TRUE(ended);
  EXPECT_EQ(after_end.find("event:"), std::string::npos) << after_end;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));

  auto job = get_job(c, id);
  EXPECT_EQ(job["state"], "succeeded");
  EXPECT_EQ(job["attempts"], 1);
  EXPECT_EQ(job["outputs"], json::array({"clip.mp4"}));

  auto video = c.Get(("/api/v1/jobs/" + id + "/outputs/clip.mp4").c_str());
  ASSERT_EQ(video->status, 200);
  EXPECT_EQ(video->get_header_value("Content-Type"), "video/mp4");
  ASSERT_GT(video->body.size(), 300u);
  // Ranges are the file's own bytes at those offsets, not just the right count.
  for (const auto& [first, last] : {std::pair<std::size_t, std::size_t>{0, 99}, {150, 299}}) {
    const std::string spec = "bytes=" + std::to_string(first) + "-" + std::to_string(last);
    auto range = c.Get(("/api/v1/jobs/" + id + "/outputs/clip.mp4").c_str(), {{"Range", spec}});
    ASSERT_TRUE(range);
    EXPECT_EQ(range->status, 206) << spec;
    EXPECT_EQ(range->get_header_value("Content-Range"), "bytes " + std::to_string(first) + "-" + std::to_string(last) +
                                                           "/" + std::to_string(video->body.size()));
    EXPECT_TRUE(range->body == video->body.substr(first, last - first + 1)) << spec << ": other bytes";
  }
  const auto file = dir_->path() / "downloaded.mp4";
  std::ofstream(file, std::ios::binary) << video->body;
  std::string error;
  auto info = probe_media(file, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_TRUE(info->has_video);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_NEAR(info->duration_s, 24 / 15.0, 0.2);

  EXPECT_EQ(c.Get(("/api/v1/jobs/" + id + "/outputs/../../etc/passwd").c_str())->status, 404);
  EXPECT_EQ(c.Delete("/api/v1/jobs/abcdef")->status, 404);
  EXPECT_EQ(c.Get(("/api/v1/jobs/" + id + "/outputs/other.mp4").c_str())->status, 404);
  EXPECT_EQ(c.Get("/api/v1/jobs/abcdef")->status, 404);
  EXPECT_EQ(c.Post(("/api/v1/jobs/" + id + "/cancel").c_str())->status, 409);
}

TEST_F(ApiTest, RunningJobIsCancelledAndLeavesNoOutputs) {
  auto c = client();
  const std::string id = submit_clip(c, 15 * 60);  // a minute of live video
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(wait_until([&] { return get_job(c, id).value("state", "") == "running"; }, std::chrono::seconds(30)));
  auto res = c.Post(("/api/v1/jobs/" + id + "/cancel").c_str());
  ASSERT_EQ(res->status, 202);
  auto job = wait_for_final(id, std::chrono::seconds(30));
  EXPECT_EQ(job["state"], "cancelled");
  EXPECT_TRUE(job["outputs"].empty());
  std::size_t files = 0;
  if (std::filesystem::exists(dir_->path() / "data/jobs" / id))
    for (auto& f : std::filesystem::recursive_directory_iterator(dir_->path() / "data/jobs" / id)) files += f.is_regular_file();
  EXPECT_EQ(files, 0u) << "a cancelled attempt's files are removed";
}

TEST_F(ApiTest, JobOverItsTimeoutFailsAndIsDeadLettered) {
  auto c = client();
  // A minute of live video with 1 s allowed and a single attempt.
  auto res = c.Post("/api/v1/jobs", R"({"graph":"clip","variables":{"frames":900},"timeout_s":1,"max_attempts":1})",
                    "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string id = json::parse(res->body)["id"];
  const auto job = wait_for_final(id, std::chrono::seconds(30));
  EXPECT_EQ(job["state"], "failed");
  EXPECT_EQ(job["error"], "timed out after 1 s");
  EXPECT_EQ(job["attempts"], 1);
  EXPECT_TRUE(job["outputs"].empty());
  RedisConnection redis(RedisEndpoint::parse(redis_->url()));
  auto dead = redis.command({"XRANGE", JobKeys{}.dead(), "-", "+"});
  bool listed = false;
  for (size_t i = 0; i < dead->elements; ++i) listed |= reply_fields(dead->element[i]->element[1])["job"] == id;
  EXPECT_TRUE(listed) << "the job is in the dead-letter stream";
}

TEST_F(ApiTest, FinishedJobIsDeletedWithItsFilesButARunningOneIsNot) {
  auto c = client();
  const std::string running = submit_clip(c, 15 * 60);
  const std::string done = submit_clip(c, 5, "snow");
  ASSERT_FALSE(running.empty());
  ASSERT_TRUE(wait_until([&] { return get_job(c, running).value("state", "") == "running"; }, std::chrono::seconds(30)));
  EXPECT_EQ(c.Delete(("/api/v1/jobs/" + running).c_str())->status, 409);
  ASSERT_EQ(wait_for_final(done)["state"], "succeeded");
  ASSERT_TRUE(std::filesystem::exists(dir_->path() / "data/jobs" / done));

  EXPECT_EQ(c.Delete(("/api/v1/jobs/" + done).c_str())->status, 204);
  EXPECT_EQ(c.Get(("/api/v1/jobs/" + done).c_str())->status, 404);
  EXPECT_EQ(c.Get(("/api/v1/jobs/" + done + "/events").c_str())->status, 404);
  EXPECT_FALSE(std::filesystem::exists(dir_->path() / "data/jobs" / done));
  const auto listing = json::parse(c.Get("/api/v1/jobs?limit=1000")->body);
  for (const auto& job : listing["jobs"]) EXPECT_NE(job["id"], done);
  EXPECT_EQ(c.Post(("/api/v1/jobs/" + running + "/cancel").c_str())->status, 202);
  EXPECT_EQ(wait_for_final(running)["state"], "cancelled");
}

TEST_F(ApiTest, ListFiltersAndMetricsCount) {
  auto c = client();
  const std::string id = submit_clip(c, 3, "snow");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(wait_for_final(id)["state"], "succeeded");
  auto list = json::parse(c.Get("/api/v1/jobs?state=succeeded&limit=1")->body)["jobs"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], id) << "newest first";
  EXPECT_EQ(c.Get("/api/v1/jobs?state=bogus")->status, 400);

  auto metrics = c.Get("/metrics");
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4");
  const auto& text = metrics->body;
  EXPECT_NE(text.find("# TYPE reelflow_jobs_succeeded_total counter"), std::string::npos);
  const auto at = text.find("\nreelflow_jobs_succeeded_total ");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_GE(std::stoi(text.substr(at + 31)), 1);
  EXPECT_NE(text.find("reelflow_http_responses_total{code=\"201\"}"), std::string::npos);
  EXPECT_NE(text.find("reelflow_worker_slots 2"), std::string::npos);
}

// An uploaded graph that names the server's environment in an output file name: were
// ${env:...} expanded, the secret would become a file, an output and an event.
constexpr const char* kServerSecretName = "REELFLOW_API_TEST_SERVER_SECRET";
constexpr const char* kServerSecret = "srv-secret-5f1c9a7e2b";

std::string env_probe_graph(const std::string& reference) {
  return "reelflow: 1\nname: probe\nstages:\n  - id: clip\n    type: gst_launch\n    params:\n"
         "      pipeline: \"videotestsrc num-buffers=3 ! video/x-raw,width=64,height=48,framerate=15/1 ! "
         "x264enc speed-preset=ultrafast\"\n      mux: mp4\n      output: \"" +
         reference + ".mp4\"\n";
}

// The plain reference, and YAML escapes that only become "${env:" once parsed.
const std::vector<std::string> kEnvReferences{std::string("${env:") + kServerSecretName + "}",
                                              std::string("\\x24{env:") + kServerSecretName + "}",
                                              std::string("\\u0024{env:") + kServerSecretName + "}"};

TEST_F(ApiTest, UploadedGraphThatReadsTheEnvironmentIsRefusedAtSubmit) {
  ::setenv(kServerSecretName, kServerSecret, 1);
  auto c = client();
  const auto before = json::parse(c.Get("/api/v1/jobs?limit=1000")->body)["jobs"].size();
  // The same graph without the reference is accepted: the refusal is about ${env:...} alone.
  auto plain = c.Post("/api/v1/jobs", json{{"graph_yaml", env_probe_graph("plain")}}.dump(), "application/json");
  ASSERT_EQ(plain->status, 201) << plain->body;
  EXPECT_EQ(wait_for_final(json::parse(plain->body)["id"])["state"], "succeeded");

  for (const auto& reference : kEnvReferences) {
    auto res = c.Post("/api/v1/jobs", json{{"graph_yaml", env_probe_graph(reference)}}.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << reference << ": " << res->body;
    EXPECT_NE(res->body.find("env"), std::string::npos) << res->body;
    EXPECT_EQ(res->body.find(kServerSecret), std::string::npos) << res->body;
  }
  EXPECT_EQ(json::parse(c.Get("/api/v1/jobs?limit=1000")->body)["jobs"].size(), before + 1);
}

TEST_F(ApiTest, UploadedGraphThatReadsTheEnvironmentFailsOnTheWorkerWithoutTheSecret) {
  ::setenv(kServerSecretName, kServerSecret, 1);
  RedisConnection redis(RedisEndpoint::parse(redis_->url()));
  auto c = client();
  for (const auto& reference : kEnvReferences) {
    SCOPED_TRACE(reference);
    // Straight into the queue, as if the API's checks had been skipped.
    Job job;
    job.id = new_job_id();
    job.graph = Job::kUploadedGraph;
    job.graph_yaml = env_probe_graph(reference);
    job.created_at = unix_now();
    JobStore(redis, JobKeys{}).submit(job);

    const json final_job = wait_for_final(job.id);
    EXPECT_EQ(final_job["state"], "failed") << final_job.dump();
    EXPECT_NE(final_job.value("error", "").find("may not read the environment"), std::string::npos) << final_job.dump();
    EXPECT_TRUE(final_job["outputs"].empty());

    std::string events;
    c.Get(("/api/v1/jobs/" + job.id + "/events").c_str(), [&](const char* d, size_t n) {
      events.append(d, n);
      return true;
    });
    EXPECT_NE(events.find("job_finished"), std::string::npos) << events;
    std::string stored;
    for (const auto& [field, value] : reply_fields(redis.command({"HGETALL", JobKeys{}.job(job.id)}).get()))
      stored += field + "=" + value + "\n";
    for (const std::string& seen : {final_job.dump(), events, stored})
      EXPECT_EQ(seen.find(kServerSecret), std::string::npos) << seen;
    if (std::filesystem::exists(dir_->path() / "data/jobs" / job.id))
      for (const auto& f : std::filesystem::recursive_directory_iterator(dir_->path() / "data/jobs" / job.id))
        ADD_FAILURE() << "the failed job left " << f.path();
  }
}

TEST_F(ApiTest, BatchMakesOneJobPerTopicAndSummarisesThem) {
  auto c = client();
  auto res = c.Post("/api/v1/batches",
                    json{{"graph", "topic-clip"}, {"topics", {"Coral reefs", "Tides"}}, {"variables", {{"frames", 10}}}}.dump(),
                    "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const json batch = json::parse(res->body);
  const std::string id = batch["id"];
  EXPECT_EQ(res->get_header_value("Location"), "/api/v1/batches/" + id);
  ASSERT_EQ(batch["jobs"].size(), 2u);
  for (const auto& job : batch["jobs"]) EXPECT_EQ(wait_for_final(job.get<std::string>())["state"], "succeeded");

  auto summary = c.Get(("/api/v1/batches/" + id).c_str());
  ASSERT_EQ(summary->status, 200) << summary->body;
  const json s = json::parse(summary->body);
  EXPECT_EQ(s["total"], 2);
  EXPECT_EQ(s["finished"], 2);
  EXPECT_EQ(s["counts"]["succeeded"], 2);
  EXPECT_EQ(s["counts"]["failed"], 0);
  ASSERT_EQ(s["jobs"].size(), 2u);
  EXPECT_EQ(s["jobs"][0]["topic"], "Coral reefs");
  EXPECT_EQ(s["jobs"][0]["variables"]["topic"], "Coral reefs");
  EXPECT_EQ(s["jobs"][1]["variables"]["topic"], "Tides");
  EXPECT_EQ(s["jobs"][1]["variables"]["frames"], "10");
  EXPECT_EQ(s["jobs"][1]["outputs"], json::array({"clip.mp4"}));
  EXPECT_EQ(c.Get("/api/v1/batches/0123abcd")->status, 404);
}

TEST_F(ApiTest, BatchWithOneBadTopicIsRefusedWholeAndQueuesNothing) {
  auto c = client();
  const auto jobs_before = json::parse(c.Get("/api/v1/jobs?limit=1000")->body)["jobs"].size();
  // The graph's own rule (topic: max_length 40) refuses the second topic, by its index.
  auto res = c.Post("/api/v1/batches", json{{"graph", "topic-clip"}, {"topics", {"Fine", std::string(41, 'x')}}}.dump(),
                    "application/json");
  ASSERT_EQ(res->status, 400) << res->body;
  const json refused = json::parse(res->body);
  EXPECT_EQ(refused["error"], "invalid topics");
  ASSERT_EQ(refused["topics"].size(), 1u);
  EXPECT_EQ(refused["topics"][0]["index"], 1);

  const std::pair<json, std::string> bad[] = {
      {json{{"graph", "topic-clip"}}, "'topics' must be a list of 1 to 100 strings"},
      {json{{"graph", "topic-clip"}, {"topics", json::array()}}, "'topics' must be a list"},
      {json{{"graph", "topic-clip"}, {"topics", std::vector<std::string>(101, "t")}}, "'topics' must be a list"},
      {json{{"graph", "topic-clip"}, {"topics", {"a", 7}}}, "topics[1]: must be a string"},
      {json{{"graph", "topic-clip"}, {"topics", {"a"}}, {"variables", {{"topic", "b"}}}}, "may not set topic"},
      {json{{"graph", "topic-clip"}, {"topics", {"a"}}, {"redo", {{"scenes", {1}}}}}, "a batch has no 'redo'"},
      {json{{"graph", "no-such"}, {"topics", {"a"}}}, "topics[0]: unknown graph"},
      {json{{"graph", "topic-clip"}, {"topics", {"a"}}, {"surprise", 1}}, "topics[0]: unknown field 'surprise'"},
  };
  for (const auto& [body, reason] : bad) {
    auto r = c.Post("/api/v1/batches", body.dump(), "application/json");
    ASSERT_EQ(r->status, 400) << body.dump();
    EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find(reason), std::string::npos) << r->body;
  }
  EXPECT_EQ(json::parse(c.Get("/api/v1/jobs?limit=1000")->body)["jobs"].size(), jobs_before);
}

TEST_F(ApiTest, FinishedBatchIsDeletedWithItsJobsAndFilesButOneWithAQueuedJobIsNot) {
  auto c = client();
  const auto post_batch = [&](const json& topics) {
    auto res = c.Post("/api/v1/batches", json{{"graph", "topic-clip"}, {"topics", topics}, {"variables", {{"frames", 5}}}}.dump(),
                      "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return json::parse(res->body);
  };
  const json done = post_batch({"Owls", "Bats"});
  for (const auto& job : done["jobs"]) ASSERT_EQ(wait_for_final(job.get<std::string>())["state"], "succeeded");
  for (const auto& job : done["jobs"]) ASSERT_TRUE(std::filesystem::exists(dir_->path() / "data/jobs" / job.get<std::string>()));

  // Both worker slots busy, so the next batch's job stays queued.
  const std::string busy[] = {submit_clip(c, 15 * 60), submit_clip(c, 15 * 60)};
  for (const auto& id : busy)
    ASSERT_TRUE(wait_until([&] { return get_job(c, id).value("state", "") == "running"; }, std::chrono::seconds(30)));
  const json waiting = post_batch({"Moths"});
  const std::string waiting_path = "/api/v1/batches/" + waiting["id"].get<std::string>();
  auto refused = c.Delete(waiting_path.c_str());
  EXPECT_EQ(refused->status, 409) << refused->body;
  EXPECT_EQ(c.Get(waiting_path.c_str())->status, 200) << "a refused delete deletes nothing";

  const std::string done_path = "/api/v1/batches/" + done["id"].get<std::string>();
  EXPECT_EQ(c.Delete(done_path.c_str())->status, 204);
  EXPECT_EQ(c.Get(done_path.c_str())->status, 404);
  EXPECT_EQ(c.Delete(done_path.c_str())->status, 404);
  const auto listing = json::parse(c.Get("/api/v1/jobs?limit=1000")->body);
  for (const auto& job : done["jobs"]) {
    const std::string id = job;
    EXPECT_EQ(c.Get(("/api/v1/jobs/" + id).c_str())->status, 404);
    EXPECT_FALSE(std::filesystem::exists(dir_->path() / "data/jobs" / id));
    for (const auto& listed : listing["jobs"]) EXPECT_NE(listed["id"], id);
  }

  EXPECT_EQ(c.Post(("/api/v1/jobs/" + waiting["jobs"][0].get<std::string>() + "/cancel").c_str())->status, 200);
  EXPECT_EQ(c.Delete(waiting_path.c_str())->status, 204);
  for (const auto& id : busy) {
    EXPECT_EQ(c.Post(("/api/v1/jobs/" + id + "/cancel").c_str())->status, 202);
    EXPECT_EQ(wait_for_final(id)["state"], "cancelled");
  }
  // Ids are hex digits: anything else is no route at all.
  for (const char* bad : {"/api/v1/batches/0123abcd", "/api/v1/batches/..%2F..%2Fdata", "/api/v1/batches/ABC",
                          "/api/v1/batches/", "/api/v1/batches/0123abcd/jobs"})
    EXPECT_EQ(c.Delete(bad)->status, 404) << bad;
}

TEST_F(ApiTest, BatchRecordsAreBoundedOldestFirst) {
  RedisConnection redis(RedisEndpoint::parse(redis_->url()));
  const JobKeys keys{"bound-test"};
  BatchStore store(redis, keys);
  const std::size_t made = BatchStore::kMaxBatches + 2;
  for (std::size_t i = 0; i < made; ++i)
    store.create(Batch{"b" + std::to_string(i), "topic-clip", 1000.0 + i, {"t"}, {"j" + std::to_string(i)}});
  EXPECT_FALSE(store.get("b0"));
  EXPECT_FALSE(store.get("b1"));
  EXPECT_TRUE(store.get("b2"));
  EXPECT_TRUE(store.get("b" + std::to_string(made - 1)));
  EXPECT_EQ(reply_integer(redis.command({"ZCARD", keys.batches()}).get()).value_or(-1),
            static_cast<long long>(BatchStore::kMaxBatches));
}

TEST_F(ApiTest, AJobMayAskForScenesToBeRedoneWithinBounds) {
  auto c = client();
  auto res = c.Post("/api/v1/jobs", json{{"graph", "clip"}, {"variables", {{"frames", 5}}}, {"redo", {{"scenes", {2, 3}}, {"take", 2}}}}.dump(),
                    "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string id = json::parse(res->body)["id"];
  const json job = wait_for_final(id);
  EXPECT_EQ(job["state"], "succeeded");
  EXPECT_EQ(job["redo"], (json{{"scenes", {2, 3}}, {"take", 2}}));
  for (const json& redo : {json{{"scenes", {0}}}, json{{"scenes", {1001}}}, json{{"scenes", json::array()}},
                           json{{"scenes", {"2"}}}, json{{"scenes", {2}}, {"take", 0}}, json{{"scenes", {2}}, {"why", 1}},
                           json{{"scenes", std::vector<int>(65, 1)}}, json("scene=2")}) {
    auto r = c.Post("/api/v1/jobs", json{{"graph", "clip"}, {"redo", redo}}.dump(), "application/json");
    EXPECT_EQ(r->status, 400) << redo.dump();
    EXPECT_NE(r->body.find("'redo' must be"), std::string::npos) << r->body;
  }
}

TEST(JobRequestTest, UploadedGraphsAreRefusedUnlessEnabled) {
  auto refused = parse_job_request(R"({"graph_yaml":"reelflow: 1"})", GraphCatalog{}, JobRequestPolicy{});
  ASSERT_TRUE(std::holds_alternative<RequestError>(refused));
  EXPECT_NE(std::get<RequestError>(refused).message.find("not enabled"), std::string::npos);
}

TEST(JobRequestTest, UploadedGraphsWhenEnabledButNeverWithEnvironmentLookups) {
  const GraphCatalog catalog;
  JobRequestPolicy policy;
  policy.allow_upload = true;
  auto ok = parse_job_request(R"({"graph_yaml":"reelflow: 1\nname: x\n","variables":{"n":3,"b":true},"timeout_s":60})",
                              catalog, policy);
  ASSERT_TRUE(std::holds_alternative<Job>(ok));
  const Job& job = std::get<Job>(ok);
  EXPECT_EQ(job.graph, "upload");
  EXPECT_EQ(job.variables.at("n"), "3");
  EXPECT_EQ(job.variables.at("b"), "true");
  EXPECT_EQ(job.timeout_s, 60);
  EXPECT_EQ(job.max_attempts, 3);
  EXPECT_FALSE(job.id.empty());

  auto env = parse_job_request(R"({"graph_yaml":"x: ${env:REELFLOW_API_TOKEN}"})", catalog, policy);
  ASSERT_TRUE(std::holds_alternative<RequestError>(env));
  EXPECT_NE(std::get<RequestError>(env).message.find("${env:...}"), std::string::npos);
}

}  // namespace
}  // namespace reelflow::service
