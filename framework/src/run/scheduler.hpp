#pragma once
// Runs a validated graph: stages in dependency order, independent ones at the
// same time on up to `jobs` threads. The first failure stops the others; a
// cancel request does the same. Events go to the callback as they happen.
#include "graph/execution_plan.hpp"
#include "run/event.hpp"
#include "run/run_options.hpp"

#include <atomic>

namespace reelflow::framework {

class Scheduler {
 public:
  Scheduler(const ExecutionPlan& plan, RunOptions options, EventCallback events);

  // Blocks until every started stage has returned. `cancel` may be set from any thread.
  RunResult run(const std::atomic<bool>& cancel);

 private:
  const ExecutionPlan& plan_;
  RunOptions options_;
  EventCallback events_;
};

std::string make_run_id();

}  // namespace reelflow::framework
