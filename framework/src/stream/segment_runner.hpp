#pragma once
// Runs one segment: the stream stages it holds, fused into one GstPipeline with
// one bus and one clock (docs/architecture.md, "Streams"). Each stage builds its
// bin; the runtime links the bins with a queue per edge (a tee where an output
// feeds several inputs), plays the pipeline, attributes bus errors to the stage
// whose bin holds the element, reports stats once a second, and ends on EOS from
// every sink, on error, or on stop (EOS first, so files get their index, then
// NULL after at most a second).
#include "graph/execution_plan.hpp"
#include "run/stage_runner.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

typedef struct _GstElement GstElement;

namespace reelflow::framework {

// A stream edge between two members of the segment (indices into SegmentJob::members).
struct SegmentEdge {
  std::size_t from = 0;
  std::string from_port;
  std::size_t to = 0;
  std::string to_port;
  QueuePolicy queue;
};

// A host's own element on a member's stream port (an appsink on an output, an
// appsrc on an unconnected input): linked like one more edge.
struct PortAttachment {
  std::size_t member = 0;
  std::string port;
  GstElement* element = nullptr;  // the host keeps its reference; the segment adds its own
};

struct SegmentJob {
  std::vector<StageJob> members;
  std::vector<SegmentEdge> edges;
  std::vector<PortAttachment> attachments;
  std::string name;  // for the pipeline and messages
};

struct SegmentCallbacks {
  // StageProgress / StageRetrying of one member.
  std::function<void(std::size_t member, EventKind, double, const std::string&)> report;
  // A value a member emitted (delivered on the segment's own thread, in order).
  std::function<void(std::size_t member, const std::string& port, const Value& value)> emitted;
  std::function<void(std::size_t member, const StreamStats& stats)> stats;
};

struct SegmentResult {
  std::vector<StageJobResult> members;  // each member's status and value outputs
  // The member whose failure ended the segment (its status holds the error);
  // the others were stopped with it.
  std::optional<std::size_t> failed;
  bool stopped = false;  // ended by `stop` (a cancel or a failure elsewhere), not by EOS
  bool timed_out = false;
};

SegmentResult run_segment(const SegmentJob& job, const std::atomic<bool>& stop, const SegmentCallbacks& callbacks);

// The segment job for a plan's `segment` (the members' StageJobs made by `make_job`).
SegmentJob segment_job(const StreamSegment& segment,
                       const std::function<StageJob(std::size_t stage)>& make_job);

}  // namespace reelflow::framework
