#pragma once
// Fits the points of the notes to the requested number of scenes: one scene per
// point, neighbouring points merged when there are too many, long points split
// at sentence boundaries when there are too few.
#include "note_outline.hpp"

#include <string>
#include <vector>

namespace reelflow::llm_script {

struct PlannedScene {
  std::string label;                   // the first point's label, if it had one
  std::vector<std::string> sentences;  // in the order of the notes
};

struct NoteScenePlan {
  std::vector<PlannedScene> scenes;  // at most scene_count; fewer when the notes hold too few sentences
  int dropped_sentences = 0;         // sentences that did not fit max_sentences per scene
};

NoteScenePlan plan_note_scenes(const std::vector<NoteItem>& items, int scene_count, int max_sentences);

}  // namespace reelflow::llm_script
