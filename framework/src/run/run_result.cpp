#include <reelflow/run_result.hpp>

namespace reelflow {

const char* stage_state_name(StageState state) {
  switch (state) {
    case StageState::Pending: return "pending";
    case StageState::Running: return "running";
    case StageState::Succeeded: return "succeeded";
    case StageState::Failed: return "failed";
    case StageState::Cancelled: return "cancelled";
    case StageState::Skipped: return "skipped";
  }
  return "?";
}

}  // namespace reelflow
