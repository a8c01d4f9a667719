#include "network_receiver.hpp"

#include "av_elements.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace reelflow::av_io {

NetworkReceiver::NetworkReceiver(ReceiverOptions options, GstElement* video_src, GstElement* audio_src)
    : options_(std::move(options)),
      video_src_(GST_ELEMENT(gst_object_ref(video_src))),
      audio_src_(audio_src ? GST_ELEMENT(gst_object_ref(audio_src)) : nullptr) {
  video_link_.appsrc = video_src;
  audio_link_.appsrc = audio_src;
  for (GstElement* src : {video_src, audio_src}) {
    if (!src) continue;
    gst_util_set_object_arg(G_OBJECT(src), "format", "time");
    gst_util_set_object_arg(G_OBJECT(src), "leaky-type", "downstream");
    g_object_set(src, "is-live", TRUE, "do-timestamp", TRUE, "max-buffers", static_cast<guint64>(64), nullptr);
  }
}

NetworkReceiver::~NetworkReceiver() {
  {
    std::lock_guard lock(mutex_);
    state_ = State::Stopping;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NetworkReceiver::start() { thread_ = std::thread([this] { loop(); }); }

void NetworkReceiver::loop() {
  int failures = 0;
  while (true) {
    received_ = false;
    got_audio_pad_ = false;
    got_video_pad_ = false;
    pipeline_ = build_pipeline();
    last_buffer_ = std::chrono::steady_clock::now().time_since_epoch().count();
    if (gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
      drop("cannot start receiving");
    const bool stopping = !wait_while_running();
    std::unique_lock lock(mutex_);
    const std::string why = last_error_;
    lock.unlock();
    gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
    pipeline_.reset();
    if (stopping) return;

    failures = received_ ? 1 : failures + 1;  // a connection that delivered starts the count again
    if (failures > options_.attempts) {
      post_error(video_src_.get(), "av_source: cannot receive from " + options_.url + " (gave up after " +
                                       std::to_string(options_.attempts) + " reconnect attempts): " + why);
      return;
    }
    const int wait_ms = options_.backoff_ms * (1 << std::min(failures - 1, 4));
    lock.lock();
    if (changed_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { return state_ == State::Stopping; })) return;
    state_ = State::Running;
  }
}

bool NetworkReceiver::wait_while_running() {
  using Clock = std::chrono::steady_clock;
  const auto silence = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.silence_s));
  std::unique_lock lock(mutex_);
  while (!changed_.wait_for(lock, std::chrono::milliseconds(100), [&] { return state_ != State::Running; })) {
    if (Clock::now() - Clock::time_point(Clock::duration(last_buffer_.load())) < silence) continue;
    state_ = State::Dropped;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", options_.silence_s);
    last_error_ = std::string("nothing received for ") + seconds + " s";
  }
  return state_ != State::Stopping;
}

gst::ElementPtr NetworkReceiver::build_pipeline() {
  gst::ElementPtr pipeline = gst::adopt_floating(gst_pipeline_new("av_source_network"));
  GstElement* decoder = add_element(pipeline.get(), "uridecodebin", "receive");
  gst::CapsPtr caps(gst_caps_from_string("video/x-raw; audio/x-raw"));
  g_object_set(decoder, "uri", options_.url.c_str(), "caps", caps.get(), nullptr);
  g_signal_connect(decoder, "pad-added", G_CALLBACK(&NetworkReceiver::on_pad_added), this);
  g_signal_connect(decoder, "no-more-pads", G_CALLBACK(&NetworkReceiver::on_no_more_pads), this);
  g_signal_connect(decoder, "source-setup", G_CALLBACK(&NetworkReceiver::on_source_setup), this);
  gst::BusPtr bus(gst_pipeline_get_bus(GST_PIPELINE(pipeline.get())));
  gst_bus_set_sync_handler(bus.get(), &NetworkReceiver::on_message, this, nullptr);
  return pipeline;
}

void NetworkReceiver::drop(const std::string& why) {
  {
    std::lock_guard lock(mutex_);
    if (state_ != State::Running) return;
    state_ = State::Dropped;
    last_error_ = why;
  }
  changed_.notify_all();
}

GstBusSyncReply NetworkReceiver::on_message(GstBus*, GstMessage* message, gpointer self_ptr) {
  auto* self = static_cast<NetworkReceiver*>(self_ptr);
  if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
    GError* error = nullptr;
    gst_message_parse_error(message, &error, nullptr);
    self->drop(error ? error->message : "unknown error");
    if (error) g_error_free(error);
  } else if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS) {
    self->drop("the stream ended");
  }
  gst_message_unref(message);
  return GST_BUS_DROP;
}

void NetworkReceiver::on_source_setup(GstElement*, GstElement* source, gpointer) {
  // Over TCP a peer that goes away is noticed at once (UDP would wait for a timeout).
  if (g_object_class_find_property(G_OBJECT_GET_CLASS(source), "protocols"))
    gst_util_set_object_arg(G_OBJECT(source), "protocols", "tcp");
  if (g_object_class_find_property(G_OBJECT_GET_CLASS(source), "latency")) g_object_set(source, "latency", 200u, nullptr);
}

void NetworkReceiver::on_pad_added(GstElement* decoder, GstPad* pad, gpointer self_ptr) {
  auto* self = static_cast<NetworkReceiver*>(self_ptr);
  gst::CapsPtr caps(gst_pad_query_caps(pad, nullptr));
  const bool video = caps && gst_caps_get_size(caps.get()) > 0 &&
                     g_str_has_prefix(gst_structure_get_name(gst_caps_get_structure(caps.get(), 0)), "video/");
  Link* link = video ? &self->video_link_ : &self->audio_link_;
  gst::ObjectPtr<GstObject> pipeline(gst_element_get_parent(decoder));
  const bool audio = !video && caps && gst_caps_get_size(caps.get()) > 0 &&
                     g_str_has_prefix(gst_structure_get_name(gst_caps_get_structure(caps.get(), 0)), "audio/");
  if (!link->appsrc || !(video || audio) || (video && self->got_video_pad_) || (audio && self->got_audio_pad_)) {
    drain_pad(GST_ELEMENT(pipeline.get()), pad);
    return;
  }
  (video ? self->got_video_pad_ : self->got_audio_pad_) = true;
  GstElement* sink = gst_element_factory_make("appsink", nullptr);
  g_object_set(sink, "sync", FALSE, "max-buffers", 8u, "drop", TRUE, nullptr);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = &NetworkReceiver::on_sample;
  gst_app_sink_set_callbacks(GST_APP_SINK(sink), &callbacks, link, nullptr);
  gst_bin_add(GST_BIN(pipeline.get()), sink);
  gst::PadPtr sink_pad(gst_element_get_static_pad(sink, "sink"));
  gst_pad_link(pad, sink_pad.get());
  gst_element_sync_state_with_parent(sink);
}

void NetworkReceiver::on_no_more_pads(GstElement*, gpointer self_ptr) {
  auto* self = static_cast<NetworkReceiver*>(self_ptr);
  if (self->audio_src_ && !self->got_audio_pad_)
    self->drop("the stream has no audio (set audio: false for a video-only source)");
}

GstFlowReturn NetworkReceiver::on_sample(GstAppSink* appsink, gpointer link_ptr) {
  const auto* link = static_cast<const Link*>(link_ptr);
  GstSample* sample = gst_app_sink_pull_sample(appsink);
  if (!sample) return GST_FLOW_EOS;
  link->self->received_ = true;
  link->self->last_buffer_ = std::chrono::steady_clock::now().time_since_epoch().count();
  // The appsrc stamps it on arrival: the peer's clock restarts on every connection.
  GstBuffer* buffer = gst_buffer_copy(gst_sample_get_buffer(sample));
  GST_BUFFER_PTS(buffer) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS(buffer) = GST_CLOCK_TIME_NONE;
  if (GstCaps* caps = gst_sample_get_caps(sample)) gst_app_src_set_caps(GST_APP_SRC(link->appsrc), caps);
  gst_sample_unref(sample);
  gst_app_src_push_buffer(GST_APP_SRC(link->appsrc), buffer);
  return GST_FLOW_OK;
}

}  // namespace reelflow::av_io
