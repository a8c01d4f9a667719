#include "output_watcher.hpp"

namespace reelflow::gst_launch {

OutputWatcher::OutputWatcher(GstElement* sink) {
  gst::PadPtr sink_pad(gst_element_get_static_pad(sink, "sink"));
  gst::PadPtr upstream_src(sink_pad ? gst_pad_get_peer(sink_pad.get()) : nullptr);
  gst::ObjectPtr<GstElement> upstream(upstream_src ? gst_pad_get_parent_element(upstream_src.get()) : nullptr);
  if (!upstream) return;
  std::lock_guard lock(mutex_);
  GST_OBJECT_LOCK(upstream.get());
  for (GList* l = GST_ELEMENT_CAST(upstream.get())->sinkpads; l; l = l->next) {
    Watched w;
    w.pad.reset(GST_PAD_CAST(gst_object_ref(l->data)));
    watched_.push_back(std::move(w));
  }
  GST_OBJECT_UNLOCK(upstream.get());
  // The vector does not grow from here on: the probes keep pointers into it.
  for (auto& w : watched_)
    w.probe = gst_pad_add_probe(w.pad.get(),
                                static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
                                &OutputWatcher::on_data, this, nullptr);
}

OutputWatcher::~OutputWatcher() {
  for (auto& w : watched_)
    if (w.probe) gst_pad_remove_probe(w.pad.get(), w.probe);
}

GstPadProbeReturn OutputWatcher::on_data(GstPad* pad, GstPadProbeInfo* info, gpointer self) {
  auto* watcher = static_cast<OutputWatcher*>(self);
  std::lock_guard lock(watcher->mutex_);
  for (auto& w : watcher->watched_)
    if (w.pad.get() == pad) watcher->observe(w, info);
  return GST_PAD_PROBE_OK;
}

void OutputWatcher::observe(Watched& w, GstPadProbeInfo* info) {
  if (GST_PAD_PROBE_INFO_TYPE(info) & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) {
    GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
    if (GST_EVENT_TYPE(event) != GST_EVENT_CAPS) return;
    GstCaps* caps = nullptr;
    gst_event_parse_caps(event, &caps);
    const GstStructure* s = caps ? gst_caps_get_structure(caps, 0) : nullptr;
    if (!s || !g_str_has_prefix(gst_structure_get_name(s), "video/")) return;
    w.is_video = gst_structure_get_int(s, "width", &w.facts.width) && gst_structure_get_int(s, "height", &w.facts.height);
    int num = 0, den = 1;
    if (gst_structure_get_fraction(s, "framerate", &num, &den) && den > 0) w.facts.fps = static_cast<double>(num) / den;
    return;
  }
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  const GstClockTime pts = GST_BUFFER_PTS(buffer);
  if (!GST_CLOCK_TIME_IS_VALID(pts)) return;
  const GstClockTime end = pts + (GST_BUFFER_DURATION_IS_VALID(buffer) ? GST_BUFFER_DURATION(buffer) : 0);
  if (!GST_CLOCK_TIME_IS_VALID(w.first) || pts < w.first) w.first = pts;
  if (!GST_CLOCK_TIME_IS_VALID(w.end) || end > w.end) w.end = end;
}

std::optional<WrittenVideo> OutputWatcher::video() const {
  std::lock_guard lock(mutex_);
  for (const auto& w : watched_) {
    if (!w.is_video || !GST_CLOCK_TIME_IS_VALID(w.first)) continue;
    WrittenVideo v = w.facts;
    v.duration_s = static_cast<double>(w.end - w.first) / GST_SECOND;
    return v;
  }
  return std::nullopt;
}

}  // namespace reelflow::gst_launch
