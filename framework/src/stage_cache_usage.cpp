#include <reelflow/framework/stage_cache_usage.hpp>

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

}  // namespace reelflow::framework
