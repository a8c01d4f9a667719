#pragma once
// The parent side of a confined run: prepares the child's sandbox (Landlock
// ruleset, seccomp filter, limits, environment, scratch HOME and TMPDIR),
// starts it, feeds its events to the callback, cancels it on request
// (SIGTERM, then SIGKILL after the grace period), and makes the RunResult,
// also when the child crashed or was killed. The child is a warm spare when
// one fits the run (spare.hpp), else started for it (cold).
#include "sandbox/confined_protocol.hpp"
#include "sandbox/graph_needs.hpp"
#include "sandbox/spare_pool.hpp"

#include "run/event.hpp"

#include <reelflow/confinement.hpp>

#include <atomic>
#include <memory>

namespace reelflow::framework::sandbox {

struct ConfinedRunSpec {
  ConfinedRequest request;
  GraphNeeds needs;
  Confinement confinement;
  // Where the run takes a warm spare from and starts the next one; null: always
  // a cold child (Confinement::warm_spare off). Held to the run's end: the
  // pool's thread is the parent thread of the spare the run took.
  std::shared_ptr<SparePool> spares;
};

// Blocks until the child has ended and is reaped; call it on the run's own
// thread (the child dies with the thread that started it).
RunResult run_confined(ConfinedRunSpec spec, const std::atomic<bool>& cancel, const EventCallback& events);

}  // namespace reelflow::framework::sandbox
