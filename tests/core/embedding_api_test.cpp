// The embedding API as an application sees it (reelflow/runtime.hpp alone):
// what the runtime and a graph describe, a cancelled run's events, and a
// result that lists only the files the run leaves behind.
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <reelflow/runtime.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;

RuntimeOptions test_runtime() { return RuntimeOptions{{test_plugin_dir("good")}, false}; }

TEST(Embedding, TheRuntimeDescribesItsStageTypesAndPlugins) {
  Runtime runtime(test_runtime());
  const auto types = runtime.stage_types();
  ASSERT_TRUE(std::is_sorted(types.begin(), types.end(), [](auto& a, auto& b) { return a.name < b.name; }));
  auto counter = std::find_if(types.begin(), types.end(), [](auto& t) { return t.name == "test_counter"; });
  ASSERT_NE(counter, types.end());
  EXPECT_FALSE(counter->plugin.empty());
  ASSERT_NE(counter->spec.find_output("work"), nullptr);
  EXPECT_EQ(counter->spec.find_output("work")->type, "file");
  EXPECT_TRUE(std::any_of(counter->spec.params().begin(), counter->spec.params().end(),
                          [](auto& p) { return p.name == "counter_dir" && p.required(); }));

  const auto plugins = runtime.plugins();
  auto provider = std::find_if(plugins.begin(), plugins.end(), [&](auto& p) { return p.name == counter->plugin; });
  ASSERT_NE(provider, plugins.end());
  EXPECT_NE(std::find(provider->stage_types.begin(), provider->stage_types.end(), "test_counter"),
            provider->stage_types.end());
  EXPECT_TRUE(fs::exists(provider->path)) << provider->path;
}

TEST(Embedding, AGraphDescribesItsStagesAndVariables) {
  Runtime runtime(test_runtime());
  auto graph = runtime.load_graph_string(R"(name: described
variables:
  word: { type: string, default: x, description: "the word" }
  size: { type: enum, choices: [s, m], trusted: true }
stages:
  - id: a
    type: test_source
    params: { text: "${word}${size}" }
)", "g.yaml", {{"size", "m"}});
  ASSERT_TRUE(graph.ok()) << graph.error_text();
  const GraphDescription d = graph.describe();
  EXPECT_EQ(d.name, "described");
  ASSERT_EQ(d.stages.size(), 1u);
  EXPECT_EQ(d.stages[0].id, "a");
  EXPECT_EQ(d.stages[0].type, "test_source");
  ASSERT_EQ(d.variables.size(), 2u);
  EXPECT_EQ(d.variables[0].name, "word");
  EXPECT_EQ(d.variables[0].value, "x");
  EXPECT_EQ(d.variables[0].default_value, "x");
  EXPECT_EQ(d.variables[0].description, "the word");
  EXPECT_EQ(d.variables[1].type, "enum");
  EXPECT_EQ(d.variables[1].value, "m");
  EXPECT_FALSE(d.variables[1].default_value);
  EXPECT_EQ(d.variables[1].choices, (std::vector<std::string>{"s", "m"}));
  EXPECT_TRUE(d.variables[1].trusted);

  const auto broken = runtime.load_graph_string("stages:\n  - id: a\n    type: nope\n");
  EXPECT_TRUE(broken.describe().stages.empty());
}

// Records a run's events, to look at after it ended.
struct EventLog {
  std::mutex mutex;
  std::vector<Event> events;

  EventCallback callback() {
    return [this](const Event& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
    };
  }
  // Every kind but progress, which a stage reports as it likes.
  std::vector<EventKind> kinds() {
    std::lock_guard lock(mutex);
    std::vector<EventKind> out;
    for (const auto& e : events)
      if (e.kind != EventKind::StageProgress) out.push_back(e.kind);
    return out;
  }
};

TEST(Embedding, ACancelledRunSaysSoOnceThenStopsItsStages) {
  Runtime runtime(test_runtime());
  TempDir dir;
  auto graph = runtime.load_graph_string("stages:\n  - id: s\n    type: test_sleep\n    params: { ms: 30000 }\n");
  ASSERT_TRUE(graph.ok()) << graph.error_text();
  RunOptions options;
  options.output_dir = dir / "out";
  options.cache_dir = dir / "cache";
  EventLog log;
  std::mutex mutex;
  std::condition_variable started_cv;
  bool started = false;
  auto events = log.callback();
  RunHandle run = runtime.start(graph, options, [&](const Event& e) {
    events(e);
    if (e.kind != EventKind::StageStarted) return;
    std::lock_guard lock(mutex);
    started = true;
    started_cv.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    started_cv.wait(lock, [&] { return started; });
  }
  run.cancel();
  const RunResult& result = run.wait();
  EXPECT_EQ(result.outcome, RunOutcome::Cancelled);
  ASSERT_EQ(result.stages.size(), 1u);
  EXPECT_EQ(result.stages[0].state, StageState::Cancelled);
  EXPECT_EQ(log.kinds(), (std::vector<EventKind>{EventKind::RunStarted, EventKind::StageStarted, EventKind::RunCancelled,
                                                 EventKind::StageCancelled, EventKind::RunFinished}));
  EXPECT_EQ(log.events.back().message, "cancelled");
}

bool is_under(const fs::path& path, const fs::path& dir) {
  const auto rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

TEST(Embedding, TheResultListsOnlyFinalOutputsAsAbsolutePathsThatExist) {
  Runtime runtime(test_runtime());
  TempDir dir;
  const std::string counters = (dir / "counters").string();
  fs::create_directories(counters);
  auto graph = runtime.load_graph_string("stages:\n  - id: a\n    type: test_counter\n    params: { counter_dir: \"" +
                                         counters + "\", text: A }\n");
  ASSERT_TRUE(graph.ok()) << graph.error_text();
  const fs::path out = dir / "out";
  RunOptions options;
  // Relative and roundabout: the result's paths are absolute and plain all the same.
  options.output_dir = fs::relative(dir / "x" / ".." / "out", fs::current_path());
  ASSERT_TRUE(options.output_dir.is_relative()) << options.output_dir;
  options.cache_dir = dir / "cache";
  options.use_cache = false;
  const RunResult result = runtime.start(graph, options).wait();
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;

  // a.work named a file of the work dir, removed with it: no final output.
  EXPECT_EQ(result.outputs.count("a.work"), 0u);
  EXPECT_EQ(std::get<Text>(result.outputs.at("a.text")).text, "A");
  EXPECT_EQ(std::get<FileRef>(result.outputs.at("a.file")).path, out / "a.txt");
  EXPECT_EQ(result.output_files, (std::vector<fs::path>{out / "a.txt"}));
  for (const auto& [name, value] : result.outputs) {
    if (auto file = file_of(value)) {
      EXPECT_TRUE(file->is_absolute() && fs::exists(*file)) << name << ": " << *file;
    }
  }
  for (const auto& file : result.output_files) {
    EXPECT_TRUE(file.is_absolute()) << file;
    EXPECT_TRUE(fs::is_regular_file(file)) << file;
    EXPECT_TRUE(is_under(file, out)) << file;
    EXPECT_FALSE(is_under(file, out / ".reelflow-work")) << file;
  }
}

}  // namespace
}  // namespace reelflow::testing
