#pragma once
// Identifies one version of a plugin file, as GStreamer's registry does: a file
// whose absolute path, size, modification time and inode are unchanged is
// taken to provide what it provided when it was indexed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::framework {

struct PluginFileKey {
  std::string path;  // absolute
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;

  bool operator==(const PluginFileKey&) const = default;

  // Empty when the file cannot be stat()ed.
  static std::optional<PluginFileKey> of(const std::filesystem::path& file);
};

}  // namespace reelflow::framework
