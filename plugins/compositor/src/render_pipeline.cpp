#include "render_pipeline.hpp"

#include "caption_blend.hpp"
#include "caption_style.hpp"
#include "gst_elements.hpp"

#include <algorithm>

namespace reelflow::compositor {
namespace {

void configure_video_encoder(GstElement* encoder, const RenderSettings& s) {
  gst_util_set_object_arg(G_OBJECT(encoder), "speed-preset", s.speed_preset.c_str());
  // A keyframe every 2 s: quick seeking and what upload platforms recommend.
  g_object_set(encoder, "key-int-max", static_cast<guint>(2 * s.fps), "threads", 0u, nullptr);
  if (s.bitrate_kbps > 0) {
    gst_util_set_object_arg(G_OBJECT(encoder), "pass", "cbr");
    g_object_set(encoder, "bitrate", static_cast<guint>(s.bitrate_kbps), nullptr);
  } else {
    gst_util_set_object_arg(G_OBJECT(encoder), "pass", "qual");  // quantizer acts as CRF
    // In this mode `bitrate` is the VBV cap; its 2 Mbit/s default starves Ken Burns
    // motion at 1080p, so allow ~0.2 bit per pixel (12 Mbit/s at 1080x1920@30).
    const double cap_kbps = 0.2 * s.width * s.height * s.fps / 1000.0;
    g_object_set(encoder, "quantizer", static_cast<guint>(s.crf), "bitrate",
                 static_cast<guint>(std::max(2048.0, cap_kbps)), nullptr);
  }
}

}  // namespace

RenderPipeline::RenderPipeline(const RenderSettings& s, const std::filesystem::path& output_file) {
  pipeline_ = gst::adopt_floating(gst_pipeline_new("compositor-render"));
  GstElement* bin = pipeline_.get();

  // Create every element first so a missing plugin is reported before anything runs.
  video_source_ = make_element("appsrc", "video-source");
  encoder_queue_ = make_element("queue", "video-queue");
  auto video_encoder = make_element("x264enc", "video-encoder");
  auto video_caps = make_element("capsfilter", "video-profile");
  auto video_parse = make_element("h264parse", "video-parse");
  audio_source_ = make_element("appsrc", "audio-source");
  auto audio_convert = make_element("audioconvert", "audio-convert");
  auto audio_encoder = make_element("avenc_aac", "audio-encoder");
  auto audio_queue = make_element("queue", "audio-queue");
  auto muxer = make_element("mp4mux", "muxer");
  auto sink = make_element("filesink", "file-sink");
  if (s.captions != CaptionMode::None) caption_overlay_ = make_element("textoverlay", "captions");

  if (caption_overlay_) configure_caption_overlay(caption_overlay_.get(), s);
  // Frames are big: bound the queue by count so rendering runs only a little ahead.
  g_object_set(encoder_queue_.get(), "max-size-buffers", 6u, "max-size-bytes", 0u, "max-size-time", guint64{0},
               nullptr);
  configure_video_encoder(video_encoder.get(), s);
  gst::CapsPtr h264(gst_caps_from_string("video/x-h264,profile=high"));
  g_object_set(video_caps.get(), "caps", h264.get(), nullptr);
  g_object_set(audio_encoder.get(), "bitrate", s.audio_bitrate, nullptr);
  g_object_set(audio_queue.get(), "max-size-buffers", 0u, "max-size-bytes", 0u, "max-size-time",
               guint64{4} * GST_SECOND, nullptr);
  // moov first, so players can start before the whole file has arrived.
  g_object_set(muxer.get(), "faststart", TRUE, nullptr);
  g_object_set(sink.get(), "location", output_file.c_str(), nullptr);

  add_elements(bin, {video_source_.get(), encoder_queue_.get(), video_encoder.get(), video_caps.get(),
                     video_parse.get(), audio_source_.get(), audio_convert.get(), audio_encoder.get(),
                     audio_queue.get(), muxer.get(), sink.get()});
  if (caption_overlay_) {
    add_elements(bin, {caption_overlay_.get()});
    link_burnt_in_captions(bin, video_source_.get(), caption_overlay_.get(), encoder_queue_.get());
  } else {
    link_chain({video_source_.get(), encoder_queue_.get()});
  }
  link_chain({encoder_queue_.get(), video_encoder.get(), video_caps.get(), video_parse.get(), muxer.get(), sink.get()});
  link_chain({audio_source_.get(), audio_convert.get(), audio_encoder.get(), audio_queue.get(), muxer.get()});
}

}  // namespace reelflow::compositor
