#include "cache/stage_cache_usage.hpp"

#include <algorithm>
#include <random>
#include <vector>

namespace reelflow::framework {
namespace {

namespace fs = std::filesystem;

std::uintmax_t size_of_tree(const fs::path& dir) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code file_ec;
    if (it->is_regular_file(file_ec)) {
      const auto size = it->file_size(file_ec);
      if (!file_ec) bytes += size;
    }
  }
  return bytes;
}

}  // namespace

StageCacheUsage stage_cache_usage(const fs::path& cache_dir) {
  StageCacheUsage usage;
  usage.root = cache_dir / "stages";
  std::error_code ec;
  for (fs::directory_iterator it(usage.root, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_directory(entry_ec)) continue;
    const bool complete = it->path().filename().string()[0] != '.' && fs::exists(it->path() / "outputs.json", entry_ec);
    ++(complete ? usage.entries : usage.leftovers);
    usage.bytes += size_of_tree(it->path());
  }
  return usage;
}

StageCacheUsage clean_stage_cache(const fs::path& cache_dir) {
  StageCacheUsage usage = stage_cache_usage(cache_dir);
  fs::remove_all(usage.root);
  return usage;
}

StageCacheUsage trim_stage_cache(const fs::path& cache_dir, std::uintmax_t max_bytes) {
  struct Entry {
    fs::path dir;
    fs::file_time_type last_used;
    std::uintmax_t bytes;
  };
  StageCacheUsage removed;
  removed.root = cache_dir / "stages";
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(removed.root, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_directory(entry_ec)) continue;
    const auto bytes = size_of_tree(it->path());
    total += bytes;
    // outputs.json's time is when the entry was stored or last restored (StageCache::restore).
    const auto used = fs::last_write_time(it->path() / "outputs.json", entry_ec);
    if (it->path().filename().string()[0] != '.' && !entry_ec) entries.push_back({it->path(), used, bytes});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.last_used < b.last_used; });
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  for (const auto& e : entries) {
    if (total <= max_bytes) break;
    const fs::path doomed = e.dir.parent_path() / (".evict-" + e.dir.filename().string() + "-" + std::to_string(rng()));
    std::error_code rm_ec;
    fs::rename(e.dir, doomed, rm_ec);
    if (rm_ec) continue;  // another process removed or replaced it
    fs::remove_all(doomed, rm_ec);
    total -= std::min(total, e.bytes);
    ++removed.entries;
    removed.bytes += e.bytes;
  }
  return removed;
}

}  // namespace reelflow::framework
