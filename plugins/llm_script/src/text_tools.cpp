#include "text_tools.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace reelflow::llm_script {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_sentence_end(char c) { return c == '.' || c == '!' || c == '?'; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words a title keeps in lower case unless they open it.
constexpr std::array<std::string_view, 17> kMinorWords = {
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with", "as", "vs"};

// Words a caption should not end on.
constexpr std::array<std::string_view, 29> kDanglingWords = {
    "a",   "an",   "the",  "and", "or",   "but",  "of",   "in",  "on",   "at",
    "to",  "for",  "by",   "with", "from", "as",   "is",   "are", "was",  "were",
    "be",  "that", "which", "who", "its",  "their", "this", "it",  "than"};

template <std::size_t N> bool contains(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// The word just before position `dot` (exclusive), lower-cased.
std::string word_before(std::string_view text, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && !is_space(text[start - 1])) --start;
  return lower(text.substr(start, dot - start));
}

bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 14> kAbbreviations = {
      "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "no", "fig", "approx", "ca"};
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return true;  // "J. Smith"
  if (word.find('.') != std::string_view::npos) return true;  // "U.S", "e.g"
  return contains(kAbbreviations, word);
}

std::string strip_edge_punctuation(std::string word) {
  while (!word.empty() && !is_alnum(word.back()) && static_cast<unsigned char>(word.back()) < 0x80) word.pop_back();
  std::size_t start = 0;
  while (start < word.size() && !is_alnum(word[start]) && static_cast<unsigned char>(word[start]) < 0x80) ++start;
  return word.substr(start);
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    std::string_view token = text.substr(start, i - start);
    // A token counts when it has a letter or digit; UTF-8 letters (high bytes) count too.
    bool speakable = std::any_of(token.begin(), token.end(),
                                 [](char c) { return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80; });
    if (speakable) words.emplace_back(token);
  }
  return words;
}

int count_words(std::string_view text) { return static_cast<int>(split_words(text).size()); }

std::vector<std::string> split_sentences(std::string_view text) {
  std::string flat = collapse_whitespace(text);
  std::vector<std::string> sentences;
  std::size_t start = 0;
  for (std::size_t i = 0; i < flat.size(); ++i) {
    if (!is_sentence_end(flat[i])) continue;
    std::size_t end = i;
    while (end + 1 < flat.size() && (is_sentence_end(flat[end + 1]) || flat[end + 1] == '"' ||
                                     flat[end + 1] == '\'' || flat[end + 1] == ')'))
      ++end;
    bool at_break = end + 1 == flat.size() || flat[end + 1] == ' ';
    if (!at_break) continue;
    if (flat[i] == '.' && is_abbreviation(word_before(flat, i))) continue;
    sentences.push_back(flat.substr(start, end + 1 - start));
    start = end + 2;
    i = end;
  }
  if (start < flat.size()) sentences.push_back(flat.substr(start));
  std::erase_if(sentences, [](const std::string& s) { return count_words(s) == 0; });
  return sentences;
}

std::string capitalize_first(std::string text) {
  for (char& c : text) {
    if (is_alnum(c)) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    }
    if (static_cast<unsigned char>(c) >= 0x80) break;  // a non-ASCII first letter stays as written
  }
  return text;
}

std::string ensure_sentence_end(std::string text) {
  while (!text.empty() && (is_space(text.back()) || text.back() == ',' || text.back() == ';' ||
                           text.back() == ':' || text.back() == '-'))
    text.pop_back();
  if (text.empty()) return text;
  char last = text.back();
  if (last == '"' || last == '\'' || last == ')') {
    if (text.size() >= 2 && is_sentence_end(text[text.size() - 2])) return text;
  } else if (is_sentence_end(last)) {
    return text;
  }
  return text + ".";
}

std::string title_case(std::string_view text) {
  std::vector<std::string> words;
  for (std::string_view rest = text; !rest.empty();) {
    std::size_t space = rest.find(' ');
    std::string word(rest.substr(0, space));
    if (!word.empty()) words.push_back(std::move(word));
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    bool minor = i > 0 && i + 1 < words.size() && contains(kMinorWords, lower(words[i]));
    if (!out.empty()) out.push_back(' ');
    out += minor ? words[i] : capitalize_first(words[i]);
  }
  return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

std::string shorten_phrase(std::string_view text, int max_words) {
  std::string flat = collapse_whitespace(text);
  // Cut at the first clause break; a caption is one idea.
  for (std::string_view mark : {",", ";", ":", " - ", " \u2013 ", " \u2014 ", "(", "."}) {
    std::size_t pos = flat.find(mark);
    if (pos != std::string::npos && count_words(std::string_view(flat).substr(0, pos)) >= 2) flat.resize(pos);
  }
  std::vector<std::string> words;
  for (std::string& w : split_words(flat)) {
    if (static_cast<int>(words.size()) == max_words) break;
    std::string clean = strip_edge_punctuation(w);
    if (!clean.empty()) words.push_back(std::move(clean));
  }
  while (words.size() > 1 && contains(kDanglingWords, lower(words.back()))) words.pop_back();
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::string leading_words(std::string_view text, int max_words) {
  std::string out;
  int taken = 0;
  for (const std::string& w : split_words(text)) {
    if (taken++ == max_words) break;
    out += (out.empty() ? "" : " ") + w;
  }
  while (!out.empty() && std::ispunct(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

std::string one_line_snippet(std::string_view text, std::size_t max_chars) {
  std::string flat = collapse_whitespace(text);
  if (flat.size() <= max_chars) return flat;
  std::size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 char
  return flat.substr(0, cut) + "...";
}

}  // namespace reelflow::llm_script
