// `reelflow cache info`, `reelflow cache clean` and `reelflow cache trim`.
#include "commands.hpp"

#include "cache/stage_cache_usage.hpp"
#include "run/run_options.hpp"

#include <cstdio>
#include <iostream>

namespace reelflow::cli {
namespace {

std::filesystem::path or_default(const std::filesystem::path& cache_dir) {
  return cache_dir.empty() ? framework::default_cache_dir() : cache_dir;
}

std::string human_size(std::uintmax_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double size = static_cast<double>(bytes);
  int unit = 0;
  while (size >= 1024.0 && unit < 4) {
    size /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", size, units[unit]);
  return text;
}

std::string describe(const framework::StageCacheUsage& usage) {
  std::string text = std::to_string(usage.entries) + (usage.entries == 1 ? " entry" : " entries");
  if (usage.leftovers > 0) text += " and " + std::to_string(usage.leftovers) + " unfinished";
  return text + ", " + human_size(usage.bytes);
}

}  // namespace

int show_cache_info(const std::filesystem::path& cache_dir) {
  const auto usage = framework::stage_cache_usage(or_default(cache_dir));
  std::cout << usage.root.string() << ": " << describe(usage) << "\n";
  return kExitOk;
}

int clean_cache(const std::filesystem::path& cache_dir) {
  const auto usage = framework::clean_stage_cache(or_default(cache_dir));
  std::cout << "removed " << usage.root.string() << ": " << describe(usage) << " freed\n";
  return kExitOk;
}

int trim_cache(const std::filesystem::path& cache_dir, std::uintmax_t max_bytes) {
  const auto removed = framework::trim_stage_cache(or_default(cache_dir), max_bytes);
  const auto left = framework::stage_cache_usage(or_default(cache_dir));
  std::cout << "removed " << describe(removed) << " (least recently used); " << left.root.string() << ": "
            << describe(left) << "\n";
  return kExitOk;
}

}  // namespace reelflow::cli
