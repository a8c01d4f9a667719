#pragma once
// The SHA-256 of a regular file's content. Each version of a file (path,
// device, inode, size, modification time) is read once per process and later
// calls are answered from memory, except for files modified in the last two
// seconds (their time may not change on a quick rewrite), which are read again.
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::framework {

// Lowercase hex; nullopt when `path` is not an existing, readable regular file.
std::optional<std::string> file_sha256(const std::filesystem::path& path);

}  // namespace reelflow::framework
