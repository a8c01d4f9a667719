#include "stream/segment_runner.hpp"

#include "run/stage_context_impl.hpp"
#include "stream/emit_queue.hpp"
#include "stream/port_caps.hpp"
#include "stream/segment_bus.hpp"
#include "stream/segment_pipeline.hpp"
#include "stream/sink_bins.hpp"
#include "stream/stream_stats.hpp"

#include "plugins/stage_registry.hpp"
#include "run/pipeline_runner.hpp"
#include "run/secret_redactor.hpp"

#include <reelflow/stream_stage.hpp>

#include <gst/gst.h>

#include <memory>

namespace reelflow::framework {
namespace {

// One member while the segment runs: its stage, context and declared caps.
struct Member {
  std::unique_ptr<StageContextImpl> context;
  std::unique_ptr<Stage> stage;
  StreamStage* stream = nullptr;
  std::unique_ptr<StageCaps> caps;
};

template <class F> Status guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::error(e.what());
  } catch (...) {
    return Status::error("the stage threw an unknown exception");
  }
}

// Caps a bin sends must fit what its port declared: a stage error at once, not a
// silent renegotiation further down.
struct CapsGuard {
  std::shared_ptr<GstCaps> declared;
  std::string port;
  std::string declared_text;
  GstElement* bin = nullptr;
};

GstPadProbeReturn check_caps_event(GstPad*, GstPadProbeInfo* info, gpointer data) {
  GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
  if (GST_EVENT_TYPE(event) != GST_EVENT_CAPS) return GST_PAD_PROBE_OK;
  const auto* guard = static_cast<const CapsGuard*>(data);
  GstCaps* caps = nullptr;
  gst_event_parse_caps(event, &caps);
  if (gst_caps_can_intersect(caps, guard->declared.get())) return GST_PAD_PROBE_OK;
  gst::CharPtr sent(gst_caps_to_string(caps));
  const std::string text = "port '" + guard->port + "' sent caps " + gst::to_string(sent) +
                           ", outside what it declared: " + guard->declared_text;
  GError* error = g_error_new_literal(GST_STREAM_ERROR, GST_STREAM_ERROR_WRONG_TYPE, text.c_str());
  gst_element_post_message(guard->bin, gst_message_new_error(GST_OBJECT(guard->bin), error, nullptr));
  g_error_free(error);
  return GST_PAD_PROBE_DROP;
}

}  // namespace

SegmentJob segment_job(const StreamSegment& segment,
                       const std::function<StageJob(std::size_t stage)>& make_job) {
  SegmentJob job;
  std::map<std::size_t, std::size_t> member_of;
  for (auto stage : segment.stages) {
    member_of[stage] = job.members.size();
    job.members.push_back(make_job(stage));
  }
  for (const auto& e : segment.edges) {
    job.edges.push_back({member_of.at(e.from), e.from_port, member_of.at(e.to), e.to_port, e.queue});
    job.members[member_of.at(e.from)].connected_streams.insert(e.from_port);
    job.members[member_of.at(e.to)].connected_streams.insert(e.to_port);
  }
  job.name = "segment:" + job.members.front().id;
  return job;
}

SegmentResult run_segment(const SegmentJob& job, const std::atomic<bool>& stop, const SegmentCallbacks& callbacks) {
  ensure_gstreamer_initialized();
  const std::size_t n = job.members.size();
  SegmentResult result;
  result.members.resize(n);
  for (auto& r : result.members) r.attempts = 1;
  auto fail = [&](std::size_t m, const std::string& message) {
    result.members[m].status = Status::error(redact(message, job.members[m].secrets));
    if (!result.failed) result.failed = m;
  };

  // The earliest of the members' timeouts bounds the segment.
  std::optional<SegmentBus::Clock::time_point> deadline;
  for (const auto& m : job.members)
    if (m.timeout_s) {
      auto t = SegmentBus::Clock::now() + std::chrono::duration_cast<SegmentBus::Clock::duration>(
                                              std::chrono::duration<double>(*m.timeout_s));
      if (!deadline || t < *deadline) deadline = t;
    }

  EmitQueue emits([&](std::size_t m, const std::string& port, const Value& value) {
    if (callbacks.emitted) callbacks.emitted(m, port, value);
  });
  StreamStatsProbes stats(n);
  std::vector<Member> members(n);
  std::vector<std::unique_ptr<CapsGuard>> guards;
  std::optional<SegmentPipeline> pipeline;
  try {
    pipeline.emplace(job.name, n);
  } catch (const std::exception& e) {
    fail(0, e.what());
    return result;
  }

  for (std::size_t m = 0; m < n && !result.failed; ++m) {
    const StageJob& sj = job.members[m];
    if (std::error_code ec; !std::filesystem::create_directories(sj.work_dir, ec) && ec) {
      fail(m, "cannot create the stage's work dir " + sj.work_dir.string() + ": " + ec.message());
      break;
    }
    Member& member = members[m];
    member.context = std::make_unique<StageContextImpl>(
        sj, stop, std::nullopt,
        [&, m](double f, const std::string& msg) {
          if (callbacks.report) callbacks.report(m, EventKind::StageProgress, f, msg);
        },
        [&, m](const std::string& port, const Value& value) { emits.push(m, port, value); });
    GstElement* bin = pipeline->add_member_bin(m, sj.id);
    Status built = guarded([&] {
      member.stage = sj.type->instantiate();
      member.stream = member.stage ? member.stage->as_stream() : nullptr;
      if (!member.stream) return Status::error("its type declares stream ports but its plugin made no stream stage");
      member.caps = std::make_unique<StageCaps>(*sj.type, *sj.params, sj.id);
      Status status = member.stream->build(*member.context, bin);
      flag_bins_holding_sinks(bin);  // a sub-bin filled after it joined still counts toward EOS
      return status;
    });
    if (built) built = guarded([&] { return pipeline->check_ports(m, sj.type->spec, stats); });
    if (!built) fail(m, built.message());
  }
  if (!result.failed) {
    std::vector<const StageSpec*> specs;
    std::vector<std::string> ids;
    for (const auto& m : job.members) {
      specs.push_back(&m.type->spec);
      ids.push_back(m.id);
    }
    Status linked = guarded([&] { return pipeline->link(specs, ids, job.edges, job.attachments, stats); });
    if (!linked) fail(0, linked.message());
  }
  if (!result.failed)
    for (std::size_t m = 0; m < n; ++m)
      for (const auto& port : job.members[m].type->spec.outputs()) {
        if (!port.is_stream()) continue;
        PortCaps declared = members[m].caps->output(port.name);
        if (!declared.caps) continue;
        auto& guard = guards.emplace_back(
            std::make_unique<CapsGuard>(CapsGuard{declared.caps, port.name, declared.text, pipeline->member_bin(m)}));
        gst::PadPtr pad(gst_element_get_static_pad(pipeline->member_bin(m), port.name.c_str()));
        gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, check_caps_event, guard.get(), nullptr);
      }

  if (!result.failed) {
    SegmentBus bus(pipeline->pipeline(), stop, deadline);
    SegmentEnd end = bus.play([&] {
      for (std::size_t m = 0; m < n; ++m)
        if (callbacks.stats) callbacks.stats(m, stats.sample(m));
    });
    if (end.error) {
      const auto culprit = pipeline->member_of(end.error->source.get());
      const std::size_t m = culprit.value_or(0);
      fail(m, (culprit ? "" : "segment " + job.name + ": ") + end.error->text);
    }
    result.stopped = end.stopped;
    result.timed_out = end.timed_out;
    if (end.timed_out && !result.failed) {
      // Whose timeout: the member with the smallest one.
      std::size_t m = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (job.members[i].timeout_s && (!job.members[m].timeout_s || *job.members[i].timeout_s < *job.members[m].timeout_s))
          m = i;
      fail(m, "timed out after " + std::to_string(*job.members[m].timeout_s) + " s");
    }
  }
  emits.drain();  // what the stages emitted while playing comes before their outputs

  // finish() only after a clean end (every sink reached EOS), while the pipeline
  // still holds its last state, so a stage may read its elements.
  const bool clean = !result.failed && !result.stopped;
  for (std::size_t m = 0; m < n; ++m) {
    if (!members[m].context) continue;
    if (clean) {
      Status finished = guarded([&] { return members[m].stream->finish(*members[m].context); });
      if (finished) {
        auto outputs = members[m].context->take_outputs();
        finished = check_value_outputs(job.members[m].type->spec, outputs, job.members[m].output_schemas);
        if (finished) result.members[m].outputs = std::move(outputs);
      }
      if (!finished) fail(m, finished.message());
    } else if (result.members[m].status && !(result.failed && *result.failed == m)) {
      result.members[m].status = Status::error(result.failed ? "stopped: stage '" + job.members[*result.failed].id + "' failed"
                                                              : "stopped");
    }
  }
  gst_element_set_state(pipeline->pipeline(), GST_STATE_NULL);
  emits.drain();
  if (emits.dropped() > 0 && callbacks.report)
    callbacks.report(0, EventKind::StageProgress, 1.0, std::to_string(emits.dropped()) + " emitted values dropped (consumer too slow)");
  return result;
}

}  // namespace reelflow::framework
