// `reelflow batch` with the default graph, its script written by a local
// chat-completions server that refuses one topic: the other topics still make
// their videos (checked by decoding), the summary says which failed, and the
// exit code says one did. A bad line is refused with its number before anything runs.
#include "local_http_server.hpp"
#include "media_probe.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <mutex>

namespace reelflow::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// An OpenAI-style chat completion whose content is a two-scene script about `topic`.
std::string completion_about(const std::string& topic) {
  json scenes = json::array();
  for (int i = 1; i <= 2; ++i)
    scenes.push_back({{"narration", topic + " matters. Scene " + std::to_string(i) +
                                        " says why, in a few more plain words for the voice."},
                      {"caption", "Scene " + std::to_string(i)},
                      {"visual", "A picture of " + topic}});
  const json script = {{"title", topic}, {"hook", "Ever wondered?"}, {"scenes", scenes}};
  return json{{"id", "chatcmpl-batch"},
              {"object", "chat.completion"},
              {"choices", json::array({{{"index", 0},
                                        {"message", {{"role", "assistant"}, {"content", script.dump()}}},
                                        {"finish_reason", "stop"}}})}}
      .dump();
}

// graphs/short-video.yaml with its script from `chat_url` (an OpenAI-compatible root).
fs::path graph_with_script_from(const TempDir& dir, const std::string& chat_url) {
  std::string yaml = read_file(fs::path(REELFLOW_SOURCE_DIR) / "graphs" / "short-video.yaml");
  const std::string offline = "provider: offline";
  const auto at = yaml.find(offline);
  EXPECT_NE(at, std::string::npos);
  yaml.replace(at, offline.size(),
               "provider: openai\n      base_url: \"" + chat_url +
                   "\"\n      api_key: \"${env:REELFLOW_BATCH_TEST_KEY}\"\n      max_attempts: 1");
  std::error_code ignored;
  fs::copy(fs::path(REELFLOW_SOURCE_DIR) / "graphs" / "assets", dir.path() / "assets", fs::copy_options::recursive,
           ignored);
  const auto graph = dir.path() / "graph.yaml";
  std::ofstream(graph) << yaml;
  return graph;
}

TEST(Batch, AFailedTopicDoesNotStopTheOthers) {
  TempDir dir;
  LocalHttpServer chat;
  std::mutex mutex;
  std::vector<std::string> asked;
  chat.server().Post("/v1/chat/completions", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string topic = req.body.find("Unlucky") != std::string::npos ? "Unlucky"
                              : req.body.find("Coral") != std::string::npos ? "Coral reefs"
                                                                             : "Tides";
    {
      std::lock_guard lock(mutex);
      asked.push_back(topic);
    }
    if (topic == "Unlucky") res.set_content(R"({"error":{"message":"this topic is refused"}})", "application/json"), res.status = 400;
    else res.set_content(completion_about(topic), "application/json");
  });
  chat.start();
  ::setenv("REELFLOW_BATCH_TEST_KEY", "sk-batch-test-0123456789", 1);
  const auto graph = graph_with_script_from(dir, chat.url("/v1"));
  const auto topics = dir.path() / "topics.txt";
  std::ofstream(topics) << "Coral reefs\n\n# skipped\nUnlucky ../../topic\nTides\n";

  Subprocess batch({REELFLOW_CLI_PATH, "batch", graph.string(), topics.string(), "--jobs", "2", "-o",
                    (dir / "out").string(), "--cache-dir", (dir / "cache").string(), "--set", "seconds=8", "--set",
                    "aspect=1:1", "--set", "captions=none"},
                   dir / "batch");
  const int code = batch.wait(std::chrono::seconds(600)).value_or(-1);
  chat.stop();
  EXPECT_EQ(code, 1) << batch.err();  // one topic failed
  EXPECT_NE(batch.err().find("3/3 done, 1 failed"), std::string::npos) << batch.err();
  EXPECT_EQ(asked.size(), 3u);

  // The summary table: a row per topic with its status, and the error of the failed one.
  const std::string table = batch.out();
  EXPECT_NE(table.find("this topic is refused"), std::string::npos) << table;
  const json summary = json::parse(read_file(dir / "out" / "batch.json"));
  ASSERT_EQ(summary["topics"].size(), 3u);
  std::map<int, json> by_line;
  for (const auto& row : summary["topics"]) by_line[row["line"].get<int>()] = row;
  EXPECT_EQ(by_line[4]["status"], "failed");
  EXPECT_EQ(by_line[4]["folder"], "004-unlucky-topic");  // never a path from the text
  EXPECT_FALSE(fs::exists(dir / "out" / "004-unlucky-topic" / "short-video.mp4"));
  for (const auto& [line, folder] : {std::pair{1, "001-coral-reefs"}, std::pair{5, "005-tides"}}) {
    EXPECT_EQ(by_line[line]["status"], "done") << line;
    const auto video = dir / "out" / folder / "short-video.mp4";
    EXPECT_EQ(fs::path(by_line[line]["video"].get<std::string>()), fs::absolute(video).lexically_normal());
    std::string error;
    auto info = probe_media(video, &error);
    ASSERT_TRUE(info) << folder << ": " << error;
    EXPECT_TRUE(info->has_video && info->has_audio) << folder;
    EXPECT_NEAR(info->duration_s, 8.0, 1.5) << folder;
    EXPECT_NEAR(by_line[line]["length_s"].get<double>(), info->duration_s, 0.2) << folder;
    EXPECT_NE(table.find(video.string().substr(video.string().size() - 20)), std::string::npos) << table;
  }
}

TEST(Batch, ABadLineIsRefusedWithItsNumberAndNothingRuns) {
  TempDir dir;
  const auto topics = dir.path() / "topics.txt";
  std::ofstream(topics) << "Coral reefs\n" << std::string(201, 'x') << "\n";  // the graph's topic: max_length 200
  Subprocess batch({REELFLOW_CLI_PATH, "batch", (fs::path(REELFLOW_SOURCE_DIR) / "graphs" / "short-video.yaml").string(),
                    topics.string(), "-o", (dir / "out").string(), "--cache-dir", (dir / "cache").string()},
                   dir / "batch");
  EXPECT_EQ(batch.wait().value_or(-1), 2);
  EXPECT_NE(batch.err().find(topics.string() + ":2: error: topic refused"), std::string::npos) << batch.err();
  EXPECT_EQ(batch.err().find(":1: error"), std::string::npos) << batch.err();
  EXPECT_FALSE(fs::exists(dir / "out"));

  Subprocess set_topic({REELFLOW_CLI_PATH, "batch", (fs::path(REELFLOW_SOURCE_DIR) / "graphs" / "short-video.yaml").string(),
                        topics.string(), "--set", "topic=x", "-o", (dir / "out").string()},
                       dir / "set");
  EXPECT_EQ(set_topic.wait().value_or(-1), 2);
  EXPECT_NE(set_topic.err().find("--set topic"), std::string::npos) << set_topic.err();
}

}  // namespace
}  // namespace reelflow::testing
