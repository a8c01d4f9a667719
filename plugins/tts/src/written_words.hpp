#pragma once
// The narration's written words: what captions show and what every way of timing
// speech (espeak's events, a provider's character times, forced alignment) times.
// Words are whitespace-separated, with surrounding punctuation removed ("all," →
// all; "isn't" and "U.S" stay whole).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::tts {

struct WrittenWord {
  std::size_t begin = 0;  // in characters (code points) of the text: [begin, end) of the raw token
  std::size_t end = 0;
  std::string word;        // without surrounding punctuation; the raw token when that leaves nothing
  std::size_t weight = 1;  // the word's characters: its share of untimed speech
  bool speakable = false;  // has a letter, a digit or another non-ASCII character
};

// Every whitespace-separated token, speakable or not (espeak may say "&").
std::vector<WrittenWord> split_written_words(std::string_view utf8_text);

std::size_t code_points(std::string_view utf8_text);

}  // namespace reelflow::tts
