#include "sentence_splitter.hpp"

#include "paragraph_splitter.hpp"
#include "text_scan.hpp"

#include <algorithm>
#include <array>

namespace reelflow::scene_segmenter {
namespace {

// Never end a sentence: titles before names, Latin and reference shorthands.
constexpr std::array<std::string_view, 34> kAbbreviations = {
    "a.k.a", "approx", "ca",  "capt", "cf",  "col",    "dept", "dr", "e.g", "esp", "est", "fr",
    "gen",   "gov",    "hon", "i.e",  "incl", "jr",    "lt",   "messrs", "mr", "mrs", "ms", "mt",
    "prof",  "rep",    "rev", "sen",  "sgt", "sr",     "st",   "viz", "vs", "w.r.t"};

// End a sentence only when a number does not follow: "No. 5", "Fig. 2", "p. 10".
constexpr std::array<std::string_view, 10> kNumberingAbbreviations = {"art", "ch", "fig", "figs", "no",
                                                                     "nos", "p",   "pp",  "sec", "vol"};

// End a sentence only when a capitalised word follows: they often end one.
constexpr std::array<std::string_view, 21> kTrailingAbbreviations = {
    "a.m", "co", "corp", "etc", "inc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "ltd", "p.m", "u.k", "u.s"};

bool contains(auto const& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

enum class NextWord { None, Lower, Upper, Digit, Other };

// What kind of word follows position `pos` (skipping spaces and opening quotes).
NextWord next_word_kind(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    if (is_space(text[pos])) {
      ++pos;
    } else if (std::size_t n = opener_length(text, pos); n > 0) {
      pos += n;
    } else {
      break;
    }
  }
  if (pos >= text.size()) return NextWord::None;
  char c = text[pos];
  if (is_ascii_lower(c)) return NextWord::Lower;
  if (is_ascii_upper(c) || is_non_ascii(c)) return NextWord::Upper;
  if (is_digit(c)) return NextWord::Digit;
  return NextWord::Other;
}

// The word that ends right before `dot`, lower-cased, without opening quotes:
// "(e.g" for "(e.g." -> "e.g".
std::string word_before(std::string_view text, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && !is_space(text[start - 1])) --start;
  std::string_view word = text.substr(start, dot - start);
  while (!word.empty()) {
    std::size_t n = opener_length(word, 0);
    if (n == 0) break;
    word.remove_prefix(n);
  }
  return to_lower_ascii(word);
}

bool full_stop_ends_sentence(std::string_view text, std::size_t dot, NextWord next) {
  std::string word = word_before(text, dot);
  if (word.empty()) return true;
  if (contains(kAbbreviations, word)) return false;
  // An initial ("J. K. Rowling"), but not the pronoun ("taller than I.").
  if (word.size() == 1 && is_ascii_upper(text[dot - 1]) && word != "i") return false;
  if (contains(kNumberingAbbreviations, word)) return next != NextWord::Digit;
  if (contains(kTrailingAbbreviations, word) || word.find('.') != std::string::npos)
    return next == NextWord::Upper;
  return true;
}

bool ends_sentence(std::string_view text, std::size_t first, std::size_t after_terminators,
                   NextWord next) {
  if (next == NextWord::None) return true;
  std::string_view run = text.substr(first, after_terminators - first);
  if (run.find_first_of("!?") != std::string_view::npos) return next != NextWord::Lower;
  bool ellipsis = run.size() > 1;  // "..", "...", U+2026
  if (ellipsis) return next == NextWord::Upper;
  return full_stop_ends_sentence(text, first, next);
}

}  // namespace

std::vector<std::string> split_paragraph_sentences(std::string_view text) {
  std::vector<std::string> sentences;
  auto emit = [&](std::size_t from, std::size_t to) {
    std::string_view s = trim(text.substr(from, to - from));
    if (!s.empty()) sentences.emplace_back(s);
  };
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (terminator_length(text, pos) == 0) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (std::size_t n = terminator_length(text, end)) end += n;
    std::size_t after_terminators = end;
    while (std::size_t n = closer_length(text, end)) end += n;
    if (end < text.size() && !is_space(text[end])) {  // "3.5", "e.g.,", "U.S.A"
      pos = after_terminators;
      continue;
    }
    if (ends_sentence(text, pos, after_terminators, next_word_kind(text, end))) {
      emit(start, end);
      start = end;
    }
    pos = end;
  }
  emit(start, text.size());
  return sentences;
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> sentences;
  for (const std::string& paragraph : split_paragraphs(text)) {
    auto more = split_paragraph_sentences(paragraph);
    sentences.insert(sentences.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return sentences;
}

}  // namespace reelflow::scene_segmenter
