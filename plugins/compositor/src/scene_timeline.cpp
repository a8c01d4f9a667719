#include "scene_timeline.hpp"

#include <algorithm>
#include <stdexcept>

namespace reelflow::compositor {

SceneTimeline::SceneTimeline(const std::vector<double>& narration_s, double padding_s, double transition_s) {
  if (narration_s.empty()) throw std::invalid_argument("no scenes to render");
  double shortest = 0.0;
  for (std::size_t i = 0; i < narration_s.size(); ++i) {
    double d = narration_s[i] + padding_s;
    if (!(d > 0.0)) throw std::invalid_argument("scene " + std::to_string(i) + " has no duration (empty narration and no padding)");
    shortest = i == 0 ? d : std::min(shortest, d);
  }
  transition_s_ = narration_s.size() > 1 ? std::clamp(transition_s, 0.0, shortest / 2.0) : 0.0;

  double start = 0.0;
  for (double narration : narration_s) {
    SceneSlot slot{start, narration + padding_s, narration};
    scenes_.push_back(slot);
    start = slot.end_s() - transition_s_;
  }
  total_s_ = scenes_.back().end_s();
}

std::size_t SceneTimeline::scene_at(double t) const {
  // The last scene that has started: a new scene takes over at its start.
  auto it = std::upper_bound(scenes_.begin(), scenes_.end(), t,
                             [](double time, const SceneSlot& s) { return time < s.start_s; });
  return it == scenes_.begin() ? 0 : static_cast<std::size_t>(it - scenes_.begin() - 1);
}

SceneBlend SceneTimeline::blend_at(double t) const {
  std::size_t current = scene_at(t);
  SceneBlend blend{current, false, current, 0.0};
  if (current == 0 || transition_s_ <= 0.0) return blend;
  double into = t - scenes_[current].start_s;
  if (into >= transition_s_) return blend;
  // Still inside the overlap with the previous scene.
  blend.scene = current - 1;
  blend.fading = true;
  blend.next = current;
  blend.next_weight = std::clamp(into / transition_s_, 0.0, 1.0);
  return blend;
}

}  // namespace reelflow::compositor
