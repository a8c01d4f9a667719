// Registers a stage type name that reelflow_test_stages also provides.
#include <reelflow/plugin.hpp>

namespace {
class Duplicate final : public reelflow::Stage {
 public:
  static void setup(reelflow::StageSpec& spec) { spec.describe("clashes with test_source").output("text", reelflow::types::text, "x"); }
  reelflow::Status process(reelflow::StageContext&) override { return reelflow::Status::ok(); }
};
}  // namespace

REELFLOW_PLUGIN("test_duplicate", "1.0", "provides a stage type name that is taken") {
  registrar.add<Duplicate>("test_source");
}
