#include <source_kit/download_cache.hpp>

#include <source_kit/sha256.hpp>

#include <unistd.h>

#include <atomic>

namespace reelflow::source_kit {
DownloadCache::DownloadCache(std::filesystem::path dir, std::vector<std::string> extensions)
    : dir_(std::move(dir)), extensions_(std::move(extensions)) {}

std::filesystem::path DownloadCache::find(std::string_view identity) const {
  const std::string key = sha256_hex(identity);
  for (const std::string& extension : extensions_) {
    auto entry = dir_ / (key + "." + extension);
    std::error_code error;
    if (std::filesystem::is_regular_file(entry, error)) return entry;
  }
  return {};
}

std::filesystem::path DownloadCache::incoming_path(std::string_view identity) const {
  // Unique per call: two stages (or runs) may fetch the same picture at once.
  static std::atomic<unsigned> counter{0};
  std::filesystem::create_directories(dir_);
  return dir_ / (sha256_hex(identity) + ".incoming-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++));
}

Status DownloadCache::admit(std::string_view identity, const std::filesystem::path& incoming,
                            std::string_view extension, std::filesystem::path& entry) const {
  entry = dir_ / (sha256_hex(identity) + "." + std::string(extension));
  std::error_code error;
  std::filesystem::rename(incoming, entry, error);  // atomic: readers see all of it or nothing
  if (error) return Status::error("cannot store '" + entry.string() + "' in the cache: " + error.message());
  return Status::ok();
}

}  // namespace reelflow::source_kit
