#include "plugins/plugin_file_key.hpp"

#include <sys/stat.h>

namespace reelflow::framework {

std::optional<PluginFileKey> PluginFileKey::of(const std::filesystem::path& file) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(file, ec);
  if (ec) return std::nullopt;
  struct stat st {};
  if (::stat(absolute.c_str(), &st) != 0) return std::nullopt;
  PluginFileKey key;
  key.path = absolute.string();
  key.size = static_cast<std::uintmax_t>(st.st_size);
  key.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  key.inode = static_cast<std::uint64_t>(st.st_ino);
  return key;
}

}  // namespace reelflow::framework
