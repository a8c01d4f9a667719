// Every stage that sends a key (llm_script openai/gemini/anthropic, tts openai,
// image_source http and openai, uploader http) against a real server that refuses it: the graph asks for stage
// retries and the stage for HTTP retries, yet exactly one request goes out, and the
// error says the credentials were refused without showing them. A 503 with the same
// retries is asked again: the retries are really there.
#include "graph_run.hpp"
#include "local_http_server.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

namespace reelflow::testing {
namespace {

constexpr const char* kKey = "sk-refused-7d3f19a0c2";
constexpr const char* kKeyVariable = "REELFLOW_TEST_REFUSED_KEY";

// Answers every request with one status and counts them.
class RefusingServer {
 public:
  explicit RefusingServer(int status) {
    server_.server().set_pre_routing_handler([this, status](const httplib::Request&, httplib::Response& res) {
      ++requests_;
      res.status = status;
      // Servers like to echo the key they refused.
      res.set_content(std::string(R"({"error":{"message":"Incorrect API key provided: )") + kKey + "\"}}",
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    });
    server_.start();
  }
  std::string url(const std::string& path) const { return server_.url(path); }
  int requests() const { return requests_.load(); }

 private:
  LocalHttpServer server_;
  std::atomic<int> requests_{0};
};

// A one-scene script written offline, then the stage under test with stage retries on.
std::string graph_with(const std::string& stage) {
  return R"(reelflow: 1
name: refused
stages:
  - id: script
    type: llm_script
    params: { provider: offline, topic: "Tides", scenes: 1, target_duration_s: 5 }
  - id: scenes
    type: scene_segmenter
    inputs: { script: script.script }
    params: { min_scene_s: 1, max_scene_s: 60 }
  - id: upload_source
    type: file_source
    params: { path: "${graph_dir}/refused.yaml" }
)" + stage + "    retry: { attempts: 3, backoff: 10ms }\n";
}

struct Provider {
  const char* name;
  const char* stage;  // YAML of the stage, {URL} replaced by the server's root
};

const Provider kProviders[] = {
    {"llm_script", R"(  - id: remote
    type: llm_script
    params: { provider: openai, base_url: "{URL}v1", api_key: "${env:REELFLOW_TEST_REFUSED_KEY}", topic: tides, max_attempts: 3 }
)"},
    {"llm_script_gemini", R"(  - id: remote
    type: llm_script
    params: { provider: gemini, base_url: "{URL}v1beta/openai", api_key: "${env:REELFLOW_TEST_REFUSED_KEY}", topic: tides, max_attempts: 3 }
)"},
    {"llm_script_anthropic", R"(  - id: remote
    type: llm_script
    params: { provider: anthropic, base_url: "{URL}", api_key: "${env:REELFLOW_TEST_REFUSED_KEY}", topic: tides, max_attempts: 3 }
)"},
    {"tts", R"(  - id: remote
    type: tts
    inputs: { scenes: scenes.scenes }
    params: { provider: openai, base_url: "{URL}v1", api_key: "${env:REELFLOW_TEST_REFUSED_KEY}", max_attempts: 3 }
)"},
    {"image_source", R"(  - id: remote
    type: image_source
    inputs: { scenes: scenes.scenes }
    params: { provider: http, search_url: "{URL}v1/search", api_key: "${env:REELFLOW_TEST_REFUSED_KEY}", max_attempts: 3, cache: false }
)"},
    {"image_source_openai", R"(  - id: remote
    type: image_source
    inputs: { scenes: scenes.scenes }
    params: { provider: openai, openai_base_url: "{URL}v1", openai_api_key: "${env:REELFLOW_TEST_REFUSED_KEY}", max_attempts: 3, cache: false }
)"},
    {"uploader", R"(  - id: remote
    type: uploader
    inputs: { file: upload_source.file }
    params: { target: http, url: "{URL}dav", bearer_token: "${env:REELFLOW_TEST_REFUSED_KEY}", max_attempts: 3 }
)"},
};

std::string stage_for(const Provider& provider, const RefusingServer& server) {
  std::string stage = provider.stage;
  stage.replace(stage.find("{URL}"), 5, server.url("/"));
  return stage;
}

GraphRun run_against(const Provider& provider, const RefusingServer& server, const TempDir& dir) {
  ::setenv(kKeyVariable, kKey, 1);
  const auto file = dir.path() / "refused.yaml";
  std::ofstream(file) << graph_with(stage_for(provider, server));
  return run_graph_file(file, dir.path());
}

class RefusedCredentials : public ::testing::TestWithParam<Provider> {};

TEST_P(RefusedCredentials, OneRequestAndAClearMessageWithoutTheKey) {
  TempDir dir;
  RefusingServer server(401);
  GraphRun run = run_against(GetParam(), server, dir);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(server.requests(), 1);
  const std::string& error = run.result.error;
  EXPECT_NE(error.find("refused the credentials (HTTP 401"), std::string::npos) << error;
  EXPECT_NE(error.find("stage 'remote'"), std::string::npos) << error;
  EXPECT_EQ(error.find(kKey), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  EXPECT_TRUE(run.of_kind(EventKind::StageRetrying, "remote").empty());
}

TEST_P(RefusedCredentials, ForbiddenIsNotRetriedEither) {
  TempDir dir;
  RefusingServer server(403);
  GraphRun run = run_against(GetParam(), server, dir);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(server.requests(), 1);
  EXPECT_NE(run.result.error.find("refused the credentials (HTTP 403"), std::string::npos) << run.result.error;
}

// The control: the same retries do ask an overloaded server again (3 HTTP attempts per
// stage attempt, 3 stage attempts), so the single request above is the refusal's doing.
TEST_P(RefusedCredentials, AServerErrorIsRetried) {
  TempDir dir;
  RefusingServer server(503);
  GraphRun run = run_against(GetParam(), server, dir);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(server.requests(), 9);
  EXPECT_EQ(run.of_kind(EventKind::StageRetrying, "remote").size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(EveryProvider, RefusedCredentials, ::testing::ValuesIn(kProviders),
                         [](const ::testing::TestParamInfo<Provider>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace reelflow::testing
