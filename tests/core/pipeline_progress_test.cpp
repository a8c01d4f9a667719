// run_pipeline's progress never goes down, even when the pipeline's position
// does: here a sink (sync=false, so its position is its last buffer's time) is
// fed times that step back, each after the runner had a chance to see the last.
#include "run/pipeline_runner.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsrc.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace reelflow::framework {
namespace {

// Counts what the feeder waits for: buffers the sink rendered, and the runner's
// loop turns (it asks `cancelled` once a turn, then the position when it is due).
struct Turns {
  std::mutex mutex;
  std::condition_variable changed;
  int rendered = 0;
  int checks = 0;

  void count(int Turns::*what) {
    std::lock_guard lock(mutex);
    ++(this->*what);
    changed.notify_all();
  }
  // Waits for `n` more loop turns after the sink rendered `buffers` buffers.
  void wait_after(int buffers, int n) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return rendered >= buffers; });
    const int from = checks;
    changed.wait(lock, [&] { return checks >= from + n; });
  }
};

TEST(PipelineProgress, NeverGoesDownWhenThePositionDoes) {
  ensure_gstreamer_initialized();
  gst::ElementPtr pipeline(gst_parse_launch(
      "appsrc name=src format=time caps=application/x-test ! fakesink name=sink sync=false signal-handoffs=true", nullptr));
  ASSERT_TRUE(pipeline);
  gst_object_ref_sink(pipeline.get());
  gst::ElementPtr src(gst_bin_get_by_name(GST_BIN(pipeline.get()), "src"));
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
  Turns turns;
  g_signal_connect(sink.get(), "handoff",
                   G_CALLBACK(+[](GstElement*, GstBuffer*, GstPad*, gpointer data) {
                     static_cast<Turns*>(data)->count(&Turns::rendered);
                   }),
                   &turns);

  std::vector<double> progress;
  PipelineWatch watch;
  watch.expected_duration_s = 1.0;
  watch.progress = [&](double f) { progress.push_back(f); };
  watch.cancelled = [&] {
    turns.count(&Turns::checks);
    return false;
  };
  std::thread feeder([&] {
    const double seconds[] = {0.3, 0.6, 0.2, 0.1};
    int pushed = 0;
    for (double s : seconds) {
      GstBuffer* buffer = gst_buffer_new();
      GST_BUFFER_PTS(buffer) = static_cast<GstClockTime>(s * GST_SECOND);
      GST_BUFFER_DURATION(buffer) = GST_MSECOND;
      gst_app_src_push_buffer(GST_APP_SRC(src.get()), buffer);
      // Two more turns: at least one asked for the position this buffer left.
      turns.wait_after(++pushed, 2);
    }
    gst_app_src_end_of_stream(GST_APP_SRC(src.get()));
  });
  const Status status = run_pipeline(pipeline.get(), watch);
  feeder.join();
  ASSERT_TRUE(status) << status.message();
  ASSERT_GE(progress.size(), 2u);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  EXPECT_NEAR(progress.front(), 0.3, 0.01);
  EXPECT_EQ(progress.back(), 1.0);
}

}  // namespace
}  // namespace reelflow::framework
