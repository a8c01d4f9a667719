#include "note_scene_planner.hpp"

#include <algorithm>

namespace reelflow::llm_script {
namespace {

// A scene while it is being planned: the points it covers.
struct Draft {
  std::vector<NoteItem> points;

  std::size_t sentence_count() const {
    std::size_t n = 0;
    for (const NoteItem& p : points) n += p.sentences.size();
    return n;
  }
};

// Splits the draft with the most sentences in two: between points when it has
// several, else between the sentences of its one point. False when none has two.
bool split_longest(std::vector<Draft>& drafts) {
  auto longest = std::max_element(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) {
    return a.sentence_count() < b.sentence_count();
  });
  if (longest == drafts.end() || longest->sentence_count() < 2) return false;
  Draft second;
  auto& points = longest->points;
  if (points.size() >= 2) {
    auto middle = points.begin() + static_cast<std::ptrdiff_t>((points.size() + 1) / 2);
    second.points.assign(std::make_move_iterator(middle), std::make_move_iterator(points.end()));
    points.erase(middle, points.end());
  } else {
    auto& sentences = points.front().sentences;
    auto middle = sentences.begin() + static_cast<std::ptrdiff_t>((sentences.size() + 1) / 2);
    NoteItem rest;
    rest.sentences.assign(std::make_move_iterator(middle), std::make_move_iterator(sentences.end()));
    sentences.erase(middle, sentences.end());
    second.points.push_back(std::move(rest));
  }
  drafts.insert(longest + 1, std::move(second));
  return true;
}

// Keeps at most max_sentences; every point keeps its opening sentence before any
// point keeps a second one, and the kept sentences stay in the order of the notes.
PlannedScene finish(const Draft& draft, int max_sentences, int& dropped) {
  std::vector<std::vector<bool>> keep;
  for (const NoteItem& p : draft.points) keep.emplace_back(p.sentences.size(), false);
  int kept = 0;
  for (std::size_t depth = 0; kept < max_sentences; ++depth) {
    bool any = false;
    for (std::size_t i = 0; i < draft.points.size() && kept < max_sentences; ++i) {
      if (depth >= draft.points[i].sentences.size()) continue;
      keep[i][depth] = true;
      ++kept;
      any = true;
    }
    if (!any) break;
  }
  PlannedScene scene;
  scene.label = draft.points.front().label;
  for (std::size_t i = 0; i < draft.points.size(); ++i) {
    for (std::size_t s = 0; s < draft.points[i].sentences.size(); ++s) {
      if (keep[i][s])
        scene.sentences.push_back(draft.points[i].sentences[s]);
      else
        ++dropped;
    }
  }
  return scene;
}

}  // namespace

NoteScenePlan plan_note_scenes(const std::vector<NoteItem>& items, int scene_count, int max_sentences) {
  std::vector<Draft> drafts;
  std::size_t groups = std::min(items.size(), static_cast<std::size_t>(scene_count));
  for (std::size_t g = 0; g < groups; ++g) {
    Draft draft;
    for (std::size_t i = g * items.size() / groups; i < (g + 1) * items.size() / groups; ++i)
      draft.points.push_back(items[i]);
    drafts.push_back(std::move(draft));
  }
  while (static_cast<int>(drafts.size()) < scene_count && split_longest(drafts)) {
  }
  NoteScenePlan plan;
  for (const Draft& draft : drafts) plan.scenes.push_back(finish(draft, max_sentences, plan.dropped_sentences));
  return plan;
}

}  // namespace reelflow::llm_script
