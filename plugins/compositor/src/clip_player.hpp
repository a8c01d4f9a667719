#pragma once
// A scene's video clip, played at the frame's size and rate: decoded by GStreamer
// (decodebin -> videoconvert -> aspectratiocrop -> videoscale -> videorate -> I420 at
// the frame size), so each frame arrives cover-fitted (centre-cropped to the frame's
// shape, then scaled) and ready to copy. The decoder runs on its own threads a few
// frames ahead of the renderer. A clip shorter than its scene starts over; its sound
// is never decoded into the soundtrack (narration and music only).
#include "i420_image.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/video/video.h>

#include <cstdint>
#include <filesystem>

namespace reelflow::compositor {

class ClipPlayer {
 public:
  // Starts decoding and waits for the first frame. Throws std::runtime_error naming the
  // file when it is missing or has no decodable video.
  ClipPlayer(std::filesystem::path file, cv::Size frame_size, int fps);
  ~ClipPlayer();
  ClipPlayer(const ClipPlayer&) = delete;
  ClipPlayer& operator=(const ClipPlayer&) = delete;

  // Copies the frame shown `t` seconds into the scene into `out` (the frame size).
  // Times only move forward, as a render does; past the clip's end it loops.
  void draw(double t, I420View& out);

  // Frames in one pass of the clip, once it has ended once (0 before).
  std::int64_t loop_frames() const { return loop_frames_; }

 private:
  void start();
  void stop();
  // The next decoded frame into current_; false at the end of the clip.
  bool pull_next();

  std::filesystem::path file_;
  cv::Size frame_size_;
  int fps_;
  gst::ElementPtr pipeline_;
  gst::ElementPtr convert_;  // decodebin's video pad is linked here once it appears
  gst::ElementPtr sink_;
  gst::BusPtr bus_;
  GstVideoInfo info_{};
  I420Image current_;
  std::int64_t played_ = 0;       // frames of this pass pulled so far
  std::int64_t loop_frames_ = 0;  // frames in one pass, once known
  std::int64_t shown_ = -1;       // the frame number (of the scene) in current_
};

}  // namespace reelflow::compositor
