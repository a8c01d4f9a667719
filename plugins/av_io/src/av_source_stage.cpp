#include "av_source_stage.hpp"

#include "av_elements.hpp"
#include "source_location.hpp"

#include <filesystem>

namespace reelflow::av_io {
namespace {

std::string video_caps(const ParamSet& p) {
  return "video/x-raw,format=I420,width=" + std::to_string(p.integer("width")) + ",height=" +
         std::to_string(p.integer("height")) + ",framerate=" + std::to_string(p.integer("fps")) +
         "/1,pixel-aspect-ratio=1/1";
}

std::string audio_caps(const ParamSet& p) {
  return "audio/x-raw,format=" + p.str("audio_format") + ",rate=48000,channels=2,layout=interleaved";
}

bool pad_is(GstPad* pad, const char* media_prefix) {
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  if (!caps) caps.reset(gst_pad_query_caps(pad, nullptr));
  return caps && gst_caps_get_size(caps.get()) > 0 &&
         g_str_has_prefix(gst_structure_get_name(gst_caps_get_structure(caps.get(), 0)), media_prefix);
}

bool linked(GstElement* element) {
  gst::PadPtr pad(gst_element_get_static_pad(element, "sink"));
  return pad && gst_pad_is_linked(pad.get());
}

// A queue in `bin` (GStreamer's default bounds) feeding `next`.
GstElement* queue_before(GstElement* bin, GstElement* next, const char* name) {
  GstElement* queue = add_element(bin, "queue", name);
  link_chain({queue, next});
  return queue;
}

}  // namespace

void AvSource::setup(StageSpec& spec) {
  spec.describe("A test pattern, a media file or an RTSP/SRT/RTMP stream as raw video and audio streams");
  spec.input("file", types::file,
             "a media file made by an earlier stage (a `video` output connects too); when connected it is the "
             "source, decoded like a file path, and `source` must stay `test`")
      .optional();
  spec.stream_output("video", "video/x-raw", "the pictures, at the width, height and fps the params fix (I420)");
  spec.stream_output("audio", "audio/x-raw", "the sound, 48 kHz stereo; silence when `audio` is false");
  spec.param("source", "test", "'test' (a test pattern and a 440 Hz tone), a file path, or an rtsp://, srt:// or rtmp:// URL");
  spec.param("kind", "auto", "what `source` is; auto: from its form (test, an rtsp/srt/rtmp URL's scheme, else a file)")
      .one_of({"auto", "test", "file", "rtsp", "srt", "rtmp"});
  spec.param("width", 1280, "output width").range(16, 7680);
  spec.param("height", 720, "output height").range(16, 4320);
  spec.param("fps", 30, "output frame rate").range(1, 240);
  spec.param("audio", true, "use the source's audio (it must have some); false: the audio output carries silence");
  spec.param("audio_format", "S16LE", "sample format of the audio output").one_of({"S16LE", "F32LE"});
  spec.param("live", false, "play a file at real time; make the test source live (network sources always are)");
  spec.param("duration_s", 0.0, "end each output with EOS after this much of its media; 0: until the source ends")
      .range(0, 86400);
  spec.param("reconnect_attempts", 5, "network: reconnects in a row before the stage fails").range(0, 1000);
  spec.param("reconnect_backoff_ms", 500, "network: wait before the first reconnect; doubles per failure (16x at most)")
      .range(10, 600000);
  spec.param("silence_s", 10.0,
             "network: a connection that delivers nothing for this long (from its start or its last frame) counts "
             "as lost")
      .range(0.5, 3600);
  spec.trust("source", ParamTrust::Path);
  // A confined run gets the network exactly for a network source: a declared kind,
  // or (kind: auto) the resolved source's scheme. kind_mismatch refuses the rest.
  spec.uses_network_when("kind", {"rtsp", "srt", "rtmp"});
  spec.uses_network_when("source", network_source_patterns());
  spec.not_cacheable();
}

void AvSource::check(const CheckContext& context, CheckReport& report) {
  const auto& p = context.params();
  if (auto problem = kind_mismatch(p.str("kind"), p.str("source"))) report.error("kind", *problem);
  if (!context.input_type("file").empty() && (p.str("source") != "test" || p.str("kind") != "auto"))
    // At the param that was set, so the error points at the line to delete.
    report.error(p.str("source") != "test" ? "source" : "kind",
                 "the 'file' input is connected: it is the source, so leave 'source' and 'kind' unset");
}

void AvSource::stream_caps(const ParamSet& params, StreamCaps& caps) {
  caps.set("video", video_caps(params));
  caps.set("audio", audio_caps(params));
}

Status AvSource::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  source_ = p.str("source");
  SourceKind kind = kind_of_source(source_);
  if (const Value* input = context.input("file")) {  // a value stage's file, decoded like a path
    const std::optional<std::filesystem::path> file = file_of(*input);
    if (!file) return Status::error("av_source: input 'file' carries no file");
    source_ = file->string();
    kind = SourceKind::File;
  }
  // Only a file needs pacing here: the test source and network sources are live themselves.
  build_outputs(p, bin, kind == SourceKind::File && p.flag("live"));
  if (kind == SourceKind::Test) build_test(p, bin);
  else if (is_network(kind)) build_network(p, bin, source_);
  else if (Status s = build_file(p, bin); !s) return s;
  return Status::ok();
}

void AvSource::build_outputs(const ParamSet& p, GstElement* bin, bool pace) {
  GstElement* vconvert = add_element(bin, "videoconvert", "vconvert");
  GstElement* vscale = add_element(bin, "videoscale", "vscale");
  GstElement* vrate = add_element(bin, "videorate", "vrate");
  GstElement* vcaps = add_element(bin, "capsfilter", "vcaps");
  set_caps(vcaps, video_caps(p));
  link_chain({vconvert, vscale, vrate, vcaps});
  GstElement* aconvert = add_element(bin, "audioconvert", "aconvert");
  GstElement* aresample = add_element(bin, "audioresample", "aresample");
  GstElement* acaps = add_element(bin, "capsfilter", "acaps");
  set_caps(acaps, audio_caps(p));
  link_chain({aconvert, aresample, acaps});
  video_in_ = vconvert;
  audio_in_ = aconvert;
  if (pace) {
    // identity sync=true waits for each buffer's time on the pipeline clock.
    GstElement* vpace = add_element(bin, "identity", "vpace");
    GstElement* apace = add_element(bin, "identity", "apace");
    g_object_set(vpace, "sync", TRUE, nullptr);
    g_object_set(apace, "sync", TRUE, nullptr);
    link_chain({vpace, vconvert});
    link_chain({apace, aconvert});
    video_in_ = vpace;
    audio_in_ = apace;
  }
  add_ghost(bin, vcaps, "src", "video");
  add_ghost(bin, acaps, "src", "audio");
  if (const double limit = p.number("duration_s"); limit > 0) {
    for (GstElement* out : {vcaps, acaps}) {
      gst::PadPtr pad(gst_element_get_static_pad(out, "src"));
      limits_.push_back(std::make_unique<DurationLimit>(pad.get(), limit));
    }
  }
}

GstElement* AvSource::add_silence(const ParamSet&, GstElement* bin, bool live) {
  GstElement* silence = add_element(bin, "audiotestsrc", "silence");
  gst_util_set_object_arg(G_OBJECT(silence), "wave", "silence");
  g_object_set(silence, "is-live", live ? TRUE : FALSE, nullptr);
  link_chain({silence, audio_in_});
  silence_.reset(GST_ELEMENT(gst_object_ref(silence)));
  return silence;
}

void AvSource::build_test(const ParamSet& p, GstElement* bin) {
  const bool live = p.flag("live");
  GstElement* pattern = add_element(bin, "videotestsrc", "pattern");
  g_object_set(pattern, "is-live", live ? TRUE : FALSE, nullptr);
  link_chain({pattern, video_in_});
  if (!p.flag("audio")) {
    add_silence(p, bin, live);
    return;
  }
  GstElement* tone = add_element(bin, "audiotestsrc", "tone");
  g_object_set(tone, "is-live", live ? TRUE : FALSE, "freq", 440.0, "volume", 0.3, nullptr);
  link_chain({tone, audio_in_});
}

void AvSource::build_network(const ParamSet& p, GstElement* bin, const std::string& url) {
  GstElement* video = add_element(bin, "appsrc", "network_video");
  link_chain({video, video_in_});
  GstElement* audio = nullptr;
  if (p.flag("audio")) {
    audio = add_element(bin, "appsrc", "network_audio");
    link_chain({audio, audio_in_});
  } else {
    add_silence(p, bin, true);
  }
  ReceiverOptions options;
  options.url = url;
  options.audio = audio != nullptr;
  options.attempts = static_cast<int>(p.integer("reconnect_attempts"));
  options.backoff_ms = static_cast<int>(p.integer("reconnect_backoff_ms"));
  options.silence_s = p.number("silence_s");
  receiver_ = std::make_unique<NetworkReceiver>(std::move(options), video, audio);
  receiver_->start();
}

Status AvSource::build_file(const ParamSet& p, GstElement* bin) {
  std::error_code ec;
  const auto path = std::filesystem::absolute(source_, ec);
  if (ec || !std::filesystem::is_regular_file(path, ec))
    return Status::error("av_source: no such file: " + path.string());
  gst::CharPtr uri(gst_filename_to_uri(path.c_str(), nullptr));
  decoder_ = add_element(bin, "uridecodebin", "decode");
  gst::CapsPtr wanted(gst_caps_from_string("video/x-raw; audio/x-raw"));
  g_object_set(decoder_, "uri", uri.get(), "caps", wanted.get(), nullptr);
  g_signal_connect(decoder_, "pad-added", G_CALLBACK(&AvSource::on_decoded_pad), this);
  g_signal_connect(decoder_, "no-more-pads", G_CALLBACK(&AvSource::on_no_more_pads), this);
  // A queue after each decoded stream: the decoder and the conversion run on their own
  // threads (the decoder's multiqueue would otherwise also convert and scale each frame):
  // 1.15x gst-launch's wall time without it, 1.0x with it. Its default bounds (10 MB:
  // three 1080p frames) matter: four frames starve the decoder's buffer pool, and every
  // frame is then allocated anew (5x the page faults, +25 % CPU).
  video_in_ = queue_before(bin, video_in_, "vdecoded");
  if (p.flag("audio")) {
    audio_in_ = queue_before(bin, audio_in_, "adecoded");
  } else {
    GstElement* silence = add_silence(p, bin, p.flag("live"));
    // The silence ends with the file's video, so muxers downstream can finish.
    gst::PadPtr vout(gst_element_get_static_pad(video_in_, "src"));
    gst_pad_add_probe(vout.get(), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, &AvSource::on_video_eos, silence, nullptr);
    audio_in_ = nullptr;
  }
  return Status::ok();
}

void AvSource::on_decoded_pad(GstElement*, GstPad* pad, gpointer self_ptr) {
  auto* self = static_cast<AvSource*>(self_ptr);
  GstElement* target = pad_is(pad, "video/") ? self->video_in_ : pad_is(pad, "audio/") ? self->audio_in_ : nullptr;
  if (!target || linked(target)) {  // a second track, subtitles, or audio when `audio` is off
    gst::ObjectPtr<GstObject> bin(gst_element_get_parent(self->decoder_));
    drain_pad(GST_ELEMENT(bin.get()), pad);
    return;
  }
  gst::PadPtr sink(gst_element_get_static_pad(target, "sink"));
  if (GST_PAD_LINK_FAILED(gst_pad_link(pad, sink.get())))
    post_error(self->decoder_, "av_source: cannot use a decoded stream of " + self->source_);
}

void AvSource::on_no_more_pads(GstElement*, gpointer self_ptr) {
  auto* self = static_cast<AvSource*>(self_ptr);
  if (!linked(self->video_in_)) post_error(self->decoder_, "av_source: " + self->source_ + " has no video stream");
  else if (self->audio_in_ && !linked(self->audio_in_))
    post_error(self->decoder_, "av_source: " + self->source_ + " has no audio stream (set audio: false for silence)");
}

GstPadProbeReturn AvSource::on_video_eos(GstPad*, GstPadProbeInfo* info, gpointer silence) {
  if (GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_EOS)
    gst_element_send_event(GST_ELEMENT(silence), gst_event_new_eos());
  return GST_PAD_PROBE_OK;
}

}  // namespace reelflow::av_io
