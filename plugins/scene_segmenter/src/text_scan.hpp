#pragma once
// Byte-level helpers for scanning UTF-8 prose. Case matters only for ASCII;
// any non-ASCII byte counts as part of a word (accented letters, CJK, ...).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::scene_segmenter {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
inline bool is_word_char(char c) {
  return is_ascii_upper(c) || is_ascii_lower(c) || is_digit(c) || is_non_ascii(c);
}

std::string to_lower_ascii(std::string_view text);
// The whitespace-separated tokens of `text`, as views into it.
std::vector<std::string_view> split_whitespace(std::string_view text);
std::string_view trim(std::string_view text);
// Trims both ends and turns every run of whitespace (newlines included) into one space.
std::string collapse_whitespace(std::string_view text);

// Length in bytes of the quote or bracket that opens (or closes) a phrase at
// text[pos], e.g. '(' or U+201C; 0 when there is none.
std::size_t opener_length(std::string_view text, std::size_t pos);
std::size_t closer_length(std::string_view text, std::size_t pos);

// The text without the closing quotes and brackets at its end.
std::string_view strip_trailing_closers(std::string_view text);

// True when a token ends with , ; or : (before any closing quotes): "spring,", "said:\"".
bool ends_with_clause_break(std::string_view token);

// Length of the sentence terminator at text[pos]: one of . ! ? or U+2026 (...); 0 if none.
std::size_t terminator_length(std::string_view text, std::size_t pos);

// Strips quotes, brackets and punctuation from both ends of one token.
std::string_view strip_punctuation(std::string_view token);

}  // namespace reelflow::scene_segmenter
