#pragma once
// tests/bad_graphs/: graphs with one kind of mistake each. A file starts with the
// diagnostics it must produce, one "# expect: " line each, in order, with {file}
// standing for the path the graph was loaded from and {dir} for its directory (the
// sub-graphs in tests/bad_graphs/parts/ are shown as {dir}/parts/...).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace reelflow::testing {

inline std::filesystem::path bad_graph_dir() {
  return std::filesystem::path(REELFLOW_SOURCE_DIR) / "tests" / "bad_graphs";
}

// Every *.yaml in the corpus, sorted (empty if the directory is missing).
inline std::vector<std::string> bad_graph_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(bad_graph_dir(), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".yaml") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<std::string> expected_diagnostics(const std::string& file) {
  static const std::string prefix = "# expect: ";
  std::vector<std::string> expected;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line) && line.rfind(prefix, 0) == 0;) {
    std::string text = line.substr(prefix.size());
    for (auto at = text.find("{file}"); at != std::string::npos; at = text.find("{file}", at + file.size()))
      text.replace(at, 6, file);
    const std::string dir = std::filesystem::path(file).parent_path().string();
    for (auto at = text.find("{dir}"); at != std::string::npos; at = text.find("{dir}", at + dir.size()))
      text.replace(at, 5, dir);
    expected.push_back(text);
  }
  return expected;
}

}  // namespace reelflow::testing
