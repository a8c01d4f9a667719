#pragma once
// Draws the video frame at a time on the timeline: each scene's still through its
// Ken Burns view (one bilinear resampling per plane, straight into the output buffer)
// or its clip's frame at that time,
// blended with the next scene during a crossfade. Pictures come from a look-ahead
// that holds only the scenes around the frame being drawn.
#include "i420_image.hpp"
#include "ken_burns_path.hpp"
#include "picture_lookahead.hpp"
#include "scene_timeline.hpp"
#include "view_sampler.hpp"

#include <vector>

namespace reelflow::compositor {

class FrameRenderer {
 public:
  // One picture (prepared by `pictures`) and one path per scene of the timeline.
  FrameRenderer(const SceneTimeline& timeline, PictureLookahead& pictures, std::vector<KenBurnsPath> paths,
                cv::Size frame_size);

  // `out` has the frame size (planes may have padded strides). Frames are drawn in time
  // order; may throw when a picture cannot be prepared.
  void render(double t, I420View& out);

  cv::Size frame_size() const { return frame_size_; }

 private:
  void draw_scene(std::size_t scene, double t, I420View& out);
  void draw_plane(const cv::Mat& source, const ViewRect& view, cv::Mat& out);

  const SceneTimeline& timeline_;
  PictureLookahead& pictures_;
  std::vector<KenBurnsPath> paths_;
  cv::Size frame_size_;
  I420Image incoming_;  // the next scene's frame during a crossfade
  ViewSampler sampler_;
};

}  // namespace reelflow::compositor
