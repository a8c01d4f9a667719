#pragma once
// The pieces scenes are built from: sentences of the narration, or clauses of a
// sentence too long for one scene, each tagged with the block (script scene or
// paragraph) it came from.
#include "scene_packer.hpp"

#include <string>
#include <vector>

namespace reelflow::scene_segmenter {

struct NarrationUnit {
  std::string text;
  int words = 0;
  int block = 0;             // index of the block it came from
  int sentence = 0;          // running sentence number over all blocks
  bool block_start = false;  // the block's first unit
  bool sentence_start = false;
};

// Splits every block into sentences, and a sentence whose speech time
// (words / words_per_second) exceeds max_unit_s into clauses.
std::vector<NarrationUnit> units_from_blocks(const std::vector<std::string>& blocks, double max_unit_s,
                                             double words_per_second);

// How much block boundaries matter when grouping: Firm keeps script scenes and
// paragraphs whole unless they are too long or too short; Loose only prefers
// scene cuts at paragraph ends.
enum class BlockCohesion { Loose, Firm };

// The packer's view of the units: seconds per unit and the cost of a scene cut
// (or of no cut) before each unit.
std::vector<PackItem> pack_items(const std::vector<NarrationUnit>& units, double seconds_per_word,
                                 BlockCohesion cohesion);

}  // namespace reelflow::scene_segmenter
