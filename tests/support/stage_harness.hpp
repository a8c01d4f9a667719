#pragma once
// Runs one stage type outside a graph, for plugin tests: params are given as a
// YAML mapping and checked exactly as a graph's would be; inputs are Values.
#include <reelflow/value.hpp>
#include <reelflow/status.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::testing {

struct StageRun {
  Status status = Status::ok();
  std::map<std::string, Value> outputs;
  std::vector<std::string> log_lines;      // "level: message"
  std::vector<double> progress;            // every fraction reported
};

class StageHarness {
 public:
  // Loads every plugin in the build tree's plugin directory.
  StageHarness();
  ~StageHarness();

  // Param errors (unknown/missing/wrong type) come back as a failed status whose
  // message holds the validator's diagnostics. output_dir defaults to a fresh temp dir.
  StageRun run(std::string_view type, std::string_view params_yaml,
               std::map<std::string, Value> inputs = {}, std::filesystem::path output_dir = {});

  bool has_stage_type(std::string_view type) const;

  // Runs after this use `dir` as their cache dir, so a test can run a stage twice
  // against the same cache (default: a fresh cache dir per run).
  void set_cache_dir(std::filesystem::path dir);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reelflow::testing
