#include <source_kit/source_lines.hpp>

#include <map>
#include <sstream>

namespace reelflow::source_kit {

std::string tally(const std::vector<std::string>& sources) {
  std::map<std::string, int> counts;
  std::vector<std::string> order;
  for (const auto& source : sources)
    if (counts[source]++ == 0) order.push_back(source);
  std::string text;
  for (const auto& source : order)
    text += (text.empty() ? "" : ", ") + source + " (" + std::to_string(counts[source]) + ")";
  return text.empty() ? "no provider" : text;
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

std::vector<std::string> source_lines(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() != count) lines.assign(count, "kept");
  return lines;
}

}  // namespace reelflow::source_kit
