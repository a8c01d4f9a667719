#include <reelflow/framework/pipeline_runner.hpp>

#include "run/gst_error_text.hpp"

#include <reelflow/gst_ptr.hpp>

#include <algorithm>
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

  const auto mask = static_cast<GstMessageType>(GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  while (true) {
    gst::MessagePtr msg(gst_bus_timed_pop_filtered(bus.get(), 100 * GST_MSECOND, mask));
    if (watch.cancelled && watch.cancelled()) return Status::error("cancelled");
    if (!msg) {
      gint64 position = 0;
      if (watch.progress && watch.expected_duration_s > 0 &&
          gst_element_query_position(pipeline, GST_FORMAT_TIME, &position) && position >= 0) {
        const double fraction = static_cast<double>(position) / GST_SECOND / watch.expected_duration_s;
        watch.progress(std::clamp(fraction, 0.0, 1.0));
      }
      continue;
    }
    if (GST_MESSAGE_TYPE(msg.get()) == GST_MESSAGE_EOS) {
      if (watch.progress && watch.expected_duration_s > 0) watch.progress(1.0);
      return Status::ok();
    }
    return Status::error(describe_error(msg.get()));
  }
}

}  // namespace reelflow::framework
