// A plugin that claims an SDK ABI major version the runtime does not have.
#include <reelflow/plugin.hpp>

namespace {
class NeverRuns final : public reelflow::Stage {
 public:
  static void setup(reelflow::StageSpec& spec) { spec.describe("must never be registered"); }
  reelflow::Status process(reelflow::StageContext&) override { return reelflow::Status::ok(); }
};
}  // namespace

REELFLOW_EXPORT const reelflow_plugin_info* reelflow_plugin_query(void) {
  static const reelflow_plugin_info info{sizeof(reelflow_plugin_info), REELFLOW_SDK_ABI_MAJOR + 98, 0,
                                         "wrong_abi", "1.0", "built against a future SDK"};
  return &info;
}

REELFLOW_EXPORT void reelflow_plugin_register(reelflow::PluginRegistrar* registrar) {
  registrar->add<NeverRuns>("wrong_abi_stage");
}
