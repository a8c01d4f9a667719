#include "transition.hpp"

namespace reelflow::scene_segmenter {

std::string_view kind_name(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::Cut: return "cut";
    case TransitionKind::Dissolve: return "dissolve";
    case TransitionKind::Fade: return "fade";
  }
  return "cut";
}

}  // namespace reelflow::scene_segmenter
