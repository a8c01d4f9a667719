#include "stream/segment_pipeline.hpp"

#include <gst/gst.h>

#include <map>
#include <set>
#include <stdexcept>

namespace reelflow::framework {
namespace {

gst::PadPtr static_pad(GstElement* element, const std::string& name) {
  return gst::PadPtr(gst_element_get_static_pad(element, name.c_str()));
}

Status link_pads(GstPad* from, GstPad* to, const std::string& what) {
  const GstPadLinkReturn linked = gst_pad_link(from, to);
  if (linked == GST_PAD_LINK_OK) return Status::ok();
  return Status::error("cannot link " + what + ": " + gst_pad_link_get_name(linked));
}

void apply_policy(GstElement* queue, const QueuePolicy& policy) {
  const int leaky = policy.leaky == QueueLeaky::Upstream ? 1 : policy.leaky == QueueLeaky::Downstream ? 2 : 0;
  g_object_set(queue, "max-size-time", static_cast<guint64>(policy.max_time_ms) * GST_MSECOND, "max-size-buffers",
               static_cast<guint>(policy.max_buffers), "max-size-bytes", 0u, "leaky", leaky, nullptr);
}

}  // namespace

SegmentPipeline::SegmentPipeline(const std::string& name, std::size_t members)
    : pipeline_(gst::adopt_floating(gst_pipeline_new(name.c_str()))), bins_(members, nullptr) {
  if (!pipeline_) throw std::runtime_error("cannot create a GstPipeline");
}

GstElement* SegmentPipeline::make(const char* factory, const std::string& name) {
  GstElement* element = gst_element_factory_make(factory, name.c_str());
  if (!element) throw std::runtime_error(std::string("the GStreamer element '") + factory + "' is not installed");
  gst_bin_add(GST_BIN(pipeline_.get()), element);
  return element;
}

GstElement* SegmentPipeline::add_member_bin(std::size_t member, const std::string& stage_id) {
  GstElement* bin = gst_bin_new(("stage:" + stage_id).c_str());
  gst_bin_add(GST_BIN(pipeline_.get()), bin);
  bins_[member] = bin;
  return bin;
}

Status SegmentPipeline::check_ports(std::size_t member, const StageSpec& spec, StreamStatsProbes& stats) {
  for (const auto* ports : {&spec.inputs(), &spec.outputs()})
    for (const auto& port : *ports) {
      if (!port.is_stream()) continue;
      auto pad = static_pad(bins_[member], port.name);
      const bool input = ports == &spec.inputs();
      if (!pad)
        return Status::error("its bin has no pad '" + port.name + "' (a ghost pad named after each stream port)");
      if (gst_pad_get_direction(pad.get()) != (input ? GST_PAD_SINK : GST_PAD_SRC))
        return Status::error("its pad '" + port.name + "' should be a " + (input ? "sink" : "src") + " pad");
      stats.watch_pad(member, pad.get(), input);
    }
  return Status::ok();
}

Status SegmentPipeline::link(const std::vector<const StageSpec*>& specs, const std::vector<std::string>& ids,
                             const std::vector<SegmentEdge>& edges, const std::vector<PortAttachment>& attachments,
                             StreamStatsProbes& stats) {
  // Readers of each output: the edges leaving it and the host's sinks attached to it.
  struct Reader {
    GstPad* sink = nullptr;  // borrowed: a member's ghost pad or an attached element's pad
    std::string name;
    const QueuePolicy* policy = nullptr;
    std::optional<std::size_t> member;
  };
  std::map<std::pair<std::size_t, std::string>, std::vector<Reader>> readers;
  std::vector<gst::PadPtr> held;  // keeps the borrowed pads alive while linking
  const QueuePolicy default_policy;
  for (const auto& e : edges) {
    held.push_back(static_pad(bins_[e.to], e.to_port));
    readers[{e.from, e.from_port}].push_back(
        {held.back().get(), ids[e.from] + "." + e.from_port + ">" + ids[e.to] + "." + e.to_port, &e.queue, e.to});
  }
  for (const auto& a : attachments) {
    const PortSpec* out = specs[a.member]->find_output(a.port);
    // The host keeps its reference (a floating one becomes a normal one it owns);
    // the bin adds the run's own, dropped when the pipeline goes.
    if (g_object_is_floating(a.element)) gst_object_ref_sink(a.element);
    if (!gst_bin_add(GST_BIN(pipeline_.get()), a.element))
      return Status::error("cannot attach the host's element to '" + ids[a.member] + "." + a.port +
                           "': it is in another bin, or its name is taken");
    if (out) {
      held.push_back(static_pad(a.element, "sink"));
      readers[{a.member, a.port}].push_back({held.back().get(), ids[a.member] + "." + a.port + ">host", &default_policy, {}});
    } else {  // a source for an input: linked straight to the member's ghost pad through a queue
      GstElement* queue = make("queue", "queue:host>" + ids[a.member] + "." + a.port);
      auto src = static_pad(a.element, "src");
      auto queue_sink = static_pad(queue, "sink");
      auto queue_src = static_pad(queue, "src");
      auto to = static_pad(bins_[a.member], a.port);
      if (!src || !to) return Status::error("cannot attach to '" + ids[a.member] + "." + a.port + "'");
      if (Status ok = link_pads(src.get(), queue_sink.get(), "the host's source"); !ok) return ok;
      if (Status ok = link_pads(queue_src.get(), to.get(), "the host's source to " + ids[a.member] + "." + a.port); !ok)
        return ok;
    }
  }

  // An input nothing feeds gets a source that ends at once: a sink behind it
  // would otherwise wait for data forever and hold the segment open.
  std::set<std::pair<std::size_t, std::string>> fed;
  for (const auto& e : edges) fed.insert({e.to, e.to_port});
  for (const auto& a : attachments) fed.insert({a.member, a.port});
  for (std::size_t m = 0; m < bins_.size(); ++m)
    for (const auto& port : specs[m]->inputs()) {
      if (!port.is_stream() || fed.count({m, port.name})) continue;
      GstElement* empty = make("fakesrc", "unfed:" + ids[m] + "." + port.name);
      g_object_set(empty, "num-buffers", 0, nullptr);
      auto src = static_pad(empty, "src");
      auto to = static_pad(bins_[m], port.name);
      if (Status ok = link_pads(src.get(), to.get(), ids[m] + "." + port.name + " (unfed)"); !ok) return ok;
    }

  for (std::size_t m = 0; m < bins_.size(); ++m)
    for (const auto& port : specs[m]->outputs()) {
      if (!port.is_stream()) continue;
      auto src = static_pad(bins_[m], port.name);
      auto& list = readers[{m, port.name}];
      const std::string from = ids[m] + "." + port.name;
      if (list.empty()) {  // nothing reads it: drained, so it never blocks the stage
        GstElement* sink = make("fakesink", "unread:" + from);
        g_object_set(sink, "sync", FALSE, "async", FALSE, nullptr);
        auto sink_pad = static_pad(sink, "sink");
        if (Status ok = link_pads(src.get(), sink_pad.get(), from + " (unread)"); !ok) return ok;
        continue;
      }
      GstPad* feed = src.get();
      gst::PadPtr tee_src;
      GstElement* tee = nullptr;
      if (list.size() > 1) {  // fan-out: one tee, a queue per branch; a branch gone does not stall the others
        tee = make("tee", "tee:" + from);
        g_object_set(tee, "allow-not-linked", TRUE, nullptr);
        auto tee_sink = static_pad(tee, "sink");
        if (Status ok = link_pads(src.get(), tee_sink.get(), from + " to its tee"); !ok) return ok;
      }
      for (const auto& reader : list) {
        GstElement* queue = make("queue", "queue:" + reader.name);
        apply_policy(queue, *reader.policy);
        if (reader.member) stats.watch_queue(*reader.member, queue);
        auto queue_sink = static_pad(queue, "sink");
        auto queue_src = static_pad(queue, "src");
        if (tee) {
          tee_src.reset(gst_element_request_pad_simple(tee, "src_%u"));
          feed = tee_src.get();
        }
        if (Status ok = link_pads(feed, queue_sink.get(), reader.name); !ok) return ok;
        if (Status ok = link_pads(queue_src.get(), reader.sink, reader.name); !ok) return ok;
      }
    }
  return Status::ok();
}

std::optional<std::size_t> SegmentPipeline::member_of(GstObject* object) const {
  if (!object) return std::nullopt;
  GstObject* current = GST_OBJECT(gst_object_ref(object));
  while (current) {
    for (std::size_t m = 0; m < bins_.size(); ++m)
      if (current == GST_OBJECT(bins_[m])) {
        gst_object_unref(current);
        return m;
      }
    GstObject* parent = gst_object_get_parent(current);
    gst_object_unref(current);
    current = parent;
  }
  return std::nullopt;
}

}  // namespace reelflow::framework
