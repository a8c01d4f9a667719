// The worker's board of running stream stages' stats (GET /metrics), fed by the
// events of a real live segment.
#include "graph_run.hpp"
#include "stream_stats_board.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace reelflow::testing {
namespace {

double gauge(const std::string& text, const std::string& name, const std::string& stage) {
  const std::regex line(name + R"(\{job="job-1",stage=")" + stage + R"(",type="[a-z_]+"\} ([0-9.e+-]+))");
  std::smatch m;
  return std::regex_search(text, m, line) ? std::stod(m[1]) : -1.0;
}

TEST(StreamStatsBoard, RunningStreamStagesAreGaugesUntilTheirRunEnds) {
  TempDir dir;
  service::StreamStatsBoard board;
  std::string while_playing;
  bool cancelled = false;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 0, live: true, fps: 25 }
  - id: sink
    type: test_stream_sink
    params: { sync: true }
    inputs: { in: src.out }
)", dir.path(), {.on_event = [&](const Event& e, const std::function<void()>& cancel) {
                    board.on_event("job-1", e);
                    if (e.kind == EventKind::StageStats && e.stage_id == "sink" && e.stats.fps > 0 && !cancelled) {
                      while_playing = board.prometheus();
                      cancelled = true;
                      cancel();
                    }
                  }});
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(cancelled) << "no stats with frames flowing";
  EXPECT_NE(while_playing.find("# TYPE reelflow_stage_fps gauge"), std::string::npos) << while_playing;
  EXPECT_GT(gauge(while_playing, "reelflow_stage_fps", "sink"), 0.0) << while_playing;
  EXPECT_GE(gauge(while_playing, "reelflow_stage_queue_fill", "sink"), 0.0) << while_playing;
  EXPECT_GE(gauge(while_playing, "reelflow_stage_dropped_total", "sink"), 0.0) << while_playing;
  // Ended: nothing of the job is left.
  EXPECT_EQ(board.prometheus().find("job-1"), std::string::npos) << board.prometheus();
}

}  // namespace
}  // namespace reelflow::testing
