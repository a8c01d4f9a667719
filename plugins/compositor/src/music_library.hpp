#pragma once
// A folder of music beds picked by name (the `music_bed` param): the file whose name
// without its extension is the name. A job may choose the name (an enum in the
// graph), never the folder, so a name cannot reach outside it.
#include <filesystem>
#include <string>

namespace reelflow::compositor {

// The bed `name` in `dir`. Throws std::invalid_argument with a one-line message naming
// the folder and the beds it has when there is no such file, or more than one.
std::filesystem::path find_music_bed(const std::filesystem::path& dir, const std::string& name);

}  // namespace reelflow::compositor
