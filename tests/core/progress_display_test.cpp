// The CLI's human display (tools/reelflow/progress_display.cpp) fed events directly:
// the plain lines, among them "cached <id>" (docs/reliability.md), and the bars,
// which are cleared and drawn again around every line printed above them.
#include "progress_display.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace reelflow::cli {
namespace {

using framework::Event;
using framework::EventKind;

Event event(EventKind kind, std::string stage = {}, std::string message = {}, double progress = 0, double duration = 0) {
  Event e;
  e.kind = kind;
  e.run_id = "r1";
  e.stage_id = std::move(stage);
  e.stage_type = e.stage_id.empty() ? "" : "test_" + e.stage_id;
  e.message = std::move(message);
  e.progress = progress;
  e.duration_s = duration;
  return e;
}

// What a display writes for `events`, captured in memory.
std::string shown(ProgressDisplay::Mode mode, const std::vector<Event>& events) {
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* out = ::open_memstream(&data, &size);
  {
    ProgressDisplay display(mode, out);
    for (const auto& e : events) display.on_event(e);
  }
  std::fclose(out);
  std::string text(data, size);
  std::free(data);
  return text;
}

TEST(ProgressDisplayPlain, OneLinePerChangeWithCachedStagesNamed) {
  const std::string text = shown(ProgressDisplay::Mode::Plain,
                                 {event(EventKind::RunStarted, "", "3 stages"), event(EventKind::StageStarted, "a"),
                                  event(EventKind::StageProgress, "a", "half", 0.5),
                                  event(EventKind::StageRetrying, "a", "attempt 2 of 3"),
                                  event(EventKind::StageFinished, "a", "", 1, 1.234),
                                  event(EventKind::StageFinished, "b", "cached", 1, 0.001),
                                  event(EventKind::StageStarted, "c"), event(EventKind::StageFailed, "c", "boom"),
                                  event(EventKind::RunFinished, "", "failed", 0, 2)});
  EXPECT_EQ(text,
            "run r1: 3 stages\n"
            "  started  a (test_a)\n"
            "  retrying a: attempt 2 of 3\n"
            "  done     a (test_a) in 1.23s\n"
            "  cached   b (test_b)\n"
            "  started  c (test_c)\n"
            "  failed   c (test_c): boom\n"
            "run failed in 2.00s\n");
}

TEST(ProgressDisplayPlain, ACancelledRunSaysSoThenNamesTheStoppedStages) {
  const std::string text = shown(ProgressDisplay::Mode::Plain,
                                 {event(EventKind::StageStarted, "a"), event(EventKind::RunCancelled, ""),
                                  event(EventKind::StageCancelled, "a", "cancelled", 0, 0.5),
                                  event(EventKind::RunFinished, "", "cancelled", 0, 1)});
  EXPECT_EQ(text,
            "  started  a (test_a)\n"
            "cancelling: stopping the running stages\n"
            "  stopped  a (test_a): cancelled\n"
            "run cancelled in 1.00s\n");
}

// A stream stage's stage_stats: a line of its own without bars, the first at once and
// then at most every ProgressDisplay::kPlainStatsGap, so a long live run's log stays short.
TEST(ProgressDisplayPlain, StreamStatsGetALineEveryFewSeconds) {
  const auto stats_at = [](double seconds, double fps, std::uint64_t dropped) {
    Event e = event(EventKind::StageStats, "enc");
    e.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(std::lround(seconds * 1000)));
    e.stats = {fps, 120.4, 0.4, dropped};
    return e;
  };
  const std::string text = shown(ProgressDisplay::Mode::Plain,
                                 {event(EventKind::StageStarted, "enc"), stats_at(1, 29.96, 0), stats_at(2, 30, 0),
                                  stats_at(5.9, 30, 0), stats_at(6, 25, 3), stats_at(7, 30, 3)});
  EXPECT_EQ(text,
            "  started  enc (test_enc)\n"
            "  stats    enc: 30.0 fps, 120 ms behind, queue 40%\n"
            "  stats    enc: 25.0 fps, 120 ms behind, queue 40%, 3 dropped\n");
}

TEST(ProgressDisplayBars, LinesGoAboveTheBarsWhichAreDrawnAgain) {
  constexpr const char* kUp = "\033[1A\033[2K";  // cursor up one line, clear it
  const std::string text = shown(ProgressDisplay::Mode::Bars,
                                 {event(EventKind::StageStarted, "a"), event(EventKind::StageStarted, "b"),
                                  event(EventKind::StageProgress, "a", "encoding", 0.5),
                                  event(EventKind::StageFinished, "b", "cached", 1)});
  // Both bars were on screen; they are cleared, the line printed, and a's bar drawn again.
  const std::string line = "  cached   b (test_b)\n";
  const auto at = text.rfind(line);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_EQ(text.substr(at - 2 * std::string(kUp).size(), 2 * std::string(kUp).size()), std::string(kUp) + kUp);
  EXPECT_EQ(text.substr(at + line.size()), "a                [############------------]  50% encoding\n");
  // No bar is left for a finished stage.
  EXPECT_EQ(text.substr(at).find("b        "), std::string::npos);
}

// Sub-graph stages ("horizontal/render/video") are longer than the bar's 16 columns:
// two of the same part keep their outer names apart and their own name whole.
TEST(ProgressDisplayBars, LongSubgraphIdsKeepTheirStartAndOwnName) {
  const std::string text = shown(ProgressDisplay::Mode::Bars,
                                 {event(EventKind::StageStarted, "vertical/render/video"),
                                  event(EventKind::StageStarted, "horizontal/render/video"),
                                  event(EventKind::StageStarted, "vertical/images")});
  EXPECT_NE(text.find("horizont../video [---"), std::string::npos) << text;
  EXPECT_NE(text.find("vertical../video [---"), std::string::npos) << text;
  EXPECT_NE(text.find("vertical/images  [---"), std::string::npos) << text;
}

}  // namespace
}  // namespace reelflow::cli
