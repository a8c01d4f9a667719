#include "frame_renderer.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// A still picture at 1:1 lands on whole pixels: a plain copy is exact and cheaper.
bool whole_pixel_copy(const ViewRect& view, const cv::Mat& out) {
  auto whole = [](double v) { return std::abs(v - std::round(v)) < 1e-9; };
  return std::abs(view.width - out.cols) < 1e-9 && std::abs(view.height - out.rows) < 1e-9 && whole(view.x) &&
         whole(view.y);
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

void FrameRenderer::draw_plane(const cv::Mat& source, const ViewRect& view, cv::Mat& out) {
  if (whole_pixel_copy(view, out)) {
    source(cv::Rect(static_cast<int>(std::lround(view.x)), static_cast<int>(std::lround(view.y)), out.cols, out.rows))
        .copyTo(out);
    return;
  }
  sampler_.draw(source, view, out);
}

void FrameRenderer::draw_scene(std::size_t scene, double t, I420View& out) {
  const SceneSlot& slot = timeline_.scenes()[scene];
  const ScenePicture& shown = pictures_.picture(scene);
  if (shown.clip) {  // a clip moves by itself: no Ken Burns
    shown.clip->draw(t - slot.start_s, out);
    return;
  }
  const ViewRect view = paths_[scene].at((t - slot.start_s) / slot.duration_s);
  const I420Image& picture = shown.still;
  draw_plane(picture.y, view, out.y);
  const ViewRect half{view.x / 2, view.y / 2, view.width / 2, view.height / 2};
  draw_plane(picture.u, half, out.u);
  draw_plane(picture.v, half, out.v);
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
