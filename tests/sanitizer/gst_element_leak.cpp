// A program that leaks a GstElement on purpose (argument "leak"), or does the same
// work and releases it ("no-leak"). leak_report_test runs it under the suite's
// LeakSanitizer settings: the leak must be reported, and GStreamer's own
// process-lifetime allocations (registry, types, plugins) must not be.
#include "run/pipeline_runner.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/gst.h>

#include <cstring>

namespace {

// Kept out of line so it is a frame of its own in the leak report.
[[gnu::noinline]] GstElement* leak_a_gst_element() {
  GstElement* element = gst_element_factory_make("videotestsrc", "leaked-by-reelflow");
  gst_object_ref_sink(element);  // owned, no longer floating: nothing else will free it
  return element;
}

// A pipeline built, run to the end and released, as stages do.
void run_a_pipeline() {
  GError* raw = nullptr;
  auto pipeline = reelflow::gst::adopt_floating(
      gst_parse_launch("videotestsrc num-buffers=3 ! video/x-raw,width=64,height=48 ! fakesink", &raw));
  reelflow::gst::ErrorPtr error(raw);
  if (!pipeline) return;
  reelflow::framework::run_pipeline(pipeline.get(), {});
}

}  // namespace

int main(int argc, char** argv) {
  reelflow::framework::ensure_gstreamer_initialized();
  run_a_pipeline();
  GstElement* element = leak_a_gst_element();
  if (argc > 1 && std::strcmp(argv[1], "leak") == 0) return element != nullptr ? 0 : 1;  // never unreffed
  gst_object_unref(element);
  return 0;
}
