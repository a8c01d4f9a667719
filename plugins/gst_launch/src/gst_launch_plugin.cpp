#include "gst_launch_stage.hpp"

REELFLOW_PLUGIN("gst_launch", "0.1.0", "Any GStreamer elements as a stage, in gst-launch syntax") {
  registrar.add<reelflow::gst_launch::GstLaunchStage>("gst_launch");
}
