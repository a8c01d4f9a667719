#pragma once
// A shot boundary: a hard cut, a dissolve (one shot blended into the next) or a
// fade (to or from near-black). Both forms of shot_detect report them, and the
// stream form emits each as soon as it is confirmed.
#include <cstdint>
#include <string_view>

namespace reelflow::scene_segmenter {

enum class TransitionKind { Cut, Dissolve, Fade };

struct Transition {
  TransitionKind kind = TransitionKind::Cut;
  std::int64_t frame = 0;  // the first frame of the new shot (a gradual one's middle frame)
  double time_s = 0.0;     // that frame's timestamp
  // A cut's HSV content score (0-255); a dissolve's or fade's mean BGR change
  // from its first frame to its last (0-255).
  double score = 0.0;
  double start_s = 0.0;  // the transition's span; start_s == end_s == time_s for a cut
  double end_s = 0.0;
};

std::string_view kind_name(TransitionKind kind);

}  // namespace reelflow::scene_segmenter
