#pragma once
// Small, locale-independent text helpers for writing and checking scripts.
// ASCII-aware only where case matters; UTF-8 bytes pass through unchanged.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

// Trims both ends and turns every run of whitespace into one space.
std::string collapse_whitespace(std::string_view text);

// Whitespace-separated tokens that hold at least one letter or digit (what a voice speaks).
std::vector<std::string> split_words(std::string_view text);
int count_words(std::string_view text);

// Splits prose at . ! ? followed by whitespace, keeping the punctuation; does not
// split after common abbreviations ("e.g.", "Dr.") or single letters ("U.S.").
std::vector<std::string> split_sentences(std::string_view text);

std::string capitalize_first(std::string text);
// Adds a full stop unless the text already ends a sentence.
std::string ensure_sentence_end(std::string text);
// "the history of coffee" -> "The History of Coffee"; keeps existing capitals.
std::string title_case(std::string_view text);

std::string replace_all(std::string text, std::string_view from, std::string_view to);

// At most max_words words, cut at the first clause break (, ; : dash) and without
// trailing connecting words or punctuation, for captions:
// ("The event horizon is the point of no return", 5) -> "The event horizon".
std::string shorten_phrase(std::string_view text, int max_words);

// The first max_words words, without the final punctuation.
std::string leading_words(std::string_view text, int max_words);

// One line of at most max_chars characters, for error messages quoting a reply.
std::string one_line_snippet(std::string_view text, std::size_t max_chars);

}  // namespace reelflow::llm_script
