#pragma once
// A source stage's `sources` output: the provider of each scene's file, one name per
// line, and the tally its last log line shows.
#include <string>
#include <vector>

namespace reelflow::source_kit {

// "openai (5), stock (1)": how many files each provider gave, in order of first use.
std::string tally(const std::vector<std::string>& sources);

// "a\nb\n"
std::string joined_lines(const std::vector<std::string>& lines);

// The lines of `text` (a `sources` value); `count` times "kept" when they are not `count`.
std::vector<std::string> source_lines(const std::string& text, std::size_t count);

}  // namespace reelflow::source_kit
