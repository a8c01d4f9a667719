#pragma once
// A stage: one node of a graph. The runtime creates one instance per graph node
// and run, calls process() once with the node's context, then destroys it.
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/status.hpp>

namespace reelflow {

class Stage {
 public:
  virtual ~Stage() = default;
  virtual Status process(StageContext& context) = 0;
};

}  // namespace reelflow
