// The attacks that went through the shipped graphs, against `reelflow serve` (with
// its embedded worker) allowing every graph in graphs/: a token holder's job
// variables must not become pipeline syntax, must not choose where a key is sent
// and must not name files. Each is refused with a 400 before anything is queued,
// and a real listener on loopback proves nothing was sent.
#include "service_test_env.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <utility>
#include <vector>

namespace reelflow::testing {
namespace {

using nlohmann::json;

// Counts every connection made to it (and the bytes sent) until it is destroyed.
class Tripwire {
 public:
  Tripwire() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { watch(); });
  }
  ~Tripwire() {
    stopping_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  int connections() const { return connections_; }
  long bytes() const { return bytes_; }

 private:
  void watch() {
    while (!stopping_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      ++connections_;
      char buffer[4096];
      pollfd c{client, POLLIN, 0};
      while (!stopping_ && ::poll(&c, 1, 100) > 0) {
        const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        bytes_ += n;
      }
      ::close(client);
    }
  }

  int fd_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<long> bytes_{0};
  std::thread thread_;
};

class GraphAttackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("reelflow-graph-attack");
    redis_ = new RedisServer(dir_->path() / "redis");
    ::setenv("OPENAI_API_KEY", "sk-attack-test-key", 1);  // what an exfiltration would steal
    ::setenv("PEXELS_API_KEY", "pexels-attack-test-key", 1);
    ::setenv("UPLOAD_TOKEN", "upload-attack-test-token", 1);
    port_ = start_serve(serve_, *redis_, *dir_, {"--graphs", std::string(REELFLOW_SOURCE_DIR) + "/graphs"});
  }
  static void TearDownTestSuite() {
    serve_.reset();
    delete redis_;
    delete dir_;
  }

  // POSTs a job for `graph` with `variables`; returns the response status and body.
  std::pair<int, json> submit(const std::string& graph, const json& variables) {
    auto c = api_client(port_);
    auto res = c.Post("/api/v1/jobs", json{{"graph", graph}, {"variables", variables}}.dump(), "application/json");
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  size_t jobs_listed() {
    auto c = api_client(port_);
    auto res = c.Get("/api/v1/jobs?limit=1000");
    return res && res->status == 200 ? json::parse(res->body)["jobs"].size() : 0;
  }

  void expect_alive() {
    ASSERT_FALSE(serve_->wait(std::chrono::seconds(0)).has_value()) << serve_->err();
    auto c = api_client(port_);
    auto health = c.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
  }

  static TempDir* dir_;
  static RedisServer* redis_;
  static std::unique_ptr<Subprocess> serve_;
  static int port_;
};

TempDir* GraphAttackTest::dir_ = nullptr;
RedisServer* GraphAttackTest::redis_ = nullptr;
std::unique_ptr<Subprocess> GraphAttackTest::serve_;
int GraphAttackTest::port_ = 0;

std::string all_diagnostics(const json& body) {
  std::string out = body.value("error", "");
  if (body.contains("diagnostics"))
    for (const auto& d : body["diagnostics"]) out += "\n" + d.value("text", "");
  return out;
}

TEST_F(GraphAttackTest, AJobVariableCannotBecomePipelineSyntax) {
  ASSERT_GT(port_, 0) << serve_->err();
  Tripwire listener;
  const auto before = jobs_listed();
  const std::string injected = "10 ! fakesink videotestsrc num-buffers=10 ! tcpclientsink host=127.0.0.1 port=" +
                               std::to_string(listener.port());
  const auto [status, body] = submit("live-shot-detect", {{"duration_s", injected}});
  EXPECT_EQ(status, 400) << body.dump();
  EXPECT_NE(all_diagnostics(body).find("variable 'duration_s'"), std::string::npos) << body.dump();
  EXPECT_NE(all_diagnostics(body).find("is not a whole number"), std::string::npos) << body.dump();
  EXPECT_EQ(jobs_listed(), before) << "a refused job must not be queued";
  std::this_thread::sleep_for(std::chrono::seconds(2));  // what a queued job would have needed to connect
  EXPECT_EQ(listener.connections(), 0);
  expect_alive();
}

TEST_F(GraphAttackTest, AJobCannotChooseWhereTheKeyIsSent) {
  ASSERT_GT(port_, 0) << serve_->err();
  Tripwire listener;
  const std::string mine = "http://127.0.0.1:" + std::to_string(listener.port()) + "/v1";
  // The hosted-services graph's keys, and the publishing graph's platform tokens and account.
  const std::vector<std::pair<std::string, std::string>> attempts = {
      {"short-video-openai", "openai_base_url"}, {"short-video-openai", "photo_search_url"},
      {"short-video-openai", "upload_url"},      {"short-video-publish", "youtube_api"},
      {"short-video-publish", "tiktok_api"},     {"short-video-publish", "instagram_api"}};
  for (const auto& [graph, variable] : attempts) {
    const auto [status, body] = submit(graph, {{variable, mine}, {"topic", "owls"}});
    EXPECT_EQ(status, 400) << graph << " " << variable << ": " << body.dump();
    EXPECT_NE(all_diagnostics(body).find("is trusted: only whoever runs the graph may set it, not a job"),
              std::string::npos)
        << body.dump();
  }
  const auto [status, body] = submit("short-video-publish", {{"instagram_user_id", "17841499999999999"}});
  EXPECT_EQ(status, 400) << "a job chose whose Instagram account posts: " << body.dump();
  EXPECT_NE(all_diagnostics(body).find("'instagram_user_id' is trusted"), std::string::npos) << body.dump();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(listener.connections(), 0);
  EXPECT_EQ(listener.bytes(), 0);
  expect_alive();
}

TEST_F(GraphAttackTest, AJobVariableCannotNameAFileAsAVoice) {
  ASSERT_GT(port_, 0) << serve_->err();
  for (const char* voice : {"../../../../etc/passwd", "/etc/passwd", "en-us/../../x"}) {
    const auto [status, body] = submit("short-video", {{"voice", voice}});
    EXPECT_EQ(status, 400) << voice << ": " << body.dump();
    EXPECT_NE(all_diagnostics(body).find("variable 'voice'"), std::string::npos) << body.dump();
  }
  // A well-formed name espeak does not have is refused by the tts stage's own check.
  const auto [status, body] = submit("short-video", {{"voice", "zz-nowhere"}});
  EXPECT_EQ(status, 400) << body.dump();
  EXPECT_NE(all_diagnostics(body).find("espeak has no voice 'zz-nowhere'"), std::string::npos) << body.dump();
  expect_alive();
}

// graphs/two-aspects.yaml includes graphs/parts/render.yaml twice: the part's variables
// (its output file names among them) are the graph's to set, never a job's; the part
// itself is not offered as a job; the graph, with its part read at start-up, is.
TEST_F(GraphAttackTest, AJobCannotSetASubgraphsVariablesNorRunThePartAlone) {
  ASSERT_GT(port_, 0) << serve_->err();
  const auto before = jobs_listed();
  const auto [status, body] = submit("two-aspects", {{"output", "../../../../tmp/owned.mp4"}});
  EXPECT_EQ(status, 400) << body.dump();
  EXPECT_NE(all_diagnostics(body).find("the graph declares no variable 'output'"), std::string::npos) << body.dump();
  const auto [part_status, part_body] = submit("render", {});
  EXPECT_EQ(part_status, 400) << part_body.dump();
  EXPECT_NE(part_body.value("error", "").find("unknown graph 'render'"), std::string::npos) << part_body.dump();
  EXPECT_EQ(jobs_listed(), before);
  // The same graph with its own variables is accepted (validated with its part).
  const auto [ok_status, ok_body] = submit("two-aspects", {{"seconds", 5}});
  ASSERT_EQ(ok_status, 201) << ok_body.dump();
  auto c = api_client(port_);
  c.Post("/api/v1/jobs/" + ok_body["id"].get<std::string>() + "/cancel", "", "application/json");
  expect_alive();
}

TEST_F(GraphAttackTest, OutOfRangeValuesNameTheVariableAndTheRule) {
  ASSERT_GT(port_, 0) << serve_->err();
  const auto [status, body] = submit("short-video", {{"seconds", 100000}, {"aspect", "4:3"}});
  EXPECT_EQ(status, 400) << body.dump();
  const std::string text = all_diagnostics(body);
  EXPECT_NE(text.find("variable 'seconds': '100000' is more than its max 300"), std::string::npos) << text;
  EXPECT_NE(text.find("variable 'aspect': '4:3' is not one of its choices"), std::string::npos) << text;
}

TEST_F(GraphAttackTest, AnAllowedGraphFindsTheFilesShippedBesideIt) {
  ASSERT_GT(port_, 0) << serve_->err();
  // short-video-branded names its watermark as ${graph_dir}/assets/...: the service
  // knows an allowed graph's directory (an upload has none: GraphLoader tests).
  const auto [status, body] = submit("short-video-branded", {{"topic", "owls"}});
  ASSERT_EQ(status, 201) << body.dump();
  auto c = api_client(port_);
  auto cancelled = c.Post("/api/v1/jobs/" + body["id"].get<std::string>() + "/cancel", "{}", "application/json");
  ASSERT_TRUE(cancelled);
  EXPECT_LT(cancelled->status, 300) << cancelled->body;
  expect_alive();
}

TEST_F(GraphAttackTest, TheSameGraphsStillRunWithValuesInsideTheirRules) {
  // The refusals above are the rules at work, not a service that refuses everything.
  ASSERT_GT(port_, 0) << serve_->err();
  const auto [status, body] = submit("live-shot-detect", {{"duration_s", 1}});
  ASSERT_EQ(status, 201) << body.dump();
  auto c = api_client(port_);
  const json job = wait_for_final(c, body["id"], std::chrono::seconds(120));
  EXPECT_EQ(job["state"], "succeeded") << job.dump();
}

}  // namespace
}  // namespace reelflow::testing
