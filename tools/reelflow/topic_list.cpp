#include "topic_list.hpp"

#include <fstream>
#include <sstream>

namespace reelflow::cli {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n\f\v") - first + 1);
}

}  // namespace

std::optional<std::vector<TopicLine>> read_topic_list(const std::filesystem::path& file, std::string& errors) {
  const std::string name = file.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    errors = name + ": error: cannot read the topic list (" + ec.message() + ")\n";
    return std::nullopt;
  }
  if (size > kMaxTopicFileBytes) {
    errors = name + ": error: topic list of " + std::to_string(size) + " bytes (at most " +
             std::to_string(kMaxTopicFileBytes) + ")\n";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors = name + ": error: cannot open the topic list\n";
    return std::nullopt;
  }
  std::vector<TopicLine> topics;
  std::ostringstream problems;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string text = trimmed(line);
    if (text.empty() || text.front() == '#') continue;
    if (text.size() > kMaxTopicLineBytes)
      problems << name << ":" << number << ": error: topic of " << text.size() << " bytes (at most "
               << kMaxTopicLineBytes << ")\n";
    else
      topics.push_back({number, text});
  }
  if (topics.size() > kMaxTopics)
    problems << name << ": error: " << topics.size() << " topics (at most " << kMaxTopics << " in one batch)\n";
  if (topics.empty() && problems.str().empty()) problems << name << ": error: no topics (one per line)\n";
  errors = problems.str();
  if (!errors.empty()) return std::nullopt;
  return topics;
}

}  // namespace reelflow::cli
