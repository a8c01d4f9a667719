#pragma once
// Where each scene sits on the video's timeline. Scene i lasts
// d_i = narration_i + padding; with a crossfade the next scene starts
// `transition` seconds before the previous one ends (its narration starts there
// too), so total = sum(d_i) - (n-1) * transition; with a cut, total = sum(d_i).
#include <cstddef>
#include <vector>

namespace reelflow::compositor {

struct SceneSlot {
  double start_s = 0.0;      // picture and narration start
  double duration_s = 0.0;   // narration + padding
  double narration_s = 0.0;
  double end_s() const { return start_s + duration_s; }
};

// Which picture(s) a frame shows: `scene` alone, or `scene` fading into `next`.
struct SceneBlend {
  std::size_t scene = 0;
  bool fading = false;
  std::size_t next = 0;
  double next_weight = 0.0;  // 0 -> all `scene`, 1 -> all `next`
};

class SceneTimeline {
 public:
  // transition_s = 0 for cuts. The crossfade is shortened to half the shortest scene
  // so that at most two pictures ever overlap.
  SceneTimeline(const std::vector<double>& narration_s, double padding_s, double transition_s);

  const std::vector<SceneSlot>& scenes() const { return scenes_; }
  double transition_s() const { return transition_s_; }
  double total_s() const { return total_s_; }

  SceneBlend blend_at(double t) const;
  // Index of the scene whose narration/captions are current at t.
  std::size_t scene_at(double t) const;

 private:
  std::vector<SceneSlot> scenes_;
  double transition_s_ = 0.0;
  double total_s_ = 0.0;
};

}  // namespace reelflow::compositor
