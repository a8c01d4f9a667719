#include <source_kit/file_list.hpp>

#include <source_kit/seeded_random.hpp>

#include <fnmatch.h>

#include <algorithm>
#include <string>
#include <utility>

namespace reelflow::source_kit {
namespace {

std::vector<std::string> split_patterns(std::string_view patterns) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= patterns.size()) {
    std::size_t end = patterns.find_first_of(";,", start);
    if (end == std::string_view::npos) end = patterns.size();
    std::string_view part = patterns.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.emplace_back(part);
    start = end + 1;
  }
  return parts;
}

bool matches_any(const std::vector<std::string>& patterns, const std::string& name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return ::fnmatch(pattern.c_str(), name.c_str(), FNM_CASEFOLD) == 0;
  });
}

// Fisher-Yates with our own random source: std::shuffle's order differs between
// standard libraries, and a seeded order should not.
void shuffle(std::vector<std::filesystem::path>& files, std::uint64_t seed) {
  SeededRandom random(seed);
  for (std::size_t i = files.size(); i > 1; --i) std::swap(files[i - 1], files[random.below(i)]);
}

}  // namespace

Status list_files(const std::filesystem::path& folder, std::string_view patterns, FileOrder order, std::uint64_t seed,
                  const std::string& noun, std::vector<std::filesystem::path>& files) {
  const std::string where = "folder '" + folder.string() + "'";
  if (folder.empty()) return Status::error("provider 'folder' needs the 'folder' parameter");
  const auto globs = split_patterns(patterns);
  if (globs.empty()) return Status::error("parameter 'pattern' has no file pattern");

  std::error_code error;
  if (!std::filesystem::exists(folder, error)) return Status::error(where + " does not exist");
  if (!std::filesystem::is_directory(folder, error)) return Status::error(where + " is not a folder");

  files.clear();
  std::filesystem::directory_iterator it(folder, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (it->is_regular_file(type_error) && matches_any(globs, it->path().filename().string()))
      files.push_back(it->path());
  }
  if (error) return Status::error("cannot list " + where + ": " + error.message());
  if (files.empty())
    return Status::error(where + " has no " + noun + " matching '" + std::string(patterns) + "'");

  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });
  if (order == FileOrder::ShuffleSeeded) shuffle(files, seed);
  return Status::ok();
}

}  // namespace reelflow::source_kit
