#include "gstreamer_registry.hpp"

#include <cstdlib>

namespace reelflow::cli {

void keep_gstreamer_registry_in(const std::filesystem::path& cache_dir) {
  // With XDG_CACHE_HOME set, GStreamer's registry is already out of ~/.cache.
  if (cache_dir.empty() || std::getenv("GST_REGISTRY") || std::getenv("XDG_CACHE_HOME")) return;
  // Still single-threaded here: nothing reads the environment concurrently.
  ::setenv("GST_REGISTRY", (cache_dir / "gstreamer-registry.bin").c_str(), 1);
}

}  // namespace reelflow::cli
