#pragma once
// Paragraphs are separated by blank lines (lines holding only whitespace).
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::scene_segmenter {

// Each paragraph with its whitespace collapsed; empty paragraphs are dropped.
std::vector<std::string> split_paragraphs(std::string_view text);

}  // namespace reelflow::scene_segmenter
