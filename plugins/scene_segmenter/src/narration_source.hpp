#pragma once
// The segmenter's input, whichever port it came in on: blocks of narration
// (script scenes or paragraphs), what the script says about each, and the title.
#include "narration_units.hpp"
#include "scene_assembler.hpp"

#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::scene_segmenter {

struct NarrationSource {
  std::string title;
  std::vector<std::string> blocks;
  std::vector<BlockNotes> notes;  // one per block, or empty (plain text)
  BlockCohesion cohesion = BlockCohesion::Loose;
};

enum class SplitBy { Sentence, Paragraph };

// Script scenes are firm blocks that keep their caption and visual.
NarrationSource source_from_script(const Script& script);
// Paragraphs are firm blocks when splitting by paragraph, loose ones otherwise;
// the title is a phrase of the first sentence.
NarrationSource source_from_text(const Text& text, SplitBy split_by);

}  // namespace reelflow::scene_segmenter
