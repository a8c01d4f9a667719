#include <reelflow/framework/run_options.hpp>

#include <cstdlib>

namespace reelflow::framework {

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

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "reelflow";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "reelflow";
  return std::filesystem::temp_directory_path() / "reelflow-cache";
}

}  // namespace reelflow::framework
