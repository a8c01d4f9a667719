#pragma once
// The pronunciations of a few words, read from a CMU-format dictionary
// ("word PH ON ES", variants as "word(2) ..."), such as PocketSphinx's
// cmudict-en-us.dict. Only the words asked for are kept: the whole dictionary
// is 135 000 words, and a scene needs a few dozen.
#include <reelflow/status.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace reelflow::tts {

class PronunciationDictionary {
 public:
  // Reads every pronunciation of `words` (lower case) from `file`.
  static Status read(const std::filesystem::path& file, const std::set<std::string>& words,
                     PronunciationDictionary& dictionary);

  // The word's pronunciations (phones separated by spaces), first the main one;
  // a possessive the dictionary lacks ("reef's") is its base word and Z. Empty
  // when unknown.
  std::vector<std::string> find(const std::string& word) const;

  // Every phone the dictionary uses (for a model of any language).
  const std::set<std::string, std::less<>>& phones() const { return phones_; }

  // What read() must look up for `word`: itself and, for a possessive, its base.
  static void add_lookups(const std::string& word, std::set<std::string>& lookups);

 private:
  std::map<std::string, std::vector<std::string>> pronunciations_;
  std::set<std::string, std::less<>> phones_;
};

}  // namespace reelflow::tts
