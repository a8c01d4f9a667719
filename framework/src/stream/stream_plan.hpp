#pragma once
// Streams in a validated plan: the stream edges (with their queue policies), caps
// checked along each before anything runs, and the segments they form: maximal
// sets of stream stages connected by stream edges, each run as one GstPipeline.
#include "graph/diagnostic.hpp"
#include "graph/execution_plan.hpp"

namespace reelflow::framework {

// Fills plan.segments and each stream stage's `segment`; reports bad caps, queue
// policies on value edges, and value paths that leave a segment and come back
// into it (the segment would wait for itself).
void plan_stream_segments(ExecutionPlan& plan, Diagnostics& diagnostics);

}  // namespace reelflow::framework
