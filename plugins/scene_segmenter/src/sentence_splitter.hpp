#pragma once
// Rule-based sentence segmentation for English prose. A sentence ends at . ! ?
// or an ellipsis followed by whitespace, except after abbreviations ("Dr.",
// "e.g.", "vs."), initials ("J. K."), numbering ("No. 5"), and ellipses or
// quoted questions that the sentence continues after ("wait... what", "'Why?' she
// asked"). Decimals ("3.5") and dotted acronyms inside a word never split.
// Blank lines always end a sentence.
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::scene_segmenter {

std::vector<std::string> split_sentences(std::string_view text);

// Sentences of one paragraph (whitespace already collapsed).
std::vector<std::string> split_paragraph_sentences(std::string_view paragraph);

}  // namespace reelflow::scene_segmenter
