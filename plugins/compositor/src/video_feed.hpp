#pragma once
// Feeds rendered frames into the pipeline's video appsrc on demand: on each
// need-data the next frame is drawn straight into a pooled I420 buffer and pushed
// with its timestamp; after the last frame, EOS. Runs on the appsrc's streaming
// thread, so drawing overlaps with encoding downstream.
#include "frame_renderer.hpp"

#include <reelflow/gst_ptr.hpp>
#include <reelflow/stage_context.hpp>

#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>

#include <atomic>
#include <cstdint>
#include <string>

namespace reelflow::compositor {

class VideoFeed {
 public:
  VideoFeed(StageContext& ctx, FrameRenderer& renderer, int fps, std::int64_t frame_count);
  ~VideoFeed();
  VideoFeed(const VideoFeed&) = delete;
  VideoFeed& operator=(const VideoFeed&) = delete;

  // The frames this feed produces (I420, BT.709, the frame size and rate).
  const GstVideoInfo& info() const { return info_; }
  // Configures `appsrc` and starts answering its need-data calls. `in_segment`: the
  // appsrc is in a stream segment the runtime runs (`compose`): the stage's progress is
  // the share of frames pushed (nothing else measures it there) and a cancel just stops
  // feeding (the runtime stops the segment and calls it cancelled). Otherwise
  // (`compositor`'s own pipeline) a cancel posts an error that ends run_pipeline.
  void attach(GstElement* appsrc, bool in_segment = false);

  std::int64_t frames_pushed() const { return next_frame_; }
  // The first error a callback met (exceptions cannot cross into GStreamer).
  const std::string& error() const { return error_; }

 private:
  static void on_need_data(GstAppSrc* src, guint length, gpointer self);
  void push_next(GstAppSrc* src);

  StageContext& ctx_;
  FrameRenderer& renderer_;
  int fps_;
  std::int64_t frame_count_;
  bool in_segment_ = false;
  std::atomic<std::int64_t> next_frame_{0};
  GstVideoInfo info_{};
  gst::CapsPtr caps_;
  gst::ObjectPtr<GstBufferPool> pool_;
  std::string error_;
};

}  // namespace reelflow::compositor
