#pragma once
// One line saying how a confined child ended without a result, blaming the
// stages that were running: "stage tts (tts) crashed: signal 11 (Segmentation fault)".
#include "run/run_options.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

struct ChildLimitsInEffect {
  std::uint64_t cpu_seconds = 0;  // 0: none
  std::uint64_t file_bytes = 0;
};

// `wait_status` as waitpid() gives it; `last_error_line`: the child's last line on
// stderr (added to a plain exit's message), may be empty.
std::string termination_message(const std::vector<const StageOutcome*>& running, int wait_status,
                                 const ChildLimitsInEffect& limits, const std::string& last_error_line);

}  // namespace reelflow::framework::sandbox
