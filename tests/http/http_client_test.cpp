// The runtime's HTTP client against real servers on loopback: cpp-httplib for
// well-behaved HTTP, a raw TCP server for dropped, truncated and stalled responses.
#include "http/curl_http_client.hpp"
#include "raw_tcp_server.hpp"
#include "http/retry_backoff.hpp"

#include <local_http_server.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <thread>

namespace reelflow::framework {
namespace {

using namespace std::chrono_literals;
using reelflow::testing::LocalHttpServer;
using reelflow::testing::RawTcpServer;
using reelflow::testing::TempDir;
using Clock = std::chrono::steady_clock;

RetryPolicy policy(int max_attempts, std::int64_t initial_ms = 100, std::int64_t max_ms = 1000) {
  RetryPolicy p;
  p.max_attempts = max_attempts;
  p.initial_backoff_ms = initial_ms;
  p.max_backoff_ms = max_ms;
  return p;
}

// Records what the client logs and how long it asks to sleep, instead of sleeping.
struct Recorder {
  std::vector<std::chrono::milliseconds> sleeps;
  std::vector<std::string> warnings;

  CurlHttpClient::Options options(RetryPolicy retry = policy(3)) {
    CurlHttpClient::Options o;
    o.retry = retry;
    o.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    o.log = [this](LogLevel level, const std::string& message) {
      if (level == LogLevel::Warn) warnings.push_back(message);
    };
    return o;
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

std::size_t entries_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

// For tests that do not look at the pauses: retries happen without waiting.
CurlHttpClient::Options no_wait_options(RetryPolicy retry = policy(3)) {
  CurlHttpClient::Options o;
  o.retry = retry;
  o.sleep = [](std::chrono::milliseconds) {};
  return o;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// ---- backoff rules ---------------------------------------------------------

TEST(RetryBackoff, GrowsExponentiallyAndIsCapped) {
  RetryPolicy p = policy(10, 100, 1000);
  p.jitter = false;
  EXPECT_EQ(backoff_delay(p, 1, 0.5), 100ms);
  EXPECT_EQ(backoff_delay(p, 2, 0.5), 200ms);
  EXPECT_EQ(backoff_delay(p, 3, 0.5), 400ms);
  EXPECT_EQ(backoff_delay(p, 4, 0.5), 800ms);
  EXPECT_EQ(backoff_delay(p, 5, 0.5), 1000ms);
  EXPECT_EQ(backoff_delay(p, 500, 0.5), 1000ms);
}

TEST(RetryBackoff, JitterSpansHalfToFullBackoff) {
  RetryPolicy p = policy(10, 400, 1000);
  EXPECT_EQ(backoff_delay(p, 1, 0.0), 200ms);
  EXPECT_EQ(backoff_delay(p, 1, 1.0), 400ms);
  EXPECT_EQ(backoff_delay(p, 1, 0.5), 300ms);
  EXPECT_EQ(backoff_delay(p, 9, 0.0), 500ms);  // capped backoff 1000 → [500, 1000]
  EXPECT_EQ(backoff_delay(p, 9, 1.0), 1000ms);
}

TEST(RetryBackoff, RetryableStatuses) {
  for (long s : {408L, 429L, 500L, 502L, 503L, 504L, 529L}) EXPECT_TRUE(is_retryable_status(s)) << s;
  for (long s : {200L, 301L, 400L, 401L, 403L, 404L, 409L, 422L, 501L}) EXPECT_FALSE(is_retryable_status(s)) << s;
}

TEST(RetryBackoff, ParsesRetryAfterSecondsAndDates) {
  const auto now = std::chrono::system_clock::from_time_t(1445412480 - 30);  // 30 s before the date below
  EXPECT_EQ(parse_retry_after("1", now), 1000ms);
  EXPECT_EQ(parse_retry_after(" 5 ", now), 5000ms);
  EXPECT_EQ(parse_retry_after("3600", now), kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("99999999999999999999", now), kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), 30000ms);
  EXPECT_EQ(parse_retry_after("Tue, 20 Oct 2015 07:28:00 GMT", now), 0ms);  // in the past
  EXPECT_EQ(parse_retry_after("soon", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("", now), std::nullopt);
}

// ---- well-behaved server ---------------------------------------------------

TEST(CurlHttpClient, ReturnsBodyAndHeadersAndSendsRequestHeaders) {
  LocalHttpServer server;
  std::string seen_header;
  server.server().Get("/hello", [&](const httplib::Request& req, httplib::Response& res) {
    seen_header = req.get_header_value("X-Test");
    res.set_header("X-Reply", "yes");
    res.set_content("hello world", "text/plain");
  });
  server.start();

  Recorder rec;
  CurlHttpClient client(rec.options());
  HttpRequest req;
  req.url = server.url("/hello");
  req.headers = {{"X-Test", "abc"}};
  HttpResponse res = client.send(req);

  ASSERT_TRUE(res.ok()) << res.describe("hello");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "hello world");
  EXPECT_EQ(res.header("x-reply"), "yes");
  EXPECT_EQ(res.header("content-type"), "text/plain");
  EXPECT_EQ(res.attempts, 1);
  EXPECT_EQ(seen_header, "abc");
  EXPECT_TRUE(rec.sleeps.empty());
}

TEST(CurlHttpClient, SendsPostBodyAndOtherMethods) {
  LocalHttpServer server;
  server.server().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("Content-Type") + "|" + req.body, "text/plain");
  });
  server.server().Delete("/item", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.server().Get("/old", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/new"); });
  server.server().Get("/new", [](const httplib::Request&, httplib::Response& res) { res.set_content("new", "text/plain"); });
  server.start();
  CurlHttpClient client(no_wait_options());

  HttpRequest post;
  post.method = "POST";
  post.url = server.url("/echo");
  post.headers = {{"Content-Type", "application/json"}};
  post.body = R"({"a":1})";
  HttpResponse res = client.send(post);
  ASSERT_TRUE(res.ok()) << res.describe("post");
  EXPECT_EQ(res.body, R"(application/json|{"a":1})");

  HttpRequest del;
  del.method = "delete";
  del.url = server.url("/item");
  res = client.send(del);
  EXPECT_TRUE(res.ok()) << res.describe("delete");
  EXPECT_EQ(res.status, 204);

  HttpRequest redirected;
  redirected.url = server.url("/old");
  res = client.send(redirected);
  ASSERT_TRUE(res.ok()) << res.describe("redirect");
  EXPECT_EQ(res.body, "new");
}

TEST(CurlHttpClient, SendsCustomMethodsVerbatim) {
  RawTcpServer server([](RawTcpServer&, int fd, int) {
    RawTcpServer::send_all(fd, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  CurlHttpClient client(no_wait_options());
  HttpRequest req;
  req.method = "MKCOL";
  req.url = server.url("/dav/folder/");
  HttpResponse res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("mkcol");
  EXPECT_EQ(res.status, 201);
  ASSERT_EQ(server.request_heads().size(), 1u);
  EXPECT_EQ(server.request_heads()[0].rfind("MKCOL /dav/folder/ HTTP/1.1\r\n", 0), 0u) << server.request_heads()[0];
}

TEST(CurlHttpClient, RejectsInvalidMethodWithoutSending) {
  CurlHttpClient client(no_wait_options());
  HttpRequest req;
  req.method = "GET /evil";
  req.url = "http://127.0.0.1:1/x";
  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.attempts, 0);
  EXPECT_NE(res.error.find("invalid HTTP method"), std::string::npos) << res.error;

  // A NUL would cut the method short when handed to curl as a C string.
  req.method = std::string("GE\0T", 4);
  res = client.send(req);
  EXPECT_EQ(res.attempts, 0);
  EXPECT_NE(res.error.find("invalid HTTP method"), std::string::npos) << res.error;
}

// ---- retries on HTTP status ------------------------------------------------

TEST(CurlHttpClient, RetriesServerErrorThenSucceeds) {
  LocalHttpServer server;
  std::atomic<int> calls{0};
  server.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 500;
      res.set_content("oops", "text/plain");
    } else {
      res.set_content("fine", "text/plain");
    }
  });
  server.start();
  Recorder rec;
  CurlHttpClient client(rec.options());
  HttpRequest req;
  req.url = server.url("/flaky");
  HttpResponse res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("flaky");
  EXPECT_EQ(res.body, "fine");
  EXPECT_EQ(res.attempts, 2);
  EXPECT_EQ(calls.load(), 2);
  ASSERT_EQ(rec.sleeps.size(), 1u);
  ASSERT_EQ(rec.warnings.size(), 1u);
  EXPECT_NE(rec.warnings[0].find("GET " + server.url("/flaky") + ": HTTP 500, retrying in "), std::string::npos)
      << rec.warnings[0];
  EXPECT_NE(rec.warnings[0].find("(attempt 2/3)"), std::string::npos) << rec.warnings[0];
}

TEST(CurlHttpClient, GivesUpAfterMaxAttemptsWithJitteredCappedBackoff) {
  LocalHttpServer server;
  std::atomic<int> calls{0};
  server.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 503;
    res.set_content("maintenance", "text/plain");
  });
  server.start();
  Recorder rec;
  CurlHttpClient client(rec.options(policy(5, 100, 250)));
  HttpRequest req;
  req.url = server.url("/down");
  HttpResponse res = client.send(req);

  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.body, "maintenance");
  EXPECT_EQ(res.attempts, 5);
  EXPECT_EQ(calls.load(), 5);
  // Backoffs 100, 200, 250 (capped), 250: each pause lies in [b/2, b].
  const std::vector<std::pair<int, int>> bounds = {{50, 100}, {100, 200}, {125, 250}, {125, 250}};
  ASSERT_EQ(rec.sleeps.size(), bounds.size());
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    EXPECT_GE(rec.sleeps[i].count(), bounds[i].first) << "retry " << i + 1;
    EXPECT_LE(rec.sleeps[i].count(), bounds[i].second) << "retry " << i + 1;
  }
  ASSERT_EQ(rec.warnings.size(), 4u);
  EXPECT_NE(rec.warnings[3].find("HTTP 503, retrying in " + std::to_string(rec.sleeps[3].count()) + " ms (attempt 5/5)"),
            std::string::npos)
      << rec.warnings[3];
}

TEST(CurlHttpClient, RequestPolicyOverridesClientPolicy) {
  LocalHttpServer server;
  std::atomic<int> calls{0};
  server.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 502;
  });
  server.start();
  Recorder rec;
  CurlHttpClient client(rec.options(policy(5)));
  HttpRequest req;
  req.url = server.url("/down");
  req.retry = policy(1);
  HttpResponse res = client.send(req);
  EXPECT_EQ(res.status, 502);
  EXPECT_EQ(res.attempts, 1);
  EXPECT_EQ(calls.load(), 1);
  EXPECT_TRUE(rec.sleeps.empty());
}

TEST(CurlHttpClient, NeverRetriesClientErrors) {
  LocalHttpServer server;
  std::atomic<int> calls{0};
  server.server().Get(R"(/status/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    ++calls;
    res.status = std::stoi(req.matches[1]);
    res.set_content("no", "text/plain");
  });
  server.start();
  for (int status : {400, 401, 403, 404, 409}) {
    calls = 0;
    Recorder rec;
    CurlHttpClient client(rec.options(policy(4)));
    HttpRequest req;
    req.url = server.url("/status/" + std::to_string(status));
    HttpResponse res = client.send(req);
    EXPECT_FALSE(res.ok());
    EXPECT_EQ(res.status, status);
    EXPECT_TRUE(res.error.empty()) << res.error;
    EXPECT_EQ(res.attempts, 1) << status;
    EXPECT_EQ(calls.load(), 1) << status;
    EXPECT_TRUE(rec.sleeps.empty()) << status;
    const bool refused = status == 401 || status == 403;
    EXPECT_EQ(res.refused_credentials(), refused) << status;
    EXPECT_EQ(client.credentials_refused(), refused) << status;
    EXPECT_EQ(res.describe("call"), refused ? "call: the server refused the credentials (HTTP " +
                                                  std::to_string(status) + "): no"
                                            : "call: HTTP " + std::to_string(status) + ": no");
  }
}

TEST(CurlHttpClient, HonoursRetryAfterSecondsAndDate) {
  LocalHttpServer server;
  std::atomic<int> calls{0};
  server.server().Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    } else {
      res.set_content("ok", "text/plain");
    }
  });
  std::atomic<int> date_calls{0};
  server.server().Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (date_calls++ == 0) {
      const std::time_t when = std::time(nullptr) + 3;
      char date[64];
      std::tm tm{};
      gmtime_r(&when, &tm);
      std::strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
      res.status = 503;
      res.set_header("Retry-After", date);
    } else {
      res.set_content("ok", "text/plain");
    }
  });
  server.start();

  Recorder rec;
  CurlHttpClient client(rec.options(policy(3, 10, 20)));  // computed backoff would be ≤ 20 ms
  HttpRequest req;
  req.url = server.url("/limited");
  HttpResponse res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("limited");
  EXPECT_EQ(res.attempts, 2);
  ASSERT_EQ(rec.sleeps.size(), 1u);
  EXPECT_EQ(rec.sleeps[0], 1000ms);

  req.url = server.url("/busy");
  res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("busy");
  ASSERT_EQ(rec.sleeps.size(), 2u);
  EXPECT_GE(rec.sleeps[1], 1000ms);  // the date is 2–3 s away, at one-second resolution
  EXPECT_LE(rec.sleeps[1], 3000ms);
}

// The real sleep: the server sees the second request at least the Retry-After later
// (and not absurdly later: a misread unit would be minutes).
TEST(CurlHttpClient, RetryAfterWaitsInRealTime) {
  LocalHttpServer server;
  std::mutex mutex;
  std::vector<Clock::time_point> calls;
  server.server().Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex);
    calls.push_back(Clock::now());
    if (calls.size() == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    } else {
      res.set_content("ok", "text/plain");
    }
  });
  server.start();
  CurlHttpClient::Options options;
  options.retry = policy(3, 10, 20);
  CurlHttpClient client(options);  // default sleep
  HttpRequest req;
  req.url = server.url("/limited");
  HttpResponse res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("limited");
  EXPECT_EQ(res.attempts, 2);
  std::lock_guard lock(mutex);
  ASSERT_EQ(calls.size(), 2u);
  const double gap = std::chrono::duration<double>(calls[1] - calls[0]).count();
  EXPECT_GE(gap, 0.95);
  EXPECT_LT(gap, 10.0);
}

// ---- transport failures ----------------------------------------------------

TEST(CurlHttpClient, RetriesDroppedConnection) {
  RawTcpServer server([](RawTcpServer&, int fd, int index) {
    if (index == 0) return;  // read the request, then close without answering
    RawTcpServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  });
  Recorder rec;
  CurlHttpClient client(rec.options());
  HttpRequest req;
  req.url = server.url("/x");
  HttpResponse res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("dropped");
  EXPECT_EQ(res.body, "ok");
  EXPECT_EQ(res.attempts, 2);
  EXPECT_EQ(server.connections(), 2);
  ASSERT_EQ(rec.warnings.size(), 1u);
}

TEST(CurlHttpClient, RetriesRefusedConnectionThenReportsIt) {
  const int port = reelflow::testing::unused_loopback_port();
  Recorder rec;
  CurlHttpClient client(rec.options(policy(3)));
  HttpRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.status, 0);
  EXPECT_EQ(res.attempts, 3);
  EXPECT_EQ(rec.sleeps.size(), 2u);
  EXPECT_EQ(res.error.rfind("GET " + req.url + ": ", 0), 0u) << res.error;
  EXPECT_NE(res.error.find("gave up after 3 attempts"), std::string::npos) << res.error;
  EXPECT_EQ(res.error.find('\n'), std::string::npos);
}

std::string truncated_response() {
  return "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789";
}

TEST(CurlHttpClient, TruncatedBodyIsRetriedAndLeavesNoFile) {
  RawTcpServer server([](RawTcpServer&, int fd, int) { RawTcpServer::send_all(fd, truncated_response()); });
  TempDir dir;
  Recorder rec;
  CurlHttpClient client(rec.options(policy(3)));
  HttpRequest req;
  req.url = server.url("/file.bin");
  req.response_file = dir / "file.bin";
  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.attempts, 3);
  EXPECT_EQ(server.connections(), 3);
  EXPECT_NE(res.error.find("90 bytes remaining"), std::string::npos) << res.error;
  EXPECT_TRUE(res.body.empty());
  EXPECT_FALSE(std::filesystem::exists(req.response_file));
  EXPECT_EQ(entries_in(dir.path()), 0u) << "temp file left behind";
}

TEST(CurlHttpClient, TruncatedBodyInMemoryIsNotReturned) {
  RawTcpServer server([](RawTcpServer&, int fd, int) { RawTcpServer::send_all(fd, truncated_response()); });
  CurlHttpClient client(no_wait_options(policy(1)));
  HttpRequest req;
  req.url = server.url("/x");
  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_FALSE(res.error.empty());
  EXPECT_TRUE(res.body.empty());
}

TEST(CurlHttpClient, DownloadAfterTruncatedAttemptIsComplete) {
  const std::string payload = random_bytes(100, 7);
  RawTcpServer server([&](RawTcpServer&, int fd, int index) {
    if (index == 0) {
      RawTcpServer::send_all(fd, truncated_response());
      return;
    }
    RawTcpServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n" + payload);
  });
  TempDir dir;
  CurlHttpClient client(no_wait_options());
  HttpRequest req;
  req.url = server.url("/file.bin");
  req.response_file = dir / "file.bin";
  HttpResponse res = client.send(req);
  ASSERT_TRUE(res.ok()) << res.describe("download");
  EXPECT_EQ(res.attempts, 2);
  EXPECT_EQ(read_file(req.response_file), payload);
  EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(CurlHttpClient, SlowResponseTimesOutAndIsRetried) {
  RawTcpServer server([](RawTcpServer& self, int fd, int) { self.hold_open(fd); });
  Recorder rec;
  CurlHttpClient client(rec.options(policy(2)));
  HttpRequest req;
  req.url = server.url("/slow");
  req.timeout_ms = 200;
  const auto start = Clock::now();
  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.status, 0);
  EXPECT_EQ(res.attempts, 2);
  EXPECT_NE(res.error.find("timed out"), std::string::npos) << res.error;
  // Two 0.2 s attempts; far under any default timeout (which would take minutes).
  EXPECT_LT(seconds_since(start), 20.0);
}

// ---- limits ----------------------------------------------------------------

TEST(CurlHttpClient, ResponseLargerThanLimitIsAnError) {
  LocalHttpServer server;
  const std::string big(5000, 'x');
  std::atomic<int> calls{0};
  server.server().Get("/big", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.set_content(big, "text/plain");
  });
  server.server().Get("/big-chunked", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.set_chunked_content_provider("text/plain", [&](std::size_t, httplib::DataSink& sink) {
      for (int i = 0; i < 5; ++i) sink.write(big.data(), 1000);
      sink.done();
      return true;
    });
  });
  server.start();
  TempDir dir;
  CurlHttpClient client(no_wait_options());

  for (const char* path : {"/big", "/big-chunked"}) {
    for (bool to_file : {false, true}) {
      calls = 0;
      HttpRequest req;
      req.url = server.url(path);
      req.max_response_bytes = 1000;
      if (to_file) req.response_file = dir / "big.txt";
      HttpResponse res = client.send(req);
      EXPECT_FALSE(res.ok()) << path;
      EXPECT_NE(res.error.find("response larger than 1000 bytes"), std::string::npos) << path << ": " << res.error;
      EXPECT_EQ(res.attempts, 1) << path;
      EXPECT_EQ(calls.load(), 1) << path;
      EXPECT_TRUE(res.body.empty()) << path;
      EXPECT_EQ(entries_in(dir.path()), 0u) << path;
    }
  }

  HttpRequest exact;
  exact.url = server.url("/big");
  exact.max_response_bytes = big.size();
  HttpResponse res = client.send(exact);
  ASSERT_TRUE(res.ok()) << res.describe("exact");
  EXPECT_EQ(res.body, big);
}

// ---- uploads and downloads -------------------------------------------------

TEST(CurlHttpClient, UploadsFileIntactAndResendsItOnRetry) {
  LocalHttpServer server;
  std::mutex mutex;
  std::vector<std::string> received;
  server.server().Put("/upload", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    received.push_back(req.body);
    res.status = received.size() == 1 ? 503 : 201;
  });
  std::string post_type;
  server.server().Post("/upload", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    received.push_back(req.body);
    post_type = req.get_header_value("Content-Type");
    res.status = 200;
  });
  server.start();
  TempDir dir;
  const std::string payload = random_bytes(300'000, 42);
  {
    std::ofstream out(dir / "video.mp4", std::ios::binary);
    out << payload;
  }
  CurlHttpClient client(no_wait_options());

  HttpRequest put;
  put.method = "PUT";
  put.url = server.url("/upload");
  put.body_file = dir / "video.mp4";
  HttpResponse res = client.send(put);
  ASSERT_TRUE(res.ok()) << res.describe("put");
  EXPECT_EQ(res.status, 201);
  EXPECT_EQ(res.attempts, 2);
  {
    std::lock_guard lock(mutex);
    ASSERT_EQ(received.size(), 2u);
    EXPECT_TRUE(received[0] == payload) << "first attempt differs, " << received[0].size() << " bytes";
    EXPECT_TRUE(received[1] == payload) << "retry differs, " << received[1].size() << " bytes";
  }

  HttpRequest post = put;
  post.method = "POST";
  res = client.send(post);
  ASSERT_TRUE(res.ok()) << res.describe("post");
  std::lock_guard lock(mutex);
  ASSERT_EQ(received.size(), 3u);
  EXPECT_TRUE(received[2] == payload) << "post differs, " << received[2].size() << " bytes";
  EXPECT_EQ(post_type, "application/octet-stream");
}

TEST(CurlHttpClient, MissingBodyFileIsAClearError) {
  TempDir dir;
  CurlHttpClient client(no_wait_options());
  HttpRequest req;
  req.method = "PUT";
  req.url = "http://127.0.0.1:1/upload";
  req.body_file = dir / "missing.bin";
  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.attempts, 1);
  EXPECT_NE(res.error.find("missing.bin"), std::string::npos) << res.error;
}

TEST(CurlHttpClient, DownloadIsAtomic) {
  LocalHttpServer server;
  const std::string payload = random_bytes(200'000, 3);
  server.server().Get("/asset", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(payload, "application/octet-stream");
  });
  server.server().Get("/broken", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content("boom", "text/plain");
  });
  server.start();
  TempDir dir;
  CurlHttpClient client(no_wait_options());

  HttpRequest ok;
  ok.url = server.url("/asset");
  ok.response_file = dir / "nested" / "asset.bin";
  HttpResponse res = client.send(ok);
  ASSERT_TRUE(res.ok()) << res.describe("asset");
  EXPECT_TRUE(res.body.empty());
  EXPECT_TRUE(read_file(ok.response_file) == payload);
  EXPECT_EQ(entries_in(dir / "nested"), 1u);

  HttpRequest broken;
  broken.url = server.url("/broken");
  broken.response_file = dir / "broken.bin";
  res = client.send(broken);
  EXPECT_FALSE(res.ok());
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.attempts, 3);
  EXPECT_EQ(res.body, "boom");  // the error body comes back for describe(), not into the file
  EXPECT_FALSE(std::filesystem::exists(broken.response_file));
  EXPECT_EQ(entries_in(dir.path()), 1u);  // only nested/
}

// ---- secrets and cancellation ------------------------------------------------

TEST(CurlHttpClient, SecretsNeverAppearInErrorsOrLogs) {
  const int port = reelflow::testing::unused_loopback_port();
  Recorder rec;
  CurlHttpClient client(rec.options(policy(2)));
  HttpRequest req;
  req.url = "http://user:PASSWORD999@127.0.0.1:" + std::to_string(port) +
            "/v1/keys/SECRETKEY123/generate?key=SECRETKEY123&alt=json";
  req.headers = {{"Authorization", "Bearer TOKEN987"}, {"X-Api-Key", "HEADERKEY555"}};
  req.secrets = {"SECRETKEY123"};
  HttpResponse res = client.send(req);

  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.attempts, 2);
  ASSERT_EQ(rec.warnings.size(), 1u);
  for (const std::string& text : {res.error, rec.warnings[0], res.describe("generate")}) {
    for (const char* secret : {"SECRETKEY123", "TOKEN987", "HEADERKEY555", "PASSWORD999"})
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in: " << text;
    EXPECT_NE(text.find("/v1/keys/***/generate"), std::string::npos) << text;
    EXPECT_EQ(text.find("alt=json"), std::string::npos) << "query string shown: " << text;
  }
}

// Something one thread tells another once (setting it again changes nothing).
class Signal {
 public:
  void set() {
    std::lock_guard lock(mutex_);
    set_ = true;
    changed_.notify_all();
  }
  bool wait(std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return set_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool set_ = false;
};

// Cancels once the server says the transfer is under way, and keeps the moment, so a
// test can see how soon the client stopped after it (no fixed sleep before cancelling).
class Canceller {
 public:
  explicit Canceller(Signal& started)
      : thread_([this, &started] {
          started.wait(std::chrono::seconds(60));
          cancelled_at_ = Clock::now();
          cancel_ = true;
        }) {}
  ~Canceller() { join(); }
  bool cancelled() const { return cancel_.load(); }
  double seconds_since_cancel() {
    join();
    return seconds_since(cancelled_at_);
  }

 private:
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  std::atomic<bool> cancel_{false};
  Clock::time_point cancelled_at_;
  std::thread thread_;
};

TEST(CurlHttpClient, CancellationAbortsAStalledTransfer) {
  Signal body_started;
  RawTcpServer server([&](RawTcpServer& self, int fd, int) {
    RawTcpServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n0123456789");
    body_started.set();
    self.hold_open(fd);
  });
  TempDir dir;
  Recorder rec;
  Canceller canceller(body_started);
  CurlHttpClient::Options options = rec.options(policy(3));
  options.cancelled = [&] { return canceller.cancelled(); };
  CurlHttpClient client(options);
  HttpRequest req;
  req.url = server.url("/stream");
  req.response_file = dir / "stream.bin";
  req.timeout_ms = 30'000;

  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_NE(res.error.find("cancelled"), std::string::npos) << res.error;
  EXPECT_EQ(res.attempts, 1);
  EXPECT_LT(canceller.seconds_since_cancel(), 10.0) << "stopped by its 30 s timeout, not the cancel";
  EXPECT_EQ(entries_in(dir.path()), 0u);
}

TEST(CurlHttpClient, CancellationInterruptsBackoff) {
  LocalHttpServer server;
  server.server().Get("/down", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  server.start();
  // The client logs "retrying in ..." just before it starts its backoff (10 to 20 s,
  // jittered): cancel then.
  Signal backing_off;
  Canceller canceller(backing_off);
  CurlHttpClient::Options options;
  options.retry = policy(3, 20'000, 20'000);
  options.cancelled = [&] { return canceller.cancelled(); };
  options.log = [&](LogLevel, const std::string& message) {
    if (message.find("retrying in") != std::string::npos) backing_off.set();
  };
  CurlHttpClient client(options);  // default sleep, which must notice the cancel
  HttpRequest req;
  req.url = server.url("/down");

  HttpResponse res = client.send(req);
  EXPECT_FALSE(res.ok());
  EXPECT_NE(res.error.find("cancelled"), std::string::npos) << res.error;
  EXPECT_EQ(res.attempts, 1);
  EXPECT_LT(canceller.seconds_since_cancel(), 5.0) << "the backoff ran out instead";
}

}  // namespace
}  // namespace reelflow::framework
