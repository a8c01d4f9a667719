// A third-party plugin's stage types under its vendor prefix, for `reelflow plugins`.
#include <reelflow/plugin.hpp>

namespace {
class Watermark final : public reelflow::Stage {
 public:
  static void setup(reelflow::StageSpec& spec) {
    spec.describe("a vendor's watermark (does nothing)").output("text", reelflow::types::text, "x");
  }
  reelflow::Status process(reelflow::StageContext& ctx) override {
    ctx.set_output("text", reelflow::Text{"marked"});
    return reelflow::Status::ok();
  }
};
}  // namespace

REELFLOW_PLUGIN("acme_tools", "0.1.0", "stage types under the acme prefix") {
  registrar.add<Watermark>("acme.watermark");
  registrar.add<Watermark>("acme.loudness_check");
}
