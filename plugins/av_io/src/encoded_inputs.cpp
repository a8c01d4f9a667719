#include "encoded_inputs.hpp"

#include "av_elements.hpp"

#include <reelflow/gst_ptr.hpp>

#include <stdexcept>

namespace reelflow::av_io {
namespace {

void link_to_request_pad(GstElement* from, GstElement* mux, const char* templ) {
  gst::PadPtr request(gst_element_request_pad_simple(mux, templ));
  if (!request) throw std::runtime_error(std::string("the muxer has no request pad ") + templ);
  gst::PadPtr src(gst_element_get_static_pad(from, "src"));
  if (GST_PAD_LINK_FAILED(gst_pad_link(src.get(), request.get())))
    throw std::runtime_error(std::string("cannot link ") + GST_ELEMENT_NAME(from) + " to the muxer's " + templ);
}

}  // namespace

void declare_encoded_inputs(StageSpec& spec, bool opus_allowed) {
  spec.stream_input("video", "video/x-h264", "encoded video (H.264)");
  spec.stream_input("audio", opus_allowed ? "audio/mpeg; audio/x-opus" : "audio/mpeg",
                    opus_allowed ? "encoded audio (AAC or Opus)" : "encoded audio (AAC)")
      .optional();
  if (opus_allowed) spec.param("audio_codec", "aac", "the audio input's codec").one_of({"aac", "opus"});
  spec.param("audio", true, "whether `audio` is connected (false: a video-only stream)");
}

void check_encoded_inputs(const CheckContext& context, CheckReport& report) {
  const bool connected = !context.input_type("audio").empty();
  const bool wanted = context.params().flag("audio");
  if (wanted && !connected) report.error("audio", "the audio input is not connected: connect it or set audio: false");
  if (!wanted && connected) report.error("audio", "audio: false, but the audio input is connected");
}

void encoded_input_caps(const ParamSet& params, StreamCaps& caps, bool opus_allowed) {
  caps.set("audio", opus_allowed && params.str("audio_codec") == "opus" ? "audio/x-opus" : "audio/mpeg,mpegversion=4");
}

GstElement* connect_encoded_inputs(const ParamSet& params, GstElement* bin, GstElement* mux, const char* video_template,
                                   const char* audio_template) {
  // h264parse converts to what the muxer wants (avc for MP4/FLV, byte-stream for TS) and marks keyframes.
  GstElement* parse = add_element(bin, "h264parse", "vparse");
  link_to_request_pad(parse, mux, video_template);
  add_ghost(bin, parse, "sink", "video");
  if (params.flag("audio")) {
    // The parser turns AAC into what each muxer takes (raw for MP4/FLV, ADTS for TS).
    const bool opus = params.has("audio_codec") && params.str("audio_codec") == "opus";
    GstElement* audio = add_element(bin, opus ? "opusparse" : "aacparse", "aparse");
    link_to_request_pad(audio, mux, audio_template);
    add_ghost(bin, audio, "sink", "audio");
  } else {
    gst_element_add_pad(bin, gst_ghost_pad_new_no_target("audio", GST_PAD_SINK));
  }
  return parse;
}

bool is_plain_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

}  // namespace reelflow::av_io
