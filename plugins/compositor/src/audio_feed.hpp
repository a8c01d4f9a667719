#pragma once
// Feeds the soundtrack into the pipeline's audio appsrc: on each need-data the mixer
// mixes the next chunk straight into a fresh buffer, which is pushed with its
// timestamp; after the last chunk, EOS. Runs on the appsrc's streaming thread.
#include "soundtrack_mixer.hpp"

#include <reelflow/gst_ptr.hpp>
#include <reelflow/stage_context.hpp>

#include <gst/app/gstappsrc.h>

#include <string>

namespace reelflow::compositor {

class AudioFeed {
 public:
  // A multiple of the mixer's gain grid; ~85 ms at 48 kHz.
  static constexpr std::size_t kChunkFrames = 4096;

  // `mixer` must outlive the pipeline run.
  AudioFeed(StageContext& ctx, SoundtrackMixer& mixer, int rate, int channels);

  // `in_segment`: as VideoFeed::attach (a cancel stops feeding instead of posting an error).
  void attach(GstElement* appsrc, bool in_segment = false);

  // The first error a callback met (exceptions cannot cross into GStreamer).
  const std::string& error() const { return error_; }

 private:
  static void on_need_data(GstAppSrc* src, guint length, gpointer self);
  void push_next(GstAppSrc* src);

  StageContext& ctx_;
  SoundtrackMixer& mixer_;
  int rate_;
  int channels_;
  gst::CapsPtr caps_;
  std::string error_;
  bool in_segment_ = false;
};

}  // namespace reelflow::compositor
