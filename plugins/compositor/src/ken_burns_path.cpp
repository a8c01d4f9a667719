#include "ken_burns_path.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace reelflow::compositor {
namespace {

// A view of size (w, h) whose centre sits at fraction (fx, fy) of the free room.
ViewRect place(double picture_w, double picture_h, double w, double h, double fx, double fy) {
  return ViewRect{(picture_w - w) * fx, (picture_h - h) * fy, w, h};
}

double ease_in_out(double u) { return 0.5 - 0.5 * std::cos(std::numbers::pi * std::clamp(u, 0.0, 1.0)); }

}  // namespace

KenBurnsPath KenBurnsPath::still(double picture_width, double picture_height) {
  ViewRect whole{0.0, 0.0, picture_width, picture_height};
  return KenBurnsPath(whole, whole);
}

KenBurnsPath KenBurnsPath::for_scene(std::size_t scene_index, double picture_width, double picture_height,
                                     double zoom) {
  const double tight_w = picture_width / zoom;
  const double tight_h = picture_height / zoom;
  // Halfway zoom (geometric mean) leaves room to pan while still moving in.
  const double mid_w = picture_width / std::sqrt(zoom);
  const double mid_h = picture_height / std::sqrt(zoom);
  const ViewRect wide{0.0, 0.0, picture_width, picture_height};
  switch (scene_index % 4) {
    case 0:  // push in, slightly above centre where subjects tend to be
      return KenBurnsPath(wide, place(picture_width, picture_height, tight_w, tight_h, 0.5, 0.4));
    case 1:  // pan left to right, drifting in
      return KenBurnsPath(place(picture_width, picture_height, mid_w, mid_h, 0.0, 0.5),
                          place(picture_width, picture_height, tight_w, tight_h, 1.0, 0.5));
    case 2:  // pull out
      return KenBurnsPath(place(picture_width, picture_height, tight_w, tight_h, 0.5, 0.5), wide);
    default:  // pan right to left, rising
      return KenBurnsPath(place(picture_width, picture_height, tight_w, tight_h, 1.0, 0.6),
                          place(picture_width, picture_height, mid_w, mid_h, 0.0, 0.4));
  }
}

ViewRect KenBurnsPath::at(double progress) const {
  const double e = ease_in_out(progress);
  // Zoom interpolates in log space so it looks uniform; the centre moves linearly.
  const double w = start_.width * std::pow(end_.width / start_.width, e);
  const double h = start_.height * std::pow(end_.height / start_.height, e);
  const double cx0 = start_.x + start_.width / 2, cx1 = end_.x + end_.width / 2;
  const double cy0 = start_.y + start_.height / 2, cy1 = end_.y + end_.height / 2;
  const double cx = cx0 + (cx1 - cx0) * e;
  const double cy = cy0 + (cy1 - cy0) * e;
  return ViewRect{cx - w / 2, cy - h / 2, w, h};
}

}  // namespace reelflow::compositor
