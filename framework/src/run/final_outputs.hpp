#pragma once
// A run's final outputs (RunResult::outputs and output_files): what is left
// of its stages' values once its work dir is gone.
#include <reelflow/run_result.hpp>

#include <filesystem>

namespace reelflow::framework {

// Keeps the values of `result.outputs` that name no file, or only files that
// exist in `output_dir` outside its .reelflow-work (or inside it too, when the run
// kept its work dir: --keep-work); makes their paths absolute and lists those
// files in `result.output_files`. Call after the work dir is removed.
void keep_final_outputs(RunResult& result, const std::filesystem::path& output_dir, bool work_kept = false);

}  // namespace reelflow::framework
