#pragma once
// A short on-screen caption taken from a sentence: its first clause, at most
// max_words words, without a dangling "the"/"and" at the end or trailing commas.
#include <string>
#include <string_view>

namespace reelflow::scene_segmenter {

std::string caption_phrase(std::string_view sentence, int max_words = 6);

}  // namespace reelflow::scene_segmenter
