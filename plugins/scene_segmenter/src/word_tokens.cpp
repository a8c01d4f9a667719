#include "word_tokens.hpp"

#include "text_scan.hpp"

namespace reelflow::scene_segmenter {
namespace {

bool has_word_char(std::string_view token) {
  for (char c : token)
    if (is_word_char(c)) return true;
  return false;
}

}  // namespace

std::vector<std::string> word_tokens(std::string_view text) {
  std::vector<std::string> words;
  for (std::string_view raw : split_whitespace(text)) {
    std::string_view word = strip_punctuation(raw);
    if (has_word_char(word)) words.emplace_back(word);
  }
  return words;
}

int count_words(std::string_view text) { return static_cast<int>(word_tokens(text).size()); }

}  // namespace reelflow::scene_segmenter
