#pragma once
// Builds the output scenes from grouped narration units: narration text, the
// caption and visual (the script's where it has them, else derived), durations.
#include "narration_units.hpp"

#include <reelflow/value.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace reelflow::scene_segmenter {

// What a script says about one of its scenes besides the narration.
struct BlockNotes {
  std::string caption;
  std::string visual;
};

// A scene takes the caption of the first block that starts inside it (or, when
// it continues a block, a phrase of its first sentence) and the visual of the
// block that contributes most of its words (or its key words).
std::vector<Scene> assemble_scenes(const std::vector<NarrationUnit>& units, const std::vector<std::size_t>& starts,
                                   const std::vector<double>& durations_s, const std::vector<BlockNotes>& notes);

}  // namespace reelflow::scene_segmenter
