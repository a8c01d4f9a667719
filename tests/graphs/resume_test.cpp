// The default graph with its publish step pointed at a real HTTP server that
// fails: the re-run takes script, speech, images and the render from the stage
// cache, uploads once, and a third run uploads nothing.
#include "local_http_server.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>

namespace reelflow::testing {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct RunEvents {
  int exit_code = -1;
  std::string err;
  std::map<std::string, std::string> finished;  // stage → message ("" or "cached")
};

RunEvents run_graph(const std::filesystem::path& graph, const std::filesystem::path& dir, const std::string& name) {
  Subprocess p({REELFLOW_CLI_PATH, "run", graph.string(), "-o", (dir / "out").string(), "--cache-dir",
                (dir / "cache").string(), "--events", "json", "--set", "seconds=8", "--set", "aspect=1:1"},
               dir / name);
  RunEvents r;
  r.exit_code = p.wait(std::chrono::seconds(600)).value_or(-1);
  r.err = p.err();
  std::istringstream lines(p.out());
  for (std::string line; std::getline(lines, line);) {
    auto e = nlohmann::json::parse(line);
    if (e["event"] == "stage_finished") r.finished[e["stage"]] = e.value("message", "");
  }
  return r;
}

TEST(Resume, FailedUploadDoesNotCostANewScriptSpeechOrRender) {
  TempDir dir;
  LocalHttpServer dav;
  std::mutex mutex;
  std::atomic<bool> failing{true};
  int puts = 0, stored_puts = 0;
  std::string stored;
  dav.server().Put("/videos/short-video.mp4", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    ++puts;
    if (failing) {
      res.status = 500;
      return;
    }
    ++stored_puts;
    stored = req.body;
    res.status = 201;
  });
  dav.server().Get("/videos/short-video.mp4", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex);
    res.set_content(stored, "video/mp4");
  });
  dav.start();

  // graphs/short-video.yaml, publishing to the server instead of a local folder.
  std::string yaml = read_file(std::filesystem::path(REELFLOW_SOURCE_DIR) / "graphs" / "short-video.yaml");
  const std::string local = "params: { target: local }";
  const auto at = yaml.find(local);
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, local.size(), "params: { target: http, url: \"" + dav.url("/videos") + "\", max_attempts: 2 }");
  const auto graph = dir.path() / "graph.yaml";
  // What the graph finds beside itself (${graph_dir}): the music beds.
  std::filesystem::copy(std::filesystem::path(REELFLOW_SOURCE_DIR) / "graphs" / "assets", dir.path() / "assets",
                        std::filesystem::copy_options::recursive);
  std::ofstream(graph) << yaml;

  RunEvents first = run_graph(graph, dir.path(), "first");
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_NE(first.err.find("stage 'publish' (uploader)"), std::string::npos) << first.err;
  EXPECT_EQ(first.finished.count("video"), 1u);
  EXPECT_EQ(first.finished["video"], "");  // rendered
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "published"));
  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(puts, 2);  // max_attempts
  }

  failing = false;
  RunEvents second = run_graph(graph, dir.path(), "second");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  for (const char* stage : {"script", "scenes", "voice", "images", "video"})
    EXPECT_EQ(second.finished[stage], "cached") << stage << " was recomputed";
  EXPECT_EQ(second.finished["publish"], "");
  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(stored_puts, 1);
    EXPECT_EQ(stored, read_file(dir.path() / "out" / "short-video.mp4"));
  }

  RunEvents third = run_graph(graph, dir.path(), "third");
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(third.finished["publish"], "cached");
  std::lock_guard lock(mutex);
  EXPECT_EQ(stored_puts, 1);  // the confirmed upload is not repeated
}

}  // namespace
}  // namespace reelflow::testing
