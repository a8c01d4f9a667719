#include "stream_facts.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/gst.h>

#include <algorithm>
#include <mutex>

namespace reelflow::testing {
namespace {

struct Collect {
  std::mutex mutex;
  VideoStreamFacts facts;
  GstClockTime first = GST_CLOCK_TIME_NONE;
  GstClockTime end = 0;
  GstElement* pipeline = nullptr;
  std::vector<GstClockTime> keyframe_pts;
};

GstPadProbeReturn on_buffer(GstPad*, GstPadProbeInfo* info, gpointer data) {
  auto* c = static_cast<Collect*>(data);
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  std::lock_guard lock(c->mutex);
  if (!GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT) && GST_BUFFER_PTS_IS_VALID(buffer))
    c->keyframe_pts.push_back(GST_BUFFER_PTS(buffer));
  ++c->facts.frames;
  c->facts.bytes += static_cast<long long>(gst_buffer_get_size(buffer));
  if (GST_BUFFER_PTS_IS_VALID(buffer)) {
    const GstClockTime pts = GST_BUFFER_PTS(buffer);
    if (c->first == GST_CLOCK_TIME_NONE || pts < c->first) c->first = pts;
    const GstClockTime end = pts + (GST_BUFFER_DURATION_IS_VALID(buffer) ? GST_BUFFER_DURATION(buffer) : 0);
    if (end > c->end) c->end = end;
  }
  return GST_PAD_PROBE_OK;
}

// Each parsed stream goes to a fakesink; the video one is counted.
void on_pad(GstElement*, GstPad* pad, gpointer data) {
  auto* c = static_cast<Collect*>(data);
  GstElement* sink = gst_element_factory_make("fakesink", nullptr);
  // Not async: one demuxer thread feeds every sink, so none may block in preroll.
  g_object_set(sink, "sync", FALSE, "async", FALSE, nullptr);
  gst_bin_add(GST_BIN(c->pipeline), sink);
  gst::PadPtr sink_pad(gst_element_get_static_pad(sink, "sink"));
  gst::CapsPtr caps(gst_pad_query_caps(pad, nullptr));
  const GstStructure* s = caps && !gst_caps_is_empty(caps.get()) ? gst_caps_get_structure(caps.get(), 0) : nullptr;
  if (s && g_str_has_prefix(gst_structure_get_name(s), "video/")) {
    gst::CharPtr text(gst_caps_to_string(caps.get()));
    std::lock_guard lock(c->mutex);
    c->facts.caps = gst::to_string(text);
    gst_pad_add_probe(sink_pad.get(), GST_PAD_PROBE_TYPE_BUFFER, on_buffer, c, nullptr);
  }
  gst_pad_link(pad, sink_pad.get());
  gst_element_sync_state_with_parent(sink);
}

}  // namespace

std::optional<VideoStreamFacts> video_stream_facts(const std::filesystem::path& file, std::string* error) {
  gst_init(nullptr, nullptr);
  Collect c;
  auto pipeline = gst::adopt_floating(gst_pipeline_new("facts"));
  c.pipeline = pipeline.get();
  GstElement* src = gst_element_factory_make("filesrc", nullptr);
  GstElement* parse = gst_element_factory_make("parsebin", nullptr);
  g_object_set(src, "location", file.c_str(), nullptr);
  gst_bin_add_many(GST_BIN(pipeline.get()), src, parse, nullptr);
  gst_element_link(src, parse);
  g_signal_connect(parse, "pad-added", G_CALLBACK(on_pad), &c);
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  gst::BusPtr bus(gst_element_get_bus(pipeline.get()));
  gst::MessagePtr msg(gst_bus_timed_pop_filtered(bus.get(), 60 * GST_SECOND,
                                                 static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  if (!msg || GST_MESSAGE_TYPE(msg.get()) != GST_MESSAGE_EOS) {
    if (error) *error = msg ? "parse error in " + file.string() : "no EOS parsing " + file.string();
    return std::nullopt;
  }
  std::lock_guard lock(c.mutex);
  if (c.first != GST_CLOCK_TIME_NONE) c.facts.duration_s = static_cast<double>(c.end - c.first) / GST_SECOND;
  std::sort(c.keyframe_pts.begin(), c.keyframe_pts.end());
  for (GstClockTime pts : c.keyframe_pts) c.facts.keyframe_s.push_back(static_cast<double>(pts - c.first) / GST_SECOND);
  return c.facts;
}

}  // namespace reelflow::testing
