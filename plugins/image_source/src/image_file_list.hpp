#pragma once
#include <reelflow/status.hpp>

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace reelflow::image_source {

enum class FileOrder { Name, ShuffleSeeded };

// The regular files directly in `folder` whose names match one of the
// ';'-separated glob `patterns` (case-insensitive), sorted by name, or shuffled
// reproducibly from `seed`. An error when the folder is missing or has no match.
Status list_image_files(const std::filesystem::path& folder, std::string_view patterns, FileOrder order,
                        std::uint64_t seed, std::vector<std::filesystem::path>& files);

}  // namespace reelflow::image_source
