#pragma once
// The words of a scene's narration most likely to name what the picture should
// show: no stopwords, adverbs or bare numbers; repeated and proper nouns first.
#include <string>
#include <string_view>

namespace reelflow::scene_segmenter {

// Up to max_keywords words joined by ", " ("volcano, lava, Iceland"); empty when none.
std::string visual_keywords(std::string_view narration, int max_keywords = 4);

}  // namespace reelflow::scene_segmenter
