// Events as JSON lines: event_from_json reads back what event_to_json wrote (a
// confined run's parent reads its child's events this way).
#include "run/event.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace reelflow::framework {
namespace {

TEST(EventJson, EveryKindOfEventSurvivesTheRoundTrip) {
  const EventKind kinds[] = {EventKind::RunStarted,     EventKind::StageStarted, EventKind::StageProgress,
                             EventKind::StageRetrying,  EventKind::StageFinished, EventKind::StageFailed,
                             EventKind::StageCancelled, EventKind::RunCancelled, EventKind::RunFinished};
  for (EventKind kind : kinds) {
    const bool run_event =
        kind == EventKind::RunStarted || kind == EventKind::RunCancelled || kind == EventKind::RunFinished;
    Event e;
    e.kind = kind;
    e.run_id = "20250101T000000-abc123";
    e.stage_id = run_event ? "" : "voice";
    e.stage_type = run_event ? "" : "tts";
    e.progress = kind == EventKind::StageProgress ? 0.375 : 0.0;
    e.message = "line \"one\"\nline two ü";
    e.elapsed_s = 12.5;
    const bool timed = kind == EventKind::StageFinished || kind == EventKind::StageFailed ||
                       kind == EventKind::StageCancelled || kind == EventKind::RunFinished;
    e.duration_s = timed ? 3.25 : 0.0;
    e.time = std::chrono::system_clock::now();

    const Event back = event_from_json(event_to_json(e));
    EXPECT_EQ(back.kind, e.kind) << event_kind_name(kind);
    EXPECT_EQ(back.run_id, e.run_id);
    EXPECT_EQ(back.stage_id, e.stage_id);
    EXPECT_EQ(back.stage_type, e.stage_type);
    EXPECT_EQ(back.progress, e.progress);
    EXPECT_EQ(back.message, e.message);
    EXPECT_EQ(back.elapsed_s, e.elapsed_s);
    EXPECT_EQ(back.duration_s, e.duration_s);
    // The time travels as seconds in a double: microseconds survive.
    EXPECT_LT(std::chrono::abs(back.time - e.time), std::chrono::microseconds(1)) << event_kind_name(kind);
  }
}

// docs/embedding.md, "Cancellation has two event kinds": the run's and each stage's,
// under the names every consumer (CLI, service, web page) matches.
TEST(EventJson, CancellationIsNamedForTheRunAndForEachStage) {
  EXPECT_STREQ(event_kind_name(EventKind::RunCancelled), "run_cancelled");
  EXPECT_STREQ(event_kind_name(EventKind::StageCancelled), "stage_cancelled");
  for (const char* name : {"run_cancelled", "stage_cancelled"}) {
    const Event e = event_from_json(std::string(R"({"event":")") + name + R"(","run":"r","time":1,"elapsed_s":0})");
    EXPECT_STREQ(event_kind_name(e.kind), name);
  }
  EXPECT_THROW(event_from_json(R"({"event":"cancelled","run":"r","time":1,"elapsed_s":0})"), std::invalid_argument);
}

TEST(EventJson, WhatIsNotAnEventIsRejectedWithTheReason) {
  EXPECT_THROW(event_from_json("not json"), std::invalid_argument);
  EXPECT_THROW(event_from_json(R"({"run":"r","time":1,"elapsed_s":0})"), std::invalid_argument);
  try {
    event_from_json(R"({"event":"stage_exploded","run":"r","time":1,"elapsed_s":0})");
    FAIL() << "an unknown event was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unknown event 'stage_exploded'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace reelflow::framework
