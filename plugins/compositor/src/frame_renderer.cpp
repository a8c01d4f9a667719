#include "frame_renderer.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// Maps the output plane onto `view` (in plane coordinates) with pixel centres aligned.
void warp_plane(const cv::Mat& source, const ViewRect& view, cv::Mat& out) {
  const double sx = view.width / out.cols;
  const double sy = view.height / out.rows;
  const bool identity = std::abs(sx - 1.0) < 1e-9 && std::abs(sy - 1.0) < 1e-9 &&
                        std::abs(view.x - std::round(view.x)) < 1e-9 && std::abs(view.y - std::round(view.y)) < 1e-9;
  if (identity) {
    // A still picture at 1:1: a plain copy is exact and much cheaper than a warp.
    source(cv::Rect(static_cast<int>(std::lround(view.x)), static_cast<int>(std::lround(view.y)), out.cols, out.rows))
        .copyTo(out);
    return;
  }
  const cv::Matx23d map(sx, 0.0, view.x + 0.5 * sx - 0.5, 0.0, sy, view.y + 0.5 * sy - 0.5);
  cv::warpAffine(source, out, map, out.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
}

}  // namespace

FrameRenderer::FrameRenderer(const SceneTimeline& timeline, PictureLookahead& pictures,
                             std::vector<KenBurnsPath> paths, cv::Size frame_size)
    : timeline_(timeline),
      pictures_(pictures),
      paths_(std::move(paths)),
      frame_size_(frame_size),
      incoming_(frame_size) {
  if (paths_.size() != timeline_.scenes().size())
    throw std::invalid_argument("FrameRenderer needs one path per scene");
}

void FrameRenderer::draw_scene(std::size_t scene, double t, I420View& out) const {
  const SceneSlot& slot = timeline_.scenes()[scene];
  const ViewRect view = paths_[scene].at((t - slot.start_s) / slot.duration_s);
  const I420Image& picture = pictures_.picture(scene);
  warp_plane(picture.y, view, out.y);
  const ViewRect half{view.x / 2, view.y / 2, view.width / 2, view.height / 2};
  warp_plane(picture.u, half, out.u);
  warp_plane(picture.v, half, out.v);
}

void FrameRenderer::render(double t, I420View& out) {
  const SceneBlend blend = timeline_.blend_at(t);
  pictures_.show(blend.scene, blend.fading ? blend.next : blend.scene);
  draw_scene(blend.scene, t, out);
  if (!blend.fading) return;
  I420View incoming = incoming_.view();
  draw_scene(blend.next, t, incoming);
  const double w = blend.next_weight;
  cv::addWeighted(out.y, 1.0 - w, incoming.y, w, 0.0, out.y);
  cv::addWeighted(out.u, 1.0 - w, incoming.u, w, 0.0, out.u);
  cv::addWeighted(out.v, 1.0 - w, incoming.v, w, 0.0, out.v);
}

}  // namespace reelflow::compositor
