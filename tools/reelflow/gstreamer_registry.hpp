#pragma once
// GStreamer keeps its plugin registry under $XDG_CACHE_HOME, else ~/.cache. A command
// told to keep its cache elsewhere (--cache-dir) with no XDG_CACHE_HOME keeps
// GStreamer's registry there too, so that it writes nothing into the home directory.
// GST_REGISTRY, when set, still decides. Call before anything initializes GStreamer.
#include <filesystem>

namespace reelflow::cli {

void keep_gstreamer_registry_in(const std::filesystem::path& cache_dir);

}  // namespace reelflow::cli
