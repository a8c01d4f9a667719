// Attacks on `reelflow serve` by someone who holds the API token (or not even that),
// each from the service's security review: every one must be refused, and the server
// must still be running afterwards. `reelflow serve` runs as its own process (API
// only) with its own redis-server; jobs are put straight into Redis.
#include "job_keys.hpp"
#include "raw_http.hpp"
#include "served_api.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <random>
#include <thread>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using nlohmann::json;

std::string error_of(const httplib::Result& res) {
  const auto body = json::parse(res->body, nullptr, false);
  return body.is_object() ? body.value("error", "") : "";
}

std::string bearer_head(const std::string& method, const std::string& path) {
  return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kTestToken + "\r\n";
}

// --- 1. A bad SSE cursor was an uncaught Redis error that ended the process. ---

TEST(HttpSecurityTest, SseCursorThatIsNotAStreamIdIs400AndTheServerLives) {
  ServedApi api;
  const std::string id = api.queue_job();
  auto c = api.client();
  for (const std::string after : {"garbage", "1-2-3", "99999999999999999999-0", "-1", "1-", "%00"}) {
    auto res = c.Get(("/api/v1/jobs/" + id + "/events?after=" + after).c_str());
    ASSERT_TRUE(res) << after << ": no answer; the server: " << api.output();
    EXPECT_EQ(res->status, 400) << after;
    EXPECT_NE(error_of(res).find("event id"), std::string::npos) << res->body;
  }
  auto res = c.Get(("/api/v1/jobs/" + id + "/events").c_str(), {{"Last-Event-ID", "not-an-id"}});
  ASSERT_TRUE(res) << api.output();
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(api.alive()) << api.output();
  EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST(HttpSecurityTest, RedisLostMidStreamEndsTheStreamAndEveryRouteAnswers503) {
  ServedApi api;
  const std::string id = api.queue_job();
  std::string stream;
  std::atomic<bool> ended{false};
  std::thread watcher([&] {
    auto c = api.client();
    c.Get(("/api/v1/jobs/" + id + "/events").c_str(), [&](const char* data, size_t n) {
      stream.append(data, n);
      return true;
    });
    ended = true;
  });
  ASSERT_TRUE(wait_until([&] { return stream.find("job_queued") != std::string::npos; }, std::chrono::seconds(10)));
  api.stop_redis();
  // The stream's next read of Redis fails inside its content provider: that ends the
  // stream (its client comes back with Last-Event-ID), not the process.
  EXPECT_TRUE(wait_until([&] { return ended.load(); }, std::chrono::seconds(20)));
  watcher.join();
  ASSERT_TRUE(api.alive()) << api.output();

  auto c = api.client();
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 503);
  EXPECT_EQ(health->body, R"({"status":"unavailable"})") << "no Redis address in an unauthenticated answer";
  const std::vector<std::pair<std::string, std::string>> routes{
      {"GET", "/api/v1/jobs"},           {"GET", "/api/v1/jobs/" + id},          {"GET", "/metrics"},
      {"GET", "/api/v1/jobs/" + id + "/events"}, {"GET", "/api/v1/jobs/" + id + "/outputs/x.mp4"},
      {"POST", "/api/v1/jobs/" + id + "/cancel"}, {"DELETE", "/api/v1/jobs/" + id}};
  for (const auto& [method, path] : routes) {
    auto res = method == "GET" ? c.Get(path.c_str()) : method == "POST" ? c.Post(path.c_str()) : c.Delete(path.c_str());
    ASSERT_TRUE(res) << method << " " << path;
    EXPECT_EQ(res->status, 503) << method << " " << path << ": " << res->body;
    EXPECT_FALSE(error_of(res).empty()) << res->body;
    EXPECT_EQ(res->body.find("127.0.0.1"), std::string::npos) << "the answer names the Redis server: " << res->body;
  }
  EXPECT_TRUE(api.alive()) << api.output();
}

// --- 2. CSRF: the page's cookie was set by script and any page could post with it. ---

std::string session_cookie(const httplib::Result& res) {
  const std::string set = res->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

TEST(HttpSecurityTest, SignInSetsAnHttpOnlyStrictCookieThatIsNotTheToken) {
  ServedApi api;
  auto anon = api.anonymous();
  const httplib::Headers same_origin{{"Origin", api.origin()}};
  auto wrong = anon.Post("/api/v1/session", same_origin, R"({"token":"wrong-token-0123456789abcd"})", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_FALSE(wrong->has_header("Set-Cookie"));

  auto res = anon.Post("/api/v1/session", same_origin, json{{"token", kTestToken}}.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 204) << res->body;
  const std::string set = res->get_header_value("Set-Cookie");
  EXPECT_EQ(set.rfind("reelflow_session=", 0), 0u) << set;
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("; SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("; Path=/"), std::string::npos) << set;
  EXPECT_EQ(set.find(kTestToken), std::string::npos) << "the cookie does not carry the token itself";

  const std::string cookie = session_cookie(res);
  EXPECT_EQ(anon.Get("/api/v1/graphs", {{"Cookie", "a=b; " + cookie}})->status, 200);
  EXPECT_EQ(anon.Get("/api/v1/graphs", {{"Cookie", "reelflow_session=" + std::string(64, '0')}})->status, 401);
  EXPECT_EQ(anon.Get("/api/v1/graphs", {{"Cookie", std::string("reelflow_token=") + kTestToken}})->status, 401)
      << "the old script-set cookie is gone";

  auto out = anon.Delete("/api/v1/session", {{"Origin", api.origin()}, {"Cookie", cookie}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
}

TEST(HttpSecurityTest, CookieChangesNeedThisServersOriginAndJsonBodies) {
  ServedApi api;
  auto anon = api.anonymous();
  const std::string cookie =
      session_cookie(anon.Post("/api/v1/session", json{{"token", kTestToken}}.dump(), "application/json"));
  ASSERT_FALSE(cookie.empty());
  const std::string id = api.queue_job();
  const std::string submit = R"({"graph":"no-such-graph"})";  // past the checks it is a plain 400

  const auto post = [&](const httplib::Headers& headers, const std::string& body, const char* type) {
    return anon.Post("/api/v1/jobs", headers, body, type);
  };
  // A form on another port of this host: text/plain, the browser adds the cookie.
  auto form = post({{"Cookie", cookie}, {"Origin", "http://127.0.0.1:1"}}, submit, "text/plain");
  EXPECT_EQ(form->status, 403) << form->body;
  auto plain = post({{"Cookie", cookie}, {"Origin", api.origin()}}, submit, "text/plain");
  EXPECT_EQ(plain->status, 415) << plain->body;
  EXPECT_EQ(post({{"Cookie", cookie}}, submit, "application/json")->status, 403) << "no Origin";
  EXPECT_EQ(post({{"Cookie", cookie}, {"Origin", "null"}}, submit, "application/json")->status, 403);
  EXPECT_EQ(post({{"Cookie", cookie}, {"Origin", "http://evil.example"}}, submit, "application/json")->status, 403);
  auto same = post({{"Cookie", cookie}, {"Origin", api.origin()}}, submit, "application/json");
  EXPECT_EQ(same->status, 400) << same->body;
  EXPECT_NE(error_of(same).find("unknown graph"), std::string::npos) << "it got past the checks";

  EXPECT_EQ(anon.Post(("/api/v1/jobs/" + id + "/cancel").c_str(), {{"Cookie", cookie}, {"Origin", "http://127.0.0.1:1"}},
                      "", "application/json")->status, 403);
  EXPECT_EQ(anon.Delete(("/api/v1/jobs/" + id).c_str(), {{"Cookie", cookie}})->status, 403);
  auto c = api.client();
  EXPECT_EQ(get_job(c, id).value("state", ""), "queued");

  // Tools with the bearer token need no Origin, but their bodies are JSON too.
  EXPECT_EQ(c.Post("/api/v1/jobs", submit, "application/json")->status, 400);
  EXPECT_EQ(c.Post("/api/v1/jobs", submit, "text/plain")->status, 415);
  EXPECT_EQ(c.Post("/api/v1/jobs", submit, "application/x-www-form-urlencoded")->status, 415);
  EXPECT_EQ(c.Post(("/api/v1/jobs/" + id + "/cancel").c_str())->status, 200) << "no body: no Content-Type needed";
}

TEST(HttpSecurityTest, AChangeWithoutABodyNeedsNoContentLength) {
  ServedApi api;
  const std::string id = api.queue_job();
  RawHttp conn(api.port());  // as `curl -X POST` sends it: no Content-Length, no body
  ASSERT_TRUE(conn.send_all(bearer_head("POST", "/api/v1/jobs/" + id + "/cancel") + "\r\n"));
  const std::string answer = conn.receive(std::chrono::seconds(3), "}");
  EXPECT_EQ(status_of(answer), 200) << answer;
}

TEST(HttpSecurityTest, ThePageNeverTouchesTheCookieAndRunsNoInlineCode) {
  ServedApi api;
  auto anon = api.anonymous();
  auto page = anon.Get("/");
  auto script = anon.Get("/app.js");
  auto style = anon.Get("/app.css");
  ASSERT_TRUE(page && script && style);
  ASSERT_EQ(script->status, 200);
  ASSERT_EQ(style->status, 200);
  EXPECT_EQ(script->body.find("document.cookie"), std::string::npos);
  EXPECT_NE(script->body.find("/api/v1/session"), std::string::npos);
  EXPECT_NE(page->body.find(R"(<script src="/app.js"></script>)"), std::string::npos);
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  EXPECT_EQ(page->body.find("<style"), std::string::npos);
  EXPECT_EQ(page->body.find("style="), std::string::npos);
}

// --- 4. A chunked (or compressed) body was read whole, past --max-body. ---

TEST(HttpSecurityTest, ChunkedBodyPastMaxBodyIs413AndTheServerStopsReading) {
  ServedApi api({"--max-body", "65536"});
  RawHttp conn(api.port());
  const std::string head = bearer_head("POST", "/api/v1/jobs") +
                           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string answer;
  constexpr std::size_t kAttack = 256u << 20;
  const std::size_t sent = conn.stream_body(head, std::string(64 * 1024, ' '), kAttack, answer, std::chrono::seconds(60));
  EXPECT_EQ(status_of(answer), 413) << answer.substr(0, 300);
  // What the client got into the socket before the server closed it: the limit, the
  // server's read budget and drain, and the kernel's socket buffers; not 256 MiB.
  EXPECT_LT(sent, 48u << 20) << "the server went on reading";
  EXPECT_TRUE(api.alive()) << api.output();
  EXPECT_EQ(api.client().Get("/healthz")->status, 200);
}

TEST(HttpSecurityTest, CompressedBodyIsCountedAfterDecompression) {
  ServedApi api({"--max-body", "65536"});
  auto c = api.client();
  c.set_compress(true);  // gzip: 4 MiB of spaces travel as a few KiB
  auto res = c.Post("/api/v1/jobs", "{\"graph\":\"clip\"" + std::string(4u << 20, ' ') + "}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413) << res->body;
  EXPECT_TRUE(api.alive());
}

// Debian's cpp-httplib already refuses such a line; this keeps the server's own read
// budget (BoundedSocketStream) honest.
TEST(HttpSecurityTest, EndlessHeaderLineIsNotReadIntoMemory) {
  ServedApi api;
  RawHttp conn(api.port());
  std::string answer;
  // No token needed for this one: the head is read before anything is checked.
  const std::size_t sent = conn.stream_body("GET /healthz HTTP/1.1\r\nX-Long: ", std::string(64 * 1024, 'a'),
                                            256u << 20, answer, std::chrono::seconds(60));
  EXPECT_LT(sent, 48u << 20) << "the server went on reading one header line";
  EXPECT_TRUE(api.alive()) << api.output();
  EXPECT_EQ(api.client().Get("/healthz")->status, 200);
}

// --- 5. Downloads followed symlinks and trusted the paths Redis gave. ---

class DownloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    attempt_ = "1-abcdef12";
    id_ = api_.finished_job("", {});
    dir_ = api_.data_dir() / "jobs" / id_ / attempt_;
    std::filesystem::create_directories(dir_ / "sub");
    secret_ = api_.dir() / "secret.txt";
    write(secret_, "the server's secret\n");
    std::mt19937 rng(7);
    for (int i = 0; i < 100000; ++i) video_ += static_cast<char>(rng());
    write(dir_ / "clip.mp4", video_);
    write(dir_ / "sub/log.txt", "a log\n");
    write(dir_ / "unlisted.txt", "not an output\n");
    std::filesystem::create_symlink(secret_, dir_ / "link.txt");
    std::filesystem::create_directories(api_.dir() / "elsewhere");
    write(api_.dir() / "elsewhere/log.txt", "outside the job\n");
    std::filesystem::create_directory_symlink(api_.dir() / "elsewhere", dir_ / "linked-dir");
    ::mkfifo((dir_ / "pipe").c_str(), 0600);
    api_.set_field(id_, "output_dir", "jobs/" + id_ + "/" + attempt_);
    api_.set_field(id_, "outputs", json({"clip.mp4", "sub/log.txt", "link.txt", "linked-dir/log.txt", "pipe",
                                         "missing.mp4"}).dump());
  }

  static void write(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
  }
  httplib::Result get(const std::string& name, const httplib::Headers& headers = {}) {
    auto c = api_.client();
    return c.Get(("/api/v1/jobs/" + id_ + "/outputs/" + name).c_str(), headers);
  }

  ServedApi api_;
  std::string id_, attempt_;
  std::filesystem::path dir_, secret_;
  std::string video_;
};

TEST_F(DownloadTest, OnlyListedRegularFilesOfTheJobsOwnDirAreServedAndEveryRefusalLooksTheSame) {
  auto video = get("clip.mp4");
  ASSERT_TRUE(video);
  EXPECT_EQ(video->status, 200);
  EXPECT_TRUE(video->body == video_) << "the bytes differ";
  EXPECT_EQ(get("sub/log.txt")->body, "a log\n");

  auto c = api_.client();
  std::vector<std::pair<std::string, httplib::Result>> refused;
  for (const std::string name : {"missing.mp4", "link.txt", "linked-dir/log.txt", "pipe", "unlisted.txt",
                                 "../../../secret.txt", "sub/../clip.mp4", "sub//log.txt", "%2e%2e/x"})
    refused.emplace_back(name, get(name));
  refused.emplace_back("a job without outputs", c.Get(("/api/v1/jobs/" + api_.queue_job() + "/outputs/clip.mp4").c_str()));
  refused.emplace_back("no such job", c.Get("/api/v1/jobs/abcdef/outputs/clip.mp4"));
  for (const auto& [what, res] : refused) {
    if (!res) {
      ADD_FAILURE() << what << ": no answer";
      continue;
    }
    EXPECT_EQ(res->status, 404) << what << ": " << res->body.substr(0, 100);
    EXPECT_EQ(res->body, refused.front().second->body) << what << ": the answer tells this refusal from a missing file";
  }
  EXPECT_TRUE(api_.alive());
}

TEST_F(DownloadTest, AnOutputDirFromRedisThatIsNotTheJobsAttemptDirIsNotServed) {
  // What a tampered (or corrupted) record could say. Each names a file that exists.
  std::filesystem::create_directories(api_.data_dir() / "elsewhere");
  write(api_.data_dir() / "elsewhere/clip.mp4", "not this job's\n");
  const std::string other = api_.finished_job("", {});
  std::filesystem::create_directories(api_.data_dir() / "jobs" / other / attempt_);
  write(api_.data_dir() / "jobs" / other / attempt_ / "clip.mp4", "another job's\n");
  for (const std::string& dir : std::vector<std::string>{"elsewhere", "jobs/" + id_ + "/../../elsewhere", "/" + (api_.data_dir() / "elsewhere").string(),
                                "jobs/" + other + "/" + attempt_, "jobs/" + id_ + "/" + attempt_ + "/.",
                                "jobs/" + id_ + "/../" + other + "/" + attempt_}) {
    api_.set_field(id_, "output_dir", dir);
    auto res = get("clip.mp4");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << dir << " served: " << res->body.substr(0, 40);
  }
}

// --- 6. Ranges: one per request, right 206 and 416 answers. ---

TEST_F(DownloadTest, ASingleRangeIsServedExactlyAndOthersAre416) {
  const auto size = std::to_string(video_.size());
  const std::vector<std::tuple<std::string, std::size_t, std::size_t>> ranges{
      {"bytes=100-199", 100, 100}, {"bytes=0-0", 0, 1}, {"bytes=-50", video_.size() - 50, 50},
      {"bytes=99990-", 99990, 10}, {"bytes=99000-200000", 99000, 1000}, {"bytes=-200000", 0, video_.size()}};
  for (const auto& [range, first, length] : ranges) {
    auto res = get("clip.mp4", {{"Range", range}});
    if (!res) {
      ADD_FAILURE() << range << ": no complete answer";
      continue;
    }
    EXPECT_EQ(res->status, 206) << range;
    EXPECT_EQ(res->get_header_value("Content-Range"),
              "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/" + size)
        << range;
    EXPECT_TRUE(res->body == video_.substr(first, length)) << range << ": the bytes differ";
  }
  for (const std::string range : {"bytes=100000-", "bytes=200000-300000", "bytes=-0"}) {
    auto res = get("clip.mp4", {{"Range", range}});
    if (!res) {
      ADD_FAILURE() << range << ": no complete answer";
      continue;
    }
    EXPECT_EQ(res->status, 416) << range;
    EXPECT_EQ(res->get_header_value("Content-Range"), "bytes */" + size) << range;
  }
  std::string many = "bytes=0-";
  for (int i = 0; i < 500; ++i) many += ",0-";
  for (const std::string& range : {std::string("bytes=0-1,2-3"), many}) {
    auto res = get("clip.mp4", {{"Range", range}});
    if (!res) {
      ADD_FAILURE() << range.substr(0, 30) << ": no complete answer";
      continue;
    }
    EXPECT_EQ(res->status, 416) << range.substr(0, 30);
    EXPECT_NE(error_of(res).find("one range per request"), std::string::npos) << res->body.substr(0, 200);
    EXPECT_LT(res->body.size(), 1000u) << "multi-range amplification";
    EXPECT_EQ(res->get_header_value("Content-Range"), "bytes */" + size);
  }
}

// A download is a long response too: clients that stop reading large ones must not
// keep the request threads (32) from everything else.
TEST_F(DownloadTest, SlowReadersOfLargeDownloadsDoNotStarveTheApi) {
  std::string big(16u << 20, 'v');
  write(dir_ / "big.bin", big);
  api_.set_field(id_, "outputs", json({"clip.mp4", "big.bin"}).dump());
  constexpr int kReaders = 40;
  std::vector<std::unique_ptr<RawHttp>> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.push_back(std::make_unique<RawHttp>(api_.port()));
    ASSERT_TRUE(readers.back()->send_all(bearer_head("GET", "/api/v1/jobs/" + id_ + "/outputs/big.bin") + "\r\n"));
  }
  auto c = api_.client();
  ASSERT_TRUE(wait_until([&] {
    auto m = c.Get("/metrics");
    return m && m->body.find("\nreelflow_downloads " + std::to_string(kReaders) + "\n") != std::string::npos;
  }, std::chrono::seconds(30)));
  const auto t0 = std::chrono::steady_clock::now();
  auto health = api_.anonymous().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
  // And a reader that reads gets every byte.
  auto whole = get("big.bin");
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->body == big);
}

// --- 7. Smaller ones. ---

TEST(HttpSecurityTest, ListingsEchoAtMostABoundedPartOfEachJob) {
  ServedApi api;
  std::map<std::string, std::string> variables;
  for (int i = 0; i < 100; ++i) variables["v" + std::to_string(i)] = std::string(4096, 'x');
  variables["big"] = std::string(1u << 20, 'y');
  const std::string id = api.queue_job(variables);
  auto c = api.client();
  auto res = c.Get("/api/v1/jobs?limit=10");
  ASSERT_EQ(res->status, 200);
  EXPECT_LT(res->body.size(), 32u * 1024) << "a listing echoes the jobs' variables whole";
  const auto job = json::parse(res->body)["jobs"][0];
  EXPECT_EQ(job["id"], id);
  EXPECT_EQ(job["truncated"], true);
  EXPECT_LE(job["variables"].size(), 16u);
  for (const auto& [name, value] : job["variables"].items()) {
    EXPECT_LE(value.get<std::string>().size(), 256u + 16) << name;
    EXPECT_NE(value.get<std::string>().find("[truncated]"), std::string::npos) << name;
  }
  // The job itself still has them whole.
  EXPECT_EQ(get_job(c, id)["variables"]["big"].get<std::string>().size(), 1u << 20);
}

TEST(HttpSecurityTest, SubmissionsBoundTheVariablesAndNameTheOneTooLong) {
  ServedApi api({"--max-body", "1048576"});
  auto c = api.client();
  json many = json::object();
  for (int i = 0; i < 65; ++i) many["v" + std::to_string(i)] = "1";
  auto res = c.Post("/api/v1/jobs", json{{"graph", "clip"}, {"variables", many}}.dump(), "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(error_of(res).find("too many variables"), std::string::npos) << res->body;

  res = c.Post("/api/v1/jobs", json{{"graph", "clip"}, {"variables", {{"pattern", std::string(65537, 'x')}}}}.dump(),
               "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(error_of(res).find("variable 'pattern' is longer than 65536 bytes"), std::string::npos) << res->body;

  res = c.Post("/api/v1/jobs", json{{"graph", "clip"}, {"variables", {{std::string(5000, 'n'), "1"}}}}.dump(),
               "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(error_of(res).find("is longer than 128 bytes"), std::string::npos) << res->body.substr(0, 300);
  EXPECT_LT(res->body.size(), 400u) << "the error echoes the whole name";

  res = c.Post("/api/v1/jobs", json{{"graph", std::string(100000, 'g')}}.dump(), "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_LT(res->body.size(), 400u) << "the error echoes the whole graph name";
}

TEST(HttpSecurityTest, HealthSaysOnlyOkAndEveryAnswerCarriesTheSecurityHeaders) {
  ServedApi api;
  auto anon = api.anonymous();
  auto health = anon.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->body, R"({"status":"ok"})");
  auto c = api.client();
  const std::string id = api.queue_job();
  std::vector<std::pair<std::string, httplib::Result>> answers;
  answers.emplace_back("page", anon.Get("/"));
  answers.emplace_back("script", anon.Get("/app.js"));
  answers.emplace_back("health", anon.Get("/healthz"));
  answers.emplace_back("401", anon.Get("/api/v1/jobs"));
  answers.emplace_back("jobs", c.Get("/api/v1/jobs"));
  answers.emplace_back("404", c.Get("/no/such/route"));
  answers.emplace_back("download 404", c.Get(("/api/v1/jobs/" + id + "/outputs/x").c_str()));
  answers.emplace_back("400", c.Post("/api/v1/jobs", "{}", "application/json"));
  for (const auto& [what, res] : answers) {
    ASSERT_TRUE(res) << what;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos) << what;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos) << what;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << what;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << what;
  }
}

}  // namespace
}  // namespace reelflow::service
