#include "word_timings.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>

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

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A whitespace-separated piece of the text, in characters [begin, end).
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string word;  // without surrounding punctuation; the raw token when that leaves nothing
  std::size_t weight = 1;  // the word's characters: its share of untimed speech
  bool spoken = false;     // has something to say, or espeak said something for it
  std::optional<double> event_s;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      ++chars;
      continue;
    }
    Token token;
    token.begin = chars;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    const std::string_view raw = text.substr(start, i - start);
    chars += code_points(raw);
    token.end = chars;
    const std::string_view word = strip_edge_punctuation(raw);
    token.spoken = has_speakable(word);
    token.word = std::string(word.empty() ? raw : word);
    token.weight = std::max<std::size_t>(1, code_points(token.word));
    tokens.push_back(std::move(token));
  }
  return tokens;
}

// The token an event's position falls in, or the next one when it falls between tokens.
std::optional<std::size_t> token_at(const std::vector<Token>& tokens, std::size_t char_index) {
  for (std::size_t t = 0; t < tokens.size(); ++t)
    if (char_index < tokens[t].end) return t;
  return std::nullopt;
}

}  // namespace

std::vector<WordTiming> word_timings_from_events(std::string_view utf8_text,
                                                 const std::vector<WordEvent>& events,
                                                 double speech_end_s) {
  std::vector<Token> tokens = tokenize(utf8_text);

  // Anchor words on events, in order: an event on an already timed or earlier word adds nothing.
  std::optional<std::size_t> last_timed;
  double last_s = 0.0;
  for (const WordEvent& e : events) {
    if (e.text_position < 1) continue;
    const auto t = token_at(tokens, static_cast<std::size_t>(e.text_position - 1));
    if (!t || (last_timed && *t <= *last_timed)) continue;
    last_s = std::clamp(e.audio_position_ms / 1000.0, last_s, std::max(speech_end_s, 0.0));
    tokens[*t].event_s = last_s;
    tokens[*t].spoken = true;  // espeak said something for it ("&", "%")
    last_timed = t;
  }
  std::erase_if(tokens, [](const Token& t) { return !t.spoken; });

  // Words without an event share the span from the previous timed word's start
  // (or 0) to the next timed word's start (or the speech end), by length.
  std::vector<WordTiming> words(tokens.size());
  std::size_t group_begin = 0;
  while (group_begin < tokens.size()) {
    std::size_t group_end = group_begin + 1;
    while (group_end < tokens.size() && !tokens[group_end].event_s) ++group_end;
    const double span_start = tokens[group_begin].event_s.value_or(0.0);
    const double span_end =
        std::max(span_start, group_end < tokens.size() ? *tokens[group_end].event_s : speech_end_s);
    std::size_t total_chars = 0;
    for (std::size_t t = group_begin; t < group_end; ++t) total_chars += tokens[t].weight;
    double at = span_start;
    for (std::size_t t = group_begin; t < group_end; ++t) {
      const double share = static_cast<double>(tokens[t].weight) / static_cast<double>(total_chars);
      words[t].word = tokens[t].word;
      words[t].start_s = at;
      at = t + 1 == group_end ? span_end : at + share * (span_end - span_start);
    }
    group_begin = group_end;
  }
  for (std::size_t w = 0; w < words.size(); ++w)
    words[w].end_s = w + 1 < words.size() ? words[w + 1].start_s : std::max(words[w].start_s, speech_end_s);
  return words;
}

}  // namespace reelflow::tts
