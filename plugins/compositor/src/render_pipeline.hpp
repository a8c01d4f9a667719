#pragma once
// The encoding graph:
//   appsrc(video, I420) [-> textoverlay -> caption-blend] -> queue -> x264enc -> h264 high ┐
//   appsrc(audio, F32)  -> audioconvert -> avenc_aac ─────────────────────────────────────┴-> mp4mux -> filesink
// Frames and samples come from VideoFeed / AudioFeed; the elements do the rest.
#include "render_settings.hpp"

#include <reelflow/gst_ptr.hpp>

#include <filesystem>

namespace reelflow::compositor {

class RenderPipeline {
 public:
  // Throws std::runtime_error naming any element that is not installed.
  RenderPipeline(const RenderSettings& settings, const std::filesystem::path& output_file);

  GstElement* pipeline() const { return pipeline_.get(); }
  GstElement* video_source() const { return video_source_.get(); }
  GstElement* audio_source() const { return audio_source_.get(); }
  // nullptr when captions are off.
  GstElement* caption_overlay() const { return caption_overlay_.get(); }
  // Where finished frames (captions drawn) enter the encoder branch.
  GstElement* encoder_queue() const { return encoder_queue_.get(); }

 private:
  gst::ElementPtr pipeline_;
  gst::ElementPtr video_source_;
  gst::ElementPtr audio_source_;
  gst::ElementPtr caption_overlay_;
  gst::ElementPtr encoder_queue_;
};

}  // namespace reelflow::compositor
