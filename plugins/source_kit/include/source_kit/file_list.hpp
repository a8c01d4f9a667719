#pragma once
#include <reelflow/status.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::source_kit {

enum class FileOrder { Name, ShuffleSeeded };

// The regular files directly in `folder` whose names match one of the
// ';'-separated glob `patterns` (case-insensitive), sorted by name, or shuffled
// reproducibly from `seed`. An error when the folder is missing or has no match
// ("folder 'x' has no <noun> matching ...").
Status list_files(const std::filesystem::path& folder, std::string_view patterns, FileOrder order, std::uint64_t seed,
                  const std::string& noun, std::vector<std::filesystem::path>& files);

}  // namespace reelflow::source_kit
