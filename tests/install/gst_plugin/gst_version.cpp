// A stage that needs GStreamer's headers and library (through reelflow/gst_ptr.hpp):
// it outputs the version of the GStreamer it runs with.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>

#include <gst/gst.h>

class GstVersion final : public reelflow::Stage {
 public:
  static void setup(reelflow::StageSpec& spec) {
    spec.describe("The version of the GStreamer it runs with");
    spec.output("version", reelflow::types::text, "e.g. GStreamer 1.22.0");
  }

  reelflow::Status process(reelflow::StageContext& ctx) override {
    reelflow::gst::CharPtr version(gst_version_string());
    ctx.set_output("version", reelflow::Text{version.get()});
    return reelflow::Status::ok();
  }
};

REELFLOW_PLUGIN("gst_version", "1.0.0", "GStreamer's version (the install test's reelflow::sdk_gst consumer)") {
  registrar.add<GstVersion>("gst_version");
}
