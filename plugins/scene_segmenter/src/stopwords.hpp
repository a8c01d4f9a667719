#pragma once
// Common English words that say little about what a scene shows: articles,
// pronouns, auxiliaries and very common verbs, adverbs and quantifiers.
#include <string_view>

namespace reelflow::scene_segmenter {

// `lower_word` must already be lower case.
bool is_stopword(std::string_view lower_word);

}  // namespace reelflow::scene_segmenter
