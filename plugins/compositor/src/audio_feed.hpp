#pragma once
// Feeds the mixed soundtrack into the pipeline's audio appsrc in timestamped
// chunks that point into the soundtrack's memory (no copies), then EOS.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/stage_context.hpp>

#include <gst/app/gstappsrc.h>

#include <vector>

namespace reelflow::compositor {

class AudioFeed {
 public:
  static constexpr std::size_t kChunkFrames = 4096;

  // `samples` (interleaved F32) must outlive the pipeline run.
  AudioFeed(StageContext& ctx, const std::vector<float>& samples, int rate, int channels);

  void attach(GstElement* appsrc);

 private:
  static void on_need_data(GstAppSrc* src, guint length, gpointer self);
  void push_next(GstAppSrc* src);

  StageContext& ctx_;
  const std::vector<float>& samples_;
  int rate_;
  int channels_;
  std::size_t next_frame_ = 0;
  gst::CapsPtr caps_;
};

}  // namespace reelflow::compositor
