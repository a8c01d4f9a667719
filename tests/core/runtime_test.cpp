// The embedding API: several graphs run at once in one process, each with its
// own variables, outputs, events and cancellation.
#include "media_probe.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <reelflow/runtime.hpp>

#include <gtest/gtest.h>

#include <mutex>
#include <set>

namespace reelflow::testing {
namespace {

const char* kGraph = R"(variables: { word: { type: string, default: x, pattern: "[a-z0-9]+" }, frames: 10 }
stages:
  - id: a
    type: test_source
    params: { text: "${word}" }
  - id: wait
    type: test_sleep
    inputs: { in: a }
    params: { ms: 200 }
  - id: v
    type: test_video
    params: { frames: "${frames}", width: 64, height: 48, name: "${word}.mp4" }
)";

TEST(Runtime, AnUntrustedGraphCannotReadTheEnvironmentEvenThroughAYamlEscape) {
  Runtime runtime(RuntimeOptions{{test_plugin_dir("good")}, false});
  ::setenv("REELFLOW_TEST_SECRET", "s3cret-value", 1);
  // "\x24" is `$` once YAML has read the scalar: a text check of the source would miss it.
  const std::string yaml = "stages:\n  - id: a\n    type: test_source\n    params: { text: \"\\x24{env:REELFLOW_TEST_SECRET}\" }\n";
  auto trusted = runtime.load_graph_string(yaml, "trusted.yaml");
  ASSERT_TRUE(trusted.ok()) << trusted.error_text();
  auto untrusted = runtime.load_graph_string(yaml, "upload.yaml", {}, GraphEnvironment::Forbidden);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_NE(untrusted.error_text().find("upload.yaml:4:"), std::string::npos) << untrusted.error_text();
  EXPECT_NE(untrusted.error_text().find("may not read the environment (${env:REELFLOW_TEST_SECRET})"), std::string::npos)
      << untrusted.error_text();
  EXPECT_EQ(untrusted.error_text().find("s3cret-value"), std::string::npos);
}

TEST(Runtime, GraphsRunConcurrentlyWithoutSharingState) {
  Runtime runtime(RuntimeOptions{{test_plugin_dir("good")}, false});
  TempDir dir;
  struct Job {
    std::string word;
    int frames;
    std::mutex mutex;
    std::set<std::string> run_ids;
    std::vector<std::string> stages;
  };
  std::vector<std::unique_ptr<Job>> jobs;
  std::vector<RunHandle> runs;
  for (int i = 0; i < 4; ++i) {
    auto job = std::make_unique<Job>();
    job->word = "w" + std::to_string(i);
    job->frames = 5 + 5 * i;
    auto graph = runtime.load_graph_string(kGraph, "g" + std::to_string(i),
                                           {{"word", job->word}, {"frames", std::to_string(job->frames)}});
    ASSERT_TRUE(graph.ok()) << graph.error_text();
    RunOptions options;
    options.output_dir = dir.path() / job->word;
    options.cache_dir = dir.path() / "cache";
    Job* raw = job.get();
    runs.push_back(runtime.start(graph, options, [raw](const Event& e) {
      std::lock_guard lock(raw->mutex);
      raw->run_ids.insert(e.run_id);
      if (e.kind == EventKind::StageFinished) raw->stages.push_back(e.stage_id);
    }));
    jobs.push_back(std::move(job));
  }
  std::set<std::string> all_ids;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunResult& result = runs[i].wait();
    const Job& job = *jobs[i];
    ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
    EXPECT_EQ(std::get<Text>(result.outputs.at("wait.text")).text, job.word + ",wait");
    const auto& video = std::get<VideoFile>(result.outputs.at("v.video"));
    EXPECT_EQ(video.path, dir.path() / job.word / (job.word + ".mp4"));
    auto info = probe_media(video.path);
    ASSERT_TRUE(info);
    EXPECT_NEAR(info->duration_s, job.frames / 25.0, 0.041);
    EXPECT_EQ(job.run_ids.size(), 1u);  // every event of this run carries its own id
    EXPECT_EQ(*job.run_ids.begin(), result.run_id);
    EXPECT_EQ(job.stages.size(), 3u);
    all_ids.insert(result.run_id);
    for (const auto& s : result.stages) EXPECT_GT(s.duration_s, 0.0);
  }
  EXPECT_EQ(all_ids.size(), 4u);
}

TEST(Runtime, CancellingOneRunLeavesTheOthersAlone) {
  Runtime runtime(RuntimeOptions{{test_plugin_dir("good")}, false});
  TempDir dir;
  auto slow = runtime.load_graph_string("stages:\n  - id: s\n    type: test_sleep\n    params: { ms: 30000 }\n");
  auto quick = runtime.load_graph_string("stages:\n  - id: s\n    type: test_sleep\n    params: { ms: 300 }\n");
  ASSERT_TRUE(slow.ok() && quick.ok());
  RunOptions a, b;
  a.output_dir = dir.path() / "a";
  b.output_dir = dir.path() / "b";
  a.cache_dir = b.cache_dir = dir.path() / "cache";
  auto slow_run = runtime.start(slow, a);
  auto quick_run = runtime.start(quick, b);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  slow_run.cancel();
  EXPECT_EQ(slow_run.wait().outcome, RunOutcome::Cancelled);
  EXPECT_EQ(quick_run.wait().outcome, RunOutcome::Succeeded);
  EXPECT_GE(quick_run.wait().stages.at(0).duration_s, 0.29);
}

TEST(Runtime, InvalidGraphCannotStart) {
  Runtime runtime(RuntimeOptions{{test_plugin_dir("good")}, false});
  auto graph = runtime.load_graph_string("stages:\n  - id: s\n    type: nope\n", "x.yaml");
  EXPECT_FALSE(graph.ok());
  EXPECT_EQ(graph.diagnostics().size(), 1u);
  EXPECT_THROW(runtime.start(graph), std::invalid_argument);
}

}  // namespace
}  // namespace reelflow::testing
