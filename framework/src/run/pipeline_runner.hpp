#pragma once
// Plays a GStreamer pipeline to the end while watching its bus: errors become a
// Status naming the element and its debug string, progress comes from the
// stream position (never going down), cancellation stops the pipeline, and each
// bus message may go to a watcher as plain data. The pipeline always ends in
// the NULL state.
#include <reelflow/bus_message.hpp>
#include <reelflow/status.hpp>

#include <functional>

typedef struct _GstElement GstElement;

namespace reelflow::framework {

struct PipelineWatch {
  std::function<bool()> cancelled;
  std::function<void(double fraction)> progress;  // optional
  double expected_duration_s = 0.0;               // for progress; <= 0: none
  // Optional: every message of the pipeline's bus (stage_id left empty), on the
  // calling thread as it pops them.
  BusMessageCallback bus_message;
};

Status run_pipeline(GstElement* pipeline, const PipelineWatch& watch);

// gst_init once per process (thread-safe); the runtime calls it before any stage runs.
void ensure_gstreamer_initialized();

}  // namespace reelflow::framework
