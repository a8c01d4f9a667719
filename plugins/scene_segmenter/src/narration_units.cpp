#include "narration_units.hpp"

#include "clause_splitter.hpp"
#include "sentence_splitter.hpp"
#include "word_tokens.hpp"

namespace reelflow::scene_segmenter {
namespace {

// Cutting inside a sentence hurts the voice's flow, so it is only worth it to
// avoid a scene far out of range; block costs are small next to the range penalty
// (see scene_packer.cpp) so a too long or too short block still gets split or merged.
constexpr double kCutInsideSentence = 30.0;
constexpr double kCutInsideFirmBlock = 2.0;
constexpr double kJoinFirmBlocks = 2.0;
constexpr double kJoinLooseBlocks = 0.5;

}  // namespace

std::vector<NarrationUnit> units_from_blocks(const std::vector<std::string>& blocks, double max_unit_s,
                                             double words_per_second) {
  std::vector<NarrationUnit> units;
  int sentence_number = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    bool first_in_block = true;
    for (std::string& sentence : split_sentences(blocks[b])) {
      int words = count_words(sentence);
      if (words == 0) continue;
      std::vector<std::string> pieces;
      if (words / words_per_second > max_unit_s) {
        pieces = split_clauses(sentence);
      } else {
        pieces.push_back(std::move(sentence));
      }
      bool first_in_sentence = true;
      for (std::string& piece : pieces) {
        NarrationUnit unit;
        unit.words = count_words(piece);
        unit.text = std::move(piece);
        unit.block = static_cast<int>(b);
        unit.sentence = sentence_number;
        unit.block_start = first_in_block;
        unit.sentence_start = first_in_sentence;
        units.push_back(std::move(unit));
        first_in_block = false;
        first_in_sentence = false;
      }
      ++sentence_number;
    }
  }
  return units;
}

std::vector<PackItem> pack_items(const std::vector<NarrationUnit>& units, double seconds_per_word,
                                 BlockCohesion cohesion) {
  std::vector<PackItem> items;
  items.reserve(units.size());
  for (const NarrationUnit& unit : units) {
    PackItem item;
    item.seconds = unit.words * seconds_per_word;
    if (!unit.sentence_start) {
      item.cut_cost = kCutInsideSentence;
    } else if (!unit.block_start) {
      item.cut_cost = cohesion == BlockCohesion::Firm ? kCutInsideFirmBlock : 0.0;
    } else {
      item.join_cost = cohesion == BlockCohesion::Firm ? kJoinFirmBlocks : kJoinLooseBlocks;
    }
    items.push_back(item);
  }
  return items;
}

}  // namespace reelflow::scene_segmenter
