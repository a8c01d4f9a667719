#include "gst_frame_source.hpp"

#include "mapped_video_frame.hpp"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include <chrono>

namespace reelflow::scene_segmenter {
namespace {

// A decoder that produces nothing for this long is stuck (or the file is not media).
constexpr auto kFrameTimeout = std::chrono::seconds(30);
// decodebin drops a demuxer's error when it comes while the demuxer is still being
// plugged (a race, seen with qtdemux on an MP4 without its index), leaving a
// pipeline that never exposes a stream and never reports why. A local file that
// shows no stream at all for this long is treated as having none.
constexpr auto kFirstStreamTimeout = std::chrono::seconds(5);
constexpr GstClockTime kPollInterval = 100 * GST_MSECOND;

gst::ElementPtr make_element(const char* factory, const char* name) {
  return gst::adopt_floating(gst_element_factory_make(factory, name));
}

bool is_video_pad(GstPad* pad) {
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  if (!caps) caps.reset(gst_pad_query_caps(pad, nullptr));
  if (!caps || gst_caps_get_size(caps.get()) == 0) return false;
  const char* media = gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
  return g_str_has_prefix(media, "video/");
}

}  // namespace

std::unique_ptr<GstFrameSource> GstFrameSource::open(const std::filesystem::path& file, std::string* error) {
  if (!gst_is_initialized()) gst_init(nullptr, nullptr);
  std::unique_ptr<GstFrameSource> source(new GstFrameSource());
  if (!source->build(file)) {
    *error = source->error_;
    return nullptr;
  }
  if (gst_element_set_state(source->pipeline_.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    std::string bus_error = source->take_bus_error();
    *error = bus_error.empty() ? "GStreamer cannot start decoding it" : bus_error;
    return nullptr;
  }
  source->pending_ = source->pull();
  if (!source->pending_) {
    *error = source->error_.empty() ? "it holds no video frames" : source->error_;
    return nullptr;
  }
  GstVideoInfo info;
  if (!gst_video_info_from_caps(&info, gst_sample_get_caps(source->pending_.get())) || GST_VIDEO_INFO_FPS_N(&info) <= 0 ||
      GST_VIDEO_INFO_FPS_D(&info) <= 0) {
    *error = "its video stream has no fixed frame rate (a still image?)";
    return nullptr;
  }
  source->fps_ = static_cast<double>(GST_VIDEO_INFO_FPS_N(&info)) / GST_VIDEO_INFO_FPS_D(&info);
  gint64 duration = 0;
  if (gst_element_query_duration(source->pipeline_.get(), GST_FORMAT_TIME, &duration) && duration > 0)
    source->expected_frames_ = static_cast<std::int64_t>(static_cast<double>(duration) / GST_SECOND * source->fps_ + 0.5);
  return source;
}

bool GstFrameSource::build(const std::filesystem::path& file) {
  GError* raw_error = nullptr;
  gst::CharPtr uri(gst_filename_to_uri(std::filesystem::absolute(file).c_str(), &raw_error));
  gst::ErrorPtr uri_error(raw_error);
  if (!uri) {
    error_ = std::string("cannot make a URI of it: ") + (uri_error ? uri_error->message : "unknown error");
    return false;
  }
  pipeline_ = gst::adopt_floating(gst_pipeline_new("shot-detect-decoder"));
  gst::ElementPtr decoder = make_element("uridecodebin", "decoder");
  convert_ = make_element("videoconvert", "convert");
  sink_ = make_element("appsink", "frames");
  if (!pipeline_ || !decoder || !convert_ || !sink_) {
    error_ = "GStreamer elements uridecodebin, videoconvert or appsink are missing";
    return false;
  }
  g_object_set(decoder.get(), "uri", uri.get(), nullptr);
  gst::CapsPtr bgr(gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "BGR", nullptr));
  g_object_set(sink_.get(), "caps", bgr.get(), "sync", FALSE, "max-buffers", 4u, "drop", FALSE,
               "enable-last-sample", FALSE, nullptr);
  gst_bin_add_many(GST_BIN(pipeline_.get()), decoder.get(), convert_.get(), sink_.get(), nullptr);
  if (!gst_element_link(convert_.get(), sink_.get())) {
    error_ = "cannot link videoconvert to appsink";
    return false;
  }
  g_signal_connect(decoder.get(), "pad-added", G_CALLBACK(&GstFrameSource::on_pad_added), this);
  g_signal_connect(decoder.get(), "no-more-pads", G_CALLBACK(&GstFrameSource::on_no_more_pads), this);
  bus_.reset(gst_element_get_bus(pipeline_.get()));
  return true;
}

GstFrameSource::~GstFrameSource() {
  // Stops the streaming threads before the members they use go away.
  if (pipeline_) gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
}

void GstFrameSource::on_pad_added(GstElement*, GstPad* pad, gpointer self) {
  static_cast<GstFrameSource*>(self)->route_pad(pad);
}

void GstFrameSource::on_no_more_pads(GstElement*, gpointer self) {
  static_cast<GstFrameSource*>(self)->all_pads_added_ = true;
}

void GstFrameSource::route_pad(GstPad* pad) {
  any_pad_added_ = true;
  if (is_video_pad(pad) && !video_linked_.exchange(true)) {
    gst::PadPtr convert_input(gst_element_get_static_pad(convert_.get(), "sink"));
    gst_pad_link(pad, convert_input.get());
    return;
  }
  // Audio, subtitles or a second video stream: drained so they cannot block the first.
  gst::ElementPtr drain = make_element("fakesink", nullptr);
  if (!drain) return;
  g_object_set(drain.get(), "sync", FALSE, "async", FALSE, nullptr);
  gst_bin_add(GST_BIN(pipeline_.get()), drain.get());
  gst_element_sync_state_with_parent(drain.get());
  gst::PadPtr drain_input(gst_element_get_static_pad(drain.get(), "sink"));
  gst_pad_link(pad, drain_input.get());
}

gst::SamplePtr GstFrameSource::pull() {
  const auto started = std::chrono::steady_clock::now();
  GstAppSink* appsink = GST_APP_SINK(sink_.get());
  while (true) {
    if (GstSample* sample = gst_app_sink_try_pull_sample(appsink, kPollInterval)) return gst::SamplePtr(sample);
    if (gst_app_sink_is_eos(appsink)) return nullptr;
    if (std::string bus_error = take_bus_error(); !bus_error.empty()) {
      error_ = bus_error;
      return nullptr;
    }
    if (all_pads_added_ && !video_linked_) {
      error_ = "it has no video stream";
      return nullptr;
    }
    const auto waited = std::chrono::steady_clock::now() - started;
    if (!any_pad_added_ && waited > kFirstStreamTimeout) {
      error_ = "GStreamer found no playable stream in it (corrupt or incomplete file?)";
      return nullptr;
    }
    if (waited > kFrameTimeout) {
      error_ = "no frame was decoded within 30 s";
      return nullptr;
    }
  }
}

std::string GstFrameSource::take_bus_error() {
  // Other messages (state changes, tags...) are dropped so they do not pile up.
  gst::MessagePtr message;
  do {
    message.reset(gst_bus_pop(bus_.get()));
  } while (message && GST_MESSAGE_TYPE(message.get()) != GST_MESSAGE_ERROR);
  if (!message) return {};
  GError* raw_error = nullptr;
  gchar* raw_debug = nullptr;
  gst_message_parse_error(message.get(), &raw_error, &raw_debug);
  gst::ErrorPtr error(raw_error);
  gst::CharPtr debug(raw_debug);
  std::string element = GST_MESSAGE_SRC(message.get()) ? GST_OBJECT_NAME(GST_MESSAGE_SRC(message.get())) : "pipeline";
  std::string text = element + ": " + (error ? error->message : "unknown error");
  if (debug) text += std::string(" (") + debug.get() + ")";
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

bool GstFrameSource::read(cv::Mat& bgr) {
  gst::SamplePtr sample = pending_ ? std::move(pending_) : pull();
  if (!sample) return false;
  GstVideoInfo info;
  if (!gst_video_info_from_caps(&info, gst_sample_get_caps(sample.get()))) {
    error_ = "decoded frame has unreadable caps";
    return false;
  }
  MappedVideoFrame frame(&info, gst_sample_get_buffer(sample.get()));
  if (!frame.ok()) {
    error_ = "cannot map a decoded frame";
    return false;
  }
  frame.view().copyTo(bgr);
  return true;
}

}  // namespace reelflow::scene_segmenter
