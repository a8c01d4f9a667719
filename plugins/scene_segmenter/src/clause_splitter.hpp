#pragma once
// Splits one long sentence into clauses at , ; : and dashes, so a sentence that
// alone is longer than a scene can still be spread over several scenes.
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::scene_segmenter {

// Clauses keep their punctuation; joined with single spaces they give the
// sentence back. Pieces shorter than min_words join their neighbour.
std::vector<std::string> split_clauses(std::string_view sentence, int min_words = 3);

}  // namespace reelflow::scene_segmenter
