#include "stream/stream_stats.hpp"

#include <gst/gst.h>

#include <algorithm>

namespace reelflow::framework {
namespace {

GstPadProbeReturn count_buffers(GstPad*, GstPadProbeInfo* info, gpointer data) {
  auto* counters = static_cast<PadCounters*>(data);
  GstBuffer* last = nullptr;
  std::uint64_t n = 0;
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
    last = GST_PAD_PROBE_INFO_BUFFER(info);
    n = 1;
  } else if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST) {
    GstBufferList* list = GST_PAD_PROBE_INFO_BUFFER_LIST(info);
    n = gst_buffer_list_length(list);
    if (n > 0) last = gst_buffer_list_get(list, static_cast<guint>(n - 1));
  }
  counters->buffers.fetch_add(n, std::memory_order_relaxed);
  if (last && GST_BUFFER_PTS_IS_VALID(last))
    counters->last_pts.store(static_cast<std::int64_t>(GST_BUFFER_PTS(last)), std::memory_order_relaxed);
  return GST_PAD_PROBE_OK;
}

void probe(GstPad* pad, PadCounters& counters) {
  gst_pad_add_probe(pad, static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST),
                    count_buffers, &counters, nullptr);
}

void probe_element_pad(GstElement* element, const char* name, PadCounters& counters) {
  if (GstPad* pad = gst_element_get_static_pad(element, name)) {
    probe(pad, counters);
    gst_object_unref(pad);
  }
}

}  // namespace

StreamStatsProbes::StreamStatsProbes(std::size_t members) : members_(members) {}

StreamStatsProbes::~StreamStatsProbes() {
  for (auto& m : members_)
    for (auto& q : m.queues) gst_object_unref(q.queue);
}

void StreamStatsProbes::watch_pad(std::size_t member, GstPad* pad, bool input) {
  auto& list = input ? members_[member].inputs : members_[member].outputs;
  probe(pad, list.emplace_back());
}

void StreamStatsProbes::watch_queue(std::size_t member, GstElement* queue) {
  QueueWatch& watch = members_[member].queues.emplace_back();
  watch.queue = GST_ELEMENT(gst_object_ref(queue));
  probe_element_pad(queue, "sink", watch.in);
  probe_element_pad(queue, "src", watch.out);
}

StreamStats StreamStatsProbes::sample(std::size_t member) {
  Member& m = members_[member];
  StreamStats stats;
  // Frames per second on the stage's first output (a sink's: its first input).
  const auto& main_port = m.outputs.empty() ? m.inputs : m.outputs;
  const std::uint64_t buffers = main_port.empty() ? 0 : main_port.front().buffers.load(std::memory_order_relaxed);
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - m.last_sample).count();
  if (seconds > 0) stats.fps = static_cast<double>(buffers - m.buffers_at_last_sample) / seconds;
  m.buffers_at_last_sample = buffers;
  m.last_sample = now;

  double waiting_ms = 0.0;
  for (auto& q : m.queues) {
    guint64 level_time = 0, max_time = 0;
    guint level_buffers = 0, max_buffers = 0, leaky = 0;
    g_object_get(q.queue, "current-level-time", &level_time, "max-size-time", &max_time, "current-level-buffers",
                 &level_buffers, "max-size-buffers", &max_buffers, "leaky", &leaky, nullptr);
    waiting_ms = std::max(waiting_ms, static_cast<double>(level_time) / 1e6);
    double fill = 0.0;
    if (max_time > 0) fill = std::max(fill, static_cast<double>(level_time) / static_cast<double>(max_time));
    if (max_buffers > 0) fill = std::max(fill, static_cast<double>(level_buffers) / max_buffers);
    stats.queue_fill = std::max(stats.queue_fill, std::min(fill, 1.0));
    if (leaky != 0) {  // what went in and neither came out nor waits was dropped
      const auto in = q.in.buffers.load(std::memory_order_relaxed);
      const auto out = q.out.buffers.load(std::memory_order_relaxed);
      if (in > out + level_buffers) stats.dropped += in - out - level_buffers;
    }
  }
  // The stage's own lag: how far its output's stream time trails its input's.
  double lag_ms = 0.0;
  if (!m.inputs.empty() && !m.outputs.empty()) {
    const auto in_pts = m.inputs.front().last_pts.load(std::memory_order_relaxed);
    const auto out_pts = m.outputs.front().last_pts.load(std::memory_order_relaxed);
    if (in_pts >= 0 && out_pts >= 0 && in_pts > out_pts) lag_ms = static_cast<double>(in_pts - out_pts) / 1e6;
  }
  stats.latency_ms = waiting_ms + lag_ms;
  return stats;
}

}  // namespace reelflow::framework
