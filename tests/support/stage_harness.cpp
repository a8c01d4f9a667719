#include "stage_harness.hpp"

namespace reelflow::testing {

StageHarness::StageHarness()
    : StageTester(StageTesterOptions{{REELFLOW_BUILD_PLUGIN_DIR, std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / "good"}}) {}

StageRun StageHarness::run(std::string_view type, std::string_view params_yaml, std::map<std::string, Value> inputs,
                           const std::filesystem::path& output_dir) {
  set_output_dir(output_dir);
  auto result = StageTester::run(type, params_yaml, std::move(inputs));
  set_output_dir({});
  return result;
}

}  // namespace reelflow::testing
