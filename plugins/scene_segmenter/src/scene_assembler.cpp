#include "scene_assembler.hpp"

#include "caption_phrase.hpp"
#include "visual_keywords.hpp"

#include <map>

namespace reelflow::scene_segmenter {
namespace {

const BlockNotes* notes_for(const std::vector<BlockNotes>& notes, int block) {
  if (block < 0 || static_cast<std::size_t>(block) >= notes.size()) return nullptr;
  return &notes[static_cast<std::size_t>(block)];
}

std::string pick_caption(const std::vector<NarrationUnit>& units, std::size_t first, std::size_t end,
                         const std::vector<BlockNotes>& notes) {
  for (std::size_t u = first; u < end; ++u) {
    if (!units[u].block_start) continue;
    const BlockNotes* n = notes_for(notes, units[u].block);
    if (n && !n->caption.empty()) return n->caption;
    break;
  }
  return caption_phrase(units[first].text);
}

std::string pick_visual(const std::vector<NarrationUnit>& units, std::size_t first, std::size_t end,
                        const std::vector<BlockNotes>& notes, const std::string& narration) {
  std::map<int, int> words_per_block;
  int dominant = units[first].block;
  for (std::size_t u = first; u < end; ++u) {
    int total = (words_per_block[units[u].block] += units[u].words);
    if (total > words_per_block[dominant]) dominant = units[u].block;
  }
  const BlockNotes* n = notes_for(notes, dominant);
  if (n && !n->visual.empty()) return n->visual;
  return visual_keywords(narration);
}

}  // namespace

std::vector<Scene> assemble_scenes(const std::vector<NarrationUnit>& units, const std::vector<std::size_t>& starts,
                                   const std::vector<double>& durations_s, const std::vector<BlockNotes>& notes) {
  std::vector<Scene> scenes;
  for (std::size_t g = 0; g < starts.size(); ++g) {
    std::size_t first = starts[g];
    std::size_t end = g + 1 < starts.size() ? starts[g + 1] : units.size();
    Scene scene;
    scene.index = static_cast<int>(g);
    for (std::size_t u = first; u < end; ++u) {
      if (!scene.narration.empty()) scene.narration.push_back(' ');
      scene.narration += units[u].text;
    }
    scene.caption = pick_caption(units, first, end, notes);
    scene.visual = pick_visual(units, first, end, notes, scene.narration);
    scene.target_duration_s = durations_s[g];
    scenes.push_back(std::move(scene));
  }
  return scenes;
}

}  // namespace reelflow::scene_segmenter
