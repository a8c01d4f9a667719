#pragma once
// What came of a run: its outcome, each stage's, and its final outputs.
#include <reelflow/value.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reelflow {

enum class StageState { Pending, Running, Succeeded, Failed, Cancelled, Skipped };
const char* stage_state_name(StageState state);

struct StageOutcome {
  std::string id;
  std::string type;
  StageState state = StageState::Pending;
  std::string error;
  double started_s = 0.0;  // since the run started
  double duration_s = 0.0;
  int attempts = 0;      // 0 when restored from the cache
  bool cached = false;   // succeeded by restoring its outputs from the stage cache
};

enum class RunOutcome { Succeeded, Failed, Cancelled };

struct RunResult {
  std::string run_id;
  RunOutcome outcome = RunOutcome::Succeeded;
  std::string error;  // the first failure: "stage 'x' (type): cause"
  std::vector<StageOutcome> stages;
  // The run's final outputs, "stage.port" → value: the values that name no
  // file, or only files the run left in its output dir (absolute paths, which
  // exist after the run). Values naming files of the run's work dir, which is
  // gone after the run, are left out.
  std::map<std::string, Value> outputs;
  // Every file those outputs name: absolute, sorted, each once.
  std::vector<std::filesystem::path> output_files;
  double duration_s = 0.0;

  std::size_t cached_stages() const {
    std::size_t n = 0;
    for (const auto& s : stages) n += s.cached;
    return n;
  }
  // 0 success, 1 runtime failure, 130 cancelled (the CLI's exit codes).
  int exit_code() const { return outcome == RunOutcome::Succeeded ? 0 : outcome == RunOutcome::Cancelled ? 130 : 1; }
};

}  // namespace reelflow
