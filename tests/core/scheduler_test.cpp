// The scheduler: dependency order, concurrency bounded by jobs, failure
// propagation, retries, timeouts and cancellation.
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include "run/scheduler.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace reelflow::testing {
namespace {

using framework::Event;
using framework::EventKind;
using framework::RunOutcome;
using framework::StageState;

struct Recorded {
  std::mutex mutex;
  std::vector<Event> events;
  std::function<void(const Event&)> also;  // a test's own reaction to each event
  framework::EventCallback callback() {
    return [this](const Event& e) {
      {
        std::lock_guard lock(mutex);
        events.push_back(e);
      }
      if (also) also(e);
    };
  }
  double time_of(EventKind kind, const std::string& stage) {
    std::lock_guard lock(mutex);
    for (const auto& e : events)
      if (e.kind == kind && e.stage_id == stage) return e.elapsed_s;
    return -1;
  }
  int count(EventKind kind, const std::string& stage) {
    std::lock_guard lock(mutex);
    int n = 0;
    for (const auto& e : events) n += e.kind == kind && e.stage_id == stage;
    return n;
  }
};

class SchedulerTest : public ::testing::Test {
 protected:
  framework::RunResult run(const std::string& yaml, unsigned jobs, const std::atomic<bool>& cancel) {
    auto v = reg.validate(yaml);
    EXPECT_TRUE(v.ok()) << framework::format_diagnostics(v.diagnostics);
    plan = std::move(*v.plan);
    framework::RunOptions options;
    options.output_dir = dir.path() / "out";
    options.cache_dir = dir.path() / "cache";
    options.jobs = jobs;
    return framework::Scheduler(plan, options, recorded.callback()).run(cancel);
  }
  framework::RunResult run(const std::string& yaml, unsigned jobs = 2) {
    std::atomic<bool> cancel{false};
    return run(yaml, jobs, cancel);
  }

  TestRegistry reg;
  TempDir dir;
  framework::ExecutionPlan plan;
  Recorded recorded;
};

const char* kTwoSleepsAndJoin = R"(stages:
  - id: left
    type: test_sleep
    params: { ms: 400 }
  - id: right
    type: test_sleep
    params: { ms: 400 }
  - id: join
    type: test_concat
    inputs: { a: left, b: right }
)";

// The two independent stages can only finish by meeting while both run, so this
// holds however slowly either of them is started.
TEST_F(SchedulerTest, IndependentStagesOverlapAndDependentsWait) {
  auto result = run(R"(stages:
  - id: left
    type: test_meet
    params: { group: overlap, wait_ms: 20000 }
  - id: right
    type: test_meet
    params: { group: overlap, wait_ms: 20000 }
  - id: join
    type: test_concat
    inputs: { a: left, b: right }
)", 2);
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(std::get<Text>(result.outputs.at("join.text")).text, "left+right");
  const double left_end = recorded.time_of(EventKind::StageFinished, "left");
  const double right_end = recorded.time_of(EventKind::StageFinished, "right");
  EXPECT_GE(recorded.time_of(EventKind::StageStarted, "join"), std::max(left_end, right_end));
}

TEST_F(SchedulerTest, SleepingStagesReportProgress) {
  auto result = run(kTwoSleepsAndJoin, 2);
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  EXPECT_GT(recorded.count(EventKind::StageProgress, "left"), 0);
  EXPECT_GT(recorded.count(EventKind::StageProgress, "right"), 0);
}

TEST_F(SchedulerTest, OneJobRunsOneStageAtATime) {
  auto result = run(kTwoSleepsAndJoin, 1);
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  const double left_start = recorded.time_of(EventKind::StageStarted, "left");
  const double right_start = recorded.time_of(EventKind::StageStarted, "right");
  const double first_end = std::min(recorded.time_of(EventKind::StageFinished, "left"),
                                    recorded.time_of(EventKind::StageFinished, "right"));
  EXPECT_GE(std::max(left_start, right_start), first_end);
}

TEST_F(SchedulerTest, FailureStopsTheRunAndNamesTheStage) {
  auto result = run(R"(stages:
  - id: slow
    type: test_sleep
    params: { ms: 20000 }
  - id: bad
    type: test_fail
    params: { message: "disk on fire" }
  - id: after
    type: test_sleep
    inputs: { in: bad }
)");
  EXPECT_EQ(result.outcome, RunOutcome::Failed);
  EXPECT_EQ(result.exit_code(), 1);
  EXPECT_EQ(result.error, "stage 'bad' (test_fail): disk on fire");
  EXPECT_LT(result.duration_s, 10.0);  // the slow stage was stopped, not waited for
  std::map<std::string, StageState> states;
  for (const auto& s : result.stages) states[s.id] = s.state;
  EXPECT_EQ(states["bad"], StageState::Failed);
  EXPECT_EQ(states["slow"], StageState::Cancelled);
  EXPECT_EQ(states["after"], StageState::Skipped);
}

// `after:` orders stages with no data between them.
TEST_F(SchedulerTest, AfterStartsAStageOnlyOnceTheOtherSucceeded) {
  auto result = run(R"(stages:
  - id: check
    type: test_sleep
    params: { ms: 300 }
  - id: publish
    type: test_source
    after: [check]
)", 2);
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  EXPECT_GE(recorded.time_of(EventKind::StageStarted, "publish"), recorded.time_of(EventKind::StageFinished, "check"));
}

// A failing check with on_error: continue gates what waits on it and nothing else.
TEST_F(SchedulerTest, OnErrorContinueLetsSiblingsFinishAndSkipsWhatNeedsTheFailedStage) {
  auto result = run(R"(stages:
  - id: qc
    type: test_fail
    params: { message: "too loud" }
    on_error: continue
  - id: render
    type: test_sleep
    params: { ms: 600 }
  - id: publish
    type: test_sleep
    inputs: { in: render }
    after: [qc]
  - id: announce
    type: test_sleep
    inputs: { in: publish }
  - id: thumbnail
    type: test_sleep
    inputs: { in: render }
)", 2);
  EXPECT_EQ(result.outcome, RunOutcome::Failed);  // something failed: the run says so
  EXPECT_EQ(result.error, "stage 'qc' (test_fail): too loud");
  std::map<std::string, framework::StageOutcome> stages;
  for (const auto& s : result.stages) stages[s.id] = s;
  EXPECT_EQ(stages["qc"].state, StageState::Failed);
  EXPECT_EQ(stages["render"].state, StageState::Succeeded);     // not cancelled by qc
  EXPECT_EQ(stages["thumbnail"].state, StageState::Succeeded);  // needs render only
  EXPECT_EQ(stages["publish"].state, StageState::Skipped);
  EXPECT_EQ(stages["publish"].error, "not run: stage 'qc' failed");
  EXPECT_EQ(stages["announce"].state, StageState::Skipped);  // needs publish, which needs qc
  EXPECT_EQ(recorded.count(EventKind::StageStarted, "publish"), 0);
  EXPECT_EQ(std::get<Text>(result.outputs.at("thumbnail.text")).text, "render,thumbnail");
}

// Without on_error: continue the same failure stops the siblings (the default).
TEST_F(SchedulerTest, WithoutOnErrorContinueAFailureCancelsTheSiblings) {
  auto result = run(R"(stages:
  - id: qc
    type: test_fail
  - id: render
    type: test_sleep
    params: { ms: 20000 }
  - id: publish
    type: test_source
    after: [qc, render]
)", 2);
  EXPECT_EQ(result.outcome, RunOutcome::Failed);
  std::map<std::string, StageState> states;
  for (const auto& s : result.stages) states[s.id] = s.state;
  // Stopped if it had started, never started otherwise; either way not waited for.
  EXPECT_TRUE(states["render"] == StageState::Cancelled || states["render"] == StageState::Skipped);
  EXPECT_EQ(states["publish"], StageState::Skipped);
  EXPECT_LT(result.duration_s, 10.0);
}

TEST_F(SchedulerTest, ThrownExceptionsAndWrongOutputsBecomeStageErrors) {
  auto thrown = run("stages:\n  - id: t\n    type: test_fail\n    params: { throw: true, message: kaput }\n");
  EXPECT_EQ(thrown.error, "stage 't' (test_fail): kaput");
  auto wrong = run("stages:\n  - id: w\n    type: test_wrong_output\n");
  EXPECT_EQ(wrong.error, "stage 'w' (test_wrong_output): the stage set output 'video' to a text value, but it is declared video");
}

TEST_F(SchedulerTest, StageRetriesUntilSuccess) {
  const auto counter = (dir.path() / "count").string();
  auto result = run("stages:\n  - id: f\n    type: test_flaky\n    params: { counter_file: \"" + counter +
                    "\", fail_times: 2 }\n    retry: { attempts: 3, backoff: 10ms }\n");
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(result.stages[0].attempts, 3);
  EXPECT_EQ(recorded.count(EventKind::StageRetrying, "f"), 2);
}

TEST_F(SchedulerTest, RetriesRunOut) {
  const auto counter = (dir.path() / "count").string();
  auto result = run("stages:\n  - id: f\n    type: test_flaky\n    params: { counter_file: \"" + counter +
                    "\", fail_times: 5 }\n    retry: { attempts: 2, backoff: 10ms }\n");
  EXPECT_EQ(result.outcome, RunOutcome::Failed);
  EXPECT_EQ(result.error, "stage 'f' (test_flaky): flaky failure 2");
}

TEST_F(SchedulerTest, TimeoutStopsAStage) {
  auto result = run("stages:\n  - id: s\n    type: test_sleep\n    params: { ms: 30000 }\n    timeout: 300ms\n");
  EXPECT_EQ(result.outcome, RunOutcome::Failed);
  EXPECT_EQ(result.error, "stage 's' (test_sleep): timed out after 0.3 s");
  EXPECT_LT(result.duration_s, 5.0);
}

TEST_F(SchedulerTest, CancelStopsRunningStagesAndRemovesWorkFiles) {
  // Cancelled as soon as the long stage reports progress: it is then surely running.
  std::atomic<bool> cancel{false};
  recorded.also = [&](const Event& e) {
    if (e.kind == EventKind::StageProgress && e.stage_id == "long") cancel.store(true);
  };
  auto result = run(kTwoSleepsAndJoin + std::string("  - id: long\n    type: test_sleep\n    params: { ms: 60000 }\n"), 2,
                    cancel);
  EXPECT_EQ(result.outcome, RunOutcome::Cancelled);
  EXPECT_EQ(result.exit_code(), 130);
  EXPECT_LT(result.duration_s, 30.0) << "the 60 s stage was waited for";
  std::map<std::string, StageState> states;
  for (const auto& s : result.stages) states[s.id] = s.state;
  EXPECT_EQ(states["long"], StageState::Cancelled);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / ".reelflow-work"));
}

TEST_F(SchedulerTest, SecretsAreRedactedFromErrorsAndEvents) {
  ::setenv("REELFLOW_TEST_SECRET", "sk-very-secret-987", 1);
  auto result = run("stages:\n  - id: s\n    type: test_secret\n    params: { key: \"${env:REELFLOW_TEST_SECRET}\" }\n");
  EXPECT_EQ(result.error, "stage 's' (test_secret): request with key *** was refused");
  for (const auto& e : recorded.events) EXPECT_EQ(framework::event_to_json(e).find("sk-very-secret"), std::string::npos);
}

}  // namespace
}  // namespace reelflow::testing
