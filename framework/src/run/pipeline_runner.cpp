#include "run/pipeline_runner.hpp"

#include "run/bus_message_record.hpp"
#include "run/gst_error_text.hpp"

#include <reelflow/gst_ptr.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>

namespace reelflow::framework {
namespace {

// Sets the pipeline to NULL on every way out of run_pipeline.
struct StopOnExit {
  GstElement* pipeline;
  ~StopOnExit() {
    gst_element_set_state(pipeline, GST_STATE_NULL);
    gst_element_get_state(pipeline, nullptr, nullptr, GST_CLOCK_TIME_NONE);
  }
};

std::string describe_error(GstMessage* message) { return "GStreamer error from " + gst_error_text(message); }

}  // namespace

void ensure_gstreamer_initialized() {
  static std::once_flag once;
  std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

Status run_pipeline(GstElement* pipeline, const PipelineWatch& watch) {
  if (!pipeline) return Status::error("no pipeline to run");
  gst::BusPtr bus(gst_element_get_bus(pipeline));
  StopOnExit stop{pipeline};

  if (gst_element_set_state(pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    // The reason, if any, is waiting on the bus.
    gst::MessagePtr msg(gst_bus_pop_filtered(bus.get(), GST_MESSAGE_ERROR));
    return Status::error(msg ? describe_error(msg.get()) : "the pipeline could not start (state change to PLAYING failed)");
  }

  // A bus watcher gets every message; otherwise only the ones that end the run are popped.
  const auto mask = watch.bus_message ? GST_MESSAGE_ANY : static_cast<GstMessageType>(GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  // The position is asked about every 100 ms however busy the bus is, and
  // reported only when it went forward: a pipeline's position may step back
  // (its sinks answer in turn, a segment restarts), its progress never does.
  using Clock = std::chrono::steady_clock;
  constexpr auto kProgressEvery = std::chrono::milliseconds(100);
  auto next_progress = Clock::now() + kProgressEvery;
  double reported = -1.0;
  auto report = [&](double fraction) {
    if (!watch.progress || fraction <= reported) return;
    reported = fraction;
    watch.progress(fraction);
  };
  while (true) {
    const auto wait = std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::nanoseconds>(next_progress - Clock::now()).count());
    gst::MessagePtr msg(gst_bus_timed_pop_filtered(bus.get(), static_cast<GstClockTime>(wait), mask));
    if (watch.cancelled && watch.cancelled()) return Status::error("cancelled");
    if (msg) {
      if (watch.bus_message) watch.bus_message(bus_message_record(msg.get()));
      if (GST_MESSAGE_TYPE(msg.get()) == GST_MESSAGE_EOS) {
        if (watch.expected_duration_s > 0) report(1.0);
        return Status::ok();
      }
      if (GST_MESSAGE_TYPE(msg.get()) == GST_MESSAGE_ERROR) return Status::error(describe_error(msg.get()));
    }
    if (Clock::now() < next_progress) continue;
    next_progress = Clock::now() + kProgressEvery;
    gint64 position = 0;
    if (watch.progress && watch.expected_duration_s > 0 &&
        gst_element_query_position(pipeline, GST_FORMAT_TIME, &position) && position >= 0) {
      const double fraction = static_cast<double>(position) / GST_SECOND / watch.expected_duration_s;
      report(std::clamp(fraction, 0.0, 1.0));
    }
  }
}

}  // namespace reelflow::framework
