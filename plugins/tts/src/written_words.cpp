#include "written_words.hpp"

#include <algorithm>

namespace reelflow::tts {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Punctuation that is not part of a word when it starts or ends one (quotes, dashes, ...).
constexpr std::string_view kEdgePunctuation[] = {"\"", "'", "(", ")", "[", "]", "{", "}", "<", ">", ",", ".",
                                                 ";", ":", "!", "?", "*", "_", "`", "\u201C", "\u201D",
                                                 "\u2018", "\u2019", "\u00AB", "\u00BB", "\u2014", "\u2013",
                                                 "\u2026", "\u00A1", "\u00BF"};

std::string_view strip_edge_punctuation(std::string_view word) {
  for (bool stripped = true; stripped && !word.empty();) {
    stripped = false;
    for (std::string_view p : kEdgePunctuation) {
      if (word.starts_with(p)) {
        word.remove_prefix(p.size());
        stripped = true;
      }
      if (word.ends_with(p)) {
        word.remove_suffix(p.size());
        stripped = true;
      }
    }
  }
  return word;
}

// Letters, digits and any other non-ASCII character count as something to say.
bool has_speakable(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  });
}

}  // namespace

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<WrittenWord> split_written_words(std::string_view text) {
  std::vector<WrittenWord> words;
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      ++chars;
      continue;
    }
    WrittenWord token;
    token.begin = chars;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    const std::string_view raw = text.substr(start, i - start);
    chars += code_points(raw);
    token.end = chars;
    const std::string_view word = strip_edge_punctuation(raw);
    token.speakable = has_speakable(word);
    token.word = std::string(word.empty() ? raw : word);
    token.weight = std::max<std::size_t>(1, code_points(token.word));
    words.push_back(std::move(token));
  }
  return words;
}

}  // namespace reelflow::tts
