#pragma once
// The spoken words of a text: whitespace-separated tokens without surrounding
// punctuation that still hold a letter or digit. Used to count words (speech
// time) and to pick caption and keyword words.
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::scene_segmenter {

// Each word without surrounding punctuation: "Dr", "3.5", "don't".
std::vector<std::string> word_tokens(std::string_view text);
int count_words(std::string_view text);

}  // namespace reelflow::scene_segmenter
