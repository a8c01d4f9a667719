#pragma once
// The topics of `reelflow batch`: one per non-empty line of a text file (lines
// starting with '#' are comments), bounded in size, count and length.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::cli {

struct TopicLine {
  int line = 0;  // 1-based, in the file
  std::string text;  // without surrounding white space
};

inline constexpr std::uintmax_t kMaxTopicFileBytes = 1 << 20;
inline constexpr std::size_t kMaxTopics = 500;
inline constexpr std::size_t kMaxTopicLineBytes = 1000;  // the graph's own rules usually say less

// nullopt when the file cannot be read or breaks a bound; `errors` then holds one
// "file:line: error: ..." line per problem.
std::optional<std::vector<TopicLine>> read_topic_list(const std::filesystem::path& file, std::string& errors);

}  // namespace reelflow::cli
