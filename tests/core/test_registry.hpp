#pragma once
// A registry with the core tests' plugin loaded, and a helper to load+validate YAML.
#include "graph/graph_loader.hpp"
#include "graph/graph_validator.hpp"
#include "plugins/plugin_loader.hpp"
#include "run/pipeline_runner.hpp"

#include <filesystem>

namespace reelflow::testing {

inline std::filesystem::path test_plugin_dir(const char* kind) {
  return std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / kind;
}

struct TestRegistry {
  framework::StageRegistry registry;
  framework::PluginLoader loader{registry};

  TestRegistry() {
    framework::ensure_gstreamer_initialized();
    loader.load_directories({test_plugin_dir("good")});
  }

  framework::ValidationResult validate(const std::string& yaml) const {
    return framework::GraphValidator(registry).validate(framework::GraphLoader().load_string(yaml, "g.yaml"));
  }
};

}  // namespace reelflow::testing
