#pragma once
// How a written word may be said, as plain lower-case words a pronunciation
// dictionary knows: "Hello" → hello; "42" → forty two; "1990" → nineteen ninety
// or one thousand nine hundred ninety; "3.5%" → three point five percent;
// "well-known" → well-known or well known. The forced aligner offers the
// recogniser every form it can pronounce.
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::tts {

using SpokenForm = std::vector<std::string>;

// The forms of one written word (edge punctuation already removed), most likely
// first; none when nothing in it can be said with plain words.
std::vector<SpokenForm> spoken_forms(std::string_view written_word);

// "forty two" for 42; digits one by one past the trillions.
SpokenForm cardinal_words(std::string_view digits);

}  // namespace reelflow::tts
