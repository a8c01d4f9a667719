#pragma once
// What the stage cache (<cache_dir>/stages) holds, and removing it:
// `reelflow cache info` and `reelflow cache clean`.
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace reelflow::framework {

struct StageCacheUsage {
  std::filesystem::path root;  // <cache_dir>/stages
  std::size_t entries = 0;     // complete entries (with outputs.json)
  std::size_t leftovers = 0;   // temps of entries being written, or left by a crash
  std::uintmax_t bytes = 0;    // everything under root
};

StageCacheUsage stage_cache_usage(const std::filesystem::path& cache_dir);

// Removes <cache_dir>/stages entirely and returns what it held. Runs using the
// cache at the same time lose their entries (and may fail); the plugins' own
// caches elsewhere in cache_dir are kept. Throws std::filesystem::filesystem_error.
StageCacheUsage clean_stage_cache(const std::filesystem::path& cache_dir);

// Removes the least recently used complete entries (stored or restored longest ago)
// until the stage cache holds at most `max_bytes`, and returns what it removed.
// Entries being written are left alone. An entry is renamed away before it is
// deleted, so a run restoring it at that moment sees a miss, never half an entry.
StageCacheUsage trim_stage_cache(const std::filesystem::path& cache_dir, std::uintmax_t max_bytes);

}  // namespace reelflow::framework
