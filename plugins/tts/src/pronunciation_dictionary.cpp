#include "pronunciation_dictionary.hpp"

#include <algorithm>
#include <fstream>
#include <string_view>

namespace reelflow::tts {
namespace {

constexpr std::string_view kPossessive = "'s";

}  // namespace

void PronunciationDictionary::add_lookups(const std::string& word, std::set<std::string>& lookups) {
  lookups.insert(word);
  if (word.size() > kPossessive.size() && word.ends_with(kPossessive))
    lookups.insert(word.substr(0, word.size() - kPossessive.size()));
}

Status PronunciationDictionary::read(const std::filesystem::path& file, const std::set<std::string>& words,
                                     PronunciationDictionary& dictionary) {
  std::ifstream in(file);
  if (!in) return Status::error("cannot read the pronunciation dictionary " + file.string());
  for (std::string line; std::getline(in, line);) {
    const auto space = line.find(' ');
    if (space == std::string::npos || space == 0) continue;
    // The phone set, from every line: a few new phones at most after the first lines.
    for (std::size_t at = space; at < line.size();) {
      const auto begin = line.find_first_not_of(" \t\r", at);
      if (begin == std::string::npos) break;
      const auto end = std::min(line.find_first_of(" \t\r", begin), line.size());
      if (!dictionary.phones_.contains(std::string_view(line).substr(begin, end - begin)))
        dictionary.phones_.insert(line.substr(begin, end - begin));
      at = end;
    }
    std::string word = line.substr(0, space);
    if (const auto variant = word.find('('); variant != std::string::npos && word.ends_with(')')) word.resize(variant);
    if (!words.count(word)) continue;
    const auto phones = line.find_first_not_of(' ', space);
    if (phones == std::string::npos) continue;
    auto end = line.find_last_not_of(" \r\t");
    dictionary.pronunciations_[word].push_back(line.substr(phones, end + 1 - phones));
  }
  return Status::ok();
}

std::vector<std::string> PronunciationDictionary::find(const std::string& word) const {
  if (auto it = pronunciations_.find(word); it != pronunciations_.end()) return it->second;
  if (word.size() > kPossessive.size() && word.ends_with(kPossessive)) {
    auto base = pronunciations_.find(word.substr(0, word.size() - kPossessive.size()));
    if (base != pronunciations_.end()) {
      std::vector<std::string> possessive;
      for (const auto& phones : base->second) possessive.push_back(phones + " Z");
      return possessive;
    }
  }
  return {};
}

}  // namespace reelflow::tts
