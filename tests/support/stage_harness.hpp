#pragma once
// Runs one stage type outside a graph, for the in-tree plugin tests: the plugin
// test kit (reelflow/testing.hpp) with every plugin of this build and the test
// plugins loaded, so these tests exercise the kit third-party plugins use.
#include <reelflow/testing.hpp>

#include <filesystem>
#include <map>
#include <string_view>

namespace reelflow::testing {

class StageHarness : public StageTester {
 public:
  StageHarness();

  using StageTester::run;
  // A run whose outputs go to `output_dir` (empty: a fresh directory).
  StageRun run(std::string_view type, std::string_view params_yaml, std::map<std::string, Value> inputs,
               const std::filesystem::path& output_dir);
};

}  // namespace reelflow::testing
