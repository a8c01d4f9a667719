#pragma once
// A stage: one node of a graph. The runtime creates one instance per graph node
// and run. A value stage's process() runs once with the node's context; a stream
// stage (stream_stage.hpp) contributes elements to its segment's pipeline instead.
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/status.hpp>

namespace reelflow {

class StreamStage;

class Stage {
 public:
  virtual ~Stage() = default;
  virtual Status process(StageContext& context) = 0;
  // Since SDK 2.0: the stage as a stream stage, or nullptr (no RTTI crosses the
  // plugin boundary, so the runtime asks).
  virtual StreamStage* as_stream() { return nullptr; }
};

}  // namespace reelflow
