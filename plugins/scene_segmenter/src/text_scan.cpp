#include "text_scan.hpp"

#include <array>

namespace reelflow::scene_segmenter {
namespace {

constexpr std::array<std::string_view, 7> kOpeners = {"\"", "'", "(", "[", "\xE2\x80\x9C", "\xE2\x80\x98",
                                                      "\xC2\xAB"};
constexpr std::array<std::string_view, 7> kClosers = {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99",
                                                      "\xC2\xBB"};
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
// Quotes, guillemets, dashes and the ellipsis.
constexpr std::array<std::string_view, 9> kUnicodePunctuation = {
    "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xAB",
    "\xC2\xBB",     "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\xA6"};

std::size_t match_any(std::string_view text, std::size_t pos, auto const& candidates) {
  if (pos >= text.size()) return 0;
  for (std::string_view c : candidates)
    if (text.substr(pos, c.size()) == c) return c.size();
  return 0;
}

bool is_edge_punctuation(char c) {
  return !is_word_char(c) && !is_space(c);
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (is_ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !is_space(text[end])) ++end;
    if (end > pos) tokens.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return tokens;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : trim(text)) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::size_t opener_length(std::string_view text, std::size_t pos) { return match_any(text, pos, kOpeners); }
std::size_t closer_length(std::string_view text, std::size_t pos) { return match_any(text, pos, kClosers); }

std::string_view strip_trailing_closers(std::string_view text) {
  bool stripped = true;
  while (stripped && !text.empty()) {
    stripped = false;
    for (std::string_view c : kClosers) {
      if (text.ends_with(c)) {
        text.remove_suffix(c.size());
        stripped = true;
        break;
      }
    }
  }
  return text;
}

bool ends_with_clause_break(std::string_view token) {
  token = strip_trailing_closers(token);
  return !token.empty() && (token.back() == ',' || token.back() == ';' || token.back() == ':');
}

std::size_t terminator_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  char c = text[pos];
  if (c == '.' || c == '!' || c == '?') return 1;
  return text.substr(pos, kEllipsis.size()) == kEllipsis ? kEllipsis.size() : 0;
}

std::string_view strip_punctuation(std::string_view token) {
  // Non-ASCII punctuation starts with a byte that would otherwise count as a word
  // byte, so the common ones are listed.
  auto leading = [](std::string_view t) -> std::size_t {
    for (std::string_view p : kUnicodePunctuation)
      if (t.starts_with(p)) return p.size();
    return is_edge_punctuation(t.front()) ? 1 : 0;
  };
  auto trailing = [](std::string_view t) -> std::size_t {
    for (std::string_view p : kUnicodePunctuation)
      if (t.ends_with(p)) return p.size();
    return is_edge_punctuation(t.back()) ? 1 : 0;
  };
  while (!token.empty()) {
    std::size_t n = leading(token);
    if (n == 0) break;
    token.remove_prefix(n);
  }
  while (!token.empty()) {
    std::size_t n = trailing(token);
    if (n == 0) break;
    token.remove_suffix(n);
  }
  return token;
}

}  // namespace reelflow::scene_segmenter
