#pragma once
// The slow zoom/pan over a still picture: a rectangle of the picture, with the
// frame's aspect ratio, that moves smoothly (ease-in-out) from a start to an end
// view over the scene. Motions cycle with the scene index so consecutive scenes
// differ, and depend on nothing else, so renders are reproducible.
#include <cstddef>

namespace reelflow::compositor {

struct ViewRect {
  double x = 0.0;
  double y = 0.0;
  double width = 0.0;
  double height = 0.0;
};

class KenBurnsPath {
 public:
  // A still view of the whole picture.
  static KenBurnsPath still(double picture_width, double picture_height);
  // The motion for scene `scene_index` over a picture of the given size that covers the
  // frame `zoom` times (the tightest view is picture / zoom).
  static KenBurnsPath for_scene(std::size_t scene_index, double picture_width, double picture_height, double zoom);

  KenBurnsPath(ViewRect start, ViewRect end) : start_(start), end_(end) {}

  // progress in [0, 1] over the scene; eased so the motion starts and stops gently.
  ViewRect at(double progress) const;
  const ViewRect& start() const { return start_; }
  const ViewRect& end() const { return end_; }

 private:
  ViewRect start_;
  ViewRect end_;
};

}  // namespace reelflow::compositor
