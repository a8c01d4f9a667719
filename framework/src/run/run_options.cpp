#include "run/run_options.hpp"

#include <cstdlib>

namespace reelflow::framework {

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "reelflow";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "reelflow";
  return std::filesystem::temp_directory_path() / "reelflow-cache";
}

}  // namespace reelflow::framework
