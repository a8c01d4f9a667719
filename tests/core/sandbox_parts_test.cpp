// The parts of a confined run that need no child process: the child's
// environment, the wording of its end, the line splitter, the bookkeeping
// of a run whose child died, which jobs fit a warm spare, and its narrowing.
#include "sandbox/child_environment.hpp"
#include "sandbox/confined_protocol.hpp"
#include "sandbox/graph_needs.hpp"
#include "sandbox/line_buffer.hpp"
#include "sandbox/run_tracker.hpp"
#include "sandbox/spare_shape.hpp"
#include "sandbox/termination.hpp"
#include "test_registry.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <map>

namespace reelflow::framework::sandbox {
namespace {

TEST(ChildEnvironment, HoldsTheFixedVariablesTheOperatorsSettingsAndTheGraphsNamesOnly) {
  const std::map<std::string, std::string> caller{
      {"REELFLOW_API_TOKEN", "secret"}, {"REELFLOW_REDIS_URL", "redis://:pw@h"}, {"ASAN_OPTIONS", "detect_leaks=1"},
      {"OPENAI_API_KEY", "sk-1"},       {"HOME", "/root"},                       {"PATH", "/opt/evil:/usr/bin"}};
  const auto lookup = [&](const char* name) -> const char* {
    auto it = caller.find(name);
    return it == caller.end() ? nullptr : it->second.c_str();
  };
  const auto env = child_environment({"/o/.reelflow-work/s/home", "/o/.reelflow-work/s/tmp", "/c", {"OPENAI_API_KEY", "UNSET"}}, lookup);
  const std::vector<std::string> expected{
      "ASAN_OPTIONS=detect_leaks=1", "GST_REGISTRY=/c/gstreamer-1.0/registry.bin", "HOME=/o/.reelflow-work/s/home",
      "LANG=C.UTF-8",                "OPENAI_API_KEY=sk-1",                        "PATH=/usr/bin:/bin",
      "TMPDIR=/o/.reelflow-work/s/tmp", "XDG_CACHE_HOME=/c"};
  EXPECT_EQ(env, expected);
}

TEST(ChildEnvironment, OfAWarmSpareHasNoTmpdirNorGraphVariables) {
  const auto lookup = [](const char* name) -> const char* { return std::string(name) == "OPENAI_API_KEY" ? "sk-1" : nullptr; };
  const auto env = child_environment({"/c/home", "", "/c", {}}, lookup);
  const std::vector<std::string> expected{"GST_REGISTRY=/c/gstreamer-1.0/registry.bin", "HOME=/c/home", "LANG=C.UTF-8",
                                          "PATH=/usr/bin:/bin", "XDG_CACHE_HOME=/c"};
  EXPECT_EQ(env, expected);
}

SpareShape shape_writing_to(const std::string& output_dir) {
  SpareShape s;
  s.access = {"/opt/reelflow/bin/reelflow", {"/opt/reelflow/plugins"}, "", output_dir, "/var/cache/reelflow", {"/srv/music"}};
  s.limits = {{RLIMIT_CPU, {3600, 3605}}, {RLIMIT_FSIZE, {1 << 30, 1 << 30}}};
  s.environment = {"HOME=/var/cache/reelflow/home", "PATH=/usr/bin:/bin"};
  return s;
}

TEST(SpareShape, AJobFitsWhenItsSandboxIsWithinTheSparesOne) {
  const SpareShape spare = shape_writing_to("/data/jobs");
  EXPECT_TRUE(fits(spare, shape_writing_to("/data/jobs/j1/1-abc")));
  EXPECT_TRUE(fits(spare, shape_writing_to("/data/jobs/")));
  EXPECT_FALSE(fits(spare, shape_writing_to("/data/jobs-other/j1"))) << "a longer name is not a subdirectory";
  EXPECT_FALSE(fits(spare, shape_writing_to("/data")));
  EXPECT_FALSE(fits(spare, shape_writing_to("/data/jobs/../secrets")));

  SpareShape reads = shape_writing_to("/data/jobs/j2");
  reads.access.graph_read_paths = {"/srv/music/a.mp3", "/srv/music"};
  EXPECT_TRUE(fits(spare, reads));
  reads.access.graph_read_paths.push_back("/etc/shadow");
  EXPECT_FALSE(fits(spare, reads));

  SpareShape lower = shape_writing_to("/data/jobs/j3");
  lower.limits[1].value = {1 << 20, 1 << 20};
  EXPECT_TRUE(fits(spare, lower));
  SpareShape higher = shape_writing_to("/data/jobs/j3");
  higher.limits[0].value.rlim_max = 7200;
  EXPECT_FALSE(fits(spare, higher)) << "a spare cannot raise its hard limits";
  SpareShape unlimited = shape_writing_to("/data/jobs/j3");
  unlimited.limits.pop_back();
  EXPECT_FALSE(fits(spare, unlimited)) << "no file size limit is above the spare's";

  SpareShape program = shape_writing_to("/data/jobs/j4");
  program.access.child_program = "/usr/local/bin/reelflow";
  EXPECT_FALSE(fits(spare, program));
  SpareShape cache = shape_writing_to("/data/jobs/j4");
  cache.access.cache_dir = "/tmp/cache";
  EXPECT_FALSE(fits(spare, cache));
  SpareShape plugins = shape_writing_to("/data/jobs/j4");
  plugins.access.plugin_dirs.push_back("/tmp/plugins");
  EXPECT_FALSE(fits(spare, plugins));
  SpareShape environment = shape_writing_to("/data/jobs/j4");
  environment.environment.push_back("GST_PLUGIN_PATH=/tmp/gst");
  EXPECT_FALSE(fits(spare, environment));
}

TEST(Narrowing, SurvivesItsJsonWithUnlimitedAndZeroLimits) {
  const Narrowing narrowing{false, 0x3fff, {{RLIMIT_AS, {RLIM_INFINITY, RLIM_INFINITY}}, {RLIMIT_CORE, {0, 0}}},
                            {"HOME=/c/home", "OPENAI_API_KEY=sk-1"}};
  const Narrowing back = narrowing_from_json(nlohmann::json::parse(narrowing_to_json(narrowing).dump()));
  EXPECT_FALSE(back.network);
  EXPECT_EQ(back.own_proc_rights, 0x3fffu);
  ASSERT_EQ(back.limits.size(), 2u);
  EXPECT_EQ(back.limits[0].resource, RLIMIT_AS);
  EXPECT_EQ(back.limits[0].value.rlim_max, RLIM_INFINITY);
  EXPECT_EQ(back.limits[1].value.rlim_cur, 0u);
  EXPECT_EQ(back.environment, narrowing.environment);
  EXPECT_THROW(narrowing_from_json(nlohmann::json::parse(R"({"network": true})")), std::invalid_argument);
}

TEST(GraphNeeds, AreTheVariablesTheGraphReads) {
  testing::TestRegistry registry;
  ::setenv("REELFLOW_TEST_NEEDED", "x", 1);
  auto plan = registry.validate("stages:\n  - id: a\n    type: test_source\n    params: { text: \"${env:REELFLOW_TEST_NEEDED}\" }\n");
  ASSERT_TRUE(plan.ok());
  const GraphNeeds needs = graph_needs(*plan.plan);
  EXPECT_EQ(needs.environment_names, std::set<std::string>{"REELFLOW_TEST_NEEDED"});
  EXPECT_FALSE(needs.network) << "test_source declares no network use";
}

StageOutcome stage(const std::string& id, const std::string& type) {
  StageOutcome s;
  s.id = id;
  s.type = type;
  return s;
}

std::vector<const StageOutcome*> running(const std::vector<StageOutcome>& stages) {
  std::vector<const StageOutcome*> out;
  for (const auto& s : stages) out.push_back(&s);
  return out;
}

int killed_by(int signal) { return signal; }         // a wait status: terminated by `signal`
int exited_with(int code) { return code << 8; }      // a wait status: exit(code)

TEST(TerminationMessage, NamesTheRunningStagesAndHowTheChildEnded) {
  const std::vector<StageOutcome> one{stage("tts", "tts")};
  const std::vector<StageOutcome> two{stage("tts", "tts"), stage("pics", "image_source")};
  const ChildLimitsInEffect limits{3600, 1 << 20};
  EXPECT_EQ(termination_message(running(one), killed_by(SIGSEGV), limits, ""),
            "stage tts (tts) crashed: signal 11 (Segmentation fault)");
  EXPECT_EQ(termination_message(running(two), killed_by(SIGABRT), limits, ""),
            "one of stages tts (tts), pics (image_source) crashed: signal 6 (Aborted)");
  EXPECT_EQ(termination_message({}, killed_by(SIGKILL), limits, ""), "the confined run was killed (signal 9)");
  EXPECT_EQ(termination_message(running(one), killed_by(SIGXCPU), limits, ""),
            "stage tts (tts) exceeded the CPU time limit of 3600 s (signal 24)");
  EXPECT_EQ(termination_message(running(one), killed_by(SIGXFSZ), limits, ""),
            "stage tts (tts) exceeded the file size limit of 1048576 bytes (signal 25)");
  EXPECT_EQ(termination_message({}, exited_with(2), limits, "reelflow sandbox-child: bad request: x"),
            "the confined run exited without a result (exit code 2): reelflow sandbox-child: bad request: x");
}

TEST(LineBuffer, SplitsLinesAcrossReadsAndDropsOverlongOnes) {
  LineBuffer buffer(8);
  std::vector<std::string> lines;
  const auto collect = [&](std::string_view line) { lines.emplace_back(line); };
  buffer.append("ab", collect);
  buffer.append("c\nde", collect);
  buffer.append("f\n0123456789\nok\n", collect);
  EXPECT_EQ(lines, (std::vector<std::string>{"abc", "def", "ok"}));
  EXPECT_EQ(buffer.dropped(), 1u);
}

TEST(RunTracker, ClosesTheStagesThatWereRunningWhenTheChildDied) {
  RunTracker tracker;
  auto event = [](EventKind kind, const std::string& stage) {
    Event e;
    e.kind = kind;
    e.run_id = "run-1";
    e.stage_id = stage;
    e.stage_type = stage.empty() ? "" : "t_" + stage;
    return e;
  };
  for (const Event& e : {event(EventKind::RunStarted, ""), event(EventKind::StageStarted, "a"),
                         event(EventKind::StageStarted, "b"), event(EventKind::StageFinished, "a")})
    tracker.on_event(e);
  ASSERT_EQ(tracker.running().size(), 1u);
  EXPECT_EQ(tracker.running()[0]->id, "b");
  const RunResult result = tracker.ended_without_result(RunOutcome::Failed, "stage b (t_b) crashed");
  EXPECT_EQ(result.run_id, "run-1");
  ASSERT_EQ(result.stages.size(), 2u);
  EXPECT_EQ(result.stages[0].state, StageState::Succeeded);
  EXPECT_EQ(result.stages[1].state, StageState::Failed);
  EXPECT_EQ(result.stages[1].error, "stage b (t_b) crashed");
  const auto closing = tracker.closing_events(result);
  ASSERT_EQ(closing.size(), 2u);
  EXPECT_EQ(closing[0].kind, EventKind::StageFailed);
  EXPECT_EQ(closing[0].stage_id, "b");
  EXPECT_EQ(closing[1].kind, EventKind::RunFinished);
  EXPECT_EQ(closing[1].message, "stage b (t_b) crashed");
}

// A child killed after a cancel (it outlived the grace period) did not fail:
// its running stages are reported cancelled, and the run as cancelled once.
TEST(RunTracker, ClosesACancelledRunWithCancelledEvents) {
  for (const bool child_said_cancelled : {false, true}) {
    RunTracker tracker;
    auto event = [](EventKind kind, const std::string& stage) {
      Event e;
      e.kind = kind;
      e.run_id = "run-1";
      e.stage_id = stage;
      e.stage_type = stage.empty() ? "" : "t_" + stage;
      return e;
    };
    tracker.on_event(event(EventKind::RunStarted, ""));
    tracker.on_event(event(EventKind::StageStarted, "a"));
    if (child_said_cancelled) tracker.on_event(event(EventKind::RunCancelled, ""));
    const RunResult result = tracker.ended_without_result(RunOutcome::Cancelled, "");
    ASSERT_EQ(result.stages.size(), 1u);
    EXPECT_EQ(result.stages[0].state, StageState::Cancelled);
    std::vector<EventKind> kinds;
    for (const Event& e : tracker.closing_events(result)) kinds.push_back(e.kind);
    if (child_said_cancelled)
      EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::StageCancelled, EventKind::RunFinished}));
    else
      EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::RunCancelled, EventKind::StageCancelled, EventKind::RunFinished}));
  }
}

}  // namespace
}  // namespace reelflow::framework::sandbox
