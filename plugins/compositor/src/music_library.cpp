#include "music_library.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace reelflow::compositor {

std::filesystem::path find_music_bed(const std::filesystem::path& dir, const std::string& name) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw std::invalid_argument("param 'music_dir': '" + dir.string() + "' is not a folder");
  std::vector<std::filesystem::path> matches;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const std::string stem = entry.path().stem().string();
    names.push_back(stem);
    if (stem == name) matches.push_back(entry.path());
  }
  if (matches.size() == 1) return matches.front();
  std::sort(names.begin(), names.end());
  std::string have;
  for (const auto& n : names) have += (have.empty() ? "" : ", ") + n;
  if (matches.empty())
    throw std::invalid_argument("param 'music_bed': no music '" + name + "' in '" + dir.string() +
                                "' (it has: " + (have.empty() ? "nothing" : have) + ")");
  throw std::invalid_argument("param 'music_bed': more than one file is called '" + name + "' in '" + dir.string() +
                              "'");
}

}  // namespace reelflow::compositor
